"""ADDRESS: a house number and a street name in Arabic, Persian or Hebrew letters, after a cue.

``address_scripts`` finds these streets from their street type (``شارع``, ``خیابان``,
``רחוב``). Many are written without one (``606 معبر الإبداع``), and then only the text around
them says they are a place. As for the capitalised ``Deliver to Oraskuja 875``
(``address_lines.placed_street``), the line counts where a cue comes right before it:

- an address label, with or without its colon (``Billing address``, ``Located at``,
  ``Adresse :``), or a place label with its colon (``Location:``);
- a place preposition (``at``, ``to``, ``à``, ``an``...) after a word of delivery or visit
  (``Ship to``, ``Drop-off at``, ``Pick up the keys at``);
- a maps or route app's window title around it (``513 معبر النصر - Route planner``).

The line is a house number and at least two more words or numbers of the script, and it must
end its segment: the end, a comma, a separator or a word of another script. It grows over
its town, district and province parts after commas, with their postal codes (three to ten
digits after a town, five before it). A street name before its number, as Persian, Georgian
and Hebrew write it (``میرداماد 259``), counts after an address label, or after a visit or
place cue where a town follows (``Pick up the keys at آزادی 864, اسفراین``): ``Deliver to
فريق المبيعات 3`` is a team. With no cue, a line that opens its segment counts when
a town after it carries a postal code of five to ten digits (``8 वर्मा, अमरपुर 596252``), or
a code of five before the last town where that town closes the text or its title piece
(``4208 คลองลำปัก, 26270 พิษณุโลก``).
A Nepali ward or house number (``वडा 7``), or a municipality and its ward joined by a hyphen
(``काठमाडौं-10, ठमेल``), with a town or quarter after it needs no cue either; a
Devanagari name and street type (``थापा मार्ग``) needs a cue and no number.
``Sent to 3 مستخدمين جدد`` stays: ``sent`` is no word of delivery.
"""

from __future__ import annotations

import re

from taskmine.privacy.address_lines import starts_segment
from taskmine.privacy.address_parts import in_maps_title
from taskmine.privacy.lexicon import LOWER, UPPER, alternation
from taskmine.privacy.lexicon_scripts import THAI_COUNT_WORDS
from taskmine.privacy.lexicon_streets import (
    ADDRESS_LABELS,
    DELIVERY_WORDS,
    PLACE_LABELS,
    PLACE_PREPOSITIONS,
)
from taskmine.privacy.name_scripts import HAN

Span = tuple[int, int]

