"""Benchmark (import stage): events/s of each importer on the largest shared file of its format.

Files (from ../shared/datasets): action_logger = the largest Action Logger-style CSV, smartrpa =
L2.csv, fiori = L3.csv, xes = the largest XES. No shared file is canonical JSON Lines, so the
jsonl row imports the action_logger file's events after writing them out as JSON Lines.
Each figure is the best of a few rounds (the machine is shared; the best round is the least
disturbed one). Then a scale run streams a CSV of ``--scale`` rows (the largest CSV repeated)
through ``iter_import`` and reports events/s and peak memory, and a micro-benchmark compares
``Event.model_validate`` with ``Event.model_construct`` on the same payloads (the importers
validate: it is both safer and, with cached elements, faster). Prints figures; never fails.

    uv run python bench/bench_import.py [--rounds 3] [--scale 1000000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taskmine.domain import Event  # noqa: E402
from taskmine.importers import RowError, detect_format, import_file, iter_import  # noqa: E402

DATASETS = ROOT / ".." / "shared" / "datasets"


def pick_files() -> dict[str, Path]:
    """The largest shared file of each format."""
    candidates = [
        p
        for p in [*DATASETS.rglob("*.csv"), *DATASETS.rglob("*.xes")]
        if "published_results" not in p.parts
    ]
    largest: dict[str, Path] = {}
    for path in candidates:
        fmt = detect_format(path)
        if fmt not in largest or path.stat().st_size > largest[fmt].stat().st_size:
            largest[fmt] = path
    return largest


def time_import(path: Path, *, rounds: int) -> tuple[int, int, float]:
    best = float("inf")
    events = errors = 0
    for _ in range(rounds):
        started = time.perf_counter()
        result = import_file(path)
        best = min(best, time.perf_counter() - started)
        events, errors = len(result.events), len(result.errors)
    return events, errors, best


def write_jsonl_copy(source: Path, folder: Path) -> Path:
    target = folder / f"{source.stem}.jsonl"
    with target.open("wb") as handle:
        for event in import_file(source).events:
            handle.write(orjson.dumps(event.to_json_dict()) + b"\n")
    return target


def write_scaled_csv(source: Path, folder: Path, *, rows: int) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    header, body = lines[0], lines[1:]
    target = folder / f"scaled_{rows}.csv"
    with target.open("w", encoding="utf-8") as handle:
        handle.write(header)
        written = 0
        while written < rows:
            chunk = body[: rows - written]
            handle.writelines(chunk)
            written += len(chunk)
    return target


def stream_count(path: Path) -> tuple[int, int, float]:
    events = errors = 0
    started = time.perf_counter()
    for item in iter_import(path):
        if isinstance(item, RowError):
            errors += 1
        else:
            events += 1
    return events, errors, time.perf_counter() - started


def compare_construction(events: list[Event]) -> tuple[float, float]:
    """Microseconds per event: model_validate vs model_construct, same payloads."""
    payloads = [
        {name: getattr(event, name) for name in Event.model_fields} for event in events[:20_000]
    ]
    started = time.perf_counter()
    for payload in payloads:
        Event.model_validate(payload)
    validate = (time.perf_counter() - started) / len(payloads) * 1e6
    started = time.perf_counter()
    for payload in payloads:
        Event.model_construct(**payload)
    construct = (time.perf_counter() - started) / len(payloads) * 1e6
    return validate, construct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1_000_000)
    args = parser.parse_args()
    if not DATASETS.is_dir():
        print(f"shared datasets not found at {DATASETS}; nothing to measure")
        return
    files = pick_files()
    print(
        f"{'format':<14} {'file':<32} {'MiB':>6} {'events':>8} {'errors':>6} {'s':>7} {'events/s':>10}"
    )
    with tempfile.TemporaryDirectory() as folder:
        rows = list(files.items())
        rows.insert(0, ("jsonl", write_jsonl_copy(files["action_logger"], Path(folder))))
        for fmt, path in rows:
            events, errors, seconds = time_import(path, rounds=args.rounds)
            size = path.stat().st_size / 2**20
            print(
                f"{fmt:<14} {path.name:<32} {size:6.1f} {events:8d} {errors:6d} "
                f"{seconds:7.3f} {events / seconds:10,.0f}"
            )
        if args.scale:
            scaled = write_scaled_csv(files["action_logger"], Path(folder), rows=args.scale)
            events, errors, seconds = stream_count(scaled)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"\nscale: {events:,} events ({errors} errors) streamed from a "
                f"{scaled.stat().st_size / 2**20:.0f} MiB CSV in {seconds:.1f} s = "
                f"{events / seconds:,.0f} events/s; peak RSS of this process {peak:.0f} MiB"
            )
    sample = import_file(files["smartrpa"]).events
    validate, construct = compare_construction(sample)
    print(
        f"\nEvent construction on {min(len(sample), 20_000):,} L2 payloads (elements prebuilt): "
        f"model_validate {validate:.1f} us/event, model_construct {construct:.1f} us/event"
    )


if __name__ == "__main__":
    main()
