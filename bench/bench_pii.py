"""Benchmark (privacy): per-type precision / recall / F2 of the PII detectors, and their speed.

Generates the labelled set of ``taskmine.privacy.evaluation`` (UI strings holding e-mails,
phones, Luhn-valid cards, IBANs and national ids, and look-alike negatives: order numbers,
dates, amounts, IPs, ISBNs, Luhn-valid non-cards; plus Faker names and addresses in seven
locales, in labelled values, window titles, free text and name / address fields, with UI-label,
menu, app and company look-alikes), redacts it with the default policy and prints the table,
the PERSON / ADDRESS table per locale (dev: the templates and locales the detectors were tuned
on), then PERSON / ADDRESS on the other development pools (the issue's locales; pool A, the
former held-out pool, read in stop 12; the world pool of ``evaluation_world``) and on the
sealed pool of ``evaluation_held_out`` (eight locales, templates and negatives nobody read:
the figure for unseen strings), plus strings/s cold (fresh strings) and warm (cached).
Targets: structured types recall >= 0.99 at precision >= 0.98; PERSON and ADDRESS recall
>= 0.90 at precision >= 0.95. Prints figures; never fails.

    uv run python bench/bench_pii.py [--per-type 2000] [--seed 7] [--show 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from taskmine.privacy import redact_text
from taskmine.privacy.evaluation import (
    CONTEXT_LABELS,
    format_table,
    labelled_strings,
    score_by_locale,
    score_detection,
)
from taskmine.privacy.evaluation_held_out import SEALED_LOCALES, sealed_strings
from taskmine.privacy.evaluation_people import (
    HELD_OUT_LOCALES,
    held_out_strings,
    issue_strings,
)
from taskmine.privacy.evaluation_world import WORLD_LOCALES, world_strings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=5, help="misses / false alarms to print")
    args = parser.parse_args()
    samples = labelled_strings(seed=args.seed, per_type=args.per_type, context=True)
    negatives = sum(s.label is None for s in samples)
    print(f"{len(samples)} strings ({negatives} look-alike negatives), seed {args.seed}")
    started = time.perf_counter()
    scores = score_detection(samples)
    cold = len(samples) / (time.perf_counter() - started)
    started = time.perf_counter()
    for sample in samples:
        redact_text(sample.text)
    warm = len(samples) / (time.perf_counter() - started)
    print(format_table(scores))
    print("names and addresses per locale (each locale's positives against all negatives):")
    for locale, by_label in score_by_locale(samples).items():
        print(format_table(by_label, title=locale))
    issue = score_detection(issue_strings(seed=args.seed, per_locale=args.per_type // 10))
    print("dev, second pool (the issue's locales and phrases; the generic rules were tuned on it):")
    print(format_table({label: issue[label] for label in CONTEXT_LABELS}, title="issue"))
    pools = (
        (f"dev, pool A ({len(HELD_OUT_LOCALES)} locales; held out until stop 12):", "A",
         held_out_strings),
        (f"dev, world pool ({len(WORLD_LOCALES)} locales, Greek and Cyrillic among them):",
         "world", world_strings),
        (f"SEALED (never read; {len(SEALED_LOCALES)} other locales, other templates):",
         "sealed", sealed_strings),
    )  # fmt: skip
    for heading, title, build in pools:
        pool = score_detection(build(seed=args.seed, per_type=args.per_type))
        print(heading)
        print(format_table({label: pool[label] for label in CONTEXT_LABELS}, title=title))
    print(f"speed: {cold:,.0f} strings/s fresh, {warm:,.0f} strings/s cached")
    for score in scores.values():
        for line in score.misses[: args.show]:
            print(f"  miss {score.label}: {line}")
        for line in score.false_alarms[: args.show]:
            print(f"  false alarm {score.label}: {line}")


if __name__ == "__main__":
    main()
