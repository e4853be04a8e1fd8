"""Privacy, stage 0: ADDRESS detection from the shape of a postal address.

An address is found from an anchor, then widened over the parts that continue it:

- anchors: a house number with a street (``12 Main Street``, ``507, rue de Maury``,
  ``Hauptstraße 5``, ``Via Roma 12``, ``Kerkstraat 12``, ``ul. Niecała 37``), a street-type word
  that marks a street even without a number (``rue Alphonse Michel``, ``Calle Mayor``), a PO
  box (``PO Box 123``, ``Postfach 12 34``), a postal code with its city (``SW1A 1AA``,
  ``1234 AB Amsterdam``, ``75001 Paris`` standing alone in its segment, ``Springfield, IL 62704``),
  and a label (``Address:``, ``Ship to:``, ``Anschrift:``, ``Dirección:``) followed by a value;
- widening, across commas and line breaks: flat / suite / floor parts (``Apt. 4``, ``Piso 3``),
  postal codes, city names, provinces (``(ME)``).

English street suffixes that are also everyday words (``Point``, ``View``, ``Park``) count only
when the street line stands alone in its segment, so ``Main Street Bank`` and
``5 new items`` stay; compounds such as ``Arbeitsplatz 3`` are listed as look-alikes.
"""

from __future__ import annotations

import re

from taskmine.privacy.lexicon import COMMON_WORDS, LOWER, ORGANISATION_WORDS, UI_WORDS, UPPER
from taskmine.privacy.lexicon_streets import (
    ADDRESS_LABELS,
    ADMIN_UNITS,
    HOUSE_NUMBER_MARKERS,
    NAVIGATION_VERBS,
    NOT_POSTAL,
    PLACE_LABELS,
    PLACE_PREPOSITIONS,
    PO_BOXES,
    STREET_ENDINGS,
    STREET_LOOKALIKES,
    STREET_SUFFIXES_STRONG,
    STREET_SUFFIXES_WEAK,
    STREET_TYPES_AFTER,
    STREET_TYPES_FREE,
    STREET_TYPES_NUMBERED,
    UNIT_WORDS,
    US_STATES,
)

Span = tuple[int, int]


def find_address_spans(text: str) -> list[Span]:
    """(start, end) of every postal address in ``text``, left to right, not overlapping."""
    if not may_mention_address(text):
        return []
    # Each finder runs only when the string holds a word it needs: most strings with a digit
    # (amounts, ids, counters) leave after a few set lookups instead of ten regex scans.
    words = frozenset(_WORD_RE.findall(text.casefold()))
    has_digit = _DIGIT(text) is not None
    gated = (
        (_number_first, has_digit and not _SUFFIX_OR_TYPE.isdisjoint(words)),
        (_type_first, not _TYPE_WORDS.isdisjoint(words)),
        (_type_after, has_digit and not _AFTER_WORDS.isdisjoint(words)),
        (_marker_first, has_digit and not _MARKER_WORDS.isdisjoint(words)),
        (_placed_street, has_digit and not _PLACE_CUE_WORDS.isdisjoint(words)),
        (_compound_street, has_digit and any(w.endswith(_ENDING_TAILS) for w in words)),
        (_hyphenated_street, has_digit and "-" in text),
        (_unit_then_street, has_digit and not _UNIT_WORDS.isdisjoint(words)),
        (_unit_then_number_line, has_digit and not _UNIT_WORDS.isdisjoint(words)),
        (_numbered_type, has_digit and not _TYPE_WORDS.isdisjoint(words)),
        (_po_boxes, has_digit and not _BOX_WORDS.isdisjoint(words)),
        (_labelled, ":" in text or "：" in text),
        (_number_led_with_code, has_digit),
    )
    spans: list[Span] = []
    for finder, needed in gated:
        if needed:
            spans.extend(finder(text))
    postcode_spans = _postcodes(text)
    spans.extend(postcode_spans)
    widened = [_widen(text, span, left_plain=span in postcode_spans) for span in spans]
    return _merge(widened, text)


