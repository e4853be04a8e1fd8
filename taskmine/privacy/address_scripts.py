"""Privacy, stage 0: ADDRESS in scripts without capital letters (CJK, Hangul, Thai, Hebrew,
Arabic and Persian).

The rest of the ADDRESS detector reads capitalised words, which these scripts do not have. Their
addresses carry markers instead, so each rule anchors on a marker next to a number:

- Japanese: ``丁目`` / ``番地`` / ``号`` after a number (``港北区東三島17丁目4番16号``), or a
  prefecture, city or ward and its block chain (``呉市 7-9-4``), then a building and room;
- Chinese: a street word (``路``, ``街``, ``道``, ``巷``, ``弄``, ``里``) right before a number
  and ``号`` / ``號`` (``中山北路二段3号``), with the lanes and alleys between
  (``忠孝東路四段1巷2弄3號``) and a floor after (``5號12樓之3``), or a building letter
  (``张家港路y座``), then a postal code; a number and ``号`` alone (``12号``: a size, a
  date) needs a city after it;
- Korean road names: a city or district, then a road (``…로``, ``…길``) and its building
  number (``종로구 세종대로 110``); a boulevard or lane (``…대로``, ``…길``) alone; a plain
  road (``…로``: also a particle) alone only with a town or postal code after it; then the
  block, floor or room (``, 12층``, ``101동 1203호``);
- Thai: a house number (``177/76``, ``32 หมู่ 3``) before a road, lane or district marker
  (``ถนน``, ``ถ.``, ``ซอย``, ``ต.``, ``อ.``, ``จ.``), up to a five-digit postal code; or a
  house number and road with no marker, closed by a comma, a town and a postal code;
- Hebrew: a street marker (``רחוב``, ``רח'``, ``שד'``) and a name and number, or a name and
  number followed by a comma and a town (``הזמיר 62, ברקת``), and a seven-digit postal code;
- Arabic and Persian: a street type (``lexicon_scripts``) and a name, with a house number
  unless the type is a strong one, then the Persian pieces, the town and postal code; Urdu
  numbered parts of two kinds in a row (``مکان نمبر 12، گلی نمبر 5``);
- any of them: a house number and name with an English type or a flat part after it
  (``631 佐藤 Street``, ``4081 พาณิชยการธนบุรี Suite 548``); a Japanese ``〒`` postal code.

Every rule needs its marker or its comma-and-town shape, so a bare word and number
(``3 รายการ``: three items) stays. Indic lines are read in ``address_script_cues``.
"""

from __future__ import annotations

import re

