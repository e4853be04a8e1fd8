"""PERSON from a known given name: ``Irene Hoch accepted your invitation`` needs no other cue.

The other rules find a name from its context: a label, a preposition, an activity verb, a
title piece. A bare name has none of these. So a capitalised word that is a known given name,
followed by one to five more capitalised words in the shape of a name, counts as a name.

The lists are the 1990 US census given names and surnames (public domain; ``given_names.txt``
and ``surnames.txt``, built by ``scripts/build_given_names.py``). They are large, but
American: Hispanic, Italian, Irish, German and French given names are in them; most Slavic,
Greek, Turkish, Nordic, Arabic and Asian ones are not, so ``given_names_world.txt`` adds
common names of those languages, written by hand. Guards keep UI strings out:

- no word after the given name may be an everyday UI or business word
  (``lexicon.COMMON_WORDS``), an acronym or an initial: ``Victoria Station``, ``Son AAC``;
- a given name that is also an everyday English word (``Mark``, ``Grace``, ``Will``, ``June``)
  counts only before a census surname: ``Grace Kowalski`` is a name, ``Rich Text`` is not;
- a given name after a saint's title, a street type, a house number (not a year) or a hyphen
  belongs to a place: ``Santa Elena``, ``St. Vincent``, ``Via Isabelly Nascimento``,
  ``5 Lincoln Mews``, ``Lac- Christiane``;
- the list leaves out words of country names, short rare names and names mostly borne as
  surnames (see the build script); about 60 companies named after people stay
  (``Albert Heijn``);
- a string with letters only Vietnamese writes is skipped: Vietnamese UI words (``Hoà``,
  ``Nam``) are census given names too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files

from taskmine.privacy.address_patterns import TYPE_WORDS
from taskmine.privacy.lexicon import COMMON_WORDS, LOWER, NAME_PARTICLES, UPPER, phrases
from taskmine.privacy.name_shapes import LETTERS, is_degree, name_at
from taskmine.privacy.word_shapes import is_year

Span = tuple[int, int]

# A capitalised word of three letters or more at a word start (``Jean-Luc`` is looked up as
# ``Jean``), a space or tab after it.
_CANDIDATE = re.compile(
    rf"(?<![{LETTERS}'’.\-])(?P<given>[{UPPER}][{LOWER}]{{2,}})(?:-[{UPPER}][{LOWER}]+)?(?=[ \t\u00a0])"
)
# A surname: a capital, then a small letter (``McDonald``, ``O'Neill``; not ``AAC``).
_SURNAME = re.compile(rf"[{UPPER}](?:['’][{UPPER}])?[{LOWER}][{LETTERS}'’-]*")
# Letters only Vietnamese writes: a breve, a horn, a stroke, a dot below, a hook above, or two
# marks on one vowel. Vietnamese names carry them; the census list never does.
_VIETNAMESE = re.compile(
    "[ăâđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ĂÂĐƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]"
)
_SAINT_BEFORE = re.compile(
    r"\b(?:saint|sainte|st|ste|sankt|sint|santa|santo|san|são|sant|sancte|sveti|svatý|szent)\.?"
    r"[ \t]+\Z",
    re.IGNORECASE,
)
_SAINT_WORDS = frozenset({"saint", "santa", "santo", "san", "sant", "sankt", "sint"})
# The words before a candidate: a street named after a person is an address
# (``Via Isabelly Nascimento``, ``Calle de Juan Bravo``, ``5 Lincoln Mews``), and a given name
# after a hyphen ends a compound place name (``Lac- Christiane``, ``Saint- Antoine``).
_WORDS_BEFORE = re.compile(
    rf"(?:(?P<type>[{LETTERS}.]+)[ \t]+(?:(?:de|da|do|del|della|di|dos|das|von|van)[ \t]+)?"
    rf"|(?P<hyphen>[{LETTERS}]-[ \t]*)|(?P<number>(?<![\w.,])\d{{1,5}}[a-zA-Z]?)[ \t]+)\Z"
)


# Companies and brands named after a person, known the world over: the name is the company's.
_PERSON_NAMED_BRANDS = phrases(
    "albert heijn|johnson controls|johnson & johnson|ralph lauren|calvin klein|tommy hilfiger"
    "|hugo boss|louis vuitton|christian dior|christian louboutin|yves saint laurent"
    "|giorgio armani|estée lauder|walt disney|charles schwab|goldman sachs|wells fargo"
    "|dow jones|harley davidson|harley-davidson|rolls royce|rolls-royce|aston martin"
    "|mercedes benz|mercedes-benz|marks & spencer|dolce & gabbana|kate spade|michael kors"
    "|vera wang|tory burch|jimmy choo|ted baker|paul smith|karl lagerfeld|martha stewart"
    "|tim hortons|mary kay|marie claire|franklin templeton|edward jones|raymond james"
    "|john lewis|laura ashley|max factor|helena rubinstein|coco chanel|jack daniel's"
    "|johnnie walker|jim beam|ray ban|ray-ban|anne klein|oscar de la renta|carolina herrera"
    "|victoria beckham|stella mccartney|vivienne westwood|alexander mcqueen|john deere"
    "|henry schein|thomas cook|ernst & young|price waterhouse|arthur andersen|hewlett packard"
    "|hewlett-packard|ben & jerry's|peter pan|santa claus|father christmas|uncle sam"
)
_BRAND_REACH = max(map(len, _PERSON_NAMED_BRANDS))  # look no further ahead than the longest


def fold(word: str) -> str:
    """Lower case without accents: ``María`` and ``Jerónimo`` are the census's MARIA, JERONIMO."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