def may_mention_address(text: str) -> bool:
    """The cheap pre-check: a digit, or a word that can start an address without one."""
    if _DIGIT(text) is not None:
        return True
    return not _CUE_WORDS.isdisjoint(_WORD_RE.findall(text.casefold()))


# --- anchors ---------------------------------------------------------------------------------


def _number_first(text: str) -> list[Span]:
    """``12 Main Street``, ``3608 Kathryn Park``, ``507, rue de Maury``."""
    spans = []
    for match in _NUMBER_FIRST.finditer(text):
        suffix = match.group("suffix").casefold().rstrip(".")
        names = _WORD_RE.findall(match.group("name").casefold())
        following = _NEXT_WORD.match(text, match.end())
        if following and following.group(1).casefold() in ORGANISATION_WORDS:
            continue  # ``12 Main Street Bank``: a branch name
        if suffix in STREET_SUFFIXES_STRONG or (
            suffix in STREET_SUFFIXES_WEAK
            and _starts_segment(text, match.start())
            and (_ends_segment(text, match.end()) or _LOWER_NEXT.match(text, match.end()))
            and UI_WORDS.isdisjoint(names)
        ):
            spans.append(match.span())
    for match in _NUMBER_THEN_TYPE.finditer(text):
        spans.append(match.span())
    return spans


def _type_first(text: str) -> list[Span]:
    """``Via Roma 12``, ``Calle de Alcalá, 45``, ``rue Alphonse Michel``, ``ul. Niecała 37``."""
    spans = []
    for match in _TYPE_FIRST.finditer(text):
        street_type = " ".join(match.group("type").casefold().split())
        numbered = match.group("number") is not None
        names = [w for w in _WORD_RE.findall(match.group("name").casefold()) if w not in _PARTICLES]
        lower_case = match.group("type")[0].islower()
        if not numbered and street_type not in _FREE_TYPES and not lower_case:
            continue  # ``Place Order``; but ``avenue de Colin`` (French writes it lower-case)
        if street_type not in _FREE_TYPES and not UI_WORDS.isdisjoint(names):
            continue  # ``via Email 3``
        spans.append(match.span())
    return spans


def _type_after(text: str) -> list[Span]:
    """``Béke utca 67.``, ``Bertel Jungin kuja 57``, ``Vlaška ulica 12``: the type after the name."""
    spans = []
    for match in _TYPE_AFTER.finditer(text):
        if COMMON_WORDS.isdisjoint(_WORD_RE.findall(match.group("name").casefold())):
            spans.append(match.span())
    return spans


def _marker_first(text: str) -> list[Span]:
    """``Số 99 Khóm 50 đường Nguyễn Trãi``, ``H.No. 04``: a house-number word opens the line,
    which runs to the end of its comma part."""
    return [
        m.span()
        for m in _MARKER_FIRST.finditer(text)
        if not m.group(0).casefold().startswith("số") or _starts_segment(text, m.start())
    ]


def _placed_street(text: str) -> list[Span]:
    """``Deliver to Oraskuja 875``, ``Location: Jabukovac 6a``, ``address 9 Huỳnh Tấn Phát``: a
    bare ``<Name> <number>`` (or ``<number> <Name Name>``) is a street line only where a
    preposition or a place label puts a place, and the line ends its segment (or a comma part
    or a lower-case word follows); ``Upgrade to Windows 11`` stays, as its name is an everyday
    word."""
    if _PLACED_SHAPE.search(text) is None:
        return []  # no capitalised word next to a number: the cue scan below is the slow part
    spans = []
    for match in _PLACED.finditer(text):
        line = match.group("name") or match.group("after")
        names = [w for w in _WORD_RE.findall(line.casefold()) if w not in _PARTICLES]
        end = match.end()
        if not COMMON_WORDS.isdisjoint(names):
            continue
        if match.group("after") and len(names) < 2 and not match.group("flat"):
            continue  # ``to 5 Berlin``; but ``to 11/121, Mammen``
        if match.group("name") and not _plausible_house_number(
            match.group("name"), match.group("number")
        ):
            continue
        following = _NEXT_WORD.match(text, end)
        if following and following.group(1).casefold() in ORGANISATION_WORDS:
            continue
        before = _WORD_RE.findall(text[max(0, match.start() - 30) : match.start()].casefold())
        if before and before[-1] in NAVIGATION_VERBS:
            continue  # ``Switch to Power BI 3``: an app
        if _ends_segment(text, end) or _LOWER_NEXT.match(text, end) or text.startswith(",", end):
            spans.append(match.span("line"))
    return spans


