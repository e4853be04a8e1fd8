"""Evaluation: run ``discover`` on one labelled log and score it against its ground truth.

Events come from ``taskmine.importers.import_file`` when that is available (the product's own
reader) and from this package's minimal CSV reader otherwise; either way ``event_id`` is the
0-based data-row number, which is how predictions are joined to the truth.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from discovery import DiscoveryParameters, discover
from taskmine.domain.events import Event
from taskmine.domain.results import DiscoveryResult
from taskmine.evaluation.csv_loader import load_csv_events
from taskmine.evaluation.datasets import LabelledLog
from taskmine.evaluation.scoring import jaccard, score_labels, segment_edit_distance


@dataclass(frozen=True, slots=True)
class EvaluationRow:
    """Our figures on one log."""

    name: str
    events: int
    precision: float
    recall: float
    f1: float
    edit_distance: float
    segments_found: int
    segments_true: int
    candidates: int
    runtime_s: float
    jaccard: float | None
    reader: str
    jaccard_truth: float | None = None


def load_events(path: Path) -> tuple[list[Event], str]:
    """Canonical events of a labelled file and which reader produced them."""
    try:
        from taskmine.importers import import_file
    except ImportError:
        return load_csv_events(path), "evaluation.csv_loader"
    result = import_file(path)
    return list(result.events), "importers.import_file"


def evaluate_log(
    log: LabelledLog, *, params: DiscoveryParameters | None = None, redact: bool = False
) -> tuple[EvaluationRow, DiscoveryResult]:
    """Discover on the log (timed, loading excluded) and score the result.

    ``redact``: first clean every event as the server does on ingest (every detector, full
    capture), so the figures are those of the real pipeline, where a detector that blanks an
    element name or a title changes what discovery sees. Not timed."""
    events, reader = load_events(log.path)
    if redact:
        from taskmine.privacy import CaptureLevel, PrivacyPolicy, redact_event

        policy = PrivacyPolicy(default_capture=CaptureLevel.FULL)
        events = [redact_event(event, policy=policy) for event in events]
    started = time.perf_counter()
    result = discover(events, params=params or DiscoveryParameters())
    runtime = time.perf_counter() - started
    row_of = {event.event_id: index for index, event in enumerate(events)}
    occurrences = [
        [[row_of[event_id] for event_id in occurrence.event_ids] for occurrence in c.occurrences]
        for c in result.candidates
    ]
    labels = score_labels(occurrences, log.labels)
    discovered = [sorted(occurrence) for candidate in occurrences for occurrence in candidate]
    distance = segment_edit_distance(discovered, log.segments)
    row = EvaluationRow(
        name=log.name,
        events=len(events),
        precision=labels.precision,
        recall=labels.recall,
        f1=labels.f1,
        edit_distance=distance,
        segments_found=len(discovered),
        segments_true=len(log.segments),
        candidates=len(result.candidates),
        runtime_s=runtime,
        jaccard=_routine_jaccard(log, occurrences) if log.routines else None,
        jaccard_truth=_truth_jaccard(log, occurrences) if log.routines else None,
        reader=reader,
    )
    return row, result


def _routine_jaccard(log: LabelledLog, occurrences: list[list[list[int]]]) -> float:
    """Jaccard coefficient (JC) as de Leoni, Khan, Agostinelli (2025) compute it.

    Their notebook (``get_JC`` in ``01 RoutineDiscovery_and_Evaluate``, Faizanunipd repository,
    see bosco-cpn-synthetic/SOURCE.md) takes, per *discovered* routine, the set of every activity
    in its routine log, its best JC over the ground-truth nets (one net per routine variant), and
    reports the simple average over the discovered routines (0.89 on log9 = mean of 5 routines).
    """
    best = [
        max(jaccard(set(truth), found) for truth in log.routines)
        for found in _found(log, occurrences)
    ]
    return sum(best) / len(best) if best else 0.0


def _truth_jaccard(log: LabelledLog, occurrences: list[list[list[int]]]) -> float:
    """The other direction: mean over ground-truth nets of the best JC with a discovered routine
    (low when one candidate covers several variant nets; not the published figure)."""
    discovered = _found(log, occurrences)
    if not discovered:
        return 0.0
    best = [max(jaccard(set(truth), found) for found in discovered) for truth in log.routines]
    return sum(best) / len(best)


def _found(log: LabelledLog, occurrences: list[list[list[int]]]) -> list[set[str]]:
    """Each candidate's activity set: every activity of its occurrences (its routine log)."""
    return [
        {log.activity_keys[row] for occurrence in candidate for row in occurrence}
        for candidate in occurrences
    ]
