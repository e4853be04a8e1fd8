"""Privacy, stage 0: street lines without a street-type word, for the ADDRESS detector.

``addresses`` finds most streets from a type word (``Street``, ``rue``, ``utca``); these
finders read a ``<Name> <number>`` line from what surrounds it instead: a cue that puts a
place (``Deliver to Oraskuja 875``, ``Office: Krmanova 60``), a flat part after it
(``750 Hoel Dolwen Apt. 426``), a postal code and town closing it
(``28 Anderson Strand, Lake Erin, QLD, 2973``), or a Central European slashed house number
(``Kurelčeva 6b/3``); and a typed street with no number that its towns and postal code close
(``King Fahd Road, Al Olaya, Riyadh 12214``). Each guards against products and versions (``Python 3``,
``Visual Studio 2022``), which share the shape.
"""

from __future__ import annotations

import re

from taskmine.privacy import address_patterns as pattern
from taskmine.privacy.lexicon import COMMON_WORDS, ORGANISATION_WORDS, UI_WORDS
from taskmine.privacy.lexicon_streets import (
    ADDRESS_LABELS,
    DELIVERY_WORDS,
    FACILITY_WORDS,
    NAVIGATION_VERBS,
    PLACE_LABELS,
    STREET_SUFFIXES_STRONG,
    STREET_SUFFIXES_WEAK,
)
from taskmine.privacy.word_shapes import is_year, looks_technical, rising_years

Span = tuple[int, int]


def placed_street(text: str) -> list[Span]:
    """``Deliver to Oraskuja 875``, ``Location: Jabukovac 6a``, ``address 9 Huỳnh Tấn Phát``: a
    bare ``<Name> <number>`` (or ``<number> <Name Name>``) is a street line only where a
    preposition or a place label puts a place, and the line ends its segment (or a comma part
    or a lower-case word follows); ``Upgrade to Windows 11`` stays, as its name is an everyday
    word."""
    if pattern.PLACED_SHAPE.search(text) is None:
        return []  # no capitalised word next to a number: the cue scan below is the slow part
    spans = []
    for match in pattern.PLACED.finditer(text):
        line = match.group("name") or match.group("after")
        names = [w for w in pattern.WORD_RE.findall(line.casefold()) if w not in pattern.PARTICLES]
        if match.group("name") and line.split()[0].casefold() in _STREET_PREPOSITIONS:
            names = [w for w in names[1:] if w not in _STREET_PREPOSITIONS]  # ``An der Koppel``
            if not names:
                continue
        end = match.end()
        if not COMMON_WORDS.isdisjoint(names):
            continue
        if len(names) == 1 and names[0] in FACILITY_WORDS:
            continue  # ``Ship to Dock 3``: a part of a site, not a street
        before = pattern.WORD_RE.findall(
            text[max(0, match.start() - 30) : match.start()].casefold()
        )
        cue = text[match.start() : match.start("line")]
        label = _label_of(cue)
        strong_cue = _strong_place_cue(cue, label, before)
        if match.group("after") and len(names) < 2 and not match.group("flat"):
            # ``to 5 Berlin``; but ``to 11/121, Mammen``, and after a cue that leaves no other
            # reading, one proper word: ``Ship to: 101 Fiskerhusene``
            word = names[0] if names else ""
            labelled = ":" in cue or label in _ADDRESS_LABEL_SET
            # after a word of delivery with no colon, a long or non-ASCII word: ``Pick up the
            # keys at 890 Hvannavellir``; ``Deliver to 5 Berlin`` stays
            delivered = not DELIVERY_WORDS.isdisjoint(before[-4:]) and (
                not word.isascii() or len(word) >= _LONG_WORD
            )
            if not (strong_cue and (labelled or delivered) and _one_word_street(word)):
                continue
        if match.group("name") and not plausible_house_number(
            match.group("name"), match.group("number"), strong_cue=strong_cue
        ):
            continue
        plain_name = match.group("name") and _one_plain_word(match.group("name"))
        if plain_name and not strong_cue and _loose_preposition(text, match, label):
            continue  # ``Fehler in Zeile 250``: "in" puts a town, seldom a street line
        following = pattern.NEXT_WORD.match(text, end)
        if following and following.group(1).casefold() in ORGANISATION_WORDS:
            continue
        if before and before[-1] in NAVIGATION_VERBS:
            continue  # ``Switch to Power BI 3``: an app
        if (
            ends_segment(text, end)
            or pattern.LOWER_NEXT.match(text, end)
            or text.startswith(",", end)
            or pattern.FLAT_CONTINUES.match(text, end)
        ):
            spans.append(match.span("line"))
    return spans