def _plausible_house_number(name: str, number: str) -> bool:
    """A bare ``<Name> <number>`` reads as a street line, not a product and its version: the
    number has a letter or a part (``6a``, ``7a/8``), or it is no year and either the name has
    several words or letters beyond ASCII (``Akátova 9``), or it runs to three digits
    (``Oraskuja 875``). ``Python 3``, ``Angular 17`` and ``Visual Studio 2022`` stay."""
    digits = number.strip(".")
    if not digits.isdigit():
        return True
    if len(digits) == 4 and 1900 <= int(digits) <= 2099:
        return False
    if len(name.split()) >= 2 or not name.isascii():
        return True
    return len(digits) >= 3


def _compound_street(text: str) -> list[Span]:
    """``Hauptstraße 5``, ``Kordula-Mangold-Straße 8533``, ``Kerkstraat 12``, ``Storgatan 3``.

    Found from each word before a house number whose ending is a street word, then widened
    left over up to three capitalised words: one regex with the endings inside backtracked
    through every word of every string.
    """
    spans = []
    for match in _WORD_BEFORE_NUMBER.finditer(text):
        word = match.group("word")
        if not word.casefold().rstrip(".").endswith(_ENDING_TAILS):
            continue
        start = match.start()
        head = _COMPOUND_HEAD.search(text, max(0, start - 80), start)
        if head is not None and text[head.start()] in _UPPER_SET:
            start = head.start()
        elif word[0] not in _UPPER_SET:
            continue
        words = re.split(r"[\s-]", text[start : match.end("word")].casefold())
        if len(words) == 1 and words[0] in _ENDING_WORDS:
            continue  # ``Weg 2`` alone is no street
        if words[-1].endswith(_LOOKALIKE_TAILS) or words[-1] == "ring":
            continue  # ``Arbeitsplatz 3``, ``Monitoring 2``, ``Hauptbahnhof 2``
        spans.append((start, match.end()))
    return spans


def _hyphenated_street(text: str) -> list[Span]:
    """``Siegmund-Zirme-Ring 6/1``: a street named after a person, with its number."""
    return [m.span() for m in _HYPHENATED.finditer(text)]


def _unit_then_street(text: str) -> list[Span]:
    """``Flat 83, Ryan Viaduct``, ``Studio 8, Leigh Fort``: no house number, a flat instead."""
    spans = []
    for match in _UNIT_STREET.finditer(text):
        if match.group("suffix").casefold() in STREET_SUFFIXES_STRONG | STREET_SUFFIXES_WEAK:
            spans.append(match.span())
    return spans


def _unit_then_number_line(text: str) -> list[Span]:
    """``Unit 60 81 Ford Amble``, ``Level 7 262 Thompson Place``: a flat, then a number-led
    street line, whatever its street-type word."""
    spans = []
    for match in _UNIT_NUMBER_LINE.finditer(text):
        if COMMON_WORDS.isdisjoint(_WORD_RE.findall(match.group("name").casefold())):
            spans.append(match.span())
    return spans


def _numbered_type(text: str) -> list[Span]:
    """``Calle 2 N° 1361``, ``Carrera 9ª # 4I-2``, ``Ruta 590-CH, km 33``: a street named by a
    number, then the house number after its marker (or a kilometre)."""
    return [m.span() for m in _TYPE_NUMBERED.finditer(text)]


def _po_boxes(text: str) -> list[Span]:
    return [m.span() for m in _PO_BOX.finditer(text)] + [m.span() for m in _MILITARY.finditer(text)]


