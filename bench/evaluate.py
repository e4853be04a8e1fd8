"""Benchmark: discovery on every labelled log in ../shared/datasets, beside published figures.

Prints weighted label P/R/F1 (Hungarian one-to-one mapping of candidates to task types, events in
no occurrence count as wrong), mean segment edit distance, segments found/true, candidates,
runtime of ``discover`` (loading excluded) and, for the Bosco logs, JC as de Leoni et al. define it
(mean over discovered routines of the best Jaccard with a ground-truth net's activities) and JCt
(mean over ground-truth nets of the best Jaccard with a discovered routine). Run: ``uv run python bench/evaluate.py [--only NAME ...]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taskmine.evaluation import (  # noqa: E402
    default_datasets_root,
    evaluate_log,
    list_logs,
    load_truth,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--datasets", type=Path, default=default_datasets_root())
    parser.add_argument("--only", nargs="*", default=None, help="Log names to run.")
    parser.add_argument(
        "--redact",
        action="store_true",
        help="Redact every event as the server does on ingest before discovery (not timed).",
    )
    args = parser.parse_args()
    root: Path = args.datasets.resolve()
    if not root.exists():
        print(f"no datasets at {root}; pass --datasets DIR")
        return 1
    header = (
        f"{'log':<20} {'events':>7} {'P':>6} {'R':>6} {'F1':>6} {'ED':>6} "
        f"{'seg found/true':>15} {'cands':>5} {'JC':>5} {'JCt':>5} {'time s':>7}  published"
    )
    print(header)
    print("-" * len(header))
    for name, group, path in list_logs(root):
        if args.only and name not in args.only:
            continue
        log = load_truth(name, group, path, root=root)
        row, _ = evaluate_log(log, redact=args.redact)
        jc = f"{row.jaccard:.2f}" if row.jaccard is not None else "-"
        jct = f"{row.jaccard_truth:.2f}" if row.jaccard_truth is not None else "-"
        published = ", ".join(f"{k} {v}" for k, v in log.published.items())
        print(
            f"{row.name:<20} {row.events:>7} {row.precision:>6.3f} {row.recall:>6.3f} "
            f"{row.f1:>6.3f} {row.edit_distance:>6.3f} "
            f"{f'{row.segments_found}/{row.segments_true}':>15} {row.candidates:>5} {jc:>5} {jct:>5} "
            f"{row.runtime_s:>7.2f}  {published}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
