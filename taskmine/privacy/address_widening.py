"""Privacy, stage 0: widening a street line found over the parts of its address.

After a street line (``12 Main Street``) come its flat, postal code, town and province parts
(``Apt. 4, 10115 Berlin (BE)``, Brazil's dashed ``- Bela Vista, São Paulo - SP``, a code
joined to its town: ``Dhaka-1205``), and before it a flat, an administrative unit, one
numbered part (``Holding 45, ``), the numbered street line before a postal code and town
(``Líščie údolie 695, 057 60 Humenné``) or a house-number word (``No 3, ``); two parts of
one address with only a town between are joined. Both sides stop after a handful of parts.
"""

from __future__ import annotations

import re

from taskmine.privacy import address_patterns as pattern
from taskmine.privacy.lexicon import COMMON_WORDS, UI_WORDS, tokens
from taskmine.privacy.lexicon_streets import US_STATES

Span = tuple[int, int]


def widen(text: str, span: Span, *, left_plain: bool, left: bool = True) -> Span:
    """``span`` grown over the flat, code, city and province parts around it (with ``left``
    false, only over those after it)."""
    start, end = span
    end = _right_end(text, start, end)
    return (_left_start(text, start, left_plain=left_plain) if left else start), end


def _right_end(text: str, start: int, end: int) -> int:
    """End of the flat, code, town and province parts after a line ending at ``end``."""
    for _ in range(_MAX_PARTS):  # bounded: a run of look-alike parts costs linear time
        part = pattern.RIGHT_PART.match(text, end)
        if part is None or part.end() <= end:
            break
        city = part.group("city")  # a city after a comma and no postal code: no UI words
        if city is not None and not town_words(city):
            break
        tag = part.group("tag")  # ``Zimmer 156``, not ``Page 3``
        if tag is not None and tag.casefold() in UI_WORDS - pattern.UNIT_WORD_SET:
            break
        end = part.end()
    end = _town_tail_end(text, start, end)
    end = _cells_end(text, end)
    brazilian = _BRAZILIAN_TAIL.match(text, end)
    if brazilian is not None:
        end = brazilian.end()
    joined = _JOINED_CODE.match(text, end)
    if joined is not None and text[end - 1 : end].isalpha():
        end = joined.end()  # ``Dhaka-1205``, ``Mumbai-400001``: the code joined to its town
    return end


def _left_start(text: str, start: int, *, left_plain: bool) -> int:
    """Start of the flat, unit and numbered parts before a line starting at ``start``, with
    the particles and house-number words that open it."""
    numbered_part = False  # one numbered part before a line (``Holding 45, Mirpur Road``)
    for _ in range(_MAX_PARTS):  # bounded as on the right: a chain of parts is read once
        # the parts before a line are short: searching the whole head made widening quadratic
        reach = max(0, start - _LOOK_BACK)
        # the numbered parts and lines below end in a comma: only then are they searched for
        comma = text[max(0, start - 8) : start].rstrip().endswith(",")
        part = pattern.LEFT_UNIT.search(text, reach, start)
        if part is None and comma and not numbered_part:
            part = pattern.LEFT_NUMBERED_PART.search(text, max(0, start - 40), start)
        if part is None and left_plain:
            part = (_left_numbered(text, reach, start) if comma else None) or (
                pattern.LEFT_PLAIN.search(text, reach, start)
            )
        if part is None or part.start() >= start:
            break
        words = pattern.WORD_RE.findall(part.group("part").casefold())
        if part.re is pattern.LEFT_PLAIN and not UI_WORDS.isdisjoint(words):
            break
        start = part.start("part")
        numbered_part = numbered_part or part.re is pattern.LEFT_NUMBERED_PART
    particles = pattern.LEFT_PARTICLES.search(text, max(0, start - _LOOK_BACK), start)
    if particles is not None and text[start : start + 1] in pattern.UPPER_SET:
        start = particles.start()
    if text[start : start + 1].isdigit():
        # ``No 3, Lorong Maarof 2``, ``Holding 45, Mirpur Road``: the word names the number
        marker = _LEFT_MARKER.search(text, max(0, start - 8), start)
        start = marker.start() if marker is not None else start
    if text[start : start + 1].isdigit() or _MARKED_NUMBER.match(text, start):
        part = pattern.PART_WORD_BEFORE.search(text, max(0, start - 16), start)
        start = part.start() if part is not None else start  # ``House No. 5, Oxford Street``
    return start


# Brazil writes the district and the city after a dash and the state after another one, then
# the CEP (``Av. Paulista, 1578 - Bela Vista, São Paulo - SP, 01310-200``); a dash also splits a
# window title, so the dashed parts count only where a state code or a CEP closes them.
_BR_STATES = "AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO"
_CEP = r"(?:CEP:?\s*)?\d{5}-?\d{3}(?!\d)"
_BRAZILIAN_TAIL = re.compile(
    rf"(?:\s[-–]\s{pattern.CITY}(?:,\s*{pattern.CITY})?)?"
    rf"(?:\s[-–]\s(?:{_BR_STATES})(?![\w])(?:,?\s*{_CEP})?|,\s*{_CEP})"
)
_JOINED_CODE = re.compile(r"-\d{4,6}(?![\w-])")
_MARKED_NUMBER = re.compile(r"(?:[Nn][Oo]|[Nn][Rr])\.?[ \t]*\d")
_LEFT_MARKER = re.compile(r"(?<![\w.])(?:[Nn][Oo]\.?|[Nn][Rr]\.?|[Nn][°º]|#|№)[ \t]*\Z")