# German and Dutch street names that open with a preposition and an article: ``Am Markt 5``,
# ``An der Koppel 4``, ``Zu den Wiesen 2``, ``Aan de Vaart 3``; ``an``, ``am`` and ``in`` are
# also English words, which the everyday-word check below would read.
_STREET_PREPOSITIONS = frozenset(
    (
        "am", "an", "auf", "im", "in", "zum", "zur", "zu", "hinter", "unter", "vor", "über",
        "bei", "beim", "vom", "aan", "op", "bij", "dem", "die", "das", "den", "der", "het",
    )
)  # fmt: skip


def _strong_place_cue(cue: str, label: str, before: list[str]) -> bool:
    """The cue before a bare street line leaves no product reading: a word of delivery up to
    four words before the preposition (``Return parcel to``, ``Pick up the keys at``), an
    address label (``New address``), or a place label with its colon (``Office:``)."""
    if not DELIVERY_WORDS.isdisjoint(before[-4:]):
        return True  # ``Ship to``, ``Pick up the keys at``: a word of delivery a few words back
    return label in _ADDRESS_LABEL_SET or (label in _PLACE_LABEL_SET and ":" in cue)


# Prepositions of "in" put a town or a region, and a line or a page of a document
# (``in Zeile 250``, ``w wierszu 250``); a street line after them needs more than one plain
# word and a number.
_LOOSE_PREPOSITIONS = frozenset(("in", "i", "w", "we", "v", "ve", "en", "em", "di", "a", "no"))


def _one_plain_word(name: str) -> bool:
    return name.isascii() and len(name.split()) == 1


def _loose_preposition(text: str, match: re.Match[str], label: str) -> bool:
    """The cue is an "in" preposition, not a conjunction inside a street's name
    (``plac Żwirki i Wigury 472``: ``i`` and ``a`` after a capitalised word)."""
    if label not in _LOOSE_PREPOSITIONS:
        return False
    if label in ("i", "a"):
        before = pattern.WORD_RE.findall(text[max(0, match.start() - 30) : match.start()])
        return not (before and before[-1][0].isupper())
    return True


def _label_of(cue: str) -> str:
    """The cue before a placed street line, as a label: ``Billing address`` -> ``billing
    address``, ``Office:`` -> ``office``."""
    return " ".join(cue.casefold().replace("：", ":").strip(" \t:-").split())


def _one_word_street(word: str) -> bool:
    """A single word after a house number names a street, not a count of things
    (``3 Recipients``, ``2 Options``): five letters or more, no everyday, UI or site word,
    nor the plural of one."""
    if word.endswith("s") and word.isascii():
        return False  # an English plural, listed or not: ``12 Recipients``, ``4 Pallets``
    return len(word) >= 5 and word not in COMMON_WORDS and word not in FACILITY_WORDS


_ADDRESS_LABEL_SET = frozenset(" ".join(p.split()) for p in ADDRESS_LABELS)
# An ASCII word this long after a house number is seldom a count's noun or a brand.
_LONG_WORD = 8


_PLACE_LABEL_SET = frozenset(" ".join(p.split()) for p in PLACE_LABELS)


def plausible_house_number(name: str, number: str, *, strong_cue: bool = False) -> bool:
    """A bare ``<Name> <number>`` reads as a street line, not a product and its version: the
    number has a letter or a part (``6a``, ``7a/8``), or it is no year and either the name has
    several words or letters beyond ASCII (``Akátova 9``), or it runs to three digits
    (``Oraskuja 875``). ``Python 3``, ``Angular 17`` and ``Visual Studio 2022`` stay."""
    digits = number.strip(".")
    if rising_years(digits):
        return False  # ``Copyright 2009-2012, 2014 Jane Doe``
    if not digits.isdigit():
        return True
    if is_year(digits):
        return False
    if strong_cue:
        return True  # ``Return parcel to Strandhagen 15``: the cue leaves no product reading
    if len(name.split()) >= 2 or not name.isascii():
        return True
    return len(digits) >= 3


def floor_closed_line(text: str) -> list[Span]:
    """``Ανδρέου 27, 2ος``, ``Kouvelis 9, 2nd floor``: a bare name and number whose flat or
    floor part closes it, at the start of its segment; ``Windows 10, Build 5`` stays, as only
    flat and floor words count."""
    spans = []
    for match in pattern.FLOOR_CLOSED.finditer(text):
        names = set(pattern.WORD_RE.findall(match.group("name").casefold()))
        if names & (COMMON_WORDS | pattern.FLAT_WORD_SET | FACILITY_WORDS):
            continue  # ``Unit 3, Apt 4``: a flat, not a street, opens the line
        if starts_segment(text, match.start()):
            spans.append(match.span())
    return spans


