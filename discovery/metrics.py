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
from typing import Any

import numpy as np

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
    """Metrics of one routine from its occurrences (event ids) and each event's step."""
    durations: list[float] = []
    active = idle = 0.0
    per_app: dict[str, float] = defaultdict(float)
    switches = entries = total = 0
    transfers: Counter[tuple[int, int]] = Counter()
    step_values: dict[int, list[str | None]] = defaultdict(list)
    copied_from: dict[int, Counter[int]] = defaultdict(Counter)
    user_durations: dict[str, list[float]] = defaultdict(list)
    for ids, steps, stamps in zip(occurrences, step_of_events, times_ms, strict=True):
        events = [events_by_id[event_id] for event_id in ids]
        times = [stamp / 1000.0 for stamp in stamps]
        duration = times[-1] - times[0]
        durations.append(duration)
        user_durations[events[0].user_id].append(duration)
        clipboard: dict[str, int] = {}
        for index, event in enumerate(events):
            total += 1
            entries += event.kind in DATA_ENTRY
            if index:
                gap = times[index] - times[index - 1]
                if gap > active_gap_s:
                    idle += gap
                else:
                    active += gap
                    per_app[events[index - 1].app] += gap
                switches += event.app != events[index - 1].app
            value = (event.value or "").strip()
            step = steps[index]
            if event.kind in SOURCES and value:
                clipboard[value] = step
            elif event.kind in TARGETS:
                step_values[step].append(value or None)
                source = clipboard.get(value) if value else None
                if source is not None:
                    transfers[(source, step)] += 1
                    copied_from[step][source] += 1
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
        active_s=active,
        idle_s=idle,
        time_per_app_s=dict(per_app),
        app_switches=switches,
        data_entry_events=entries,
        events=total,
        transfers=transfers,
        value_sources=sources,
        per_user=per_user,
    )


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
