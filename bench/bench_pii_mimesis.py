"""Benchmark (privacy): PERSON / ADDRESS recall on a third generator's names and addresses.

The strings come from mimesis (``taskmine.privacy.evaluation_mimesis``): locale data written
apart from both Fakers the detectors were developed against. Recall per group (cased scripts;
Arabic, Persian and East Asian scripts) and half (``dev``: misses may be read; ``sealed``:
counted only), then per locale for the dev half. Positives only; false alarms on real UI
strings are ``bench/bench_pii_catalogs.py``'s figure. Target: recall >= 0.90. Prints figures;
never fails.

    uv run python bench/bench_pii_mimesis.py [--per-locale 150] [--seed 5] [--show 0]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from taskmine.privacy.evaluation_halves import half_pool_arguments, print_halves
from taskmine.privacy.evaluation_mimesis import (
    CASED,
    UNCASED,
    generate,
    generator_ready,
    half,
    labelled,
)

GROUPS = {"cased scripts": CASED, "uncased scripts": UNCASED}


def main() -> None:
    args = half_pool_arguments(__doc__.splitlines()[0])
    if not generator_ready():
        print("skipped: needs mimesis (the dev dependency group; `make setup` installs it)")
        return
    started = time.perf_counter()
    groups = {
        group: labelled(
            generate(locales, seed=args.seed, per_locale=args.per_locale), seed=args.seed
        )
        for group, locales in GROUPS.items()
    }
    print_halves(groups, half, show=args.show)
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
