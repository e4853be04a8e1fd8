"""Privacy, stage 0: street lines with no type word and no cue, read from their house number.

Most of Europe writes a street line as ``<Name> <number>`` with no street type a list could
hold (``Trekanten 34A``, ``Spetterbrücke 38``, ``Kolonie Havelblick 1380``), and a string may
hold it with no cue before it (a grid cell, a map title). Four shapes are read as an address
without a cue, as products and versions rarely take them:

- a house number with a letter, closing its segment: ``Elefantenbach 98c``,
  ``Galerie Eileen 680c`` (``Room 12B`` and ``Pixel 7a`` stay: a site word, a short name);
- a ``<Name> <number>`` line, then a comma and a town that closes the string or its segment:
  ``Spetterbrücke 38, Graz``, ``Erdberger Brücke 4, Amstetten`` (``Windows 11, Linux`` and
  ``Python 3, Java`` stay, as ``address_lines.plausible_house_number`` reads them as
  versions);
- a town with its administrative word, then the line: ``г. Самара, Ленина 5``,
  ``ք. Բերդ, 2120, Մուրադյան 5``;
- a house number, one proper word, a comma and a town closing the segment:
  ``705 Teigarhorn, Selfoss`` (``3 Dateien, Ordner`` stays: a plural is a count);
- an Armenian street name in the genitive or the adjective that streets take, and a number,
  alone in its segment: ``Մաշտոցի 81``, ``Ռուսթավելու 3``, ``Կիևյան 92`` ("Mashtots's",
  "Rustaveli's", "Kievan"; a noun of a UI string is in the nominative: ``Էջ 5``, "page 5");
- a Greek street in the genitive or a Czech or Slovak possessive, alone in its segment with
  a number: ``Βασιλικού 82``, ``Wilsonova 826``.
"""

from __future__ import annotations

import re

from taskmine.privacy import address_patterns as pattern
from taskmine.privacy.address_lines import ends_segment, plausible_house_number, starts_segment
from taskmine.privacy.address_widening import town_words
from taskmine.privacy.lexicon import COMMON_WORDS, words
from taskmine.privacy.lexicon_streets import FACILITY_WORDS, NAVIGATION_VERBS
from taskmine.privacy.word_shapes import is_year, looks_technical

Span = tuple[int, int]

