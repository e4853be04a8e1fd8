"""The whole mining pipeline in one call: normalise -> segment -> mine -> rank.

``discover`` gives exactly what composing the public stages gives (a Temporal workflow runs them
one by one, segmenting partitions in parallel); in one process it fuses stages 1 and 2 into a
single pass over the events (``batch.prepare_batch``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from discovery.batch import prepare_batch
from discovery.parameters import DiscoveryParameters
from discovery.ranking import rank_candidates
from discovery.routines import mine_routines
from taskmine.domain.events import Event
from taskmine.domain.results import DiscoveryResult

ProgressCallback = Callable[[str, float], None]

_DEFAULT_PARAMETERS = DiscoveryParameters()


def discover(
    events: Sequence[Event],
    *,
    params: DiscoveryParameters = _DEFAULT_PARAMETERS,
    on_progress: ProgressCallback | None = None,
) -> DiscoveryResult:
    """Mine ``events`` for routines and rank them as automation candidates."""
    report = on_progress or _ignore
    report("vocabulary", 0.0)
    # learn_vocabulary + segment_partition per partition, fused into one pass over the events.
    batch = prepare_batch(events, params=params)
    report("mine", 0.45)
    routines = mine_routines(batch.segments, params=params)
    report("rank", 0.75)
    by_id = {e.event_id: e for e in events}
    # The counts from the pass over the events hold when no event id repeats.
    facts = batch.facts if len(by_id) == len(events) else None
    result = rank_candidates(routines, events_by_id=by_id, params=params, log_facts=facts)
    report("done", 1.0)
    return result


def split_partitions(events: Sequence[Event]) -> list[list[Event]]:
    """Events grouped by (user, session), each group in the order given."""
    groups: dict[tuple[str, str], list[Event]] = {}
    for event in events:
        groups.setdefault((event.user_id, event.session_id), []).append(event)
    return [groups[key] for key in sorted(groups)]


def _ignore(stage: str, fraction: float) -> None:
    del stage, fraction
