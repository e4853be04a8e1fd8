"""Privacy, stage 0: the patterns and word sets of the ADDRESS detector (``addresses``).

Built once at import from the word lists of ``lexicon`` and ``lexicon_streets``: character
classes of cased letters, house numbers, capitalised name words, street-type alternations,
postal codes by shape, and the parts that widen a found street line.
"""

from __future__ import annotations

import re

from taskmine.privacy.lexicon import LOWER, UPPER, alternation
from taskmine.privacy.lexicon_streets import (
    ADDRESS_LABELS,
    ADMIN_UNITS,
    FLOOR_WORDS,
    HOUSE_NUMBER_MARKERS,
    NUMBERED_PARTS,
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
)

L = UPPER + LOWER
UPPER_SET = frozenset(UPPER)
DIGIT = re.compile(r"\d").search
WORD_RE = re.compile(rf"[{L}][{L}\u0300-\u036f]*")  # ``İ`` folds to ``i`` and a combining dot
FREE_TYPES = frozenset(" ".join(t.split()) for t in STREET_TYPES_FREE)
NUM = rf"\d{{1,4}}(?:[ ]?[{L}](?![\w'.:]))?(?:[ ]?[-/][ ]?(?:\d{{1,5}}[{L}]?|[a-zA-Z](?![{L}])))?(?![\d])"
# a capitalised word; combining marks may follow any letter (Yoruba ``Òdẹ̀kù``, Vietnamese
# typed in decomposed form)
CM = "\u0300-\u036f"
CAP = rf"[{UPPER}](?![°º])[{CM}]*[{L}{CM}'’.]*(?:-[{L}][{L}{CM}'’.]*)*"
PARTICLE = r"(?:de|del|de\s+la|de\s+las|de\s+los|de\s+l['’]|des|du|di|della|dello|delle|dei|degli|da|dos|das|do|van|von|der|den|the|of|la|le|au|aux|y|yr|l['’]|d['’]|dell['’])"
SP = r"[ \t\u00a0]+"  # the words of one street line: a line break ends it
# the words of a street's name; after an elided article a word may be written in lower case
# (``Avenue de l'émergence``), and a name may run to six words (``Cheikh Seydi El Hadji Malick
# Sy``)
NAME_WORD = rf"(?:{PARTICLE}[ \t]*)?(?:{CAP}|(?<=['’])[{LOWER}]{{3,}})"
NAME_WORDS = rf"{NAME_WORD}(?:{SP}{NAME_WORD}){{0,5}}"
EDGE = rf"(?<![{L}0-9_/.,-])"
MARKERS = alternation(HOUSE_NUMBER_MARKERS)
SUFFIXES = alternation(STREET_SUFFIXES_STRONG | STREET_SUFFIXES_WEAK)
NUMBER_FIRST = re.compile(
    rf"{EDGE}(?:\d{{1,4}}/)?\d{{1,5}}[a-zA-Z]?,?{SP}(?P<name>(?:{CAP}{SP}){{1,3}})(?P<suffix>(?i:{SUFFIXES}))(?![{L}])\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW)(?![{L}0-9]))?"
)
TYPES = alternation(frozenset(STREET_TYPES_FREE) | frozenset(STREET_TYPES_NUMBERED))
NUMBER_THEN_TYPE = re.compile(
    rf"{EDGE}(?:\d{{1,4}}/)*\d{{1,5}}(?:\s?(?:bis|ter|[a-zA-Z]))?,?\s+(?i:{TYPES})(?![{L}])\.?\s+"
    rf"(?:{NAME_WORDS}|(?:(?i:{MARKERS})\s*)?\d{{1,4}}(?:-\d{{1,4}})?(?![\d]))"
)  # ``18 calle 3-70``: Guatemala numbers the street and the house after the type
# the type first, after an adjective that belongs to the name: ``Petite rue des Écoles``,
# ``Grande Rue 3``, ``Gran Vía 12``; a title in lower case may open the name (``Bulevar kralja
# Aleksandra 73``, ``Ulica kneza Miloša 5``)
TYPE_FIRST = re.compile(
    rf"(?<![{L}0-9_])(?:(?:Petite|Grande|Vieille|Haute|Basse|Gran)[ \t]+)?(?P<type>(?i:{TYPES}))(?![{L}])\.?\s+"
    rf"(?P<name>(?:\d{{1,2}}\s+)?(?P<lower>[{LOWER}]{{4,}}{SP}(?=[{UPPER}]))?{NAME_WORDS}(?:\s+\d{{1,2}}-[{LOWER}]{{1,2}})?)"
    rf"(?:,?\s+(?:(?i:{MARKERS})\s*)?(?P<number>{NUM}|s/n\.?|S/N\.?))?"
)
# The type after the name; a given name in lower case may follow the first word, as forms
# hold ``Táncsics mihály utca 54`` as often as ``Táncsics Mihály utca 54``, and a date may
# open it (``30 Ağustos Caddesi 5``).
TYPE_AFTER = re.compile(
    rf"(?<![{L}0-9_])(?P<name>(?:\d{{1,2}}\.?[ \t]+)?{CAP}(?:(?:[ \t]+|-)(?:{CAP}|[{LOWER}]{{4,}}(?=[ \t]))){{0,3}})(?:[ \t]+|-)(?P<type>(?i:{alternation(frozenset(STREET_TYPES_AFTER) | STREET_SUFFIXES_STRONG)}))"
    rf"(?![{L}])\.?,?\s+(?:(?i:{MARKERS})\s*)?{NUM}\.?"
)
# A street type of Cyrillic script, its name in any case (``набережна Військово-морських сил``,
# ``ш. 70 лет Октября``), then the house after a comma and its marker (``д. 3/5``, ``буд. 7``)
CYRILLIC_TYPES = alternation(
    frozenset(t for t in frozenset(STREET_TYPES_FREE) | frozenset(STREET_TYPES_NUMBERED)
              if re.search("[а-яіїєґё]", t))
)  # fmt: skip
TYPE_TO_HOUSE = re.compile(
    rf"(?<![{L}0-9_])(?i:{CYRILLIC_TYPES})(?![{L}])\.?\s+[^,;|\n]{{1,60}}?,\s*"
    rf"(?:д\.|буд\.|дом|бр\.)\s*\d{{1,4}}[{L}]?(?:/\d{{1,4}})?(?:\s+(?:к\.|кв\.|корп\.)\s*\d{{1,4}}(?:/\d{{1,4}})?)*"
)
# ``Ruta`` only here, with its number and a kilometre: in Spanish software it is a path
TYPE_NUMBERED = re.compile(
    rf"(?<![{L}0-9_])(?i:{TYPES}|ruta)(?![{L}])\.?\s+(?:[A-Z]-)?\d{{1,3}}[a-zA-Zªº]?"
    rf"(?:\s+(?:[Bb]is|Sur|Norte|Este|Oeste))?(?:\s+[A-Z](?![{L}]))?"
    rf"(?:\s*(?:N[°º]|No\.?|#|№)\s*{NUM}|(?:-[A-Z]{{1,3}})?,\s*km\.?\s*\d{{1,4}})"
)
MARKER_FIRST = re.compile(
    rf"(?<![{L}0-9_])(?:[Ss]ố|H\.\s?No\.|№)\s*(?:\d{{1,4}}/)*\d{{1,5}}[a-zA-Z]?(?P<rest>[^,;|\n]{{0,60}}?)(?=\s*(?:[,;|\n]|$|\s[-–—]\s))"
)
CAP_LOWER = rf"[{UPPER}][{CM}]*[{LOWER}{CM}]+(?:-[{UPPER}][{LOWER}{CM}]+)?"  # a word with lower-case letters
PLACED_SHAPE = re.compile(
    rf"[{UPPER}][{LOWER}]+,?\s+(?:\S+\s+){{0,6}}\d|\d[a-zA-Z]?,?\s+[{UPPER}][{LOWER}]"
)
PLACED = re.compile(
    rf"(?:(?<=\s)(?i:{alternation(PLACE_PREPOSITIONS)})[:：]?\s+"
    rf"|(?<![{L}0-9_])(?i:{alternation(PLACE_LABELS + ADDRESS_LABELS)})\s*[:：-]?\s+)"
    rf"(?P<line>(?P<name>{CAP_LOWER}(?:\s+(?:{PARTICLE}\s+)?{CAP}){{0,2}}),?\s+(?:(?i:{MARKERS})\s*)?(?P<number>{NUM})\.?"
    rf"|(?:(?P<flat>(?:\d{{1,4}}/)+\d{{1,5}}[a-zA-Z]?,?|\d{{1,5}}[a-zA-Z]?,)|\d{{1,5}}[a-zA-Z]?)"
    rf"\s+(?P<after>{CAP_LOWER}(?:\s+{CAP_LOWER}){{0,3}}))"
    rf"(?![{L}0-9])"
)
ENDINGS = alternation(frozenset(STREET_ENDINGS))
ENDING_WORDS = frozenset(STREET_ENDINGS)
LOOKALIKE_TAILS = tuple(sorted(STREET_LOOKALIKES))
WORD_BEFORE_NUMBER = re.compile(rf"(?<![{L}0-9_])(?P<word>[{L}][{L}'’.]*)(?<![.])\.?,?\s*{NUM}")
NUMBER_THEN_COMPOUND = re.compile(
    rf"{EDGE}(?P<number>\d{{1,5}}[a-zA-Z]?),?{SP}(?P<name>(?:[{UPPER}][{LOWER}]+{SP})?"
    rf"(?P<word>[{UPPER}][{LOWER}'’]+(?:-[{L}][{LOWER}]+)*))(?![{L}0-9])"
)
COMPOUND_HEAD = re.compile(rf"(?:(?:[{UPPER}][{L}'’.]*|{PARTICLE})[\s-]){{1,3}}\Z")
PO_BOX = re.compile(rf"(?<![{L}])(?i:{alternation(PO_BOXES)})\.?\s*(?:No\.?\s*)?\d[\d ]{{0,8}}\d?")
MILITARY = re.compile(
    r"\b(?:PSC|CMR|Unit)\s+\d{3,4},?\s+Box\s+\d{1,5}|\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}"
    r"|\b(?:USNS|USNV|USS|USCGC)\s+[A-Z][a-z]+"
)
UK_POSTCODE = re.compile(
    r"(?<![\w])(?:GIR 0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w])"
)
CITY_LINK = r"(?:am|an|der|den|die|ob|sur|sous|de|del|la|le|les|los|las|el|y|da|do|dos|das|di|en|in|aan|op|im|bei|upon|on|of|nad|pod|v|ve|u|na|pri|při|lès|lui|í)"
# a town, with the region German names after a slash: ``Halle/Saale``, ``Thalheim/Erzgeb.``
CITY = rf"(?:'s-|'t\s|(?:da|do|das|dos|de|del|la|le|el)\s)?{CAP}(?:[ \t-](?:{CITY_LINK}[ \t-]){{0,2}}{CAP}){{0,3}}(?:/{CAP})?"
CODE_CITY = re.compile(
    rf"(?<![\w.,:/-])(?:\d{{5,6}}|\d{{5}}-\d{{3}}|\d{{2}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{3}}\s\d{{2}}|[A-Z]{{1,2}}-\d{{4,5}})\s+(?P<city>{CITY})"
)
NL_CODE_CITY = re.compile(
    rf"(?<![\w])[1-9]\d{{3}}\s?(?!SA|SD|SS)[A-Z]{{2}}(?![\w])\s+(?P<city>{CITY})"
)
US_CITY_STATE_ZIP = re.compile(
    rf"{CAP}(?:\s+{CAP}){{0,2}},\s+(?P<state>[A-Z]{{2}})\s+\d{{5}}(?:-\d{{4}})?(?![\d])"
)
NUMBER_LINE = re.compile(
    rf"{EDGE}(?:\d{{1,4}}/)?\d{{1,5}}[a-zA-Z]?,?{SP}(?P<name>{CAP}(?:{SP}{CAP}){{0,3}})(?![{L}0-9])"
)
COMMA_PART = re.compile(
    r"[ \t]*[,\n]\s*(?P<part>[^,;|()\n]{1,40}?)(?=[ \t]*(?:[,;|()\n]|$|\s[-–—]\s))"
)
# Postal codes by shape, read only next to a street line already found (closing it, or widened
# over): the UK shape here takes any letters, as forms hold mistyped and made-up codes that
# the strict ``UK_POSTCODE`` anchor, read anywhere, must not.
CODE_SHAPE = (
    r"(?:\d{4,8}|[A-Z]{1,2}-\d{4,5}|\d{5}-\d{3,4}|\d{4}-\d{3}|\d{2}-\d{3}|\d{3}\s\d{2}"
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})"
)
CLOSING_PART = re.compile(
    rf"(?:{CITY}\s+)?{CODE_SHAPE}(?:\s+{CITY})?|[A-Z]{{2,3}}(?:\s+{CODE_SHAPE})?"
    rf"|\d{{3}}\s+{CITY}"  # ``101 Reykjavik``, ``100 Tórshavn``: three digits, then the town
)
CODE_TOWN = re.compile(rf"(?:{CODE_SHAPE}|\d{{3}})\s+{CITY}|{CITY}\s+(?:{CODE_SHAPE})")
LABEL = re.compile(rf"(?<![{L}0-9_])(?i:{alternation(ADDRESS_LABELS)})\s*[:：]\s*")
SEGMENT_VALUE = re.compile(r"[^\s;|\n](?:[^;|\n]*?[^\s;|\n])?(?=\s+[-–—|]\s+|\s*[;|\n]|$)")
# A line opens its segment after punctuation, a place preposition, or an address label written
# without its colon (``Billing address 879 Carpenter Lake``); street words among the labels
# (``street``, ``rue``) are left out, as they name the street itself.
_LABELS_BEFORE_LINE = alternation(
    frozenset(ADDRESS_LABELS) - {"street", "straße", "strasse", "rue", "calle", "straat", "ulica"}
)
SEGMENT_START = re.compile(
    rf"(?:^|[,;:(\[\n]|\s[-–—|]|\bto|\bat|\bfrom|\bnear|(?<![{L}])(?:{_LABELS_BEFORE_LINE}))\s*$",
    re.IGNORECASE,
)
# ``(home)``, ``[verified]``: a note in brackets after a value closes it too
SEGMENT_END = re.compile(
    rf"\s*(?:$|[,;)\]\n]|\s[-–—|•·]\s|\s[(\[][^()\[\]\d]{{1,30}}[)\]]\s*$|\s+(?i:{alternation(UNIT_WORDS)})\b)"
)
UNIT = rf"(?<![{L}0-9_])(?i:{alternation(UNIT_WORDS)})\.?\s*(?=[\w-]{{0,5}}\d)[\w-]{{1,6}}(?:/[\w-]{{1,4}})?"
CODE = (
    r"(?:(?:[A-Z]{1,2}-|ΤΚ\s?|Τ\.Κ\.\s?)\d{3}\s?\d{1,2}|[A-Z]{2}\d{1,2}-\d{4}|[A-Z]{2}\d{3,5}(?![\w])|\d{6,8}|\d{5}-\d{3,4}(?!\d)|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]\d[\dW] ?[\dA-Z]{4}(?![\w])|\d{3} \d{3}(?!\d)|\d{2} \d{3}(?!\d)|[1-9]\d{3}\s?[A-Z]{2}"
    r"|\d{5}(?:-\d{4})?|\d{4}-\d{3}|\d{2}-\d{3}|\d{4}|\d{3}\s\d{2})"
)
PROVINCE = rf"(?:\s*\((?:[A-Z]{{2}}|[{UPPER}][{LOWER}]+(?:[ -][{UPPER}][{LOWER}]+)?)\)|\s*/\s*[A-Z]{{2}}(?![{L}]))?"
ADMIN = rf"(?i:{alternation(ADMIN_UNITS)})(?![{L}])\.?\s*(?:{PARTICLE}\s+)?{CAP}(?:\s+(?:{PARTICLE}\s+)?{CAP}){{0,5}}(?:\s*\([{L}.]+\))?"
# The flat part after a house number, in any language: a short word and a number (``Zimmer 156``,
# ``dz. 427``, ``Bloc 33``, ``C 54``), or an ordinal with floor and side words (``9 étage``,
# ``3e verdieping``, ``2 hoog achter``, ``3. tv``, ``2ος``, ``26 bis``). It must close its
# segment, so ``Via Roma 12 Page 3 of 9`` keeps ``Page 3 of 9``; ``tag`` is checked for UI words.
# after a house number, or after ``s/n`` ("no number") that stands for one
AFTER_NUMBER = rf"(?:(?<=\d)|(?<=\d[{L}ºª°])|(?<=\d\.)|(?<=[sS]/[nN])|(?<=[sS]/[nN]\.))"
FLOORS = alternation(frozenset(w.rstrip(".") for w in FLOOR_WORDS))
ORDINAL = rf"\d{{1,3}}(?:\.|[ºª°]|[{L}]{{1,3}}\.?)?"
FLAT_TAIL = (
    rf"{AFTER_NUMBER}(?:\s*,\s*|[ \t]+)"
    rf"(?:(?P<tag>[{L}]{{1,10}})[.:]?[ \t]?\d{{1,5}}(?:[{L}]|/\d{{1,4}})?"
    rf"|\d{{1,2}}[ºª°][ \t]?[A-Z](?![{L}])\.?"  # ``3º A``, ``1º B``: a floor and its door
    rf"|{ORDINAL}(?:[ \t]+(?i:{FLOORS})(?![{L}])\.?){{0,2}}"
    rf"|(?i:{FLOORS})(?![{L}])\.?(?:[ \t]+(?i:{FLOORS})(?![{L}])\.?)?(?:[ \t]+[A-Z](?![{L}]))?)"
    rf"(?=\s*(?:$|[,;|)\]\n]|\s[-–—|·]\s|\s+[{LOWER}]))"
)
# Up to two lower-case words after a town, then a postal code or the end of its segment.
TOWN_TAIL = re.compile(
    rf"(?:[ \t]+[{LOWER}][{L}]*(?:['’][{L}]+)?){{1,2}}"
    rf"(?:[ \t]+{CODE}(?![\w])|(?=\s*(?:$|[,;|)\]\n]|\s[-–—|•·]\s)))"
)
RIGHT_PART = re.compile(
    rf"{FLAT_TAIL}|"
    rf"(?:(?:\s*[,\n]\s*|\s+)(?:{UNIT}|{CODE}(?:,?\s+{CITY})?{PROVINCE})"
    rf"|\s*[,\n]\s*{CITY},?\s+(?:[A-Z]{{2,3}},?\s+)?{CODE}{PROVINCE}"
    rf"|\s*[,\n]\s*[A-Z]{{2,4}}(?:,?\s+{CODE})?(?:,?\s+{CITY})?"
    rf"|\s+(?:Sur|Norte|Este|Oeste|Nord|Sud|Est|Ouest|[Bb]is|[Tt]er)(?![{L}])"
    rf"|[ ]\d{{1,3}}(?:[a-zA-Z]|/\d{{1,4}})?(?![\w/.:-]|,\S)"
    rf"|(?:\s*[,\n]\s*|\s+){ADMIN}(?:,?\s+{CODE})?"
    rf"|(?<=\d)\s+{CITY}{PROVINCE}(?=\s*(?:$|[,;|\n]|\s[-–—|]\s|\s+[{LOWER}]))"
    rf"|\s*[,\n]\s*{CITY}-\d{{6}}"
    rf"|\s*,\s*\d{{3}}\s+{CITY}(?=\s*(?:$|[,;|\n]|\s[-–—|]\s))"  # Iceland: ``, 101 Reykjavík``
    rf"|\s*[,\n]\s*(?P<city>{CITY}){PROVINCE})"
    rf"(?![{L}0-9])"
)
# A bare ``<Name> <number>`` line closed by a floor or a flat with its number: ``Ανδρέου 27,
# 2ος``, ``Καλάρη 2, Ισ.``, ``Kouvelis 9, 2nd floor``, ``Βασιλειάδη 135, Διαμ. 2``.
FLOOR_CLOSED = re.compile(
    rf"(?<![{L}0-9_])(?P<name>{CAP_LOWER}(?:\s+(?:{PARTICLE}\s+)?{CAP_LOWER}){{0,2}})\s+\d{{1,4}}[a-zA-Z]?"
    rf"(?:\s*,\s*|[ \t]+)(?:{ORDINAL}[ \t]+(?i:{FLOORS})(?![{L}])\.?|\d{{1,2}}ος(?![{L}])"
    rf"|(?i:{FLOORS})(?![{L}])\.?|{UNIT})"
    rf"(?=\s*(?:$|[,;|)\]\n]|\s[-–—|·]\s))"
)
# What may follow a bare ``<Name> <number>`` street line inside its segment: its flat part.
FLAT_CONTINUES = re.compile(rf"{FLAT_TAIL}|\s+{UNIT}")
UNIT_AFTER = re.compile(rf",?\s+{UNIT}")
# Lower-case particles that open a street name (``van de Brinkdijk 149``, ``de Ruyterkade 5``).
LEFT_PARTICLES = re.compile(
    r"(?:^|(?<=[\s,:;(]))(?:(?:van|von|de|der|den|het|ter|ten)[ \t]+){1,2}$"
)
BETWEEN = re.compile(rf"\s*[,\n]\s*(?:{CITY}\s*[,\n]\s*)?")
UNIT_ALONE = rf"(?<![{L}0-9_])(?i:{alternation(UNIT_WORDS)})\.?"
LEFT_UNIT = re.compile(
    rf"(?P<part>{UNIT}|{UNIT_ALONE}|(?<![{L}0-9_]){ADMIN}(?:,\s*\d{{4,6}})?|(?<![{L}0-9_])(?i:{TYPES})\.?)"
    rf"(?:,\s*|\s*\n\s*|\s+)$"
)
NEXT_WORD = re.compile(rf"[ \t]+([{L}][{L}.]*)")
LOWER_NEXT = re.compile(rf"[ \t]+[{LOWER}]")
HYPHENATED = re.compile(
    rf"(?<![{L}0-9_-])(?:[{UPPER}][{LOWER}]+-){{2,3}}[{UPPER}][{LOWER}]+\.?,?\s+{NUM}"
)
SLASHED_LINE = re.compile(
    rf"(?<![{L}0-9_])(?P<name>{CAP}(?:{SP}(?:{PARTICLE}{SP})?(?:{CAP}|[{LOWER}]{{3,}})){{0,3}}){SP}"
    rf"(?P<number>\d{{1,4}}[a-zA-Z]/\d{{1,4}}|\d{{3,4}}/\d{{1,4}})[a-zA-Z]?(?![\w/.-]|,\S)"
)
UNIT_STREET = re.compile(
    rf"{UNIT}\s*[,\n]\s*(?:{CAP}\s+){{1,3}}?(?P<suffix>[{UPPER}][{L}]+)(?![{L}])"
)
NAME_NUMBER_LINE = re.compile(
    rf"(?<![{L}0-9_])(?P<name>{CAP}(?:{SP}(?:{PARTICLE}{SP})?(?:{CAP}|[{LOWER}]{{3,}})){{0,3}}){SP}(?P<number>{NUM})"
    rf"(?:(?=[ \t]*[,\n])|\s+(?P<unit>{UNIT}))"
)
UNIT_NUMBER_LINE = re.compile(
    rf"{UNIT}{SP}\d{{1,5}}[a-zA-Z]?{SP}(?P<name>{CAP}(?:{SP}{CAP}){{0,3}})(?![{L}0-9])"
)
_PART = rf"(?i:{alternation(NUMBERED_PARTS)})(?![{L}])\.?\s*"
# two numbered parts or more in a row, the first with a number: ``House 12, Road 5, Block C``
NUMBERED_PART_CHAIN = re.compile(
    rf"(?<![{L}0-9_]){_PART}\d{{1,4}}[a-zA-Z]?(?:/\d{{1,4}})?"
    rf"(?:(?:\s*,\s*|\s+){_PART}(?:\d{{1,4}}[a-zA-Z]?(?:/\d{{1,4}})?|[A-Z])(?![\w])){{1,4}}"
)
# A numbered part before a street line (``Holding 45, Mirpur Road``, ``Plot 7, Banani Road``).
LEFT_NUMBERED_PART = re.compile(
    rf"(?<![{L}0-9_])(?P<part>{_PART}(?:(?i:no)\.?\s*)?\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?),\s*$"
)
# A house, plot or lot number and the village or quarter it lies in: ``Purok 3, Barangay
# Poblacion``, ``Lot 12, Kampung Baru`` (``Phase 2, Sector Alpha`` and ``Unit 3, Region West``
# are a plan's parts: those words are left out).
_HOME_PART = (
    r"(?i:house|house no\.|plot|plot no\.|lot|block|blk\.?|purok|holding)(?![^\W\d_])\.?\s*"
)
_VILLAGE = (
    r"(?i:barangay|brgy\.|bgy\.|sitio|kampung|kg\.|taman|tmn\.|kelurahan|kel\.|desa|mohalla"
    r"|mahalle|phường|xã|thôn|ấp)"
)
NUMBERED_PART_ADMIN = re.compile(
    rf"(?<![{L}0-9_]){_HOME_PART}\d{{1,4}}[a-zA-Z]?(?:/\d{{1,4}})?\s*,\s*{_VILLAGE}"
    rf"(?![{L}])\.?\s*{CAP}(?:\s+{CAP}){{0,3}}"
)
# A numbered part word right before the street line's number: ``Holding 45, Mirpur Road``.
PART_WORD_BEFORE = re.compile(rf"(?<![{L}0-9_]){_PART}\Z")
NUMBERED_PART_WORDS = frozenset(WORD_RE.findall(" ".join(NUMBERED_PARTS).casefold()))
# a whole title piece that is a street line: ``Jabukovac 116``, ``Pod zidom 6b``, ``60 Nyvej``
PIECE_LINE = re.compile(
    rf"(?P<name>{CAP}(?:{SP}(?:{PARTICLE}{SP})?(?:{CAP}|[{LOWER}]{{3,}})){{0,3}}){SP}(?P<number>{NUM})"
    rf"|(?P<number_first>{NUM}){SP}(?P<after>{CAP}(?:{SP}(?:{PARTICLE}{SP})?{CAP}){{0,3}})"
)
TOKEN_SPLIT = re.compile(r"[^\w]+")  # words, with their digits and underscores
LEFT_PLAIN = re.compile(rf"(?<![{L}0-9_])(?P<part>(?:{UNIT}|{NAME_WORDS}))(?:,\s*|\s*\n\s*)$")
# Before a postal code and its town, the street line with its house number: a capitalised
# name, lower-case words after it as Slovak and Czech write them (``Líščie údolie 695``), a
# marker (``Ki. Nilam no 8``) and a number, or ``s/n``; then the comma (``…, 06705 Malili``).
LEFT_NUMBERED = re.compile(
    rf"(?<![{L}0-9_])(?P<part>(?P<name>{CAP}(?:{SP}(?:{NAME_WORD}|[{LOWER}]{{3,}})){{0,5}}){SP}"
    rf"(?:(?i:{MARKERS})[ \t]?)?(?:\d{{1,5}}(?:[ ]?[a-zA-Z])?(?![\w/])|s/n\.?))[ \t]*,[ \t]*$"
)


