"""Privacy, stage 0: compound street names with their house number, for the ADDRESS detector.

``Hauptstraße 5``, ``Kerkstraat 12``, ``60 Sommervej``, ``Siegmund-Zirme-Ring 6/1``: one word
whose ending is a street word (``lexicon_streets.STREET_ENDINGS``), next to a house number on
either side, or a name of hyphenated words. English words that end the same way (``Navigate``,
``Delegate``, ``Arbeitsplatz``) are look-alikes.
"""

from __future__ import annotations

import re

from taskmine.privacy import address_patterns as pattern
from taskmine.privacy.address_lines import ends_segment, starts_segment
from taskmine.privacy.lexicon import COMMON_WORDS, UI_WORDS
from taskmine.privacy.word_shapes import is_year

Span = tuple[int, int]


def compound_street(text: str) -> list[Span]:
    """``Hauptstraße 5``, ``Kordula-Mangold-Straße 8533``, ``Kerkstraat 12``, ``Storgatan 3``.

    Found from each word before a house number whose ending is a street word, then widened
    left over up to three capitalised words: one regex with the endings inside backtracked
    through every word of every string.
    """
    spans = []
    for match in pattern.WORD_BEFORE_NUMBER.finditer(text):
        word = match.group("word")
        if not word.casefold().rstrip(".").endswith(pattern.ENDING_TAILS) or word == "Gate":
            continue  # ``Departure Gate 12``: Norwegian writes ``Kongens gate 5`` in lower case
        if word.casefold() == "str" and not text.startswith(".", match.end("word")):
            continue  # ``Use str 5 times``; but ``Berliner Str. 5``
        start = match.start()
        head = pattern.COMPOUND_HEAD.search(text, max(0, start - 80), start)
        folded = word.casefold().rstrip(".")
        if word[0] not in pattern.UPPER_SET and folded.endswith(_CAPITALISED_TAILS):
            continue  # ``Vaihda työtilaan 1`` (Finnish: "to workspace"), not a Dutch ``-laan``
        if head is not None and text[head.start()] in pattern.UPPER_SET:
            start = head.start()
        elif word[0] not in pattern.UPPER_SET:
            continue
        words = re.split(r"[\s-]", text[start : match.end("word")].casefold())
        if len(words) == 1 and words[0] in pattern.ENDING_WORDS:
            continue  # ``Weg 2`` alone is no street
        if words[-1].endswith(pattern.LOOKALIKE_TAILS + _ENGLISH_TAILS) or words[-1] == "ring":
            continue  # ``Arbeitsplatz 3``, ``Monitoring 2``, ``Hauptbahnhof 2``
        spans.append((start, match.end()))
    return spans + _number_then_compound(text)


def _number_then_compound(text: str) -> list[Span]:
    """``60 Sommervej``, ``487 Witbolstraat, Blankenberge``: the compound street after its
    number, as forms in English order write it. The line must stand alone in its segment, as
    ``3 Arbeitsplätze`` or ``2 Delegate`` would not."""
    spans = []
    for match in pattern.NUMBER_THEN_COMPOUND.finditer(text):
        word = match.group("word").casefold()
        if not any(word.endswith(t) and len(word) >= len(t) + 2 for t in pattern.ENDING_TAILS):
            continue  # ``Weg``, ``Park``: the street word alone names no street
        if word.endswith(pattern.LOOKALIKE_TAILS + _ENGLISH_TAILS) or word.endswith("ring"):
            continue
        names = pattern.WORD_RE.findall(match.group("name").casefold())
        if not (COMMON_WORDS | UI_WORDS).isdisjoint(names) or is_year(match.group("number")):
            continue  # ``2 Navigate``, ``2024 Kirkegate``
        end = match.end()
        if starts_segment(text, match.start()) and (
            ends_segment(text, end) or text.startswith(",", end)
        ):
            spans.append(match.span())
    return spans


# Dutch and German write their compound street names with a capital (``Kerkstraat``,
# ``Hauptstraße``); Finnish and Nordic ones may be lower case after the name
# (``Waseniuksen puistokatu 47``, ``Kongens gate 5``).
_CAPITALISED_TAILS = (
    "straat", "laan", "gracht", "plein", "kade", "dijk", "singel", "steeg", "straße",
    "strasse", "gasse", "platz", "allee", "ufer",
)  # fmt: skip
# English words that end like a street word and stand next to a count (``Investigate 3
# alerts``, ``1 Delegate``, ``Renewal 2``): no street ends so.
_ENGLISH_TAILS = (
    "igate", "legate", "gregate", "pagate", "rogate", "tailgate", "floodgate", "colgate",
    "brigade", "renegade", "newal", "drawal", "necktie", "untie", "bowtie",
)  # fmt: skip


def hyphenated_street(text: str) -> list[Span]:
    """``Siegmund-Zirme-Ring 6/1``: a street named after a person, with its number."""
    return [m.span() for m in pattern.HYPHENATED.finditer(text)]
