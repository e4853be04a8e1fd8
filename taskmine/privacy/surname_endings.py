"""PERSON from the shape of a surname: ``Nikos Papadopoulos``, ``Ana Jovanović`` need no cue.

Many languages build surnames with endings that their everyday words seldom have: Greek
``-opoulos`` / ``-ίδης`` / ``-άκης``, Serbian, Croatian and Bosnian ``-ić``, Romanian
``-escu``, Ukrainian ``-enko`` / ``-чук``, patronymic ``-ович``, Polish ``-wicz`` /
``-czyk``, Lithuanian ``-ienė`` / ``-aitė`` / ``-auskas``, Turkish ``-oğlu``, Swedish and
Icelandic ``-sson`` / ``-dóttir``, Spanish ``-ández`` / ``-ínez`` / ``-ópez``. A capitalised word, then a capitalised word with such an
ending (two or three words in all, none an everyday UI word), counts as a name. Endings that
everyday words share are left out: adjectives and possessives end like Russian, Ukrainian,
Polish and Armenian surnames (``-ов``, ``-ська``, ``-ski``, ``-յան``: ``Виндоузов``,
``Українська``, ``Polski``, ``Վիրջինյան``), and so do German ``-sen`` (``Anpassen``),
Finnish ``-inen`` (``Yleinen``) and English ``-ian`` (``Debian``). Names of those languages
are left to the listed given names of ``given_names``.
"""

from __future__ import annotations

import re

from taskmine.privacy.lexicon import COMMON_WORDS, LOWER, UPPER
from taskmine.privacy.name_shapes import LETTERS

Span = tuple[int, int]

_ENDINGS = (
    # Greek, written in Latin and in Greek letters (with and without accents)
    "opoulos|opoulou|poulos|idis|iadis|akis|akou|idou|oglou"
    "|όπουλος|οπουλος|όπουλου|οπούλου|ίδης|ιδης|ιάδης|άδης|αδης|άκης|ακης|ίδου|άκη|όγλου|ιώτης"
    # South Slavic, Romanian, Ukrainian; patronymic surnames in Cyrillic and Latin letters
    "|ić|ič|ović|ević|ић|ович|евич|escu|enko|енко|чук|щук|юк|ovich|evich|ovic|evic"
    # Polish, Lithuanian, Turkish, Nordic
    "|wicz|czyk|czak|ienė|aitė|ytė|ūtė|auskas|evičius|avičius|iūtė|oğlu|oglu|sson|dóttir|dottir"
    # Spanish patronymics, written with their accent
    "|ández|éndez|índez|íguez|ález|ínez|ómez|ópez|érez|ánchez|énez|úñez|ázquez"
)
_SURNAME = re.compile(rf"(?<![{LETTERS}'’.\-])[{UPPER}][{LOWER}'’]*(?:{_ENDINGS})(?![{LETTERS}])")
# One capitalised word (``Jean-Luc`` is one) right before a position, after a space.
_WORD_BEFORE = re.compile(
    rf"(?<![{LETTERS}'’.\-])[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}'’]+)?[ \t]+\Z"
)


def surname_ending_spans(text: str) -> list[Span]:
    """(start, end) of each name whose last word has a surname's ending: one or two
    capitalised words before it, none of them an everyday UI word."""
    spans: list[Span] = []
    for surname in _SURNAME.finditer(text):
        start = surname.start()
        for _ in range(2):
            before = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if before is None or before.group().strip().casefold() in COMMON_WORDS:
                break
            start = before.start()
        if start < surname.start():
            spans.append((start, surname.end()))
    return spans
