"""Benchmark (privacy): PERSON recall on real names, the people credited in installed files.

The Faker pools of ``bench/bench_pii.py`` draw names from Faker's lists. This bench takes the
names of ``taskmine.privacy.evaluation_real_names``: some 2,000 translators and copyright
holders named in the machine's message catalogs and package copyright files, from about a
hundred languages, none chosen here. Each is scored in three contexts: the line it was read
from (``Last-Translator: Name <address>``, ``Copyright: 2013 Name <address>``), every
development PERSON template (``From: {x}``, ``Inbox - {x} - Outlook``, ``Gentile {x},``...),
and typed into a name field (the field policy). A name is found when none of its words
survives. Names are split in halves by a hash: misses of ``dev`` may be printed (``--show``),
``sealed`` is only counted. Recall per shape: ``full`` (two or more words, capitalised: the
figure to read), ``single`` (a given name or handle alone), ``lower`` and ``uncased`` (a script
without case, out of reach of a detector that reads capitals). Never fails.

    uv run python bench/bench_pii_names.py [--show 20] [--context template]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from taskmine.privacy.evaluation import score_detection
from taskmine.privacy.evaluation_real_names import CONTEXTS, half, labelled, real_names

_SHAPES = ("full", "single", "lower", "uncased")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="dev misses to print")
    parser.add_argument("--context", choices=CONTEXTS, help="the context whose misses to show")
    args = parser.parse_args()
    names = real_names()
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for name in names.values():
        groups[(half(name.name), name.shape)].append(name)
    print(f"{len(names):,} real names; recall (n names) per half and shape")
    print(f"{'half':<7} {'shape':<8} {'n':>5}" + "".join(f" {c:>9}" for c in CONTEXTS))
    misses: list[str] = []
    started = time.perf_counter()
    strings = 0
    for where in ("dev", "sealed"):
        for shape in _SHAPES:
            group = groups.get((where, shape), [])
            if not group:
                continue
            row = f"{where:<7} {shape:<8} {len(group):>5}"
            for context in CONTEXTS:
                samples = labelled(group, context)
                strings += len(samples)
                score = score_detection(samples)["PERSON"]
                row += f" {score.found / max(score.positives, 1):>9.3f}"
                if where == "dev" and context == (args.context or context):
                    misses.extend(f"{shape}/{context}: {m}" for m in score.misses)
            print(row)
    print(f"speed: {strings / (time.perf_counter() - started):,.0f} strings/s")
    for line in misses[: args.show]:
        print("  miss", line)


if __name__ == "__main__":
    main()
