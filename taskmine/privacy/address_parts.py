"""Privacy, stage 0: street lines that the parts around them make, for the ADDRESS detector.

Two shapes with no street name a rule could read: a title piece of a name and a house number
in a maps or route app's window title (``Jabukovac 116 - Google Maps``), and numbered parts in
a row where no street has a name (``House 12, Road 5, Block C``, ``Blk 3 Lot 8, Phase 1``).
"""

from __future__ import annotations

from taskmine.privacy import address_patterns as pattern
from taskmine.privacy.address_lines import plausible_house_number
from taskmine.privacy.lexicon import UI_WORDS
from taskmine.privacy.lexicon_streets import MAP_TITLE_PHRASES, MAP_TITLE_WORDS
from taskmine.privacy.name_titles import pieces_with_offsets
from taskmine.privacy.word_shapes import looks_technical

Span = tuple[int, int]


def map_title_pieces(text: str) -> list[Span]:
    """``Jabukovac 116 - Google Maps``, ``Spojná 418 - Route planner``: in a title of a maps or
    route app, a piece that is a name and a house number and nothing else is a street line."""
    pieces = pieces_with_offsets(text)
    if len(pieces) < 2 or not any(_maps_piece(piece) for piece, _ in pieces):
        return []
    spans = []
    for piece, offset in pieces:
        stripped = piece.strip()
        line = pattern.PIECE_LINE.fullmatch(stripped)
        if line is None or _maps_piece(piece):
            continue
        name = line.group("name") or line.group("after")
        words = [w for w in pattern.WORD_RE.findall(name.casefold()) if w not in pattern.PARTICLES]
        number = line.group("number") or line.group("number_first")
        if not UI_WORDS.isdisjoint(words) or looks_technical(name):
            continue  # ``Windows 11 - Maps``: a product, whatever the app
        if plausible_house_number(name, number):  # ``Python 3 - Maps``, ``Level 3 - Map``
            lead = offset + len(piece) - len(piece.lstrip())
            spans.append((lead, lead + len(stripped)))
    return spans


def in_maps_title(text: str) -> bool:
    """The text is a window title of a maps or route app: pieces split by a separator, one of
    them the app's (``… - Google Maps``, ``… | Route planner``)."""
    pieces = pieces_with_offsets(text)
    return len(pieces) >= 2 and any(_maps_piece(piece) for piece, _ in pieces)


def _maps_piece(piece: str) -> bool:
    words = pattern.WORD_RE.findall(piece.casefold())
    folded = " ".join(words)
    return not MAP_TITLE_WORDS.isdisjoint(words) or any(p in folded for p in MAP_TITLE_PHRASES)


def numbered_parts(text: str) -> list[Span]:
    """``House 12, Road 5, Block C``, ``Blk 4 Lot 9, Phase 2``: numbered parts in a row stand
    for the street where none has a name. Two parts of one kind (``Lane 2, Lane 3``) or two
    flat words alone (``Unit 3, Apt 4``, found by the flat rules) are no such address. One
    part and an administrative unit after it make one too (``Purok 3, Barangay Poblacion``)."""
    spans = []
    for match in pattern.NUMBERED_PART_CHAIN.finditer(text):
        kinds = [
            w for w in pattern.WORD_RE.findall(match.group(0).casefold())
            if w in pattern.NUMBERED_PART_WORDS
        ]  # fmt: skip
        if len(set(kinds)) >= 2 and not set(kinds) <= pattern.UNIT_WORD_SET:
            spans.append(match.span())
    spans.extend(m.span() for m in pattern.NUMBERED_PART_ADMIN.finditer(text))
    return spans
