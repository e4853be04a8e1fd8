"""Evaluation: run ``discover`` on one labelled log and score it against its ground truth.

Events come from ``taskmine.importers.import_file`` when that is available (the product's own
reader) and from this package's minimal CSV reader otherwise; either way ``event_id`` is the
0-based data-row number, which is how predictions are joined to the truth.
"""

from __future__ import annotations

import time
from collections import Counter
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


def load_events(path: Path) -> tuple[list[Event], str]:
    """Canonical events of a labelled file and which reader produced them."""
    try:
        from taskmine.importers import import_file  # type: ignore[attr-defined]
    except ImportError:
        return load_csv_events(path), "evaluation.csv_loader"
    result = import_file(path)
    return list(result.events), "importers.import_file"


def evaluate_log(
    log: LabelledLog, *, params: DiscoveryParameters | None = None
) -> tuple[EvaluationRow, DiscoveryResult]:
    """Discover on the log (timed, loading excluded) and score the result."""
    events, reader = load_events(log.path)
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
        reader=reader,
    )
    return row, result


def _routine_jaccard(log: LabelledLog, occurrences: list[list[list[int]]]) -> float:
    """Mean over true routines of the best Jaccard with a discovered routine's activities."""
    discovered: list[set[str]] = []
    for candidate in occurrences:
        # Activities seen in at least a tenth of the candidate's occurrences.
        counts: Counter[str] = Counter()
        for occurrence in candidate:
            counts.update({log.activity_keys[row] for row in occurrence})
        needed = max(1, len(candidate) // 10)
        discovered.append({key for key, count in counts.items() if count >= needed})
    if not discovered:
        return 0.0
    best = [max(jaccard(set(truth), found) for found in discovered) for truth in log.routines]
    return sum(best) / len(best)
