"""Word lists for ``address_scripts``: street types of Arabic and Persian addresses and the
Korean words that end like a road name but are particles or common nouns.

The street types are the words the countries' own addresses use (Gulf and Levant ``شارع``,
Maghreb ``نهج`` / ``زنقة``, Iranian ``خیابان`` / ``کوچه``), not a generator's list. They are
split by how much they prove alone:

- ``STRONG``: a street and nothing else (``شارع``: street), so the type and a name are an
  address even with no number after them;
- ``WEAK``: also an everyday word (``طريق``: road, and ``عن طريق``: by means of; ``ساحة``:
  square, yard, arena), so they count only with a house number next to them.
"""

from __future__ import annotations

from taskmine.privacy.lexicon import tokens

# Arabic and Persian write ``ي`` / ``ی`` and ``ك`` / ``ک`` differently; both spellings are
# listed so that an Arabic word typed on a Persian keyboard (and back) still matches.
_SWAP = str.maketrans("يكیک", "یکيك")


def _both_spellings(words: str) -> frozenset[str]:
    listed = words.split()
    return frozenset(listed + [w.translate(_SWAP) for w in listed])


STRONG_TYPES = _both_spellings(
    "شارع زنقة بولفار كورنيش"  # Arabic
    " خیابان کوچه بلوار بزرگراه بن\u200cبست"  # Persian
)
# ``نهج`` is also "approach", ``ميدان`` "field" (``میدان دید``: field of view), ``جادة``
# "serious": real street types, but weak ones.
WEAK_TYPES = _both_spellings(
    "نهج ميدان جادة طريق ساحة درب ممر زقاق دوار مسلك عطفة حارة حي"  # Arabic
    " میدان جاده کوی گذر اتوبان"  # Persian
    " گلی روڈ سڑک کالونی محلہ"  # Urdu: lane, road, road, colony, quarter
)
# Persian compounds that may be written with a space, a zero-width non-joiner or joined:
# highway, dead end, crossroads, freeway.
PERSIAN_COMPOUND_TYPES = tuple(
    f"{first}{joint}{second}"
    for first, second in (("بزرگ", "راه"), ("بن", "بست"), ("چهار", "راه"), ("آزاد", "راه"))
    for joint in (" ", "\u200c", "")
)
# Crossing and bridge: a street only after a name and its number (``583 مجتهدی تقاطع``);
# before words, ``تقاطع`` is the intersection of sets.
PERSIAN_TYPES_AFTER_NAME = _both_spellings("تقاطع پل")
# The parts that follow a Persian street: the house plate, the unit, the suite, the floor.
PERSIAN_PIECES = _both_spellings("پلاک واحد سوئیت طبقه")

# ``대로`` after a noun is also the particle "as, according to" (``순서대로``: in order,
# ``제대로``: properly); ``길`` is "way" in everyday nouns (``지름길``: shortcut). These words
# end like a road name and are none.
KOREAN_NOT_ROADS = frozenset(
    str.split(
        "그대로 이대로 저대로 요대로 제대로 마음대로 맘대로 멋대로 제멋대로 순서대로 차례대로"
        " 말대로 생각대로 계획대로 예정대로 약속대로 규칙대로 원하는대로 뜻대로 요청대로 설정대로"
        " 지시대로 기본대로 입력한대로 있는대로 하는대로 되는대로 본대로 들은대로 시키는대로"
        " 지름길 눈길 발길 손길 물길 뱃길 밤길 출근길 퇴근길 귀갓길 등굣길 하굣길 오솔길 산길"
        " 들길 꽃길 빗길 갈길 앞길 뒷길 옆길 한길 외길 먼길 가는길 오는길"
    )
)

# Thai words of counts and units: after a number they count things (``3 รายการ``: three
# items, ``12345 ไบต์``: bytes), and no road or town is named by one.
THAI_COUNT_WORDS = frozenset(
    (
        "รายการ", "ไฟล์", "ไบต์", "กิโลไบต์", "เมกะไบต์", "กิกะไบต์", "วินาที", "นาที", "ชั่วโมง",
        "วัน", "สัปดาห์", "เดือน", "ปี", "ครั้ง", "คน", "ชิ้น", "บาท", "หน้า", "แถว", "คอลัมน์",
        "ข้อความ", "รูป", "ภาพ", "เพลง", "โฟลเดอร์", "พิกเซล", "จุด", "ตัวอักษร", "บรรทัด", "สี",
        "บิต", "เฮิรตซ์", "กิโลเฮิรตซ์", "เมกะเฮิรตซ์", "ตัว", "เท่า", "ช่อง",
    )
)  # fmt: skip

# Georgian and Tamil street types, written after the street's name: street, avenue, dead end,
# lane, square, alley, highway, embankment (``რუსთაველის გამზირი 12``); street, road, street
# (``காந்தி தெரு``). A house number before or after the line makes it an address.
GEORGIAN_TYPES = tuple(tokens("ქუჩა გამზირი ჩიხი შესახვევი მოედანი ხეივანი გზატკეცილი სანაპირო"))
TAMIL_TYPES = tuple(tokens("தெரு சாலை வீதி"))