WORLD_NAMES = "given_names_world.txt"


def data_lines(name: str) -> list[str]:
    """The lines of one of this package's name lists, less blank lines and comments."""
    text = files("taskmine.privacy").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def given_names() -> tuple[frozenset[str], frozenset[str]]:
    """(every given name in use, the ones that are also everyday words), folded."""
    known: set[str] = set()
    everyday: set[str] = set()
    for line in data_lines("given_names.txt"):
        name, _, mark = line.partition(" ")
        if mark != "!":
            known.add(name)
        if mark == "*":
            everyday.add(name)
    # the hand-written names with capitals (Cyrillic, Greek, Armenian, Latin letters); its
    # Arabic, Persian and Hebrew ones are ``given_names_scripts``'s
    known.update(fold(name) for name in data_lines(WORLD_NAMES) if name[0].isupper())
    return frozenset(known - COMMON_WORDS - _SAINT_WORDS), frozenset(everyday)


@cache
def surnames() -> frozenset[str]:
    return frozenset(data_lines("surnames.txt"))


def _place_before(text: str, start: int) -> bool:
    """A saint's title, a street type, a house number or a hyphenated place opens what
    follows."""
    head = text[max(0, start - 40) : start]
    if _SAINT_BEFORE.search(head) is not None:
        return True
    before = _WORDS_BEFORE.search(head)
    if before is None:
        return False
    if before.group("hyphen") is not None:
        return True
    if (number := before.group("number")) is not None:
        return not is_year(number)  # ``2005 Javier Fernández``: a copyright year, then a name
    return before.group("type").casefold() in TYPE_WORDS


def _everyday_word(word: str, everyday_given: bool) -> bool:
    """A UI or business word; after a given name that is no English word, a census surname
    is not one: ``Irene Hoch``, ``Lionel West`` (``hoch`` and ``west`` are common words)."""
    if word.casefold() not in COMMON_WORDS:
        return False
    return everyday_given or fold(word) not in surnames()


def given_name_spans(text: str) -> list[Span]:
    """(start, end) of each name that opens with a known given name."""
    if _VIETNAMESE.search(text) is not None:
        return []
    known, everyday = given_names()
    spans: list[Span] = []
    for match in _CANDIDATE.finditer(text):
        given = fold(match.group("given"))
        if given not in known or _place_before(text, match.start()):
            continue
        ahead = text[match.start() : match.start() + _BRAND_REACH].casefold()
        if ahead.startswith(_PERSON_NAMED_BRANDS):
            continue
        end = name_at(text, match.start(), min_words=2, allow_lower=False)
        if end is None:
            continue
        rest = [w.strip(".,") for w in text[match.end() : end].split()]
        rest = [w for w in rest if w.casefold() not in NAME_PARTICLES]
        if rest and is_degree(rest[-1]):
            rest.pop()  # ``Alexandra Tremblay IV``, ``Jamie Diaz Jr``: the suffix is no surname
        if not rest or any(_everyday_word(w, given in everyday) for w in rest):
            continue
        if not all(_SURNAME.fullmatch(w) for w in rest):
            continue  # ``Son AAC``, ``Mac OS X``: capitals and initials are no surname here
        if given in everyday and not any(fold(w) in surnames() for w in rest):
            continue  # ``Rich Text``, ``Grant Access``
        spans.append((match.start(), end))
    return spans
