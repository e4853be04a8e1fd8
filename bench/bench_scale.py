"""Benchmark: ``discover`` on a ~1,000,000-event synthetic log, beside pm4py on the same log.

Generates the seeded log of bench/generate_log.py in memory (30 users x 25 days; generation is
outside the timed region), times ``discover`` and reports peak RSS, then converts the same
events to a pandas DataFrame (untimed) and times pm4py's ``discover_dfg`` + ``get_variants``
(case = session, activity = kind + app + element role). Also prints label F1 against the
generator's truth. Run: ``uv run python bench/bench_scale.py [--users 30 --days 25]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from discovery import discover  # noqa: E402
from taskmine.evaluation.scoring import UNLABELLED, score_labels  # noqa: E402
from taskmine.evaluation.synthetic import iterate_labelled_log  # noqa: E402

EVENTS_PER_DAY = 1334


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--days", type=int, default=25)
    parser.add_argument("--events-per-day", type=int, default=EVENTS_PER_DAY)
    parser.add_argument("--skip-pm4py", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    events = []
    truth: list[str] = []
    for item in iterate_labelled_log(
        users=args.users, days=args.days, events_per_day=args.events_per_day, seed=7
    ):
        events.append(item.event)
        truth.append(item.routine or UNLABELLED)
    print(
        f"generated {len(events)} events in {time.perf_counter() - started:.1f} s "
        f"(peak RSS so far {peak_rss_mb():.0f} MB)",
        flush=True,
    )
    # The events are long-lived input: move them out of the collector's young generations so
    # that collections triggered by the miner's temporaries do not rescan a million objects.
    gc.collect()
    gc.freeze()
    stages: list[tuple[str, float, float]] = []
    clock, cpu = time.perf_counter(), time.process_time()
    result = discover(
        events,
        on_progress=lambda stage, _: stages.append(
            (stage, time.perf_counter(), time.process_time())
        ),
    )
    elapsed, cpu = time.perf_counter() - clock, time.process_time() - cpu
    rss = peak_rss_mb()
    # Wall time depends on what else runs on the machine; CPU time of this process much less.
    timeline = ", ".join(
        f"{name} {stages[i + 1][1] - at:.2f} s (cpu {stages[i + 1][2] - used:.2f})"
        for i, (name, at, used) in enumerate(stages[:-1])
    )
    print(
        f"discover: {elapsed:.2f} s wall, {cpu:.2f} s cpu for {len(events)} events "
        f"({timeline}); peak RSS {rss:.0f} MB; {len(result.candidates)} candidates; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus",
        flush=True,
    )
    row = {event.event_id: index for index, event in enumerate(events)}
    occurrences = [
        [[row[event_id] for event_id in o.event_ids] for o in c.occurrences]
        for c in result.candidates
    ]
    scores = score_labels(occurrences, truth)
    print(
        f"label P {scores.precision:.3f} R {scores.recall:.3f} F1 {scores.f1:.3f} "
        f"(noise events count as correct when left out)"
    )
    for candidate in result.candidates[:8]:
        print(
            f"  {candidate.id}: {candidate.frequency:>6} x {len(candidate.steps):>2} steps, "
            f"{candidate.roi.hours_per_month:>7.1f} h/month, {candidate.name[:70]}"
        )
    if args.skip_pm4py:
        return 0
    import pandas as pd
    import pm4py

    frame = pd.DataFrame(
        {
            "case:concept:name": [e.session_id for e in events],
            # Activity without data values (kind, app, element role): pm4py's pandas DFG pivots
            # activities x activities, which a data-laden name would blow up to billions of
            # cells.
            "concept:name": [
                f"{e.kind.value}|{e.app}|{e.element.role if e.element else ''}" for e in events
            ],
            "time:timestamp": pd.to_datetime([e.timestamp for e in events], utc=True),
        }
    )
    clock, cpu = time.perf_counter(), time.process_time()
    pm4py.discover_dfg(frame)
    pm4py.get_variants(frame)
    print(
        f"pm4py discover_dfg + get_variants: {time.perf_counter() - clock:.2f} s wall, "
        f"{time.process_time() - cpu:.2f} s cpu "
        f"(same events, activity = kind|app|role, {frame['concept:name'].nunique()} "
        "activities; a directly-follows graph and variant counts, no routine mining)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