def _postcodes(text: str) -> list[Span]:
    """UK postcodes anywhere; other codes with a city when they start a segment."""
    spans = [m.span() for m in _UK_POSTCODE.finditer(text) if _uk_plausible(m.group(0))]
    for match in _CODE_CITY.finditer(text):
        city = _WORD_RE.findall(match.group("city").casefold())
        if _starts_segment(text, match.start()) and UI_WORDS.isdisjoint(city):
            spans.append(match.span())
    for match in _NL_CODE_CITY.finditer(text):
        if UI_WORDS.isdisjoint(_WORD_RE.findall(match.group("city").casefold())):
            spans.append(match.span())
    for match in _US_CITY_STATE_ZIP.finditer(text):
        if match.group("state") in US_STATES:
            spans.append(match.span())
    return spans


def _number_led_with_code(text: str) -> list[Span]:
    """A number-led street line with comma parts ending in a postal code or region code.

    ``28 Anderson Strand, Lake Erin, QLD, 2973``: whatever the street-type word, a house number
    and capitalised words, then at most three comma parts, the last a code (``2973``,
    ``C2A 8T2``, ``3092-384 Moura``) or a region code (``QLD``, ``ON C2A8T2``).
    """
    spans = []
    for match in _NAME_NUMBER_LINE.finditer(text):  # ``Moselgasse 12, 1234 City``
        words = _WORD_RE.findall(match.group("name").casefold())
        if COMMON_WORDS.isdisjoint(w for w in words if w not in _PARTICLES):
            if match.group("unit") is not None:  # ``Los Naranjos 785 Dpto. 973``
                spans.append(match.span())
                continue
            end = _closing_end(text, match.end())
            if end is not None:
                spans.append((match.start(), end))
    for match in _NUMBER_LINE.finditer(text):
        words = _WORD_RE.findall(match.group("name").casefold())
        if not UI_WORDS.isdisjoint(words):
            continue  # ``10 Best Practices, 2026``
        following = _NEXT_WORD.match(text, match.end())
        if following and following.group(1).casefold() in ORGANISATION_WORDS:
            continue
        end = match.end()
        if (
            _starts_segment(text, match.start())
            and (_ends_segment(text, end) or _LOWER_NEXT.match(text, end))
            and COMMON_WORDS.isdisjoint(words)
        ):
            spans.append((match.start(), end))  # ``15 Amy Copse`` standing alone
            continue
        closing = _closing_end(text, end)
        if closing is not None:
            spans.append((match.start(), closing))
    return spans


def _closing_end(text: str, end: int) -> int | None:
    """End of the comma part, among the next three, that is a postal or region code."""
    for _ in range(3):
        part = _COMMA_PART.match(text, end)
        if part is None:
            return None
        end = part.end()
        if _CLOSING_PART.fullmatch(part.group("part")):
            return end
    return None


def _labelled(text: str) -> list[Span]:
    """The value after an address label, up to the end of its segment."""
    spans = []
    for match in _LABEL.finditer(text):
        before = _WORD_RE.findall(text[max(0, match.start() - 20) : match.start()].casefold())
        if before and before[-1] in NOT_POSTAL:
            continue  # ``E-mail address:``, ``IP address:``
        value = _SEGMENT_VALUE.match(text, match.end())
        if value is None:
            continue
        words = _WORD_RE.findall(value.group(0))
        if not words or words[0].casefold() in UI_WORDS:
            continue
        capitalised = sum(w[0] in _UPPER_SET for w in words[:2])
        if _DIGIT(value.group(0)) is None and capitalised < 2:
            continue
        spans.append(value.span())
    return spans


# --- widening --------------------------------------------------------------------------------


def _widen(text: str, span: Span, *, left_plain: bool) -> Span:
    """``span`` grown over the flat, code, city and province parts around it."""
    start, end = span
    while True:
        part = _RIGHT_PART.match(text, end)
        if part is None or part.end() <= end:
            break
        city = part.group("city")  # a city after a comma and no postal code: no UI words
        if city is not None and not UI_WORDS.isdisjoint(_WORD_RE.findall(city.casefold())):
            break
        end = part.end()
    while True:
        head = text[:start]
        part = _LEFT_UNIT.search(head) or (_LEFT_PLAIN.search(head) if left_plain else None)
        if part is None or part.start() >= start:
            break
        words = _WORD_RE.findall(part.group("part").casefold())
        if part.re is _LEFT_PLAIN and not UI_WORDS.isdisjoint(words):
            break
        start = part.start("part")
    return start, end