def slashed_house_number(text: str) -> list[Span]:
    """``Kurelčeva 6b/3``, ``Vinohradská 1511/20``: a name and a house number in the shape of
    Central and Eastern Europe (a letter before the slash, or three digits or more), standing
    alone in its segment. ``Step 1/2``, ``Page 3/12`` and ``Track 101/120`` stay (everyday
    words, short numbers, one ASCII word before digits only)."""
    spans = []
    for match in pattern.SLASHED_LINE.finditer(text):
        names = [
            w
            for w in pattern.WORD_RE.findall(match.group("name").casefold())
            if w not in pattern.PARTICLES
        ]
        if not COMMON_WORDS.isdisjoint(names) or looks_technical(match.group("name")):
            continue
        digits_only = not any(c.isalpha() for c in match.group("number"))
        if (
            digits_only
            and match.group("name").isascii()
            and len(names) < 2
            and not (names and names[-1].endswith(_SLAVIC_STREET_ENDINGS))
        ):
            continue  # ``Track 101/120``; but ``Vinohradská 1511/20``, ``Resslova 343/10``
        if starts_segment(text, match.start()) and (
            ends_segment(text, match.end()) or pattern.FLAT_CONTINUES.match(text, match.end())
        ):
            spans.append(match.span())  # a floor may follow: ``275/2 7 étage``
    return spans


# Czech and Slovak streets are adjectives of a name (``Resslova``: Ressel's; ``Palackého``):
# with the conscription and orientation numbers (``343/10``) they need no other sign.
_SLAVIC_STREET_ENDINGS = ("ova", "eva", "ina", "ovo", "ého", "eho", "ská", "ska", "cká")


def number_led_with_code(text: str) -> list[Span]:
    """A number-led street line with comma parts ending in a postal code or region code.

    ``28 Anderson Strand, Lake Erin, QLD, 2973``: whatever the street-type word, a house number
    and capitalised words, then at most three comma parts, the last a code (``2973``,
    ``C2A 8T2``, ``3092-384 Moura``) or a region code (``QLD``, ``ON C2A8T2``).
    """
    spans = []
    for match in pattern.NAME_NUMBER_LINE.finditer(text):  # ``Moselgasse 12, 1234 City``
        words = [
            w
            for w in pattern.WORD_RE.findall(match.group("name").casefold())
            if w not in pattern.PARTICLES
        ]
        proper = [w for w in words if w not in COMMON_WORDS]
        if not proper:
            continue
        if match.group("unit") is not None:  # ``Los Naranjos 785 Dpto. 973``
            if len(proper) == len(words):
                spans.append(match.span())
            continue
        end = _closing_end(text, match.end())
        if end is None:
            continue
        if not plausible_house_number(match.group("name"), match.group("number")) and _year_like(
            text[match.end() : end]
        ):
            continue  # ``Python 3, 2024 Edition``; but ``Brekketoppen 74, 5358 Aune``
        # ``Cotton Row 7, 0114 Tbilisi``: an everyday word in the name, where the next part
        # is a postal code and its town
        if len(proper) == len(words) or _code_closes(text, match.end()):
            spans.append((match.start(), end))
    for match in pattern.NUMBER_LINE.finditer(text):
        words = pattern.WORD_RE.findall(match.group("name").casefold())
        if not UI_WORDS.isdisjoint(words):
            if _suffix_and_code(text, match.end(), words):
                spans.append((match.start(), match.end()))  # ``404 Old Mill Loop, 04923 Chester``
            continue  # ``10 Best Practices, 2026``
        following = pattern.NEXT_WORD.match(text, match.end())
        if following and following.group(1).casefold() in ORGANISATION_WORDS:
            continue
        end = match.end()
        if COMMON_WORDS.isdisjoint(words) and _flat_follows(text, end, words=len(words)):
            spans.append((match.start(), end))  # ``750 Hoel Dolwen, Apt. 426``: its flat part
            continue
        flat = _unit_closing_name(text, match)
        if flat is not None and COMMON_WORDS.isdisjoint(words[:-1]):
            spans.append((match.start(), flat))  # ``750 Hoel Dolwen Apt. 426``
            continue
        if (
            len(words) >= 2
            and starts_segment(text, match.start())
            and (ends_segment(text, end) or pattern.LOWER_NEXT.match(text, end))
            and COMMON_WORDS.isdisjoint(words)
        ):
            spans.append((match.start(), end))  # ``15 Amy Copse`` standing alone
            continue
        closing = _closing_end(text, end)
        if closing is None:
            continue
        if len(words) >= 2 or (COMMON_WORDS.isdisjoint(words) and _code_closes(text, end)):
            spans.append((match.start(), closing))  # ``1140 Alhambra, Ermita, 1000 Manila``
    return spans


