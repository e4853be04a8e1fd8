"""PERSON look-alikes: the names of states, islands and regions (``Repubblica di Costa Rica``).

Country and region names fill every country drop-down, address form and settings page, and
their words have the shape of a person's name: two capitalised words after a preposition
(``Republiche di Costa Rica``), a given name before an unknown word (``Isole Marianne
Settentrionali``, ``Marian Adaları``). What tells them apart is a word of statehood or
geography next to them: *republic*, *kingdom*, *islands*, *region*, *territory*... in the
languages of the UI. A name span that holds such a word, or comes a few words after one in the
same segment (particles such as ``di``, ``da``, ``of`` not counted), is a place.

The words are matched by their stem, as they inflect (``Republika``, ``Republiche``,
``Rzeczpospolitej``); stems that open given names are left out (``isol-``: Isolde, ``sultan``,
``federi-``: Federica).
"""

from __future__ import annotations

import re

from taskmine.privacy.given_names import fold
from taskmine.privacy.lexicon import NAME_PARTICLES

Span = tuple[int, int]

# Folded (lower case, no accents) stems of statehood and geography words.
_STEMS = (
    # republic, kingdom, state, federation, principality, emirates, commonwealth
    "republ", "repubbl", "rzeczpospolit", "республ", "δημοκρατ", "cumhuriyet", "comhuriat",
    "kingdom", "konigreich", "royaume", "koninkrijk", "krolestw", "kralovstv", "королевств",
    "krallig", "panstw", "staat", "государств", "federat", "federac", "federaz", "foderat",
    "федерац", "furstentum", "principaut", "principat", "emirat", "commonwealth",
    "communitate", "comunidad", "comunitat", "democrat", "demokrat", "демократ", "ludowo",
    "popolar", "народн",
    # islands, region, territory, province
    "island", "insel", "eiland", "region", "regio", "regjon", "регион", "περιφερει",
    "territor", "территор", "provinc", "provinz", "провинц",
)  # fmt: skip
# Words matched whole, as their stems open surnames: ``Reinoso``, ``Ostrovsky``,
# ``Wyspiański``, ``Βασιλείου``, ``Adalard``.
_EXACT = frozenset(
    (
        "ile", "iles", "isola", "isole", "isla", "islas", "ilha", "ilhas", "ynys", "ynysow",
        "insula", "insulas", "insulae", "adasi", "adası", "adalar", "adalari", "adaları",
        "ostrov", "ostrovy", "остров", "острова", "wyspa", "wyspy", "νησος", "νησοι", "νησια",
        "βασιλειο", "reino", "regno", "ludowa", "estado", "estados", "etat", "etats", "stato",
        "stati", "state", "states", "sultanate", "sultanat", "sultanato",
    )
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def is_place_word(word: str) -> bool:
    folded = fold(word)
    return folded in _EXACT or folded.startswith(_STEMS)


def names_a_place(text: str, span: Span) -> bool:
    """The span holds a statehood or geography word, or one of the three words before it in
    its segment (particles not counted) is one."""
    start, end = span
    if any(is_place_word(w) for w in _WORD.findall(text[start:end])):
        return True
    head = _SEGMENT_BREAK.split(text[max(0, start - 60) : start])[-1]
    before = [w for w in _WORD.findall(head) if w.casefold() not in NAME_PARTICLES]
    return any(is_place_word(w) for w in before[-_REACH:])


# ``Regione amministrativa speciale di Hong Kong``: the place word may stand a few words back,
# in the same segment (a label's colon, a comma or a title separator ends it).
_REACH = 3
_SEGMENT_BREAK = re.compile(r"[:：|,;()\[\]\n]|\s[-–—]\s")
