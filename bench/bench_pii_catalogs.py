"""Benchmark (privacy): false alarms of the name and address detectors on real UI text.

The look-alike negatives of ``taskmine.privacy.evaluation*`` were written here, by the people
who wrote the detectors. This bench reads instead the translated message catalogs that the
machine's own packages install (``/usr/share/locale/<lang>/LC_MESSAGES/*.mo``: GTK, GLib,
PackageKit, shared-mime-info, AppStream, GStreamer, country names, ...): hundreds of thousands
of real menu items, labels, tooltips and messages in about 190 languages, none of which holds
personal data. Translator credits (and any string with an e-mail or a web address) are left
out, as they name real people.

Every label the redactor puts on one of these strings is a false alarm. Languages and
catalog groups are each split in two halves by a hash of their name: ``dev`` strings (a dev
language in a dev catalog group) may be printed and read; ``sealed`` ones (both sealed) never
are, so their rate stays one for text nobody tuned on; ``crossed`` (one of each) is reported
and not read. The same source message is translated in many languages, so a fix read off one
dev string can reach a sealed language: the catalog split keeps whole messages apart. Prints
false alarms per 10,000 strings for PERSON and ADDRESS (and the structured types); never
fails.

    uv run python bench/bench_pii_catalogs.py [--locale-dir /usr/share/locale] [--show 20]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from taskmine.privacy import redact_text
from taskmine.privacy.evaluation_catalogs import (
    GROUPS,
    LOCALE_DIR,
    catalog_strings,
    numbered_strings,
    side,
)

_LABEL = re.compile(r"\[([A-Z_]+)\]")
_LABELS = {"PERSON", "ADDRESS", "EMAIL", "PHONE", "CARD", "IBAN", "NATIONAL_ID"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR)
    parser.add_argument("--show", type=int, default=0, help="dev false alarms to print")
    args = parser.parse_args()
    found = catalog_strings(args.locale_dir)
    total = sum(len(s) for s in found.values())
    languages = {language for language, _ in found}
    print(f"{total:,} distinct strings in {len(languages)} languages, {len(GROUPS)} catalog groups")
    started = time.perf_counter()
    alarms = _report(found, sorted, title="half")
    elapsed = time.perf_counter() - started
    print(f"speed: {total / elapsed:,.0f} strings/s")
    # The same catalogs with their count placeholders filled (``Vassoio %d`` -> ``Vassoio 3``):
    # the ``<word> <number>`` shapes of street lines, which plain strings seldom hold.
    alarms += _report(found, numbered_strings, title="numbered")
    for line in alarms[: args.show]:
        print("  alarm", line)


def _report(
    found: dict[tuple[str, str], set[str]],
    strings_of: Callable[[set[str]], list[str]],
    *,
    title: str,
) -> list[str]:
    """Print false alarms per 10k strings for each half; return the dev half's alarms."""
    counts = {name: Counter() for name in ("dev", "sealed", "crossed")}
    sizes: Counter[str] = Counter()
    alarms: list[str] = []
    for (language, group), strings in sorted(found.items()):
        where = side(language, group)
        texts = strings_of(strings)
        sizes[where] += len(texts)
        for text in texts:
            redacted = redact_text(text)
            labels = set(_LABEL.findall(redacted)) & _LABELS if "[" in redacted else set()
            counts[where].update(labels)
            if where == "dev" and labels & {"PERSON", "ADDRESS"}:
                alarms.append(f"{language}/{group}: {text!r} -> {redacted!r}")
    print(f"{title:<8} {'strings':>9} {'PERSON':>8} {'ADDRESS':>8} {'other':>6}  per 10k strings")
    for where in ("dev", "sealed", "crossed"):
        n = sizes[where] or 1
        other = sum(v for k, v in counts[where].items() if k not in ("PERSON", "ADDRESS"))
        print(
            f"{where:<8} {sizes[where]:>9,} {counts[where]['PERSON'] * 1e4 / n:>8.2f} "
            f"{counts[where]['ADDRESS'] * 1e4 / n:>8.2f} {other * 1e4 / n:>6.2f}"
        )
    return alarms


if __name__ == "__main__":
    main()