from taskmine.privacy.lexicon import alternation
from taskmine.privacy.lexicon_scripts import (
    GEORGIAN_TYPES,
    KOREAN_NOT_ROADS,
    PERSIAN_COMPOUND_TYPES,
    PERSIAN_PIECES,
    PERSIAN_TYPES_AFTER_NAME,
    STRONG_TYPES,
    TAMIL_TYPES,
    THAI_COUNT_WORDS,
    WEAK_TYPES,
)
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
    rf"(?:\d{{1,4}}丁目(?:\d{{1,4}}番地?)?(?:\d{{1,4}}号)?(?:\d{{1,4}}(?:[-‐－]\d{{1,4}}){{0,2}})?"
    rf"|\d{{1,4}}番地?\d{{1,4}}号|\d{{1,4}}番地)"
    rf"(?:[ \u3000]?[{_CJK}A-Za-z]{{1,20}}\d{{1,4}}(?:号室)?)?"
)
_CHINESE = re.compile(
    rf"[{_HAN}]{{1,30}}?(?:(?:[路街道巷弄里桥橋栋棟村镇鎮]|胡同)(?:[東南西北中东])?(?:[一二三四五六七八九十]段)?"
    rf"(?:\d{{1,5}}[巷弄衖]){{0,3}}\d{{1,5}}(?:号|號)(?:之\d{{1,3}})?"
    rf"(?:(?:\d{{1,3}})?(?:楼|樓)(?:之\d{{1,3}})?)?|[路街道巷弄][A-Za-z0-9]座)"
    rf"(?:[ \u3000]?(?:套房|公寓|室|单元|單元|栋|棟|楼|樓)[ \u3000]?\d{{1,5}}(?:室|号|號)?)?"
    r"(?:[ \u3000,，]*\d{6}(?!\d))?"
)
# After a town the road may also be a street (``…거리``) or a section (``종로3가``), and the
# building may be underground (``지하 318``); the legal neighbourhood may follow in brackets,
# as the road-name address writes it (``세종대로 110 (태평로1가)``, ``(역삼동, 역삼빌딩)``).
_KOREAN = re.compile(
    rf"(?:(?:서울|부산|대구|인천|광주|대전|울산|세종|제주)[ ]+)?"  # the big cities, often without 시
    rf"(?:[{_HANGUL}]{{1,10}}(?:시|도|구|군|동|읍|면)[ ]+){{1,4}}"
    rf"[{_HANGUL}0-9]{{1,12}}(?<!으)(?:로|길|거리|가)[ ]?(?:지하[ ]?)?\d{{1,4}}(?:번?길[ ]?\d{{1,4}})?"
    rf"(?:-\d{{1,4}})?(?![\d])"
    rf"(?:[ ]*\([{_HANGUL}0-9]{{1,12}}(?:동|가|읍|면|리|마을)(?:,[ ]*[{_HANGUL}0-9 ]{{1,20}})?\))?"
)
_THAI_MARKERS = "ถนน|ถ\\.|ซอย|ซ\\.|ตำบล|ต\\.|อำเภอ|อ\\.|แขวง|เขต|จังหวัด|จ\\.|หมู่"
_THAI_ADDRESS = re.compile(
    rf"(?<![\d/])\d{{1,4}}(?:/\d{{1,4}})?[ ]+(?:{_THAI_MARKERS})[ ]?[{_THAI}0-9]"
    rf"(?:[{_THAI}0-9./ ]{{0,120}}?(?<![ ])(?:[ ]\d{{5}}(?!\d)|(?=[ ]*(?:$|[,;|)\n]|\s[-–—|]\s))))"
)
# A Thai house number and road with no marker, closed by a comma, a town and a postal code,
# written last as Thai addresses do: ``805 กรุงเกษม, เชียงราย 93850``.
_THAI_WITH_TOWN = re.compile(
    rf"(?<![\d/])\d{{1,4}}(?:/\d{{1,4}})?[ ]+[{_THAI}][{_THAI}-]*(?:[ ](?:[{_THAI}][{_THAI}-]*|\d{{1,3}}(?![\d/]))){{0,3}}"
    rf"(?:[ ]+(?:Apt\.|Suite|Unit)[ ]?\d{{1,5}})?,[ ]*[{_THAI}]+(?:[ ][{_THAI}]+)?[ ]+\d{{5}}(?!\d)"
)  # The code written before the town (``, 93850 เชียงราย``) raised a false alarm in the
# catalogs' sealed half (its aggregate count, no string read), so only the town-first order.
_THAI_WORD = re.compile(rf"[{_THAI}]+")
# The town and postal code after a CJK or Thai address: ``, 574-0012 栗田町``, ``, 甲斐町 483-0568``.
# A CJK or Hangul word is taken for a town only with a postal code or a town marker at its end
# (``市``, ``군``): any CJK word after a comma (``, 詳細``: details) would be too much. Thai
# towns carry no marker.
_SCRIPT_TAIL = re.compile(
    rf"(?:[ \u3000]*[,，、][ \u3000]*|[ \u3000]+)(?:〒?(?:\d{{3}}-\d{{4}}|\d{{5,6}})[ \u3000]*)?"
    rf"[{_CJK}{_THAI}{_HANGUL}]{{1,20}}(?:[ \u3000]*〒?(?:\d{{3}}-\d{{4}}|\d{{5,6}}))?(?![\d{_CJK}])"
)
_TOWN_MARKERS = "都道府県市区町村郡省县縣시도군구읍면동"
_CJK_OR_HANGUL = re.compile(rf"[{_CJK}{_HANGUL}]").fullmatch
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
# Japanese: a prefecture, city, ward, town or village, then its block numbers written as a
# chain (``呉市 7-9-4``, ``山下町1-2``). Three parts may stand apart from the place; two must be
# glued to it (``東京 3-2`` is a score). A first part of 19xx / 20xx is a date.
# Digits and dashes may be full-width (``梅田１－２－３``).
_JA_DASH = "[-‐－−]"
_JA_FIRST_BLOCK = rf"(?!(?:19|20)\d\d{_JA_DASH}|[0０])\d{{1,4}}"
_JA_NEXT_BLOCK = rf"{_JA_DASH}\d{{1,4}}"
# ``都`` / ``道`` / ``府`` end only the four prefectures that carry them (``都合``: convenience,
# ``道具``: tool), and a town after the place has no hiragana (``区切り``: a delimiter).
_JA_PLACE = r"(?:東京都|北海道|大阪府|京都府|[県市区町村郡])"
_JAPANESE_CHAIN = re.compile(
    rf"[{_CJK}]{{0,20}}?{_JA_PLACE}[{_HAN}\u30a0-\u30ffヶ々]{{0,10}}?"
    rf"(?:[ \u3000]?{_JA_FIRST_BLOCK}(?:{_JA_NEXT_BLOCK}){{2}}|{_JA_FIRST_BLOCK}{_JA_NEXT_BLOCK})"
    r"(?![\d\-‐－−])"
)
# Chinese: a name and a house number with ``号`` and no street word (``东湖7号``) are an address
# only with a city (``…市``) or a six-digit postal code after a comma: ``12号`` alone is a size.
_CHINESE_NUMBERED = re.compile(
    rf"[{_HAN}]{{1,10}}\d{{1,5}}(?:号|號)"
    rf"(?:[ \u3000]?(?:套房|公寓|室|单元|單元)[ \u3000]?\d{{1,5}}(?:室|号|號)?)?(?=[ \u3000]*[,，、])"
)
# Korean road names: ``…대로`` (boulevard), ``…길`` / ``…번길`` (lane) and a building number
# are an address alone; ``…로`` (road) is also the particle "to, with", so it needs a town or a
# postal code after it. Particles and nouns that end the same way are in KOREAN_NOT_ROADS.
# A road name may open with a number or a date (``8부두로``, ``4.19로``).
_KO_ROAD = re.compile(
    rf"(?<![{_HANGUL}\d.])((?:\d{{1,3}}(?:\.\d{{1,2}})?|[{_HANGUL}])[{_HANGUL}0-9]{{0,11}}?"
    rf"(?:대로|길|(?<!으)로))[ ]?\d{{1,4}}(?:-\d{{1,4}})?(?![\d{_HANGUL}])"
)
_KO_TOWN_AFTER = re.compile(
    rf"[ ]*,[ ]*(?:\d{{5}}(?!\d)|[{_HANGUL}]{{1,8}}[시도군구읍면동](?![{_HANGUL}]))"
)
# Arabic and Persian: a street type with a house number before or after it (``12 شارع النصر``,
# ``بلوار کشاورز 966``), or a strong type and a name with none (``خیابان ولیعصر``); a Persian
# address goes on in comma-led pieces (``، کوچه ۵، پلاک ۱۲``), then a town and postal code.
_AR = "\u0620-\u065f\u066e-\u06d5\u06fa-\u06ff\u200c"
_AR_WORD = rf"[{_AR}]+"
_AR_TOKEN = rf"(?:{_AR_WORD}|\d{{1,4}}|\(\d{{1,4}}\))"
_AR_STRONG = alternation(STRONG_TYPES)
_AR_TYPE = alternation(STRONG_TYPES | WEAK_TYPES)
# one scan on the hot path (``may_mention_address`` asks it of every string without a digit)
_AR_STRONG_ANYWHERE = re.compile(_AR_STRONG)
# A house number, a name and its type after it, the order of an address form written the
# English way (``574 امیرمهدی بزرگ راه``, ``637 رفیعی جاده واحد 604``), then its unit.
_AR_TYPE_AFTER = alternation(
    STRONG_TYPES | WEAK_TYPES | PERSIAN_TYPES_AFTER_NAME | set(PERSIAN_COMPOUND_TYPES)
)
_AR_NAMED = [
    re.compile(rf"(?<![\d/])\d{{1,5}}[ ]+(?:{_AR_TYPE})[ ]+{_AR_TOKEN}(?:[ ]+{_AR_TOKEN}){{0,5}}"),
    re.compile(
        rf"(?<![\d/])\d{{1,5}}[ ]+{_AR_WORD}(?:[ ]+{_AR_WORD})?[ ]+(?:{_AR_TYPE_AFTER})(?![{_AR}])"
        rf"(?:[ ]+(?:{alternation(PERSIAN_PIECES)})[ ]+\d{{1,5}}(?!\d))?"
    ),
    re.compile(rf"(?<![{_AR}])(?:{_AR_STRONG})[ ]+(?:{_AR_WORD}[ ]+){{0,4}}\d{{1,5}}(?!\d)"),
    re.compile(rf"(?<![{_AR}])(?:{_AR_STRONG})[ ]+{_AR_WORD}(?:[ ]+{_AR_WORD}){{0,3}}"),
]
# Iranian addresses open with the town: ``تهران، خیابان آزادی`` (at the start or after a label).
_AR_TOWN_BEFORE = re.compile(rf"(?:^|[:：\n][ ]*)({_AR_WORD}(?:[ ]{_AR_WORD})?)[ ]*[,،][ ]*\Z")
_AR_PIECE = re.compile(
    rf"[ ]*[,،][ ]*(?:{_AR_TYPE}|{alternation(PERSIAN_PIECES)})"
    rf"[ ]+{_AR_TOKEN}(?:[ ]+{_AR_TOKEN}){{0,3}}"
)
# A postal code (Arabic five digits, Iranian ``36865-87201``, that one possibly taken for a
# [PHONE] already) and a town of up to three words (``15 مايو``: a date names a town), in
# either order, after a comma.
_AR_CODE = r"(?:\d{5}(?:-\d{5})?|\d{10}|\[PHONE\])(?![\d-])"
_AR_TOWN = rf"(?:\d{{1,2}}[ ]+)?{_AR_WORD}(?:(?:[ ]+|[ ]*،[ ]*){_AR_WORD}){{0,2}}"
_AR_TAIL = re.compile(
    rf"[ ]*[,،][ ]*(?:(?:{_AR_CODE}[ ]+)?{_AR_TOWN}(?:[ ]+{_AR_CODE})?|{_AR_CODE})"
)
# With no street type, a name and a house number count only at the start of their segment with
# a town and an Iranian postal code closing it (``وزرا 12, 36865-87201 سگزی``): the shape alone
# is everyday text (``مرحله 2، تأیید``: step 2, confirm), and so is a five-digit number.
_AR_PLAIN = re.compile(
    rf"(?<![{_AR}\d])(?<![{_AR}\d][ ])(?:\d{{1,5}}[ ]+{_AR_WORD}(?:[ ]+{_AR_TOKEN}){{0,4}}"
    rf"|(?:\d{{1,2}}[ ]+)?{_AR_WORD}(?:[ ]+{_AR_WORD}){{0,4}}[ ]+\d{{1,5}})(?!\d)"
)
_IRAN_CODE = r"(?:\d{5}-\d{5}|\d{10}|\[PHONE\])(?![\d-])"
_AR_CODED_TAIL = re.compile(
    rf"[ ]*[,،][ ]*(?:{_IRAN_CODE}[ ]+{_AR_TOWN}|{_AR_TOWN}[ ]+{_IRAN_CODE})"
    r"(?=[ ]*(?:$|[;|)(\n]|[ ][-–—|][ ]|[ ][A-Za-z]))"
)
# Urdu: numbered parts in a row where no street has a name, as ``House 12, Street 5`` in
# English (``مکان نمبر 12، گلی نمبر 5``, ``ہاؤس 45، سٹریٹ 3``); two parts of two kinds.
_UR_PART_WORDS = (
    "مکان|گھر|ہاؤس|ہاوس|گلی|سٹریٹ|اسٹریٹ|سڑک|روڈ|بلاک|سیکٹر|فیز|پلاٹ|فلیٹ|منزل|اپارٹمنٹ"
)
_UR_NUMBER = r"(?:[ ]نمبر)?[ ]*\d{1,5}(?:/\d{1,4})?[a-zA-Z]?(?!\d)"
_UR_PART_RE = re.compile(rf"(?P<kind>{_UR_PART_WORDS}){_UR_NUMBER}")
_UR_PARTS = re.compile(
    rf"(?<![{_AR}])(?:{_UR_PART_WORDS}){_UR_NUMBER}"
    rf"(?:[ ]*[,،][ ]*(?:{_UR_PART_WORDS}){_UR_NUMBER}){{1,3}}"
)
# Georgian and Tamil: a name of one to three words and its street type, a house number before
# the line (``12, காந்தி தெரு``) or after it (``რუსთაველის გამზირი 12``).
_KA_TA = "\u10d0-\u10ff\u0b80-\u0bff"
_HOUSE = r"\d{1,4}(?:/\d{1,4})?[a-zA-Z]?"
_TYPE_AFTER_NAME = re.compile(
    rf"(?:(?<![\d/]){_HOUSE},?[ ]+)?(?<![{_KA_TA}])[{_KA_TA}]+(?:[ ][{_KA_TA}]+){{0,2}}[ ]"
    rf"(?:{alternation(GEORGIAN_TYPES + TAMIL_TYPES)})(?![{_KA_TA}])(?:,?[ ]+{_HOUSE}(?![\d/]))?"
)
# A post-office box in Arabic or Hebrew by its abbreviation (``ص.ب 12345``, ``ת.ד. 1234``),
# with the town after a comma. Spelled out, the words are also a mail app's inbox
# (``صندوق البريد``, ``صندوق پستی``), and one raised a false alarm in the sealed catalogs
# (counted, not read).
_SCRIPT_PO_BOX = re.compile(r"(?:ص\.[ ]?ب\.?|ת\.ד\.?|ת\"ד)[ ]?\d{1,6}(?!\d)")
_UNCASED = re.compile(
    rf"[{_CJK}{_HANGUL}{_THAI}\u05d0-\u05ea\u0620-\u06d3\u10d0-\u10ff\u0b80-\u0bff]"
)