def _suffix_and_code(text: str, end: int, words: list[str]) -> bool:
    """A number-led line with everyday words in its name (``Old``, ``Public``, ``State``) is a
    street when a street-type word ends it and a postal code with its town closes it."""
    if len(words) < 2 or words[-1] not in STREET_SUFFIXES_STRONG | STREET_SUFFIXES_WEAK:
        return False
    closing = _closing_end(text, end, closing=pattern.CODE_TOWN, parts=2)
    return closing is not None and not _year_like(text[end:closing])


def _flat_follows(text: str, end: int, *, words: int) -> bool:
    """A flat part follows a ``<number> <Name>`` line: a unit word and number (``Apt. 4``), or,
    after a name of two words or more, any short word and number or floor (``Stan 15``)."""
    if pattern.UNIT_AFTER.match(text, end):
        return True
    return words >= 2 and pattern.FLAT_CONTINUES.match(text, end) is not None


def _unit_closing_name(text: str, match: re.Match[str]) -> int | None:
    """End of the flat part when the capitalised words of a number-led line end with a unit
    word and its number follows (``Dolwen Apt.`` + `` 426``); else None."""
    name = match.group("name")
    last = name.split()[-1]
    if len(name.split()) < 2 or last.casefold().rstrip(".") not in pattern.UNIT_WORD_SET:
        return None
    flat = pattern.UNIT_AFTER.match(text, match.end("name") - len(last) - 1)
    return flat.end() if flat is not None else None


def _code_closes(text: str, end: int) -> bool:
    """The comma part or line after ``end`` is a postal code and its town (``0114 Tbilisi``,
    ``301 00 Plzeň``), or, after one part between, the one after it."""
    return _closing_end(text, end, closing=pattern.CODE_TOWN, parts=2) is not None


def _year_like(parts: str) -> bool:
    """The closing parts hold no postal code but a year: ``, 2024 Edition``."""
    numbers = re.findall(r"\d+", parts)
    return bool(numbers) and is_year(numbers[-1])


def _closing_end(
    text: str, end: int, *, closing: re.Pattern[str] = pattern.CLOSING_PART, parts: int = 3
) -> int | None:
    """End of the comma part, among the next ``parts``, that is a postal or region code
    (``closing``)."""
    for _ in range(parts):
        part = pattern.COMMA_PART.match(text, end)
        if part is None:
            return None
        end = part.end()
        if closing.fullmatch(part.group("part")):
            return end
    return None


def starts_segment(text: str, start: int) -> bool:
    return pattern.SEGMENT_START.search(text[max(0, start - 40) : start]) is not None


def ends_segment(text: str, end: int) -> bool:
    return pattern.SEGMENT_END.match(text, end) is not None


def coded_named_street(text: str) -> list[Span]:
    """``King Fahd Road, Al Olaya, Riyadh 12214``, ``Elm Street, Springfield 62704``: a street
    named with a strong suffix and no house number is a street line where its towns and a
    postal code of five digits or more (or a UK or Canadian postcode) close it; ``Silk Road,
    Samarkand 2024`` stays, as four digits may be a year."""
    spans = []
    for match in _CODED_NAMED_STREET.finditer(text):
        if match.group("suffix").casefold().rstrip(".") not in STREET_SUFFIXES_STRONG:
            continue
        if not starts_segment(text, match.start()) or not ends_segment(text, match.end()):
            continue
        if any(looks_technical(w) for w in match.group("name").split()):
            continue  # ``GDK Street, ...``: an identifier, not a name
        spans.append(match.span())  # ``Main Street, Springfield, IL 62704``: the code says it
    return spans


_POSTAL = (
    r"(?:\d{5}(?:-\d{4})?|\d{6}|\d{3}\s\d{2}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d)(?![\w-])"
)
_CODED_NAMED_STREET = re.compile(
    rf"(?<![{pattern.L}0-9_.,-])(?P<name>(?:{pattern.CAP}{pattern.SP}){{1,3}})"
    rf"(?P<suffix>(?i:{pattern.SUFFIXES}))(?![{pattern.L}])\.?"
    rf"(?:\s*,\s*{pattern.CITY}){{1,3}},?\s+(?:[A-Z]{{2,3}},?\s+)?{_POSTAL}"
)
