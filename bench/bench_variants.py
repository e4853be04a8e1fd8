"""Benchmark (discovery): generated logs of one routine with variants, loops and retries.

For each seed, ``taskmine.evaluation.variants.generate_variant_log`` draws a routine nobody
tuned for (300 instances back to back, no idle gap between them) and ``discover`` mines it;
printed per seed: instances found / true, segment edit distance (``scoring``), the share of
true instances found with exactly their events, and the candidate count; then the mean ED.
Two families: ``variants`` (4 variants sharing 5 first steps, seeds 1-16) and ``loops`` (one
variant with a loop in every instance, seeds 1-14). Prints figures; never fails.

    uv run python bench/bench_variants.py [variants|loops|both]
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from discovery import discover
from taskmine.evaluation.scoring import segment_edit_distance, true_segments
from taskmine.evaluation.variants import generate_variant_log

FAMILIES = {
    "variants": (range(1, 17), {}),
    "loops": (range(1, 15), {"variants": 1, "loop_share": 1.0}),
}


def score(seed: int, **options: float) -> tuple[int, int, float, float, int]:
    log = generate_variant_log(seed=seed, **options)
    result = discover(log.events)
    row = {event.event_id: index for index, event in enumerate(log.events)}
    found = [
        sorted(row[event_id] for event_id in occurrence.event_ids)
        for candidate in result.candidates
        for occurrence in candidate.occurrences
    ]
    truth = true_segments(log.instances)
    exact = len({tuple(f) for f in found} & {tuple(t) for t in truth}) / len(truth)
    return (
        len(found),
        len(truth),
        segment_edit_distance(found, truth),
        exact,
        len(result.candidates),
    )


def main() -> None:
    chosen = sys.argv[1] if len(sys.argv) > 1 else "both"
    for name, (seeds, options) in FAMILIES.items():
        if chosen not in (name, "both"):
            continue
        print(f"{name}:")
        distances = []
        for seed in seeds:
            found, true, distance, exact, candidates = score(seed, **options)
            distances.append(distance)
            print(
                f"  seed {seed:2d}  found {found:4d}/{true}  ED {distance:.3f}  "
                f"exact {exact:.2f}  candidates {candidates}",
                flush=True,
            )
        print(f"  mean ED {statistics.mean(distances):.4f}")


if __name__ == "__main__":
    main()