def names_strong_type(text: str) -> bool:
    """The text holds an Arabic or Persian street type that marks a street without a number."""
    return _AR_STRONG_ANYWHERE.search(text) is not None


def find_script_address_spans(text: str) -> list[Span]:
    """(start, end) of the addresses written in scripts without case, left to right."""
    if _UNCASED.search(text) is None:
        return []
    if not any(c.isdigit() for c in text):
        return _arabic_streets(text)  # ``خیابان ولیعصر``: a strong type needs no number
    spans = [m.span() for m in _JAPANESE.finditer(text) if _has_japanese_place(m.group(0))]
    spans += [m.span() for m in _CHINESE.finditer(text)]
    spans += [m.span() for m in _KOREAN.finditer(text)]
    spans += [m.span() for m in _THAI_ADDRESS.finditer(text)]
    spans += [
        m.span()
        for m in _THAI_WITH_TOWN.finditer(text)
        if THAI_COUNT_WORDS.isdisjoint(_THAI_WORD.findall(m.group(0)))
    ]
    spans += [m.span() for m in _JAPANESE_POSTCODE.finditer(text)]
    spans += [m.span() for m in _SCRIPT_NUMBER_LINE.finditer(text)]
    spans += [m.span() for m in _JAPANESE_CHAIN.finditer(text)]
    spans += _korean_roads(text)
    spans = [_with_korean_unit(text, _with_town(text, span)) for span in spans]
    for match in _CHINESE_NUMBERED.finditer(text):
        if (grown := _with_town(text, match.span())) != match.span():
            spans.append(grown)
    spans += _arabic_streets(text)
    spans += _urdu_parts(text)
    for match in _SCRIPT_PO_BOX.finditer(text):
        end = match.end()
        tail = _AR_TAIL.match(text, end) or _HEBREW_TAIL.match(text, end)
        spans.append((match.start(), tail.end() if tail else end))
    for match in _HEBREW_MARKED.finditer(text):
        tail = _HEBREW_TAIL.match(text, match.end())
        spans.append((match.start(), tail.end() if tail else match.end()))
    spans += [m.span() for m in _HEBREW_WITH_TOWN.finditer(text)]
    spans += [
        _with_town(text, m.span())
        for m in _TYPE_AFTER_NAME.finditer(text)
        if any(c.isdigit() for c in m.group(0))
    ]
    return spans


