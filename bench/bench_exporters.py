"""Benchmark: render and validate every export target for a large synthetic candidate.

Builds a candidate of N steps (cycling through the hand-built example's steps, so selectors,
values and placeholders stay realistic) and 10,000 events, then prints the time per render and
per validation. Not a test: it prints figures and never fails on a slow machine.

``--coverage`` measures something else: for every CSV UI log under ``--datasets`` (default
``../shared/datasets``), it imports and mines the log, exports the top ``--top`` candidates
(UiPath classic and modern, Power Automate Desktop) and prints, per dataset, the share of
mined steps that became a real activity, a "no action needed" comment (focus, app switch:
covered by the enclosing scope) or a TODO placeholder. It reads the rendered files, not the
exporter's own classification, so the figures stay honest when the exporter changes. Mined
results are cached (``--cache``) so that runs before and after an exporter change compare the
same candidates.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

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
from taskmine.domain import Candidate, DiscoveryResult, Variant

T = TypeVar("T")


def build_large_candidate(steps: int) -> Candidate:
    base = build_example_candidate()
    many = tuple(base.steps[i % len(base.steps)] for i in range(steps))
    return base.model_copy(
        update={"steps": many, "variants": (Variant(steps=tuple(range(steps)), count=1),)}
    )


def measure(label: str, fn: Callable[[], T], repeat: int = 3) -> T:
    best = float("inf")
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
            functools.partial(render_uipath_project, candidate, profile=profile),
        )
        measure(
            f"validate_uipath_project ({profile})",
            functools.partial(validate_uipath_project, data),
        )
    text = measure("render_power_automate_flow", lambda: render_power_automate_flow(candidate))
    measure("validate_robin", lambda: validate_robin(text))
    measure("render_bpmn", lambda: render_bpmn(candidate))


def count_uipath_steps(data: bytes, total: int) -> Counter[str]:
    """Per mined step of ``Main.xaml``: ``activity``, ``context`` or ``placeholder``."""
    from lxml import etree

    from exporters.uipath_ns import NS_SAP2010, NS_UI

    archive = zipfile.ZipFile(io.BytesIO(data))
    main_name = next(n for n in archive.namelist() if n.endswith("/Main.xaml"))
    root = etree.fromstring(archive.read(main_name))
    annotation = f"{{{NS_SAP2010}}}Annotation.AnnotationText"
    found: dict[int, str] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        text = el.get(annotation) or ""
        if not text.startswith("Step "):
            continue
        number = int(text.split(" ", 2)[1])
        if el.tag == f"{{{NS_UI}}}Comment":
            kind = (
                "context"
                if "covered by the enclosing scope" in el.get("Text", "")
                else "placeholder"
            )
        else:
            kind = "activity"
        # One real activity is enough for the step to count as automated.
        if found.get(number) != "activity":
            found[number] = kind
    counts: Counter[str] = Counter(found.get(n, "missing") for n in range(1, total + 1))
    return counts


def count_robin_steps(text: str, total: int) -> Counter[str]:
    """Per mined step of the PAD ``Main`` subflow: ``activity``, ``context`` or ``placeholder``."""
    found: dict[int, str] = {}
    current: int | None = None
    for line in text.split("# [ControlRepository]", 1)[0].splitlines():
        if line.startswith("# Step ") and f" of {total}:" in line:
            current = int(line.split(" ", 3)[2])
            found.setdefault(current, "placeholder")
            continue
        if current is None or not line.strip() or line.startswith("SET "):
            continue
        if not line.startswith("#"):
            found[current] = "activity"
        elif "needs no action" in line and found[current] != "activity":
            found[current] = "context"
    return Counter(found.get(n, "missing") for n in range(1, total + 1))


def mine_dataset(path: Path, cache: Path) -> DiscoveryResult:
    """The mined result of one log, from the cache when it is there."""
    from discovery import DiscoveryParameters, discover
    from taskmine.composition import redact_for_storage
    from taskmine.importers import import_file

    cached = cache / (path.parent.name + "__" + path.stem + ".json")
    if cached.exists():
        return DiscoveryResult.model_validate_json(cached.read_bytes())
    imported = import_file(path)
    events = list(redact_for_storage(imported.events))
    result = discover(events, params=DiscoveryParameters())
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(result.to_json_dict(), ensure_ascii=False))
    return result


def bench_coverage(datasets: Path, *, top: int, cache: Path) -> None:
    """Print, per CSV log, how many exported steps are real activities vs placeholders."""
    from exporters import render_power_automate_flow, render_uipath_project

    header = (
        f"{'dataset':<52} {'cand':>4} {'steps':>5}  "
        f"{'uipath-classic act/ctx/todo %':>30}  {'uipath-modern act/ctx/todo %':>29}  "
        f"{'power-automate act/ctx/todo %':>30}"
    )
    print(header)
    totals: dict[str, Counter[str]] = {name: Counter() for name in ("classic", "modern", "pad")}
    for path in sorted(datasets.rglob("*.csv")):
        label = str(path.relative_to(datasets))
        try:
            result = mine_dataset(path, cache)
        except Exception as error:  # a CSV that is not a UI log (published results tables)
            print(f"{label:<52} not a UI log: {str(error).splitlines()[0][:60]}")
            continue
        chosen = result.candidates[:top]
        counts: dict[str, Counter[str]] = {name: Counter() for name in totals}
        steps = 0
        for candidate in chosen:
            total = len(candidate.steps)
            steps += total
            for profile in ("classic", "modern"):
                data = render_uipath_project(candidate, profile=profile)
                counts[profile] += count_uipath_steps(data, total)
            counts["pad"] += count_robin_steps(render_power_automate_flow(candidate), total)
        cells = []
        for name in ("classic", "modern", "pad"):
            totals[name] += counts[name]
            cells.append(_shares(counts[name], steps))
        print(
            f"{label:<52} {len(chosen):>4} {steps:>5}  {cells[0]:>30}  {cells[1]:>29}  {cells[2]:>30}"
        )
    steps = sum(totals["pad"].values())
    print(
        f"{'ALL':<52} {'':>4} {steps:>5}  {_shares(totals['classic'], steps):>30}  "
        f"{_shares(totals['modern'], steps):>29}  {_shares(totals['pad'], steps):>30}"
    )


def _shares(counts: Counter[str], steps: int) -> str:
    if not steps:
        return "-"
    parts = [100 * counts[k] / steps for k in ("activity", "context", "placeholder")]
    missing = counts["missing"]
    text = " / ".join(f"{p:5.1f}" for p in parts)
    return text + (f" (+{missing} missing)" if missing else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--coverage", action="store_true", help="activities vs placeholders per dataset"
    )
    parser.add_argument(
        "--datasets",
        type=Path,
        default=Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets",
    )
    parser.add_argument("--top", type=int, default=3, help="candidates exported per dataset")
    parser.add_argument(
        "--cache", type=Path, default=Path("/tmp/taskmine-bench-mined"), help="mined results cache"
    )
    args = parser.parse_args()
    if args.coverage:
        bench_coverage(args.datasets.resolve(), top=args.top, cache=args.cache)
        return
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