_NAME = rf"{pattern.CAP_LOWER}(?:[ \t]+(?:{pattern.PARTICLE}[ \t]+)?{pattern.CAP_LOWER}){{0,2}}"
# The letters of a house number (``34A``, ``98c``); ``3D``, ``4K``, ``32X``, ``1080p``, ``24h``
# and ``60W`` are sizes, units and formats.
_LETTERED = re.compile(
    rf"(?<![{pattern.L}0-9_./-])(?P<name>{_NAME})[ \t]+(?P<number>\d{{1,4}}[a-fA-C])(?![\w/.-])"
)
_WITH_TOWN = re.compile(
    rf"(?<![{pattern.L}0-9_./-])(?P<name>{_NAME})[ \t]+(?P<number>\d{{1,4}}[a-zA-Z]?)"
    rf",[ \t]*(?P<town>{pattern.CITY})(?![{pattern.L}0-9])"
)
# A house number, one proper word, a comma and a town: ``705 Teigarhorn, Selfoss``.
_NUMBER_WORD_TOWN = re.compile(
    rf"(?<![{pattern.L}0-9_./,:-])(?P<number>\d{{1,4}}[a-zA-Z]?)[ \t]+(?P<name>{pattern.CAP_LOWER})"
    rf",[ \t]*(?P<town>{pattern.CITY})(?:[ \t]+\d{{3,5}})?(?![{pattern.L}0-9])"
)  # the town may carry its postal code after it: ``1336 Álftárbakki, Grindavík 240``
_LETTER_AFTER_DIGIT = re.compile(r"\d[a-fA-C](?![\w/.-])")
# A region named before its word: ``Շիրակի մարզ``, ``Самарская область``, ``Lori Province``.
_REGION = (
    rf"{pattern.CAP}(?:[ \t]+{pattern.CAP})?[ \t]+"
    r"(?:մարզ|область|обл\.|район|р-н|oblast|province|county|region)(?![\w])"
)
# A town with its administrative word before the line, and maybe a postal code between:
# ``г. Самара, Ленина 5``, ``ք. Բերդ, 2120, Մուրադյան 5``: the town says it is an address.
_AFTER_ADMIN = re.compile(
    rf"(?<![{pattern.L}0-9_]){pattern.ADMIN}[ \t]*,[ \t]*(?:{_REGION}[ \t]*,[ \t]*)?"
    rf"(?:\d{{4,6}}[ \t]*,[ \t]*)?"
    rf"(?P<name>{_NAME})[ \t]+(?P<number>{pattern.NUM})(?![{pattern.L}0-9])"
)
# Armenian names a street in the genitive (``-ի``, ``-ու``, plural ``-ների``) or with an
# adjective (``-յան``); a month in the genitive is a date (``Մարտի 8``, "8 March").
_HY_WORD = "[\u0531-\u0556][\u0560-\u0588]+"
_ARMENIAN_LINE = re.compile(
    rf"(?<![{pattern.L}0-9_./-])(?:{_HY_WORD}[ \t]+)?"
    rf"(?P<name>[\u0531-\u0556][\u0560-\u0588]*(?:ի|ու|յան))[ \t]+\d{{1,4}}(?![{pattern.L}0-9/.,-])"
)
_HY_SIGN = re.compile("[\u0531-\u0556]")
_HY_MONTHS = words(
    "հունվարի փետրվարի մարտի ապրիլի մայիսի հունիսի"
    " հուլիսի օգոստոսի սեպտեմբերի հոկտեմբերի նոյեմբերի դեկտեմբերի"
)
# A street named in the genitive of a person or in a possessive adjective, alone in its
# segment with a house number: Greek ``Βασιλικού 82``, ``Κοντολέων 85``; Czech and Slovak
# ``Wilsonova 826``, ``Husova 5``, ``Čulenova 56``; a Greek surname of ``-ίδης``, ``-άδης``,
# ``-άκης`` in the genitive (``Βικελίδη 279``). UI nouns before a number are in the nominative
# (``Σελίδα 3``, ``Strana 3``), and no Greek genitive or ``-ova`` word stood before a number in
# the readable half of the translated catalogs. ``Moldova``, ``Padova``, ``Casanova`` and
# ``Supernova`` are listed out. Czech and Slovak adjectives (``Obchodná 844``) were tried and
# left out: they raised the catalogs' false alarms.
_GENITIVE_LINE = re.compile(
    rf"(?<![{pattern.L}0-9_./-])(?P<name>(?:[Α-ΩΆ-Ώ][α-ωά-ώϊϋΐΰ]+[ \t]+)?[Α-ΩΆ-Ώ][α-ωά-ώϊϋΐΰ]+"
    rf"(?:ου|ού|ων|ών|ίδη|ΐδη|άδη|άκη|ούδη)"
    rf"|[A-ZÁČĎÉÍĽŇÓŠŤÚÝŽ][a-záäčďéíĺľňóôŕřšťúůýž]{{2,}}(?:ova))"
    rf"[ \t]+\d{{1,4}}(?:/\d{{1,4}})?[a-zA-Z]?(?![{pattern.L}0-9/.,-])"
)
_GENITIVE_SIGN = re.compile(r"(?:ου|ού|ων|ών|ίδη|ΐδη|άδη|άκη|ούδη|ova)[ \t]+\d")
# Places and words of ``-ova`` that are no possessive: ``Moldova 3``, ``Supernova 2``.
_NOT_POSSESSIVE = words(
    "moldova padova genova casanova supernova villanova terranova bossanova canova cordova"
)
# Sites and transport that take a lettered number in every language: ``Gleis 9b``, ``Linie 5A``.
_NUMBERED_PLACES = FACILITY_WORDS | frozenset(
    (
        "linie", "gleis", "bahnsteig", "zimmer", "raum", "halle", "saal", "haus", "bus", "tram",
        "sala", "salle", "aula", "quai", "voie", "binario", "spoor", "perron", "peron",
        "kabinet", "pokoj", "sal", "rum", "lokal", "seat", "flight", "track", "model", "type",
    )
)  # fmt: skip