def _starts_segment(text: str, start: int) -> bool:
    return _SEGMENT_START.search(text[max(0, start - 40) : start]) is not None


def _ends_segment(text: str, end: int) -> bool:
    return _SEGMENT_END.match(text, end) is not None


def _uk_plausible(code: str) -> bool:
    """Not a memory size written like a postcode (``M2 8GB``)."""
    return not code.endswith(("GB", "TB"))


def _merge(spans: list[Span], text: str) -> list[Span]:
    """Overlapping spans joined, and two parts of one address with only a city between."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        gap = _BETWEEN.fullmatch(text, merged[-1][1], start) if merged else None
        if merged and (start <= merged[-1][1] or gap is not None):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _alternation(phrases: tuple[str, ...] | frozenset[str]) -> str:
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


_L = UPPER + LOWER
_UPPER_SET = frozenset(UPPER)
_DIGIT = re.compile(r"\d").search
_WORD_RE = re.compile(rf"[{_L}]+")
_FREE_TYPES = frozenset(" ".join(t.split()) for t in STREET_TYPES_FREE)
_NUM = r"\d{1,4}(?:[ ]?[a-zA-Z](?![\w']))?(?:[ ]?[-/][ ]?\d{1,5}[a-zA-Z]?)?(?![\d])"
_CAP = rf"[{UPPER}](?![°º])[{_L}'’.]*(?:-[{_L}][{_L}'’.]*)*"
_PARTICLE = r"(?:de|del|de\s+la|de\s+las|de\s+los|des|du|di|della|dello|delle|dei|degli|da|dos|das|do|van|von|der|den|the|of|la|le|l'|d'|dell')"
_NAME_WORDS = rf"(?:{_PARTICLE}\s*)?{_CAP}(?:\s+(?:{_PARTICLE}\s*)?{_CAP}){{0,4}}"
_EDGE = rf"(?<![{_L}0-9_/.,-])"
_MARKERS = _alternation(HOUSE_NUMBER_MARKERS)
_SUFFIXES = _alternation(STREET_SUFFIXES_STRONG | STREET_SUFFIXES_WEAK)
_NUMBER_FIRST = re.compile(
    rf"{_EDGE}(?:\d{{1,4}}/)?\d{{1,5}}[a-zA-Z]?,?\s+(?P<name>(?:{_CAP}\s+){{1,3}})(?P<suffix>(?i:{_SUFFIXES}))(?![{_L}])\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW)(?![{_L}0-9]))?"
)
_TYPES = _alternation(frozenset(STREET_TYPES_FREE) | frozenset(STREET_TYPES_NUMBERED))
_NUMBER_THEN_TYPE = re.compile(
    rf"{_EDGE}(?:\d{{1,4}}/)*\d{{1,5}}(?:\s?(?:bis|ter|[a-zA-Z]))?,?\s+(?i:{_TYPES})(?![{_L}])\.?\s+"
    rf"(?:{_NAME_WORDS}|(?:(?i:{_MARKERS})\s*)?\d{{1,4}}(?![\d]))"
)
_TYPE_FIRST = re.compile(
    rf"(?<![{_L}0-9_])(?P<type>(?i:{_TYPES}))(?![{_L}])\.?\s+"
    rf"(?P<name>(?:\d{{1,2}}\s+)?{_NAME_WORDS}(?:\s+\d{{1,2}}-[{LOWER}]{{1,2}})?)"
    rf"(?:,?\s+(?:(?i:{_MARKERS})\s*)?(?P<number>{_NUM}|s/n|S/N))?"
)
_TYPE_AFTER = re.compile(
    rf"(?<![{_L}0-9_])(?P<name>{_CAP}(?:[\s-]{_CAP}){{0,3}})[\s-](?i:{_alternation(STREET_TYPES_AFTER)})"
    rf"(?![{_L}])\.?,?\s+(?:(?i:{_MARKERS})\s*)?{_NUM}\.?"
)
_TYPE_NUMBERED = re.compile(
    rf"(?<![{_L}0-9_])(?i:{_TYPES})(?![{_L}])\.?\s+(?:[A-Z]-)?\d{{1,3}}[a-zA-Zªº]?"
    rf"(?:\s+(?:[Bb]is|Sur|Norte|Este|Oeste))?(?:\s+[A-Z](?![{_L}]))?"
    rf"(?:\s*(?:N[°º]|No\.?|#|№)\s*{_NUM}|(?:-[A-Z]{{1,3}})?,\s*km\.?\s*\d{{1,4}})"
)
_MARKER_FIRST = re.compile(
    rf"(?<![{_L}0-9_])(?:[Ss]ố|H\.\s?No\.|№)\s*(?:\d{{1,4}}/)*\d{{1,5}}[a-zA-Z]?(?P<rest>[^,;|\n]{{0,60}}?)(?=\s*(?:[,;|\n]|$|\s[-–—]\s))"
)
_CAP_LOWER = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"  # a word with lower-case letters
_PLACED_SHAPE = re.compile(
    rf"[{UPPER}][{LOWER}]+,?\s+(?:\S+\s+){{0,6}}\d|\d[a-zA-Z]?,?\s+[{UPPER}][{LOWER}]"
)
_PLACED = re.compile(
    rf"(?:(?<=\s)(?i:{_alternation(PLACE_PREPOSITIONS)})\s+"
    rf"|(?<![{_L}0-9_])(?i:{_alternation(PLACE_LABELS + ADDRESS_LABELS)})\s*[:：-]?\s+)"
    rf"(?P<line>(?P<name>{_CAP_LOWER}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,2}}),?\s+(?:(?i:{_MARKERS})\s*)?(?P<number>{_NUM})\.?"
    rf"|(?:(?P<flat>(?:\d{{1,4}}/)+\d{{1,5}}[a-zA-Z]?,?|\d{{1,5}}[a-zA-Z]?,)|\d{{1,5}}[a-zA-Z]?)"
    rf"\s+(?P<after>{_CAP_LOWER}(?:\s+{_CAP_LOWER}){{0,3}}))"
    rf"(?![{_L}0-9])"
)
_ENDINGS = _alternation(frozenset(STREET_ENDINGS))
_ENDING_WORDS = frozenset(STREET_ENDINGS)
_LOOKALIKE_TAILS = tuple(sorted(STREET_LOOKALIKES))
_WORD_BEFORE_NUMBER = re.compile(
    rf"(?<![{_L}0-9_])(?P<word>[{_L}][{_L}'’.]*)(?<![.])\.?,?\s*{_NUM}"
)
_COMPOUND_HEAD = re.compile(rf"(?:(?:[{UPPER}][{_L}'’.]*|{_PARTICLE})[\s-]){{1,3}}\Z")
_PO_BOX = re.compile(
    rf"(?<![{_L}])(?i:{_alternation(PO_BOXES)})\.?\s*(?:No\.?\s*)?\d[\d ]{{0,8}}\d?"
)
_MILITARY = re.compile(
    r"\b(?:PSC|CMR|Unit)\s+\d{3,4},?\s+Box\s+\d{1,5}|\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}"
    r"|\b(?:USNS|USNV|USS|USCGC)\s+[A-Z][a-z]+"
)
_UK_POSTCODE = re.compile(
    r"(?<![\w])(?:GIR 0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w])"
)
_CITY_LINK = r"(?:am|an|der|den|die|ob|sur|sous|de|del|la|le|les|los|las|el|y|da|do|dos|das|di|en|in|aan|op|im|bei|upon|on|nad|pod|v|ve|u|na|pri|při|lès)"
_CITY = rf"(?:'s-|'t\s|(?:da|do|das|dos|de|del|la|le|el)\s)?{_CAP}(?:[\s-](?:{_CITY_LINK}[\s-]){{0,2}}{_CAP}){{0,3}}"
_CODE_CITY = re.compile(
    rf"(?<![\w.,:/-])(?:\d{{5,6}}|\d{{5}}-\d{{3}}|\d{{2}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{3}}\s\d{{2}}|[A-Z]{{1,2}}-\d{{4,5}})\s+(?P<city>{_CITY})"
)
_NL_CODE_CITY = re.compile(
    rf"(?<![\w])[1-9]\d{{3}}\s?(?!SA|SD|SS)[A-Z]{{2}}(?![\w])\s+(?P<city>{_CITY})"
)
_US_CITY_STATE_ZIP = re.compile(
    rf"{_CAP}(?:\s+{_CAP}){{0,2}},\s+(?P<state>[A-Z]{{2}})\s+\d{{5}}(?:-\d{{4}})?(?![\d])"
)
_NUMBER_LINE = re.compile(
    rf"{_EDGE}(?:\d{{1,4}}/)?\d{{1,5}}[a-zA-Z]?,?\s+(?P<name>{_CAP}(?:\s+{_CAP}){{1,3}})(?![{_L}0-9])"
)
_COMMA_PART = re.compile(r"\s*,\s*(?P<part>[^,;|()\n]{1,40}?)(?=\s*(?:[,;|()\n]|$|\s[-–—]\s))")
_CODE_SHAPE = (
    r"(?:\d{4,8}|[A-Z]{1,2}-\d{4,5}|\d{5}-\d{3,4}|\d{4}-\d{3}|\d{2}-\d{3}|\d{3}\s\d{2}"
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})"
)
_CLOSING_PART = re.compile(
    rf"(?:{_CITY}\s+)?{_CODE_SHAPE}(?:\s+{_CITY})?|[A-Z]{{2,3}}(?:\s+{_CODE_SHAPE})?"
)
_LABEL = re.compile(rf"(?<![{_L}0-9_])(?i:{_alternation(ADDRESS_LABELS)})\s*[:：]\s*")
_SEGMENT_VALUE = re.compile(r"[^\s;|\n](?:[^;|\n]*?[^\s;|\n])?(?=\s+[-–—|]\s+|\s*[;|\n]|$)")
_SEGMENT_START = re.compile(r"(?:^|[,;:(\[\n]|\s[-–—|]|\bto|\bat)\s*$", re.IGNORECASE)
_SEGMENT_END = re.compile(rf"\s*(?:$|[,;)\]\n]|\s[-–—|]\s|\s+(?i:{_alternation(UNIT_WORDS)})\b)")
_UNIT = rf"(?<![{_L}0-9_])(?i:{_alternation(UNIT_WORDS)})\.?\s*(?=[\w-]{{0,5}}\d)[\w-]{{1,6}}"
_CODE = (
    r"(?:(?:[A-Z]{1,2}-|ΤΚ\s?|Τ\.Κ\.\s?)\d{3}\s?\d{1,2}|\d{6,8}|\d{5}-\d{3,4}(?!\d)|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|[AC-FHKNPRTV-Y]\d[\dW] ?[\dAC-FHKNPRTV-Y]{4}|[1-9]\d{3}\s?[A-Z]{2}"
    r"|\d{5}(?:-\d{4})?|\d{4}-\d{3}|\d{2}-\d{3}|\d{4}|\d{3}\s\d{2})"
)
_PROVINCE = rf"(?:\s*\([A-Z]{{2}}\)|\s*/\s*[A-Z]{{2}}(?![{_L}]))?"
_ADMIN = rf"(?i:{_alternation(ADMIN_UNITS)})(?![{_L}])\.?\s*(?:{_PARTICLE}\s+)?{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,5}}(?:\s*\([{_L}.]+\))?"
_RIGHT_PART = re.compile(
    rf"(?:(?:\s*[,\n]\s*|\s+)(?:{_UNIT}|{_CODE}(?:,?\s+{_CITY})?{_PROVINCE})"
    rf"|\s*[,\n]\s*{_CITY},?\s+(?:[A-Z]{{2,3}},?\s+)?{_CODE}{_PROVINCE}"
    rf"|\s*[,\n]\s*[A-Z]{{2,4}}(?:,?\s+{_CODE})?(?:,?\s+{_CITY})?"
    rf"|\s+(?:Sur|Norte|Este|Oeste|Nord|Sud|Est|Ouest|Bis)(?![{_L}])"
    rf"|[ ]\d{{1,3}}[a-zA-Z]?(?![\w/.,:-])"
    rf"|(?:\s*[,\n]\s*|\s+){_ADMIN}(?:,?\s+{_CODE})?"
    rf"|(?<=\d)\s+{_CITY}{_PROVINCE}(?=\s*(?:$|[,;|\n]|\s[-–—|]\s|\s+[{LOWER}]))"
    rf"|\s*[,\n]\s*{_CITY}-\d{{6}}"
    rf"|\s*[,\n]\s*(?P<city>{_CITY}){_PROVINCE})"
    rf"(?![{_L}0-9])"
)
_BETWEEN = re.compile(rf"\s*[,\n]\s*(?:{_CITY}\s*[,\n]\s*)?")
_UNIT_ALONE = rf"(?<![{_L}0-9_])(?i:{_alternation(UNIT_WORDS)})\.?"
_LEFT_UNIT = re.compile(
    rf"(?P<part>{_UNIT}|{_UNIT_ALONE}|(?<![{_L}0-9_]){_ADMIN}|(?<![{_L}0-9_])(?i:{_TYPES})\.?)"
    rf"(?:,\s*|\s*\n\s*|\s+)$"
)
_NEXT_WORD = re.compile(rf"[ \t]+([{_L}][{_L}.]*)")
_LOWER_NEXT = re.compile(rf"[ \t]+[{LOWER}]")
_HYPHENATED = re.compile(
    rf"(?<![{_L}0-9_-])(?:[{UPPER}][{LOWER}]+-){{2,3}}[{UPPER}][{LOWER}]+\.?,?\s+{_NUM}"
)
_UNIT_STREET = re.compile(
    rf"{_UNIT}\s*[,\n]\s*(?:{_CAP}\s+){{1,3}}?(?P<suffix>[{UPPER}][{_L}]+)(?![{_L}])"
)
_NAME_NUMBER_LINE = re.compile(
    rf"(?<![{_L}0-9_])(?P<name>{_CAP}(?:\s+(?:{_PARTICLE}\s+)?(?:{_CAP}|[{LOWER}]{{3,}})){{0,3}})\s+{_NUM}"
    rf"(?:(?=\s*,)|\s+(?P<unit>{_UNIT}))"
)
_UNIT_NUMBER_LINE = re.compile(
    rf"{_UNIT}\s+\d{{1,5}}[a-zA-Z]?\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})(?![{_L}0-9])"
)
_LEFT_PLAIN = re.compile(rf"(?<![{_L}0-9_])(?P<part>(?:{_UNIT}|{_NAME_WORDS}))(?:,\s*|\s*\n\s*)$")


def _words_of(phrases: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    return frozenset(w for p in phrases for w in _WORD_RE.findall(p.casefold()))


_SUFFIX_WORDS = _words_of(STREET_SUFFIXES_STRONG | STREET_SUFFIXES_WEAK)
_TYPE_WORDS = _words_of(frozenset(STREET_TYPES_FREE) | frozenset(STREET_TYPES_NUMBERED))
_SUFFIX_OR_TYPE = _SUFFIX_WORDS | _TYPE_WORDS
_ENDING_TAILS = tuple(sorted({e.casefold().rstrip(".") for e in STREET_ENDINGS}))
_UNIT_WORDS = _words_of(UNIT_WORDS)
_PARTICLES = frozenset(_WORD_RE.findall(_PARTICLE.replace("\\s+", " ")))
_AFTER_WORDS = _words_of(STREET_TYPES_AFTER)
_MARKER_WORDS = frozenset(("số", "no", "№"))
_PLACE_CUE_WORDS = _words_of(PLACE_PREPOSITIONS + PLACE_LABELS + ADDRESS_LABELS)
_BOX_WORDS = _words_of(PO_BOXES) | frozenset(
    ("psc", "cmr", "unit", "apo", "fpo", "dpo", "usns", "usnv", "uss", "uscgc")
)
_CUE_WORDS = (
    frozenset(w for p in ADDRESS_LABELS for w in _WORD_RE.findall(p))
    | frozenset(w for p in STREET_TYPES_FREE for w in _WORD_RE.findall(p))
    | frozenset(w for p in STREET_TYPES_NUMBERED for w in _WORD_RE.findall(p))
) - {"de", "la"}
