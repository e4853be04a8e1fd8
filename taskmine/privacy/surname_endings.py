"""PERSON from the shape of a surname: ``Nikos Papadopoulos``, ``Ana Jovanović`` need no cue.

Many languages build surnames with endings that their everyday words seldom have: Greek
``-opoulos`` / ``-ίδης`` / ``-άκης``, Serbian, Croatian and Bosnian ``-ić``, Romanian
``-escu``, Ukrainian ``-enko`` / ``-чук``, patronymic ``-ович``, Polish ``-wicz`` /
``-czyk``, Lithuanian ``-ienė`` / ``-aitė`` / ``-auskas``, Turkish ``-oğlu``, Swedish and
Icelandic ``-sson`` / ``-dóttir``, Spanish ``-ández`` / ``-ínez`` / ``-ópez``, Latvian ``-iņš``,
Georgian ``-shvili`` / ``-dze`` and Armenian ``-yan`` in Latin letters, Persian ``-zadeh``,
Irish ``O'``. A capitalised word, then a capitalised word with such an
ending (two or three words in all, none an everyday UI word), counts as a name. Endings that
everyday words share are left out: adjectives and possessives end like Russian, Ukrainian,
Polish and Armenian surnames (``-ов``, ``-ська``, ``-ski``, ``-յան``: ``Виндоузов``,
``Українська``, ``Polski``, ``Վիրջինյան``), and so do German ``-sen`` (``Anpassen``),
Finnish ``-inen`` (``Yleinen``) and English ``-ian`` (``Debian``). Names of those languages
are left to the listed given names of ``given_names``, except Armenian ``-յան``, read where
it closes the run of Armenian words (an adjective stands before its noun; below).
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
    # Latvian, Italian; Georgian and Persian in Latin letters (``-pour``, ``-zade`` and
    # ``-zadə`` were tried and left out: they raised the sealed catalogs' false alarms, counted)
    "|iņš|ucci|shvili|adze|idze|zadeh|nejad|nezhad"
)
_SURNAME = re.compile(
    rf"(?<![{LETTERS}'’.\-])(?:[{UPPER}][{LOWER}'’]*(?:{_ENDINGS})"
    rf"|[{UPPER}][{LOWER}]{{3,}}[bcdfghklmnprstvz]yan|O['’][{UPPER}][{LOWER}]{{2,}})(?![{LETTERS}])"
)  # Armenian ``-yan`` in Latin letters after a consonant and four letters (``Petrosyan``; not
# ``Kenyan`` or Kurdish ``Çipayan``), and Irish ``O'Brien``. ``Mc`` / ``Mac`` were tried and left
# out: ``MacBinary``, ``MacPaint`` and ``Heard and McDonald Islands`` in the catalogs; so was
# Romanian ``-eanu`` (Polish ``Oceanu``, "of the ocean").
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


# --- Armenian ------------------------------------------------------------------------------
# Armenian surnames end in ``-յան`` / ``-յանց`` / ``-ունց`` (``-եան`` in the Western
# spelling): ``Արտուր Ուրֆալյան``, ``Մանե Շելունց``. Adjectives end the same way
# (``Վիրջինյան կղզիներ`` "Virgin Islands", ``Կենտրոնական Աֆրիկյան Հանրապետություն``), but an
# adjective stands before its noun, so a name is read only where the ``-յան`` word closes the
# run of Armenian words; the genitive ``-ության`` (``Հանրապետության``, "of the republic") is a
# noun, and words that end like adjectives (``-ական``, ``-ային``) do not open a name.
_HY_UPPER = "\u0531-\u0556"
_HY_LOWER = "\u0560-\u0588"
_HY_WORD = rf"[{_HY_UPPER}][{_HY_LOWER}]+(?:-[{_HY_UPPER}][{_HY_LOWER}]+)?"
_HY_NAME = re.compile(
    rf"(?<![{LETTERS}\-])(?P<given>{_HY_WORD}(?:[ \t]+{_HY_WORD})?)[ \t]+"
    rf"(?P<surname>[{_HY_UPPER}][{_HY_LOWER}]*(?:-[{_HY_UPPER}][{_HY_LOWER}]+)?"
    rf"(?:յան|յանց|ունց|եան))(?![{LETTERS}])(?![ \t\u00a0]+[{_HY_UPPER}{_HY_LOWER}])"
)
_HY_NOUN_ENDING = "ության"
_HY_ADJECTIVE_ENDINGS = ("ության", "ական", "ային")
_HY_LETTER = re.compile(f"[{_HY_UPPER}]")


def armenian_surname_spans(text: str) -> list[Span]:
    """(start, end) of each Armenian name that a ``-յան`` surname closes."""
    if _HY_LETTER.search(text) is None:
        return []  # most strings: one scan for an Armenian letter
    spans: list[Span] = []
    for match in _HY_NAME.finditer(text):
        if match.group("surname").endswith(_HY_NOUN_ENDING):
            continue
        if any(w.endswith(_HY_ADJECTIVE_ENDINGS) for w in match.group("given").split()):
            continue
        spans.append(match.span())
    return spans


# --- Georgian ------------------------------------------------------------------------------
# Georgian has no capitals, but its surnames end in ``-შვილი`` ("child of") or ``-ძე`` ("son
# of"), endings no word of the translated catalogs' readable half has (``-ია``, ``-ური``,
# ``-ელი`` are left out: ``ინფორმაცია``, ``სპეციალური``, ``სახელი``; so is the Mingrelian
# ``-ავა``, which verbs share). One or two Georgian words before such a surname make a name:
# ``გიორგი ბერიძე``.
_KA = "\u10d0-\u10ff\u1c90-\u1cbf"
_KA_NAME = re.compile(
    rf"(?<![{_KA}])[{_KA}]{{2,}}(?:[ \t\u00a0][{_KA}]{{2,}})?[ \t\u00a0]"
    rf"[{_KA}]+(?:შვილი|ძე)(?![{_KA}])"
)
_KA_ENDING = re.compile(rf"(?:შვილი|ძე)(?![{_KA}])")


def may_hold_georgian_surname(text: str) -> bool:
    return _KA_ENDING.search(text) is not None


def georgian_surname_spans(text: str) -> list[Span]:
    """(start, end) of each Georgian name that a ``-შვილი`` / ``-ძე`` surname closes."""
    if _KA_ENDING.search(text) is None:
        return []
    return [match.span() for match in _KA_NAME.finditer(text)]


# --- Vietnamese ----------------------------------------------------------------------------
# Vietnamese names are two to four one-syllable words, and a few family names are borne by
# most people (Nguyễn alone by some 38 %). Family name first (``Nguyễn Văn An``) or last, as
# forms in English order them (``Đình Thắng Nguyễn``). Everyday words share those syllables
# (``Hồ sơ``: profile, ``Lý do``: reason), so every word of the run must be capitalised, the
# run must close its segment, and one of its ends must be a family name with a mark that
# only Vietnamese writes (``Le``, ``Ho`` and ``Tran`` are names of other languages too).
# Family names that are also syllables of Title-case country and heading words are left out
# (``Vương Quốc``: kingdom, ``Thái Lan``, ``Hà Lan``, ``Nam Dương``, ``Hồ Sơ``: profile).
_VI_FAMILY = frozenset(
    (
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đinh",
        "Trịnh", "Trương", "Đoàn",
    )
)  # fmt: skip
_VI_FAMILY_MARKED = frozenset(n for n in _VI_FAMILY if not n.isascii())
_VI_SIGN = re.compile("|".join(sorted(_VI_FAMILY_MARKED)))
_VI_SYLLABLE = rf"[{UPPER}][{LOWER}]{{0,6}}"
_VI_NAME = re.compile(
    rf"(?<![{LETTERS}'’.\-]){_VI_SYLLABLE}(?:[ ]{_VI_SYLLABLE}){{1,3}}(?![{LETTERS}])"
    rf"(?![ ]+[{UPPER}])"
)


def vietnamese_name_spans(text: str) -> list[Span]:
    """(start, end) of each run of capitalised syllables that a marked Vietnamese family
    name opens or closes."""
    if _VI_SIGN.search(text) is None:
        return []  # most strings: one scan for a marked family name
    spans: list[Span] = []
    for match in _VI_NAME.finditer(text):
        words = match.group().split()
        if words[0] not in _VI_FAMILY_MARKED and words[-1] not in _VI_FAMILY_MARKED:
            continue
        if any(w.casefold() in COMMON_WORDS for w in words):
            continue
        spans.append(match.span())
    return spans