_LETTERS = UPPER + LOWER
# Spaced scripts without case: Arabic (Persian, Urdu), Hebrew, Georgian, the Indic scripts
# (their vowel signs and viramas inside the range), Thai and Lao, Khmer, and the zero-width
# joiners that shape their letters (``अनन्‍त`` holds a ZWJ). Not ``name_scripts``' ranges:
# those count the Arabic comma (``،``) as a letter, and here it separates the parts of an
# address.
_SCRIPT = (
    "\u0620-\u065f\u066e-\u06d5\u06fa-\u06ff\u200c\u200d\u05d0-\u05ea\u05f3\u05f4"
    "\u10a0-\u10ff\u0900-\u0dff\u0e00-\u0eff\u1780-\u17ff"
)
_SCRIPT_WORD = rf"[{_SCRIPT}]+(?:-[{_SCRIPT}]+)?"
_LINE = re.compile(
    rf"(?<![\d/{_SCRIPT}])(?:\d{{1,5}}/)?\d{{1,5}}[a-zA-Z]?[ ]+{_SCRIPT_WORD}"
    rf"(?P<more>(?:[ ]+(?:{_SCRIPT_WORD}|\d{{1,5}}(?![\d/]))){{1,5}})?"
)
# A street name before its house number, the order of Persian, Georgian and Hebrew
# (``میرداماد 259``, ``აღმაშენებლის 45``): the same cue and segment end as the line above.
_NAME_LINE = re.compile(
    rf"(?<![\d/{_SCRIPT}])(?P<name>{_SCRIPT_WORD}(?:[ ]+{_SCRIPT_WORD}){{0,3}})[ ]+"
    rf"\d{{1,5}}(?:/\d{{1,4}})?[a-zA-Z]?(?![\d/{_SCRIPT}])"
)
# The town and postal code after a comma; with a postal code it lets a one-word street count
# (``47 มาเจริญ, 29480 เมืองนนทบุรี``: Thai writes a street name as one run).
_TAIL = re.compile(
    rf"[ ]*[,،][ ]*(?:(?P<before>\d{{4,6}})[ ]+)?{_SCRIPT_WORD}(?:[ ]+{_SCRIPT_WORD}){{0,2}}"
    rf"(?:[ ]+\([{_SCRIPT}]+(?:[ ]+{_SCRIPT_WORD}){{0,3}}\))?"
    rf"(?:[ ]+(?P<after>\d{{3,10}}|\d{{5}}-\d{{5}})|-(?P<joined>\d{{6}}))?(?!\d)"
)  # ``, देवास 110054``, ``, अलीगढ-918376``: India writes the PIN after the town, or joined;
# Iran's postal codes have ten digits (``, تهران 1193653471``), other codes three to six; a
# district may carry its part in brackets (``, नवलपरासी (बर्दघाट सुस्ता पश्चिम) 24297``)
# Nepal numbers the ward of a municipality and the house (``वडा 7``, ``वडा नं. ७``, ``घर 12``):
# a name before them and a town after a comma make an address line without a cue
# (``महर्जन बाटो वडा 6, नुवाकोट, ताप्लेजुङ 56689``).
_WARD_LINE = re.compile(
    rf"(?<![\d/{_SCRIPT}]){_SCRIPT_WORD}(?:[ ]+{_SCRIPT_WORD}){{0,3}}[ ]+"
    r"(?:वडा|वार्ड|घर)(?:[ ]?नं\.?)?[ ]?[0-9०-९]{1,4}(?![\d०-९])"
)
# Nepal also writes the municipality and its ward joined by a hyphen, then the quarter and
# district after commas (``काठमाडौं-10, ठमेल``, ``ललितपुर-३, पुल्चोक, ललितपुर``).
_MUNICIPAL_WARD = re.compile(
    rf"(?<![\d/{_SCRIPT}])[\u0900-\u097f]+(?:[ ][\u0900-\u097f]+)?-[0-9०-९]{{1,2}}(?![\d०-९])"
)
# A Nepali or Hindi street is a name and its type after it (``थापा मार्ग``, ``गुरुङ पथ``,
# ``एमजी रोड``); ``मार्ग`` is also a file's path, so the line needs a cue before it.
_INDIC_TYPED = re.compile(
    rf"(?<![\d/{_SCRIPT}]){_SCRIPT_WORD}(?:[ ]+{_SCRIPT_WORD}){{0,2}}[ ]+"
    rf"(?:मार्ग|रोड|पथ|बाटो|गली|सडक|सड़क|चोक|चौक|लेन|टोल|हाईट|हाइट्स)(?![{_SCRIPT}])"
)
# Han: a street name and its house number with ``号`` / ``號`` (``陶侬2号``, ``中山路12號``), then
# a flat (``公寓 704``, ``套房 125``, ``室``).
_HAN_LINE = re.compile(
    rf"(?<![{HAN}\d])[{HAN}]{{1,10}}\d{{1,5}}[号號]"
    rf"(?:[ ]?(?:公寓|套房|单元|單元|室)[ ]?\d{{1,5}}[室号號]?)?(?![{HAN}\d])"
)
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_ANY_SCRIPT = re.compile(f"[{_SCRIPT}{HAN}]")
_ENDS = re.compile(rf"[ ]*(?:$|[,،;|)(\n]|[ ][-–—|][ ]|[ ]?[{_LETTERS}])")
_LABEL_BEFORE = re.compile(
    rf"(?<![{_LETTERS}])(?:(?P<address>(?i:{alternation(ADDRESS_LABELS)})[ \t]*[:：\-–]?)"
    rf"|(?i:{alternation(PLACE_LABELS)})[ \t]*[:：])[ \t]+\Z"
)
_PREPOSITION_BEFORE = re.compile(
    rf"(?P<before>[^\n]{{0,40}}?)(?<![{_LETTERS}])(?i:{alternation(PLACE_PREPOSITIONS)})[:：]?[ \t]+\Z"
)
# ``Drop-off at``: a drop-off is a delivery too.
_VISIT_WORDS = DELIVERY_WORDS | {"drop", "dropoff"}
_WORD = re.compile(rf"[{_LETTERS}]+")


def holds_indic_street_type(text: str) -> bool:
    """The cheap pre-check for a street with no number: a Devanagari street type."""
    return _DEVANAGARI.search(text) is not None and _INDIC_TYPED.search(text) is not None


def holds_cued_script(text: str) -> bool:
    """The cheap pre-check: the text has a letter of a script these lines are read in."""
    return _ANY_SCRIPT.search(text) is not None


