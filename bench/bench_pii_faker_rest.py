"""Benchmark (privacy): PERSON / ADDRESS recall on the Faker locales no other pool draws from.

The strings come from ``taskmine.privacy.evaluation_faker_rest``: Philippine English,
Filipino, Armenian and nine scripts without letter case (Persian, Hebrew, Hindi, Marathi,
Nepali, Japanese, Korean, Thai, Algerian Arabic), in templates of their own. Recall per half
(``dev``: misses may be read; ``sealed``: counted only), then per locale for the dev half.
Positives only; false alarms on real UI strings are ``bench/bench_pii_catalogs.py``'s figure.
Target: recall >= 0.90. Prints figures; never fails.

    uv run python bench/bench_pii_faker_rest.py [--per-locale 150] [--seed 5] [--show 0]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from taskmine.privacy.evaluation_faker_rest import generate, half, labelled
from taskmine.privacy.evaluation_halves import half_pool_arguments, print_halves


def main() -> None:
    args = half_pool_arguments(__doc__.splitlines()[0])
    started = time.perf_counter()
    samples = labelled(generate(seed=args.seed, per_locale=args.per_locale), seed=args.seed)
    print_halves({"faker rest": samples}, half, show=args.show)
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
