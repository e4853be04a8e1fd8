"""Privacy, stage 0: ADDRESS in scripts without capital letters (CJK, Hangul, Thai, Hebrew).

The rest of the ADDRESS detector reads capitalised words, which these scripts do not have. Their
addresses carry markers instead, so each rule anchors on a marker next to a number:

- Japanese: ``丁目`` / ``番地`` / ``号`` after a number (``港北区東三島17丁目4番16号``), with the
  prefecture, city and ward written before it and a building and room after it;
- Chinese: a street word (``路``, ``街``, ``道``, ``巷``, ``弄``, ``里``) right before a number
  and ``号`` / ``號`` (``中山北路二段3号``), or a building letter (``张家港路y座``), then a
  postal code; a number and ``号`` alone (``12号``: a size, a date) is no address;
- Korean road-name addresses: a city, district or neighbourhood, then a road (``…로``,
  ``…길``) and its building number (``종로구 세종대로 110``); a road alone is not enough;
- Thai: a house number (``177/76``, ``32 หมู่ 3``) before a road, lane or district marker
  (``ถนน``, ``ถ.``, ``ซอย``, ``ต.``, ``อ.``, ``จ.``), up to a five-digit postal code; or a
  house number and road with no marker, closed by a comma, a town and a postal code;
- Hebrew: a street marker (``רחוב``, ``רח'``, ``שד'``) and a name and number, or a name and
  number followed by a comma and a town (``הזמיר 62, ברקת``), and a seven-digit postal code.

- any of them, and Arabic: a house number and name with an English type or a flat part after
  it (``631 佐藤 Street``, ``4081 พาณิชยการธนบุรี Suite 548``); a Japanese ``〒`` postal code.

Every rule needs its marker or its comma-and-town shape, so a bare word and number
(``3 รายการ``: three items) stays. Arabic addresses in Arabic words and Indic scripts are not
covered yet.
"""

from __future__ import annotations

import re

from taskmine.privacy.lexicon import alternation
from taskmine.privacy.lexicon_streets import STREET_SUFFIXES_STRONG, UNIT_WORDS

Span = tuple[int, int]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = "\u3040-\u30ff\u31f0-\u31ffー々〆ヶ"
_CJK = _HAN + _KANA
_HANGUL = "\uac00-\ud7a3"
_THAI = "\u0e01-\u0e5b"
_HEBREW = "\u05d0-\u05ea\u05f3\u05f4'\"-"