def cued_script_lines(text: str) -> list[Span]:
    """(start, end) of each cued house number and street name in a script without case."""
    spans: list[Span] = []
    maps: bool | None = None  # a maps app's title, read once when a line needs it
    for line in _LINE.finditer(text):
        end = line.end()
        tails = _tails(text, end)
        coded = any(len(t.group(g) or "") >= 4 for t in tails for g in _CODE_GROUPS)
        cue = _cue(text, line.start())
        if cue is None and _postal_code(tails) and starts_segment(text, line.start()):
            cue = "postal code"  # ``8 वर्मा, अमरपुर 596252``: the town and its code say it
        if cue is None and maps is None:
            maps = in_maps_title(text)
        if cue is None and maps and starts_segment(text, line.start()):
            cue = "maps"  # ``513 معبر النصر, الفجيرة - Route planner``: a maps app's title
        if cue is None:
            continue
        if not THAI_COUNT_WORDS.isdisjoint(line.group(0).split()):
            continue  # ``5 รายการ``: five items
        if line.group("more") is None and not coded and cue not in ("label", "place"):
            continue  # ``Ship to 3 عملاء``: three customers; ``Address: 2886 मुख़र्जी`` is one
        if (grown := _closed_end(text, tails[-1].end() if tails else end)) is not None:
            spans.append((line.start(), grown))
    for line in _NAME_LINE.finditer(text):
        cue = _cue(text, line.start())
        if cue is None or not THAI_COUNT_WORDS.isdisjoint(line.group("name").split()):
            continue
        tails = _tails(text, line.end())
        if cue != "label" and not tails:
            continue  # ``Deliver to فريق المبيعات 3``, ``Home: صفحه 2``: a team, a page
        if (grown := _closed_end(text, tails[-1].end() if tails else line.end())) is not None:
            spans.append((line.start(), grown))
    for line in (
        _WARD_LINE.finditer(text) if "वडा" in text or "घर" in text or "वार्ड" in text else ()
    ):
        if _TAIL.match(text, line.end()) is None and _cue(text, line.start()) is None:
            continue
        if (grown := _with_parts(text, line.end())) is not None:
            spans.append((line.start(), grown))
    for line in _MUNICIPAL_WARD.finditer(text) if _DEVANAGARI.search(text) else ():
        tails = _tails(text, line.end())
        if not starts_segment(text, line.start()) or not tails:
            continue  # ``संस्करण-2``: a version; the ward needs its quarter after it
        if (grown := _closed_end(text, tails[-1].end())) is not None:
            spans.append((line.start(), grown))
    for line in _INDIC_TYPED.finditer(text) if _DEVANAGARI.search(text) else ():
        if _cue(text, line.start()) is not None and _ENDS.match(text, line.end()) is not None:
            spans.append(line.span())
    for line in _HAN_LINE.finditer(text):
        if _cue(text, line.start()) is not None and _ENDS.match(text, line.end()) is not None:
            spans.append(line.span())
    return spans


def _with_parts(text: str, end: int) -> int | None:
    """End of a line grown over its town, district and province parts, or None when it does
    not then end its segment."""
    return _closed_end(text, script_parts_end(text, end))


def _closed_end(text: str, end: int) -> int | None:
    """``end`` where the segment ends there, else None."""
    return end if _ENDS.match(text, end) is not None else None


def script_parts_end(text: str, end: int) -> int:
    """End of the town, district and province parts in these scripts after ``end``: after a
    flat in Latin letters (``… 3 Suite 106, นครศรีธรรมราช``) the town still follows."""
    tails = _tails(text, end)
    return tails[-1].end() if tails else end


def _tails(text: str, end: int) -> list[re.Match[str]]:
    """The town, district and province parts after a line, each after a comma."""
    tails = []
    while len(tails) < _MAX_TAILS and (tail := _TAIL.match(text, end)) and tail.end() > end:
        tails.append(tail)
        end = tail.end()
    return tails


_MAX_TAILS = 6
_CODE_GROUPS = ("before", "after", "joined")


def _postal_code(tails: list[re.Match[str]]) -> bool:
    """A town after the line carries a postal code of five to ten digits after it (a
    four-digit number may be a year): the district's or the province's, not only the first
    part's (``, جنوب ايليا, کرمان 225316``). A code of five digits may stand before the last
    town (``, 26270 พิษณุโลก``), where that town closes the text or its title piece: inside
    a sentence a number of five digits before a word is as often a size or a count."""
    if any(len(t.group(g) or "") >= 5 for t in tails for g in ("after", "joined")):
        return True
    last = tails[-1] if tails else None
    return (
        last is not None
        and len(last.group("before") or "") == 5
        and _CLOSES_TITLE.match(last.string, last.end()) is not None
    )


_CLOSES_TITLE = re.compile(r"[ ]*(?:\Z|[ ][-–—|][ ])")


def _cue(text: str, start: int) -> str | None:
    """``label`` after an address label, ``place`` after a place label with its colon,
    ``visit`` after a preposition that a word of delivery or visit leads, else None."""
    head = text[max(0, start - 60) : start]
    if (label := _LABEL_BEFORE.search(head)) is not None:
        if label.group("address") and "office" in label.group("address").casefold():
            return "visit"  # ``Branch office 3 עובדים``: an office may count its staff
        return "label" if label.group("address") else "place"
    preposition = _PREPOSITION_BEFORE.search(head)
    if preposition is None:
        return None
    words = [w.casefold() for w in _WORD.findall(preposition.group("before"))]
    return "visit" if any(w in _VISIT_WORDS for w in words[-4:]) else None
