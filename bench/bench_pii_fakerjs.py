"""Benchmark (privacy): PERSON / ADDRESS recall on a second generator's names and addresses.

The strings come from @faker-js/faker (``taskmine.privacy.evaluation_fakerjs``): locale data
written apart from the Python Faker the detectors were developed against. Recall per group
(countries no other pool has; countries the other pools have; scripts without case) and half
(``dev``: misses may be read; ``sealed``: counted only), then per locale for the dev half. Positives only; false alarms
on real UI strings are ``bench/bench_pii_catalogs.py``'s figure. Target: recall >= 0.90.
Prints figures; never fails. Needs ``node`` and ``npm ci --prefix bench/fakerjs``.

    uv run python bench/bench_pii_fakerjs.py [--per-locale 150] [--seed 5] [--show 0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from taskmine.privacy.evaluation import CONTEXT_LABELS, score_detection
from taskmine.privacy.evaluation_fakerjs import (
    KNOWN_COUNTRIES,
    NEW_COUNTRIES,
    UNCASED,
    generate,
    generator_ready,
    half,
    labelled,
)

GROUPS = {
    "new countries": NEW_COUNTRIES,
    "known countries": KNOWN_COUNTRIES,
    "uncased scripts": UNCASED,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-locale", type=int, default=150)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", type=int, default=0, help="dev-half misses to print per type")
    args = parser.parse_args()
    if not generator_ready():
        print("skipped: needs node and `npm ci --prefix bench/fakerjs`")
        return
    print(f"{'group':<16} {'half':<7} {'type':<8} {'n':>5} {'recall':>7}")
    dev_samples = []
    started = time.perf_counter()
    for group, locales in GROUPS.items():
        records = generate(locales, seed=args.seed, per_locale=args.per_locale)
        samples = labelled(records, seed=args.seed)
        for side in ("dev", "sealed"):
            own = [s for s in samples if half(s.locale) == side]
            if side == "dev":
                dev_samples += own
            scores = score_detection(own)
            for label in CONTEXT_LABELS:
                score = scores[label]
                print(f"{group:<16} {side:<7} {label:<8} {score.positives:>5} {score.recall:>7.4f}")
    print("dev half per locale:")
    for locale in sorted({s.locale for s in dev_samples}):
        scores = score_detection([s for s in dev_samples if s.locale == locale])
        figures = "  ".join(f"{label} {scores[label].recall:.3f}" for label in CONTEXT_LABELS)
        print(f"  {locale:<12} {figures}")
    if args.show:
        scores = score_detection(dev_samples)
        for label in CONTEXT_LABELS:
            print(f"dev {label} misses:")
            for miss in scores[label].misses[: args.show]:
                print("  ", miss)
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
