"""Benchmark data: write a seeded synthetic UI log (canonical JSON Lines) and its truth.

Default: 30 users x 25 working days, about 1,000,000 events, several routines per user
interleaved with other work, optional and swapped steps, data values in element names and
titles, idle gaps (see ``taskmine.evaluation.synthetic``).
Run: ``uv run python bench/generate_log.py --out /tmp/synthetic.jsonl [--users 30 --days 25]``.
The truth goes to ``<out>.truth.csv`` (event_id, routine, instance).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taskmine.evaluation.synthetic import iterate_labelled_log  # noqa: E402

EVENTS_PER_DAY = 1334  # 30 x 25 x 1334 ~ 1.0 M events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--days", type=int, default=25)
    parser.add_argument("--events-per-day", type=int, default=EVENTS_PER_DAY)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    count = 0
    truth_path = args.out.with_suffix(args.out.suffix + ".truth.csv")
    with args.out.open("wb") as events_file, truth_path.open("w") as truth_file:
        truth_file.write("event_id,routine,instance\n")
        for item in iterate_labelled_log(
            users=args.users, days=args.days, events_per_day=args.events_per_day, seed=args.seed
        ):
            events_file.write(orjson.dumps(item.event.to_json_dict()) + b"\n")
            instance = "" if item.instance is None else str(item.instance)
            truth_file.write(f"{item.event.event_id},{item.routine or ''},{instance}\n")
            count += 1
    print(
        f"wrote {count} events to {args.out} and truth to {truth_path} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
