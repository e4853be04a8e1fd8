"""Benchmark (privacy): ADDRESS recall on real addresses of every country, written nowhere here.

The labelled pools of ``taskmine.privacy.evaluation*`` are generated with Faker, whose address
formats the detectors were partly written against. This bench reads instead the test cases of
OpenCage's ``address-formatting`` (https://github.com/OpenCageData/address-formatting,
``testcases/countries/*.yaml``): real OpenStreetMap addresses of about 250 countries, each with
its components and its postal format as the country writes it. Nothing of them is in this
repository: point ``--testcases`` at a checkout's ``testcases/countries`` folder.

Every test case with a road and a house number gives four strings:

- ``line``: the address on one line, its lines joined by ``, `` (a grid cell, a field value);
- ``block``: the address as the country writes it, one part per line (a label, a text area);
- ``title``: the one-line address inside a window title or a sentence;
- ``street``: the street line alone (the road and its number, no town, no postal code).

A string counts as found when ``[ADDRESS]`` appears and neither the house number nor a word of
the road survives (``street`` recall); ``whole`` recall also asks that the postal code and the
town are gone. The countries are split in two halves by a hash of their code: ``dev`` misses
may be printed and read; ``sealed`` misses never are, so its figure stays one for unseen
strings. Addresses in scripts without letter case (Han, Arabic, Thai, Georgian...) are counted
apart: the detectors read capitalisation, and say so in docs/privacy.md. Prints figures; never
fails.

    uv run python bench/bench_pii_addresses.py --testcases DIR [--show 20]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from taskmine.privacy import redact_text
from taskmine.privacy.evaluation_catalogs import half  # the same hash split by name

_WORDS = re.compile(r"[^\W_]+")
# Wrappers for the ``title`` form: where an address sits inside other UI text.
_TITLES = (
    "{x} - Google Maps",
    "Order 1042 · deliver to {x}",
    "Customer moved to {x} (verified)",
    "{x} | Customer record - Salesforce",
)


@dataclass(frozen=True)
class Case:
    country: str
    form: str
    text: str
    street: tuple[str, ...]  # the house number and the road's words
    rest: tuple[str, ...]  # the postal code's and the town's words
    cased: bool


def load_cases(folder: Path) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            docs = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        except yaml.YAMLError as error:  # a few upstream files are not valid YAML
            print(f"skipped {path.name}: {str(error).splitlines()[0]}")
            continue
        for number, doc in enumerate(docs):
            if not isinstance(doc, dict):
                continue
            parts = doc.get("components") or {}
            road, house = parts.get("road"), parts.get("house_number")
            expected = doc.get("expected")
            if not road or house is None or not isinstance(expected, str):
                continue
            cases.extend(_forms(path.stem, number, parts, expected))
    return cases


def _forms(country: str, number: int, parts: dict, expected: str) -> list[Case]:
    lines = [line.strip() for line in expected.strip().splitlines() if line.strip()]
    country_name = str(parts.get("country") or "").casefold()
    if len(lines) > 1 and lines[-1].casefold() in {
        country_name,
        str(parts.get("country_code", "")).casefold(),
    }:
        lines = lines[:-1]
    road, house = str(parts["road"]), str(parts["house_number"])
    street = tuple(w for w in _WORDS.findall(f"{road} {house}") if len(w) >= 3 or w.isdigit())
    town = " ".join(str(parts.get(k) or "") for k in ("postcode", "city", "town", "village"))
    rest = tuple(w for w in _WORDS.findall(town) if len(w) >= 3 or w.isdigit())
    street_line = next((line for line in lines if house in line and _shares(line, road)), None)
    cased = _is_cased(road)
    one_line = ", ".join(lines)
    forms = [("line", one_line), ("block", "\n".join(lines))]
    forms.append(("title", _TITLES[number % len(_TITLES)].format(x=one_line)))
    if street_line is not None:
        forms.append(("street", street_line))
    return [
        Case(country, form, text, street, rest if form != "street" else (), cased)
        for form, text in forms
    ]


def _shares(line: str, road: str) -> bool:
    return bool(set(_WORDS.findall(line)) & set(_WORDS.findall(road)))


def _is_cased(text: str) -> bool:
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    cased = sum(c.lower() != c.upper() for c in letters)
    return bool(letters) and cased * 2 >= len(letters)


def _found(case: Case, redacted: str, *, whole: bool) -> bool:
    if "[ADDRESS]" not in redacted:
        return False
    kept = set(_WORDS.findall(redacted))
    words = case.street + (case.rest if whole else ())
    return not any(word in kept for word in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--testcases",
        type=Path,
        required=True,
        help="address-formatting's testcases/countries folder",
    )
    parser.add_argument("--show", type=int, default=0, help="dev misses to print")
    args = parser.parse_args()
    cases = load_cases(args.testcases)
    countries = {c.country for c in cases}
    print(f"{len(cases)} strings from {len(countries)} countries in {args.testcases}")
    tally: dict[tuple[str, str, bool], list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[str] = []
    started = time.perf_counter()
    for case in cases:
        redacted = redact_text(case.text)
        row = tally[(half(case.country), case.form, case.cased)]
        row[0] += 1
        row[1] += _found(case, redacted, whole=False)
        row[2] += _found(case, redacted, whole=True)
        if half(case.country) == "dev" and case.cased and not _found(case, redacted, whole=False):
            misses.append(f"{case.country} {case.form}: {case.text!r} -> {redacted!r}")
    elapsed = time.perf_counter() - started
    print(f"{'half':<7} {'script':<8} {'form':<7} {'n':>5} {'street':>7} {'whole':>7}")
    for half_name in ("dev", "sealed"):
        for cased in (True, False):
            totals = [0, 0, 0]
            for form in ("line", "block", "title", "street"):
                n, street, whole = tally.get((half_name, form, cased), (0, 0, 0))
                if not n:
                    continue
                totals = [a + b for a, b in zip(totals, (n, street, whole), strict=True)]
                script = "cased" if cased else "uncased"
                print(
                    f"{half_name:<7} {script:<8} {form:<7} {n:>5} {street / n:>7.3f} "
                    f"{whole / n if form != 'street' else float('nan'):>7.3f}"
                )
            if totals[0]:
                print(
                    f"{half_name:<7} {'cased' if cased else 'uncased':<8} {'all':<7} "
                    f"{totals[0]:>5} {totals[1] / totals[0]:>7.3f}"
                )
    print(f"speed: {len(cases) / elapsed:,.0f} strings/s")
    for line in misses[: args.show]:
        print("  miss", line)


if __name__ == "__main__":
    main()