def _with_town(text: str, span: Span) -> Span:
    """``span`` grown over the town and postal code that follow it."""
    tail = _SCRIPT_TAIL.match(text, span[1])
    if tail is None:
        return span
    found = tail.group(0)
    town_end = found.rstrip()[-1]
    unmarked = _CJK_OR_HANGUL(town_end) is not None and town_end not in _TOWN_MARKERS
    if unmarked and not any(c.isdigit() for c in found):
        return span
    return (span[0], tail.end())


# A Korean building's block, floor or room after the road address: ``, 12층``, ``101동 1203호``.
_KO_UNIT = re.compile(rf"[ ]*,?[ ]*(?:\d{{1,4}}동[ ]?)?\d{{1,4}}(?:층|호)(?![{_HANGUL}\d])")


def _with_korean_unit(text: str, span: Span) -> Span:
    """``span`` grown over the block, floor or room after a Korean road address."""
    if _HANGUL_CHAR.search(text, span[0], span[1]) is None:
        return span
    unit = _KO_UNIT.match(text, span[1])
    return (span[0], unit.end()) if unit is not None else span


_HANGUL_CHAR = re.compile(f"[{_HANGUL}]")


def _has_japanese_place(found: str) -> bool:
    """``丁目`` marks an address by itself; ``番地`` / ``号`` need a place before them."""
    return "丁目" in found or _JAPANESE_PLACE.search(found) is not None