def bare_street_lines(text: str) -> list[Span]:
    """(start, end) of each uncued ``<Name> <number>`` line the shapes above hold."""
    spans: list[Span] = []
    # each shape scans only where the string holds its sign: a lettered number, a comma
    lettered = _LETTERED.finditer(text) if _LETTER_AFTER_DIGIT.search(text) else ()
    comma = "," in text
    for match in lettered:
        if ends_segment(text, match.end()) and _street_name(text, match):
            spans.append(match.span())
    for match in _AFTER_ADMIN.finditer(text) if comma else ():
        end = match.end()
        if (ends_segment(text, end) or pattern.FLAT_CONTINUES.match(text, end)) and not any(
            w in COMMON_WORDS for w in pattern.WORD_RE.findall(match.group("name").casefold())
        ):
            spans.append(match.span())
    for match in _NUMBER_WORD_TOWN.finditer(text) if comma else ():
        if (
            ends_segment(text, match.end())
            and _street_name(text, match)
            and not is_year(match.group("number"))
            and not _plural(match.group("name"))
            and town_words(match.group("town"))
        ):
            spans.append(match.span())
    for match in _ARMENIAN_LINE.finditer(text) if _HY_SIGN.search(text) else ():
        if (
            starts_segment(text, match.start())
            and ends_segment(text, match.end())
            and match.group("name").casefold() not in _HY_MONTHS
        ):
            spans.append(match.span())
    for match in _GENITIVE_LINE.finditer(text) if _GENITIVE_SIGN.search(text) else ():
        if (
            starts_segment(text, match.start())
            and ends_segment(text, match.end())
            and match.group("name").casefold() not in COMMON_WORDS | _NOT_POSSESSIVE
        ):
            spans.append(match.span())
    for match in _WITH_TOWN.finditer(text) if comma else ():
        if (
            ends_segment(text, match.end())
            and _street_name(text, match)
            and plausible_house_number(match.group("name"), match.group("number"))
            and town_words(match.group("town"))
        ):
            spans.append(match.span())
    return spans


# A one-word ASCII name shorter than this is read as a brand: brands are short (``Pixel``,
# ``Redmi``, ``Samsung``, ``Boeing``), bare street names are mostly compounds (``Trekanten``).
_SHORTEST_SINGLE = 8


def _plural(word: str) -> bool:
    """An English plural, or a word of a count in the languages that write nouns with a
    capital (``3 Dateien``, ``12 Änderungen``, ``5 Ergebnisse``)."""
    folded = word.casefold()
    return (folded.endswith("s") and word.isascii()) or folded.endswith(_COUNT_ENDINGS)


# German plural endings: after a number a German noun is a count, not a street
_COUNT_ENDINGS = ("ungen", "heiten", "keiten", "nisse", "ien", "ellen")


def _street_name(text: str, match: re.Match[str]) -> bool:
    """The words before the number can name a street: no everyday, UI or site word, no
    identifier, the line opens its segment, and a single word is long enough not to be a
    product (``Pixel 7a``, ``Redmi 9A``)."""
    name = match.group("name")
    words = [w for w in pattern.WORD_RE.findall(name.casefold()) if w not in pattern.PARTICLES]
    if not words or any(w in COMMON_WORDS or w in _NUMBERED_PLACES for w in words):
        return False
    if any(looks_technical(w) for w in name.split()):
        return False
    if len(words) == 1 and len(words[0]) < _SHORTEST_SINGLE and name.isascii():
        return False  # ``Pixel 7a``, ``Samsung 980, Crucial``: a brand and its model
    before = pattern.WORD_RE.findall(text[max(0, match.start() - 30) : match.start()].casefold())
    if not NAVIGATION_VERBS.isdisjoint(before[-2:]):
        return False  # ``Upgrade to Lenovo Yoga 7i``
    return starts_segment(text, match.start())
