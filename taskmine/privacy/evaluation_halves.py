"""The report of a generated pool split in halves: recall per group, half and type, then per
locale for the dev half, and on request the dev half's misses (never the sealed half's)."""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Mapping, Sequence

from taskmine.privacy.evaluation import CONTEXT_LABELS, LabelledString, score_detection


def half_pool_arguments(description: str) -> argparse.Namespace:
    """The command line every generated-pool bench takes: records a locale, seed, and how
    many dev-half misses to print."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--per-locale", type=int, default=150)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", type=int, default=0, help="dev-half misses to print per type")
    return parser.parse_args()


def print_halves(
    groups: Mapping[str, Sequence[LabelledString]], half: Callable[[str], str], *, show: int = 0
) -> dict[tuple[str, str, str], float]:
    """Print the figures and return recall keyed by (group, half, label)."""
    print(f"{'group':<16} {'half':<7} {'type':<8} {'n':>5} {'recall':>7}")
    recalls: dict[tuple[str, str, str], float] = {}
    dev_samples: list[LabelledString] = []
    for group, samples in groups.items():
        for side in ("dev", "sealed"):
            own = [s for s in samples if half(s.locale) == side]
            if side == "dev":
                dev_samples += own
            scores = score_detection(own)
            for label in CONTEXT_LABELS:
                score = scores[label]
                recalls[(group, side, label)] = score.recall
                print(f"{group:<16} {side:<7} {label:<8} {score.positives:>5} {score.recall:>7.4f}")
    print("dev half per locale:")
    for locale in sorted({s.locale for s in dev_samples}):
        scores = score_detection([s for s in dev_samples if s.locale == locale])
        figures = "  ".join(f"{label} {scores[label].recall:.3f}" for label in CONTEXT_LABELS)
        print(f"  {locale:<12} {figures}")
    if show:
        scores = score_detection(dev_samples)
        for label in CONTEXT_LABELS:
            print(f"dev {label} misses:")
            for miss in scores[label].misses[:show]:
                print("  ", miss)
    return recalls


Record = dict[str, str | None]


def labelled_by_half(
    records: list[Record],
    *,
    templates: Mapping[str, Mapping[str, Sequence[str]]],
    half: Callable[[str], str],
    address_of: Callable[[Record, random.Random], str | None],
    seed: int,
) -> list[LabelledString]:
    """A PERSON and an ADDRESS string per generator record, in the templates of its locale's
    half; ``address_of`` writes the address from the record's parts."""
    rng = random.Random(seed)
    out: list[LabelledString] = []
    for record in records:
        locale = str(record["locale"])
        own = templates[half(locale)]
        person = record.get("person")
        if person:
            text = rng.choice(own["PERSON"]).format(x=person)
            out.append(LabelledString(text, "PERSON", person, locale))
        address = address_of(record, rng)
        if address:
            text = rng.choice(own["ADDRESS"]).format(x=address)
            out.append(LabelledString(text, "ADDRESS", address, locale))
    return out