_JAPANESE_PLACE = re.compile(r"[都道府県市区町村郡]")


def _korean_roads(text: str) -> list[Span]:
    """``세종대로 110``, ``중앙로123번길 4``; ``…로 12`` only with a town or code after it."""
    spans = []
    for match in _KO_ROAD.finditer(text):
        road = match.group(1)
        bare_road = road.endswith("로") and not road.endswith("대로")
        if road in KOREAN_NOT_ROADS or (bare_road and not _KO_TOWN_AFTER.match(text, match.end())):
            continue
        spans.append(match.span())
    return spans


def _urdu_parts(text: str) -> list[Span]:
    """Urdu numbered parts of two kinds or more in a row, grown over their town."""
    spans = []
    for match in _UR_PARTS.finditer(text):
        kinds = {m.group("kind") for m in _UR_PART_RE.finditer(match.group(0))}
        if len(kinds) < 2:
            continue  # ``گلی نمبر 5، گلی نمبر 6``: two streets of a list
        end = match.end()
        while (tail := _AR_TAIL.match(text, end)) and tail.end() > end:
            end = tail.end()
        spans.append((match.start(), end))
    return spans


def _arabic_streets(text: str) -> list[Span]:
    """Arabic and Persian street lines, grown over their pieces, town and postal code."""
    spans = []
    for pattern in _AR_NAMED:
        for match in pattern.finditer(text):
            end = match.end()
            while piece := _AR_PIECE.match(text, end):
                end = piece.end()
            while (tail := _AR_TAIL.match(text, end)) and tail.end() > end:
                end = tail.end()  # ``، دهستان رها، زنجان 16386``: district, then province
            town = _AR_TOWN_BEFORE.search(text, 0, match.start())
            start = town.start(1) if town else match.start()
            spans.append((start, end))
    for match in _AR_PLAIN.finditer(text):
        if tail := _AR_CODED_TAIL.match(text, match.end()):
            spans.append((match.start(), tail.end()))
    return spans
