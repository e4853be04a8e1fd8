"""Stage 5, metrics: what one routine costs and how it moves data, from its occurrences' events.

Per routine and per user: frequency, duration (mean, p50, p90), active vs idle time (a pause
longer than ``active_gap_s`` is idle), time per app, app switches, data-entry share, and
copy-paste transfers: which typed/pasted value came from which copied source step, found by
matching values inside an occurrence (no value text is kept, only step indices and counts).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from taskmine.domain.events import Event, EventKind

DATA_ENTRY = frozenset({EventKind.TYPE, EventKind.PASTE, EventKind.SELECT})
SOURCES = frozenset({EventKind.COPY})
TARGETS = frozenset({EventKind.TYPE, EventKind.PASTE})


@dataclass(slots=True)
class RoutineMetrics:
    """Figures of one routine (JSON-ready through ``as_json``) plus step value sources."""

    durations_s: list[float]
    active_s: float
    idle_s: float
    time_per_app_s: dict[str, float]
    app_switches: int
    data_entry_events: int
    events: int
    transfers: Counter[tuple[int, int]]
    value_sources: list[str | None]
    per_user: dict[str, dict[str, float]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        durations = np.asarray(self.durations_s or [0.0])
        occurrences = max(len(self.durations_s), 1)
        return {
            "frequency": len(self.durations_s),
            "duration_s": {
                "mean": round(float(durations.mean()), 3),
                "p50": round(float(np.percentile(durations, 50)), 3),
                "p90": round(float(np.percentile(durations, 90)), 3),
            },
            "active_time_s": round(self.active_s, 3),
            "idle_time_s": round(self.idle_s, 3),
            "time_per_app_s": {app: round(s, 3) for app, s in sorted(self.time_per_app_s.items())},
            "app_switches_per_occurrence": round(self.app_switches / occurrences, 3),
            "data_entry_share": round(self.data_entry_events / max(self.events, 1), 4),
            "copy_paste_transfers": [
                {"from_step": source, "to_step": target, "count": count}
                for (source, target), count in sorted(self.transfers.items())
            ],
            "per_user": self.per_user,
        }


def measure_routine(
    occurrences: Sequence[Sequence[str]],
    step_of_events: Sequence[Sequence[int]],
    times_ms: Sequence[Sequence[int]],
    *,
    step_count: int,
    events_by_id: Mapping[str, Event],
    active_gap_s: float,
) -> RoutineMetrics:
    """Metrics of one routine from its occurrences (event ids) and each event's step.

    Pauses are summed in event order (``np.cumsum`` is sequential), so the figures equal an
    event-by-event loop to the last bit."""
    lengths = np.asarray([len(ids) for ids in occurrences], dtype=np.int64)
    total = int(lengths.sum())
    events = list(map(events_by_id.__getitem__, chain.from_iterable(occurrences)))
    steps = list(chain.from_iterable(step_of_events))
    times = np.fromiter(chain.from_iterable(times_ms), dtype=np.int64, count=total) / 1000.0
    starts = np.cumsum(lengths) - lengths
    head = np.zeros(total, dtype=bool)
    head[starts[lengths > 0]] = True
    durations = (times[starts + lengths - 1] - times[starts]).tolist() if total else []
    inner = np.flatnonzero(~head)
    gaps = times[inner] - times[inner - 1]
    is_idle = gaps > active_gap_s
    apps = [event.app for event in events]
    app_code: dict[str, int] = {}
    codes = np.asarray([app_code.setdefault(app, len(app_code)) for app in apps], dtype=np.int64)
    previous_app = codes[inner - 1]
    active_gaps, active_apps = gaps[~is_idle], previous_app[~is_idle]
    per_app = {
        app: _running_sum(active_gaps[active_apps == code])
        for app, code in app_code.items()
        if (active_apps == code).any()
    }
    kinds = [event.kind for event in events]
    transfers, step_values, copied_from = _trace_values(events, kinds, steps, head)
    user_durations: dict[str, list[float]] = defaultdict(list)
    for start, duration in zip(starts.tolist(), durations, strict=True):
        user_durations[events[start].user_id].append(duration)
    sources = [
        _value_source(step_values.get(step), copied_from.get(step)) for step in range(step_count)
    ]
    per_user = {
        user: {
            "frequency": float(len(values)),
            "mean_duration_s": round(float(np.mean(values)), 3),
            "total_hours": round(float(np.sum(values)) / 3600.0, 4),
        }
        for user, values in sorted(user_durations.items())
    }
    return RoutineMetrics(
        durations_s=durations,
        active_s=_running_sum(active_gaps),
        idle_s=_running_sum(gaps[is_idle]),
        time_per_app_s=per_app,
        app_switches=int((codes[inner] != previous_app).sum()),
        data_entry_events=sum(1 for kind in kinds if kind in DATA_ENTRY),
        events=total,
        transfers=transfers,
        value_sources=sources,
        per_user=per_user,
    )


def _running_sum(values: npt.NDArray[np.float64]) -> float:
    """0.0 + values[0] + values[1] + ... in that order (as a Python loop adds them)."""
    return float(np.cumsum(values)[-1]) if len(values) else 0.0


def _trace_values(
    events: Sequence[Event],
    kinds: Sequence[EventKind],
    steps: Sequence[int],
    head: npt.NDArray[np.bool_],
) -> tuple[Counter[tuple[int, int]], dict[int, list[str | None]], dict[int, Counter[int]]]:
    """Copy-paste transfers inside each occurrence, typed/pasted values per step, and which
    copied step each target's values came from (only copy / type / paste events are read)."""
    transfers: Counter[tuple[int, int]] = Counter()
    step_values: dict[int, list[str | None]] = defaultdict(list)
    copied_from: dict[int, Counter[int]] = defaultdict(Counter)
    occurrence_of = np.cumsum(head) - 1
    relevant = [i for i, kind in enumerate(kinds) if kind in SOURCES or kind in TARGETS]
    clipboard: dict[str, int] = {}
    current = -1
    for index, occurrence in zip(relevant, occurrence_of[relevant].tolist(), strict=True):
        if occurrence != current:
            clipboard, current = {}, occurrence
        value = (events[index].value or "").strip()
        step = steps[index]
        if kinds[index] in SOURCES:
            if value:
                clipboard[value] = step
            continue
        step_values[step].append(value or None)
        source = clipboard.get(value) if value else None
        if source is not None:
            transfers[(source, step)] += 1
            copied_from[step][source] += 1
    return transfers, step_values, copied_from


def _value_source(values: list[str | None] | None, copied: Counter[int] | None) -> str | None:
    """'copied:<step>' when most values came from one copied step, else constant / varies."""
    if not values:
        return None
    if copied:
        source, count = copied.most_common(1)[0]
        if count * 2 >= len(values):
            return f"copied:{source}"
    distinct = {value for value in values if value is not None}
    if len(distinct) <= 1:
        return "constant"
    return "varies"