def _left_numbered(text: str, reach: int, start: int) -> re.Match[str] | None:
    """The numbered street line that ends right before a postal code and town at ``start``,
    the shortest one with no UI word (``Pickup from Líščie údolie 695, ``: from ``Líščie``)."""
    position = reach
    for _ in range(_MAX_PARTS):
        line = pattern.LEFT_NUMBERED.search(text, position, start)
        if line is None:
            return None
        if UI_WORDS.isdisjoint(pattern.WORD_RE.findall(line.group("name").casefold())):
            return line
        position = line.start() + 1
    return None


def _cells_end(text: str, end: int) -> int:
    """End of the town, state and postal code cells after a street line (below), or ``end``."""
    cells = _CELL_TAIL.match(text, end)
    if cells is None or cells.group("state") not in _STATES:
        return end
    town = cells.group("town")
    proper = [w for w in pattern.WORD_RE.findall(town.casefold()) if w not in _TOWN_PREFIXES]
    return cells.end() if town_words(town) and COMMON_WORDS.isdisjoint(proper) else end


def _town_tail_end(text: str, start: int, end: int) -> int:
    """End of a town's lower-case words that close the address's last part: the region or
    coast some towns carry (``Carlotti calabro``, ``Borgo Godiva salentino 44378``,
    ``Giorgia del friuli``). Only where the address has a part after its street line, and
    the words run to the end of the segment or a postal code: ``Via Roma 5 now open`` stays."""
    if "," not in text[start:end] and "\n" not in text[start:end]:
        return end
    if not text[end - 1 : end].isalpha() or text[end - 1 : end].isupper():
        return end  # a code or an abbreviation ended the address, not a town's name
    tail = pattern.TOWN_TAIL.match(text, end)
    return tail.end() if tail is not None else end


# A spreadsheet row or a form's serialised fields hold the town, state and postal code in
# cells of their own after the street (``463 Victoria St<TAB>West Melbourne<TAB>VIC<TAB>3003``,
# ``"490 St Kilda Road";"Melbourne";"VIC";3004``), and logs often keep a tab escaped as
# ``\t``. Town, state and code read together, as a comma would join them.
_CELL = r'"?(?:\t|\\t|;)"?'
_CELL_TAIL = re.compile(
    rf"{_CELL}(?P<town>{pattern.CAP}(?: {pattern.CAP}){{0,3}}){_CELL}(?P<state>[A-Z]{{2,3}}){_CELL}"
    rf"\d{{4,5}}(?!\d)"
)
# The states and territories those rows name: Australia's, Canada's provinces, the US states.
_STATES = US_STATES | frozenset(
    tokens("NSW VIC QLD SA WA TAS NT ACT AB BC MB NB NL NS NU ON PE QC SK YT")
)
_LOOK_BACK = 160
# An address has a handful of parts after its street line (flat, floor, code, town, province,
# country); widening stops after this many, so a long run of them is read in linear time.
_MAX_PARTS = 8


def town_words(city: str) -> bool:
    """A town's name opens with no UI word and holds none longer than three letters, after a
    compass, ``New`` or article prefix before a proper word: ``East Kaimouth``, ``Le Mans``,
    ``Esch-sur-Alzette``, ``Tân An``, ``Lee On``, ``Carlton North``; not ``New Folder``,
    ``Settings`` or ``West``."""
    words = pattern.WORD_RE.findall(city.casefold())
    while len(words) > 1 and words[0] in _TOWN_PREFIXES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _COMPASS:
        words = words[:-1]  # ``Carlton North``, ``Melbourne East``
    if len(words) > 1 and words[-1] in _TOWN_NOUNS:
        return True  # ``Michigan City``, ``Apple Valley``, ``Palm Springs``
    if words[0] in UI_WORDS:
        return False
    return all(len(w) <= 3 or w not in UI_WORDS for w in words)


_TOWN_NOUNS = frozenset(
    (
        "city", "town", "village", "beach", "falls", "springs", "heights", "hills", "junction",
        "valley", "creek", "harbor", "harbour",
    )
)  # fmt: skip
_COMPASS = frozenset(("north", "south", "east", "west"))
_TOWN_PREFIXES = frozenset(
    (
        "north", "south", "east", "west", "new", "old", "neu", "le", "la", "les", "el", "los",
        "las", "st", "ste", "saint", "sainte", "sankt", "san", "santa", "santo",
    )
)  # fmt: skip


def merge(spans: list[Span], text: str) -> list[Span]:
    """Overlapping spans joined, and two parts of one address with only a city between."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        gap = pattern.BETWEEN.fullmatch(text, merged[-1][1], start) if merged else None
        if merged and (start <= merged[-1][1] or gap is not None):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
