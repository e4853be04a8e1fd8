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
``5 new items`` stay; compounds such as ``Arbeitsplatz 3`` are listed as look-alikes. The
regexes and word sets live in ``address_patterns``; the words in ``lexicon_streets``; the
street lines found without a street-type word (from a cue, a flat part, a postal code) in
``address_lines``; compound street words (``Kerkstraat 12``) in ``address_compounds``; maps
titles and numbered parts (``House 12, Road 5``) in ``address_parts``; the widening over flat,
code and town parts in ``address_widening``.
"""

from __future__ import annotations

import re

from taskmine.privacy import address_patterns as pattern
from taskmine.privacy.address_bare_lines import bare_street_lines
from taskmine.privacy.address_compounds import compound_street, hyphenated_street
from taskmine.privacy.address_lines import (
    coded_named_street,
    ends_segment,
    floor_closed_line,
    number_led_with_code,
    placed_street,
    slashed_house_number,
    starts_segment,
)
from taskmine.privacy.address_parts import map_title_pieces, numbered_parts
from taskmine.privacy.address_person_streets import person_named_streets
from taskmine.privacy.address_script_cues import (
    cued_script_lines,
    holds_cued_script,
    holds_indic_street_type,
    script_parts_end,
)
from taskmine.privacy.address_scripts import find_script_address_spans, names_strong_type
from taskmine.privacy.address_widening import merge, widen
from taskmine.privacy.lexicon import COMMON_WORDS, LOWER, ORGANISATION_WORDS, UI_WORDS, UPPER
from taskmine.privacy.lexicon_streets import (
    NOT_POSTAL,
    STREET_SUFFIXES_STRONG,
    STREET_SUFFIXES_WEAK,
    US_STATES,
)
from taskmine.privacy.name_titles import TITLE_SEPARATOR
from taskmine.privacy.word_shapes import is_acronym, looks_technical

Span = tuple[int, int]


def find_address_spans(text: str) -> list[Span]:
    """(start, end) of every postal address in ``text``, left to right, not overlapping."""
    if not may_mention_address(text):
        return []
    # Each finder runs only when the string holds a word it needs: most strings with a digit
    # (amounts, ids, counters) leave after a few set lookups instead of ten regex scans.
    words = frozenset(pattern.WORD_RE.findall(text.casefold()))
    has_digit = pattern.DIGIT(text) is not None
    gated = (
        (_number_first, has_digit and not pattern.SUFFIX_OR_TYPE.isdisjoint(words)),
        (_type_first, not pattern.TYPE_WORDS.isdisjoint(words)),
        (_type_after, has_digit and not pattern.AFTER_WORDS.isdisjoint(words)),
        (
            _marker_first,
            has_digit and ("№" in text or not pattern.MARKER_WORDS.isdisjoint(words)),
        ),
        (placed_street, has_digit and not pattern.PLACE_CUE_WORDS.isdisjoint(words)),
        (compound_street, has_digit and any(w.endswith(pattern.ENDING_TAILS) for w in words)),
        (hyphenated_street, has_digit and "-" in text),
        (_unit_then_street, has_digit and not pattern.UNIT_WORD_SET.isdisjoint(words)),
        (_unit_then_number_line, has_digit and not pattern.UNIT_WORD_SET.isdisjoint(words)),
        (_numbered_type, has_digit and not pattern.TYPE_WORDS.isdisjoint(words)),
        (_po_boxes, has_digit and not pattern.BOX_WORDS.isdisjoint(words)),
        (_labelled, ":" in text or "：" in text),
        (number_led_with_code, has_digit),
        (coded_named_street, has_digit and not pattern.SUFFIX_OR_TYPE.isdisjoint(words)),
        (numbered_parts, has_digit and not pattern.NUMBERED_PART_WORDS.isdisjoint(words)),
        (map_title_pieces, has_digit and TITLE_SEPARATOR.search(text) is not None),
        (slashed_house_number, has_digit and "/" in text),
        (floor_closed_line, has_digit and not pattern.FLAT_WORD_SET.isdisjoint(words)),
        (bare_street_lines, has_digit and pattern.PLACED_SHAPE.search(text) is not None),
        (person_named_streets, has_digit or "s/n" in text.casefold()),
    )
    spans: list[Span] = []
    for finder, needed in gated:
        if needed:
            spans.extend(s for s in finder(text) if not _names_code(text, s))
    postcode_spans = _postcodes(text)
    spans.extend(postcode_spans)
    widened = [widen(text, span, left_plain=span in postcode_spans) for span in spans]
    if has_digit or names_strong_type(text):  # CJK, Hangul, Arabic...: found from markers
        # ``რუსთაველის გამზირი 12, თბილისი``: the town after a comma in a spaced script
        widened.extend((a, script_parts_end(text, b)) for a, b in find_script_address_spans(text))
    if (has_digit or holds_indic_street_type(text)) and holds_cued_script(text):
        # ``Ship to: 606 معبر الإبداع``: from a cue; a flat part in Latin letters may follow
        for line in cued_script_lines(text):
            start, end = widen(text, line, left_plain=False, left=False)
            widened.append((start, script_parts_end(text, end)))
    return merge(widened, text)


def may_mention_address(text: str) -> bool:
    """The cheap pre-check: a digit, or a word that can start an address without one."""
    if pattern.DIGIT(text) is not None or "s/n" in text.casefold():  # ``s/n``: "no number"
        return True
    if not pattern.CUE_WORDS.isdisjoint(pattern.WORD_RE.findall(text.casefold())):
        return True
    return names_strong_type(text)


# --- anchors ---------------------------------------------------------------------------------


def _number_first(text: str) -> list[Span]:
    """``12 Main Street``, ``3608 Kathryn Park``, ``507, rue de Maury``."""
    spans = []
    for match in pattern.NUMBER_FIRST.finditer(text):
        suffix = match.group("suffix").casefold().rstrip(".")
        # ``O'Connell``: the Irish ``O`` is no word of its own
        names = [w for w in pattern.WORD_RE.findall(match.group("name").casefold()) if len(w) > 1]
        following = pattern.NEXT_WORD.match(text, match.end())
        if following and following.group(1).casefold() in ORGANISATION_WORDS:
            continue  # ``12 Main Street Bank``: a branch name
        if suffix in STREET_SUFFIXES_STRONG or (
            suffix in STREET_SUFFIXES_WEAK
            and starts_segment(text, match.start())
            and (ends_segment(text, match.end()) or pattern.LOWER_NEXT.match(text, match.end()))
            and UI_WORDS.isdisjoint(names)
        ):
            spans.append(match.span())
    for match in pattern.NUMBER_THEN_TYPE.finditer(text):
        spans.append(match.span())
    return spans


def _type_first(text: str) -> list[Span]:
    """``Via Roma 12``, ``Calle de Alcalá, 45``, ``rue Alphonse Michel``, ``ul. Niecała 37``."""
    spans = []
    for match in pattern.TYPE_FIRST.finditer(text):
        street_type = " ".join(match.group("type").casefold().split())
        numbered = match.group("number") is not None
        names = [
            w
            for w in pattern.WORD_RE.findall(match.group("name").casefold())
            if w not in pattern.PARTICLES
        ]
        lower_case = match.group("type")[0].islower()
        if not numbered and pattern.UNIT_AFTER.match(text, match.end()):
            numbered = True  # ``Str. Mihai Eminescu, Bl. 5, Ap. 3``: a block stands for it
        if not numbered and street_type not in pattern.FREE_TYPES and not lower_case:
            continue  # ``Place Order``; but ``avenue de Colin`` (French writes it lower-case)
        first = pattern.WORD_RE.findall(match.group("name").casefold())[:1]
        after_particle = bool(first) and first[0] in pattern.PARTICLES
        if (
            street_type not in pattern.FREE_TYPES
            and not UI_WORDS.isdisjoint(names)
            and not (numbered and after_particle)
        ):
            continue  # ``via Email 3``; but ``Avenue du Centre 618``: an article makes it a name
        if not numbered and _weak_unnumbered(text, match):
            continue
        lower = match.group("lower")
        if lower and (not numbered or lower.strip().casefold() in COMMON_WORDS | UI_WORDS):
            continue  # ``Place order Now``: an everyday word, not a title
        if not numbered and _ELIDED_LOWER.search(match.group("name")):
            continue  # ``camí d'objecte``: a lower-case name needs its house number
        spans.append(match.span())
    return spans


_ELIDED_LOWER = re.compile(rf"['’][{LOWER}]")


def _weak_unnumbered(text: str, match: re.Match[str]) -> bool:
    """A street type and a name with no house number, too weak to stand: a two-letter type
    without its period (``Spoofing av Credentials`` is Norwegian ``of``, not ``Av.``), or a
    heading in capitals inside other text (``ĐƯỜNG DẪN Đường dẫn``: Vietnamese ``path``)."""
    if len(match.group("type")) <= 2 and not text.startswith(".", match.end("type")):
        return True
    before = _NAME_WORD_BEFORE.search(text, 0, match.start())
    if (
        match.group("type")[0].isupper()
        and before
        and before.group(1).casefold() not in COMMON_WORDS
    ):
        return True  # ``Dear Santiago Vila Doncel``: a capitalised type inside a run of names
    line = match.group(0)
    return line.isupper() and any(c.islower() for c in text)


# a given name with a word before it (``Dear Santiago``); ``Visit`` opening the text is a verb
_NAME_WORD_BEFORE = re.compile(rf"(?<=[{UPPER}{LOWER}:,][ \t])([{UPPER}][{LOWER}'’-]+)[ \t]+\Z")


def _type_after(text: str) -> list[Span]:
    """``Béke utca 67.``, ``Bertel Jungin kuja 57``, ``Vlaška ulica 12``: the type after the name."""
    spans = []
    position = 0
    while match := pattern.TYPE_AFTER.search(text, position):
        names = pattern.WORD_RE.findall(match.group("name").casefold())
        # ``Departure Gate 12``: Norwegian writes ``Kongens gate 5`` in lower case
        if match.group("type") != "Gate" and COMMON_WORDS.isdisjoint(names):
            spans.append(match.span())
            position = match.end()
        else:  # ``Pickup from Bātas laukums 34``: the street may start at a later word
            position = match.start() + 1
    return spans


def _marker_first(text: str) -> list[Span]:
    """``Số 99 Khóm 50 đường Nguyễn Trãi``, ``H.No. 04``: a house-number word opens the line,
    which runs to the end of its comma part."""
    return [
        m.span()
        for m in pattern.MARKER_FIRST.finditer(text)
        if (not m.group(0).casefold().startswith("số") or starts_segment(text, m.start()))
        and (not m.group(0).startswith("№") or pattern.WORD_RE.search(m.group("rest")))
    ]  # ``Konvert №10`` is a numbered thing: a ``№`` street line names its street


def _unit_then_street(text: str) -> list[Span]:
    """``Flat 83, Ryan Viaduct``, ``Studio 8, Leigh Fort``: no house number, a flat instead."""
    spans = []
    for match in pattern.UNIT_STREET.finditer(text):
        if match.group("suffix").casefold() in STREET_SUFFIXES_STRONG | STREET_SUFFIXES_WEAK:
            spans.append(match.span())
    return spans


def _unit_then_number_line(text: str) -> list[Span]:
    """``Unit 60 81 Ford Amble``, ``Level 7 262 Thompson Place``: a flat, then a number-led
    street line, whatever its street-type word."""
    spans = []
    for match in pattern.UNIT_NUMBER_LINE.finditer(text):
        if COMMON_WORDS.isdisjoint(pattern.WORD_RE.findall(match.group("name").casefold())):
            spans.append(match.span())
    return spans


def _numbered_type(text: str) -> list[Span]:
    """``Calle 2 N° 1361``, ``Carrera 9ª # 4I-2``, ``Ruta 590-CH, km 33``: a street named by a
    number, then the house number after its marker (or a kilometre); and a Cyrillic street of
    any name with its house after a comma (``ш. 70 лет Октября, д. 3/5``)."""
    return [m.span() for m in pattern.TYPE_NUMBERED.finditer(text)] + [
        m.span() for m in pattern.TYPE_TO_HOUSE.finditer(text)
    ]


def _po_boxes(text: str) -> list[Span]:
    return [m.span() for m in pattern.PO_BOX.finditer(text)] + [
        m.span() for m in pattern.MILITARY.finditer(text)
    ]


def _postcodes(text: str) -> list[Span]:
    """UK postcodes anywhere; other codes with a city when they start a segment."""
    spans = [m.span() for m in pattern.UK_POSTCODE.finditer(text) if _uk_plausible(m.group(0))]
    for match in pattern.CODE_CITY.finditer(text):
        city = pattern.WORD_RE.findall(match.group("city").casefold())
        if starts_segment(text, match.start()) and UI_WORDS.isdisjoint(city):
            spans.append(match.span())
    for match in pattern.NL_CODE_CITY.finditer(text):
        if UI_WORDS.isdisjoint(pattern.WORD_RE.findall(match.group("city").casefold())):
            spans.append(match.span())
    for match in pattern.US_CITY_STATE_ZIP.finditer(text):
        if match.group("state") in US_STATES:
            spans.append(match.span())
    return spans


def _labelled(text: str) -> list[Span]:
    """The value after an address label, up to the end of its segment."""
    spans = []
    for match in pattern.LABEL.finditer(text):
        before = pattern.WORD_RE.findall(
            text[max(0, match.start() - 20) : match.start()].casefold()
        )
        if before and before[-1] in NOT_POSTAL:
            continue  # ``E-mail address:``, ``IP address:``
        value = pattern.SEGMENT_VALUE.match(text, match.end())
        if value is None:
            continue
        words = pattern.WORD_RE.findall(value.group(0))
        if not words or words[0].casefold() in UI_WORDS:
            continue
        capitalised = sum(w[0] in pattern.UPPER_SET for w in words[:2])
        if pattern.DIGIT(value.group(0)) is None and capitalised < 2:
            continue
        spans.append(value.span())
    return spans


def _names_code(text: str, span: Span) -> bool:
    """The street line found names an identifier, not a street: ``via GDK_DEBUG``,
    ``via SOCKSv5-proxy``, ``av PNG-bildefil``, ``conjunto de WiiWare``, ``privada PEM``."""
    start, end = span
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1  # the whole of the last word: ``GDK`` is ``GDK_DEBUG``
    capitalised = []
    for token in pattern.TOKEN_SPLIT.split(text[start:end]):
        if "_" in token:
            return True
        if pattern.DIGIT(token) is not None:
            if token[:1].isalpha() and any(c.islower() for c in token):
                return True  # ``SOCKSv5``, ``Win32``; postal codes are written in capitals
            continue
        if token[:1].isupper():
            if looks_technical(token):
                return True
            capitalised.append(token)
    if not capitalised or not all(is_acronym(t) for t in capitalised):
        return False
    # only acronyms where a street name goes: ``via DNS``, ``núcleo de GL``; but a street
    # written all in capitals (``12 MAIN STREET``) stays one, and so does one named by an
    # acronym of another script (``50 лет ВЛКСМ``): software names its parts in ASCII
    return all(t.isascii() for t in capitalised) and any(c.islower() for c in text[start:end])


def _uk_plausible(code: str) -> bool:
    """Not a memory size written like a postcode (``M2 8GB``)."""
    return not code.endswith(("GB", "TB"))
