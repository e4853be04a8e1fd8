"""Benchmark: render and validate every export target for a large synthetic candidate.

Builds a candidate of N steps (cycling through the hand-built example's steps, so selectors,
values and placeholders stay realistic) and 10,000 events, then prints the time per render and
per validation. Not a test: it prints figures and never fails on a slow machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exporters import (
    render_bpmn,
    render_ocel,
    render_power_automate_flow,
    render_uipath_project,
    render_xes,
    validate_robin,
    validate_uipath_project,
)
from exporters.examples import build_example_candidate, build_example_events
from taskmine.domain import Variant


def build_large_candidate(steps: int):
    base = build_example_candidate()
    many = tuple(base.steps[i % len(base.steps)] for i in range(steps))
    return base.model_copy(
        update={"steps": many, "variants": (Variant(steps=tuple(range(steps)), count=1),)}
    )


def measure(label: str, fn, repeat: int = 3) -> object:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<45} {best * 1000:9.1f} ms")
    return result


def bench_candidate(steps: int) -> None:
    candidate = build_large_candidate(steps)
    print(f"-- candidate with {steps} steps")
    for profile in ("classic", "modern"):
        data = measure(
            f"render_uipath_project ({profile})",
            lambda p=profile: render_uipath_project(candidate, profile=p),
        )
        measure(f"validate_uipath_project ({profile})", lambda d=data: validate_uipath_project(d))
    text = measure("render_power_automate_flow", lambda: render_power_automate_flow(candidate))
    measure("validate_robin", lambda: validate_robin(text))
    measure("render_bpmn", lambda: render_bpmn(candidate))


def main() -> None:
    for steps in (9, 200):
        bench_candidate(steps)
    events = build_example_events()
    many = tuple(
        e.model_copy(update={"event_id": f"{e.event_id}-{k}", "session_id": f"{e.session_id}-{k}"})
        for k in range(360)
        for e in events
    )
    print(f"-- {len(many)} events")
    measure("render_xes", lambda: render_xes(many))
    measure("render_ocel", lambda: render_ocel(many, [build_example_candidate()]))


if __name__ == "__main__":
    main()
