"""Benchmark (privacy): redaction time on long strings, where look-backs once made it quadratic.

Event values may hold 100,000 characters. Each input below is a long run of what the ADDRESS
and PERSON rules look at (house numbers and street words, numbered parts, names with a
suffix, street lines closed by floors, bare names, cued streets in scripts without case, real
addresses and names among filler); the bench prints the time ``redact_text``
takes, the rate in characters per second, and whether a planted name or street survives. The
peer is the same redactor on short strings (``bench_pii.py``'s labelled set, 20,000 strings):
long inputs, made of nothing but candidates, run 4-16 times slower per character here (the
stop-16 code took 32 s on 22,889 characters of the first input). Prints figures; never fails.

    uv run python bench/bench_pii_long.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from taskmine.privacy import redact_text
from taskmine.privacy.evaluation import labelled_strings

INPUTS = {
    "house numbers and street words": " ".join(f"{i % 900 + 1} Abcvej" for i in range(11_000)),
    "numbered parts": ", ".join(f"House {i}" for i in range(2_000)),
    "names with a suffix": " ".join(["Ann Lee Jr."] * 2_000),
    "street lines, floors and towns": "Ανδρέου 27, 2ος, " * 6_000,
    "bare names": "Maria Garcia Lopez, Nikos Papadopoulos, " * 2_500,
    "cued streets without case": "Ship to 12 معبر الإبداع, Deliver to 陶侬2号 " * 2_000,
    "addresses and names in text": (
        "Ship to: 12 Main Street, Springfield, IL 62704. Name: Jane Doe. " * 1_500
    ),
}


def main() -> None:
    short = [s.text for s in labelled_strings(seed=7, per_type=2_000, context=True)]
    started = time.perf_counter()
    for text in short:
        redact_text(text + " ")  # a fresh string each time: the cache would answer otherwise
    seconds = time.perf_counter() - started
    chars = sum(len(t) + 1 for t in short)
    print(f"{'input':<32} {'chars':>8} {'seconds':>8} {'chars/s':>10}  leaks")
    print(f"{'peer: the labelled set':<32} {chars:>8,} {seconds:>8.2f} {chars / seconds:>10,.0f}")
    for name, text in INPUTS.items():
        started = time.perf_counter()
        out = redact_text(text)
        seconds = time.perf_counter() - started
        planted = ("Jane", "Main Street", "62704", "Garcia", "Papadopoulos", "معبر", "陶侬")
        leaks = [s for s in planted if s in out and s in text]
        print(
            f"{name:<32} {len(text):>8,} {seconds:>8.2f} {len(text) / seconds:>10,.0f}"
            f"  {', '.join(leaks) or 'none'}"
        )


if __name__ == "__main__":
    main()