_JAPANESE = re.compile(
    rf"(?:[{_CJK}]{{1,30}}?)?"
    rf"(?:\d{{1,4}}丁目(?:\d{{1,4}}番地?)?(?:\d{{1,4}}号)?|\d{{1,4}}番地?\d{{1,4}}号|\d{{1,4}}番地)"
    rf"(?:[ \u3000]?[{_CJK}A-Za-z]{{1,20}}\d{{1,4}}(?:号室)?)?"
)
_CHINESE = re.compile(
    rf"[{_HAN}]{{1,30}}?(?:(?:[路街道巷弄里桥橋栋棟村镇鎮]|胡同)(?:[一二三四五六七八九十]段)?\d{{1,5}}(?:号|號)(?:楼|樓)?|[路街道巷弄][A-Za-z0-9]座)"
    rf"(?:[ \u3000]?(?:套房|公寓|室|单元|單元|栋|棟|楼|樓)[ \u3000]?\d{{1,5}}(?:室|号|號)?)?"
    r"(?:[ \u3000,，]*\d{6}(?!\d))?"
)
_KOREAN = re.compile(
    rf"(?:[{_HANGUL}]{{1,10}}(?:시|도|구|군|동|읍|면)[ ]+){{1,4}}"
    rf"[{_HANGUL}0-9]{{1,12}}(?<!으)(?:로|길)[ ]?\d{{1,4}}(?:번?길[ ]?\d{{1,4}})?(?:-\d{{1,4}})?(?![\d])"
)
_THAI_MARKERS = "ถนน|ถ\\.|ซอย|ซ\\.|ตำบล|ต\\.|อำเภอ|อ\\.|แขวง|เขต|จังหวัด|จ\\.|หมู่"
_THAI_ADDRESS = re.compile(
    rf"(?<![\d/])\d{{1,4}}(?:/\d{{1,4}})?[ ]+(?:{_THAI_MARKERS})[ ]?[{_THAI}0-9]"
    rf"(?:[{_THAI}0-9./ ]{{0,120}}?(?<![ ])(?:[ ]\d{{5}}(?!\d)|(?=[ ]*(?:$|[,;|)\n]|\s[-–—|]\s))))"
)
# A Thai house number and road with no marker, closed by a comma, a town and a postal code,
# written last as Thai addresses do: ``805 กรุงเกษม, เชียงราย 93850``.
_THAI_WITH_TOWN = re.compile(
    rf"(?<![\d/])\d{{1,4}}(?:/\d{{1,4}})?[ ]+[{_THAI}][{_THAI}-]*(?:[ ][{_THAI}][{_THAI}-]*){{0,3}}"
    rf"(?:[ ]+(?:Apt\.|Suite|Unit)[ ]?\d{{1,5}})?,[ ]*[{_THAI}]+(?:[ ][{_THAI}]+)?[ ]+\d{{5}}(?!\d)"
)
# The town and postal code after a CJK or Thai address: ``, 574-0012 栗田町``, ``, 甲斐町 483-0568``.
_SCRIPT_TAIL = re.compile(
    rf"(?:[ \u3000]*[,，、][ \u3000]*|[ \u3000]+)(?:〒?(?:\d{{3}}-\d{{4}}|\d{{5,6}})[ \u3000]*)?"
    rf"[{_CJK}{_THAI}{_HANGUL}]{{1,20}}(?:[ \u3000]*〒?(?:\d{{3}}-\d{{4}}|\d{{5,6}}))?(?![\d{_CJK}])"
)
_HEBREW_WORDS = rf"[{_HEBREW}]+(?:[ ][{_HEBREW}]+){{0,3}}"
_HEBREW_MARKED = re.compile(
    rf"(?:רחוב|רח'|רח׳|רח|שדרות|שד'|שד׳|דרך|כיכר|ככר|סמטת|סמ'|שכונת|שכ')[ ]+{_HEBREW_WORDS}[ ]\d{{1,4}}"
)
_HEBREW_WITH_TOWN = re.compile(
    rf"(?<![{_HEBREW}]){_HEBREW_WORDS}[ ]\d{{1,4}}(?:[ ]\d{{1,4}})?,[ ]*{_HEBREW_WORDS}"
    r"(?:,[ ]*\d{7}(?!\d))?"
)
_HEBREW_TAIL = re.compile(rf",[ ]*{_HEBREW_WORDS}(?:,[ ]*\d{{7}}(?!\d))?")
_JAPANESE_POSTCODE = re.compile(
    rf"〒[ ]?\d{{3}}-\d{{4}}(?:[ \u3000]*[{_CJK}]{{1,30}}(?:\d{{1,4}}(?:-\d{{1,4}}){{0,2}})?)?"
)
# A house number and a street name in an uncased script, with an English type or a flat part
# after it: ``631 佐藤 Street``, ``743 علاء Road``, ``4081 พาณิชยการธนบุรี Suite 548``.
_SCRIPT_WORD = f"[{_CJK}{_HANGUL}{_THAI}\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3]+"


_SCRIPT_NUMBER_LINE = re.compile(
    rf"(?<![\d/])\d{{1,5}}[ ]+{_SCRIPT_WORD}(?:[ ]+{_SCRIPT_WORD}){{0,3}}[ ]+"
    rf"(?:(?i:{alternation(STREET_SUFFIXES_STRONG)})(?![^\W\d_])\.?"
    rf"|(?i:{alternation(UNIT_WORDS)})\.?[ ]?\d{{1,5}}(?!\d))"
)
_UNCASED = re.compile(rf"[{_CJK}{_HANGUL}{_THAI}\u05d0-\u05ea\u0620-\u06d3]")


def find_script_address_spans(text: str) -> list[Span]:
    """(start, end) of the addresses written in scripts without case, left to right."""
    if _UNCASED.search(text) is None or not any(c.isdigit() for c in text):
        return []
    spans = [m.span() for m in _JAPANESE.finditer(text) if _has_japanese_place(m.group(0))]
    spans += [m.span() for m in _CHINESE.finditer(text)]
    spans += [m.span() for m in _KOREAN.finditer(text)]
    spans += [m.span() for m in _THAI_ADDRESS.finditer(text)]
    spans += [m.span() for m in _THAI_WITH_TOWN.finditer(text)]
    spans += [m.span() for m in _JAPANESE_POSTCODE.finditer(text)]
    spans += [m.span() for m in _SCRIPT_NUMBER_LINE.finditer(text)]
    spans = [_with_town(text, span) for span in spans]
    for match in _HEBREW_MARKED.finditer(text):
        tail = _HEBREW_TAIL.match(text, match.end())
        spans.append((match.start(), tail.end() if tail else match.end()))
    spans += [m.span() for m in _HEBREW_WITH_TOWN.finditer(text)]
    return spans


def _with_town(text: str, span: Span) -> Span:
    """``span`` grown over the town and postal code that follow it."""
    tail = _SCRIPT_TAIL.match(text, span[1])
    return (span[0], tail.end()) if tail else span


def _has_japanese_place(found: str) -> bool:
    """``丁目`` marks an address by itself; ``番地`` / ``号`` need a place before them."""
    return "丁目" in found or _JAPANESE_PLACE.search(found) is not None


_JAPANESE_PLACE = re.compile(r"[都道府県市区町村郡]")