def _words_of(phrases: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    return frozenset(w for p in phrases for w in WORD_RE.findall(p.casefold()))


SUFFIX_WORDS = _words_of(STREET_SUFFIXES_STRONG | STREET_SUFFIXES_WEAK)
TYPE_WORDS = _words_of(frozenset(STREET_TYPES_FREE) | frozenset(STREET_TYPES_NUMBERED)) | {"ruta"}
SUFFIX_OR_TYPE = SUFFIX_WORDS | TYPE_WORDS
ENDING_TAILS = tuple(sorted({e.casefold().rstrip(".") for e in STREET_ENDINGS}))
UNIT_WORD_SET = _words_of(UNIT_WORDS)
FLAT_WORD_SET = UNIT_WORD_SET | _words_of(FLOOR_WORDS) | {"οσ"}  # ``2ος``, folded: a Greek ordinal
PARTICLES = frozenset(WORD_RE.findall(PARTICLE.replace("\\s+", " ")))
AFTER_WORDS = _words_of(frozenset(STREET_TYPES_AFTER) | STREET_SUFFIXES_STRONG)
MARKER_WORDS = frozenset(("số", "no"))  # ``№`` is no letter: looked for in the text itself
PLACE_CUE_WORDS = _words_of(PLACE_PREPOSITIONS + PLACE_LABELS + ADDRESS_LABELS)
BOX_WORDS = _words_of(PO_BOXES) | frozenset(
    ("psc", "cmr", "unit", "apo", "fpo", "dpo", "usns", "usnv", "uss", "uscgc")
)
CUE_WORDS = (
    frozenset(w for p in ADDRESS_LABELS for w in WORD_RE.findall(p))
    | frozenset(w for p in STREET_TYPES_FREE for w in WORD_RE.findall(p))
    | frozenset(w for p in STREET_TYPES_NUMBERED for w in WORD_RE.findall(p))
) - {"de", "la"}
