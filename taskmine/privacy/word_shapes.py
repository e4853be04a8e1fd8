"""Privacy, stage 0: word shapes that no name, street or town has.

Software text is full of capitalised words that are identifiers: ``AppStream``, ``GSocket``,
``SELinux``, ``PNG-bilete``, ``GDK_DEBUG``, ``SOCKSv5``. Read from the real message catalogs
of a desktop (bench/bench_pii_catalogs.py), they were the commonest false names and streets:
``via GDK_DEBUG`` read as an Italian street, ``do LED NumLock`` as a person. A person's or a
place's name does not change case inside a word, except after a short family-name prefix
(``McDonald``, ``MacArthur``, ``DeKalb``, ``LaSalle``, ``DiMaggio``) or in Dutch ``IJ``
(``IJsselstraat``), and never holds a digit or an underscore.
"""

from __future__ import annotations

import re
from itertools import pairwise

from taskmine.privacy.lexicon import LOWER, UPPER

_NAME_PREFIXES = frozenset(
    ("mc", "mac", "fitz", "de", "des", "del", "di", "da", "du", "la", "le", "van", "von", "kwa")
)
_TECHNICAL = re.compile(
    rf"[0-9_]|(?P<camel>[{LOWER}][{UPPER}])|[{UPPER}]{{2}}[{LOWER}]|[{UPPER}]{{2}}-[{LOWER}]"
)


def looks_technical(word: str) -> bool:
    """True for an identifier or a product name written as code, not a name of someone or
    somewhere: a digit or an underscore inside, a change of case inside (``AppStream``,
    ``SELinux``), or an acronym joined to a word (``PNG-bilete``). A single capital joined
    to a word (``X-tjener``) is left alone: names are written so too."""
    for match in _TECHNICAL.finditer(word):
        if match.group("camel") and _part_before(word, match.start() + 1) in _NAME_PREFIXES:
            continue  # ``McDonald``, ``Reynell-McKenna``
        if match.start() == 0 and word.startswith("IJ"):
            continue  # ``IJsselstraat``
        return True
    return False


def _part_before(word: str, end: int) -> str:
    """The letters of ``word`` before ``end`` since its last capital, hyphen or apostrophe,
    folded: ``Mc`` in ``Reynell-McKenna``, ``La`` in ``DeLaCruz``, ``Kwa`` in ``KwaZulu``."""
    start = end - 1
    while start > 0 and not word[start - 1].isupper() and word[start - 1] not in "-'’":
        start -= 1
    if start > 0 and word[start - 1].isupper():
        start -= 1
    return word[start:end].casefold()


def is_acronym(word: str) -> bool:
    """``DNS``, ``PEM``, ``ROM``: two or more capitals and no lower-case letter."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def rising_years(text: str) -> bool:
    """``2009-2012``, ``1998 1999 2000``: years in rising order (a copyright line, a range of
    editions), which read as neither a phone number nor a house number."""
    groups = _YEAR_GAP.split(text)
    if len(groups) < 2 or not all(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
        return False
    return all(a < b for a, b in pairwise(groups))


_YEAR_GAP = re.compile(r"[ .–-]+")


def is_year(digits: str) -> bool:
    """Four digits from 1900 to 2099: a year where a house number or postal code could stand."""
    return len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099
