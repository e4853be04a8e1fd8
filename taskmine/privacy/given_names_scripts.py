"""PERSON from a known given name in a script without capitals: ``محمد العلي``, ``יוסף כהן``.

``given_names`` reads a bare name from its capitals; Arabic, Persian, Hebrew, Devanagari, Thai,
Georgian and Tamil have none. Here a common given name of those scripts
(``given_names_world.txt``, hand-written, everyday words left out) followed by one more word
of its script counts as a name, two more where the second word links the parts (``بن``,
``عبد``, ``أبو``: ``محمد بن سلمان``). A Korean name is a family syllable and a listed given
name (``김민준``). The given names are few (about 700), so most names of these scripts are
still found only after a cue.

Below that: names after a courtesy title of those scripts and of Devanagari and Thai
(``جناب آقای``, ``גב'``, ``श्रीमती``, ``นางสาว``); Japanese names alone in their segment or
before an honorific suffix (``山崎 大輝``, ``田中さん``); and a Chinese, Japanese or Korean
name inside a sentence written in Latin letters.
"""

from __future__ import annotations

import re
from functools import cache

from taskmine.privacy.given_names import WORLD_NAMES, data_lines
from taskmine.privacy.lexicon import words
from taskmine.privacy.name_scripts import ARABIC_AND_HEBREW, GIVEN_NAME_SCRIPTS, HAN, HANGUL, KANA

Span = tuple[int, int]

_WORD = re.compile(rf"(?<![{GIVEN_NAME_SCRIPTS}])[{GIVEN_NAME_SCRIPTS}]+")
_NEXT_WORD = re.compile(rf"[ \t\u00a0](?P<word>[{GIVEN_NAME_SCRIPTS}]+)")
# Words that join the parts of an Arabic name: son / daughter of, servant of, father of.
_LINKS = frozenset({"بن", "بنت", "ابن", "عبد", "أبو", "ابو", "آل"})
# Short vowels and other marks a name may carry or not: ``مُحَمَّد`` is ``محمد``.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u0591-\u05c7]")


def uncased_given_names() -> frozenset[str]:
    """The spaced scripts' given names, their short vowels and marks taken off."""
    return _names_by_script()[0]


def korean_given_names() -> frozenset[str]:
    return _names_by_script()[1]


def chinese_given_names() -> frozenset[str]:
    return _names_by_script()[2]


@cache
def _names_by_script() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The list's names without capitals, in one read: the spaced scripts', Hangul, Han."""
    spaced: set[str] = set()
    hangul: set[str] = set()
    han: set[str] = set()
    for name in data_lines(WORLD_NAMES):
        if name[0].isupper():
            continue  # read by ``given_names``
        if _HANGUL_WORD.fullmatch(name):
            hangul.add(name)
        elif _HAN_WORD.fullmatch(name):
            han.add(name)
        else:
            spaced.add(_MARKS.sub("", name))
    return frozenset(spaced), frozenset(hangul), frozenset(han)


_HANGUL_WORD = re.compile(f"[{HANGUL}]+")
_HAN_WORD = re.compile(f"[{HAN}]+")


def may_hold_uncased_given_name(text: str) -> bool:
    """The cheap pre-check: one word of the text is a known given name, or a Korean family
    syllable opens one."""
    names = uncased_given_names()
    if any(_MARKS.sub("", w) in names for w in _WORD.findall(text)):
        return True
    return bool(korean_given_name_spans(text) or chinese_given_name_spans(text))


def uncased_given_name_spans(text: str) -> list[Span]:
    """(start, end) of each name that opens with a known Arabic, Persian or Hebrew given name."""
    names = uncased_given_names()
    spans: list[Span] = []
    for match in _WORD.finditer(text):
        if _MARKS.sub("", match.group()) not in names:
            continue
        after = _NEXT_WORD.match(text, match.end())
        if after is None:
            continue
        end = after.end()
        if after.group("word") in _LINKS:
            linked = _NEXT_WORD.match(text, end)
            if linked is None:
                continue
            end = linked.end()
        spans.append((match.start(), end))
    return spans


# --- a courtesy title ------------------------------------------------------------------------
# ``جناب آقای محمدعلی جلالی``, ``سرکار خانم دکتر سارا نوروزی``, ``السيد أحمد الكعبي``,
# ``גב' רונית לוי``: a courtesy title opens a name of one to three words, as ``Mr`` does in
# Latin letters.
# Academic titles (``دکتر``, ``مهندس``, ``الدكتور``) only follow a courtesy title here: alone
# they are also the profession (``نوبت دکتر``: a doctor's appointment).
_COURTESY = (
    "جناب|آقای|سرکار|خانم|السيد|السيدة|السیده|الآنسة|الأستاذ|الأستاذة|الشيخ|الشيخة"
    "|محترمہ|محترم"  # Urdu
    "|גב'|גב׳|גברת|ד\"ר|ד״ר|עו\"ד|עו״ד|פרופ'|פרופ׳"  # Hebrew: Mrs, Dr, advocate, Prof
)
_ACADEMIC = "دکتر|دكتر|مهندس|استاد|الدكتور|الدكتورة|المهندس|المهندسة"
_HONORIFIC_NAME = re.compile(
    rf"(?<![{ARABIC_AND_HEBREW}])(?:{_COURTESY})(?:[ \t\u00a0]+(?:{_COURTESY}|{_ACADEMIC}))*"
    rf"(?P<name>(?:[ \t\u00a0]+[{ARABIC_AND_HEBREW}]+){{1,3}})(?![{ARABIC_AND_HEBREW}])"
)


# Hindi and Nepali: ``श्रीमान`` / ``श्रीमती`` (Mr / Mrs), ``सुश्री``, ``कुमारी``, ``डॉ.``,
# ``माननीय`` / ``आदरणीय`` / ``सम्मानित`` (honourable, respected) open a name of one to three
# words. A bare ``श्री`` is left out: it also opens names of gods, places and things, and in
# the translated catalogs it raised false alarms. So is ``-जी`` glued to a surname
# (``सिंहजी``), which everyday words share (``अंग्रेजी``: English, ``तेजी``: speed).
_DEVANAGARI = "\u0900-\u097f\u200c\u200d"
_DEVANAGARI_TITLE = r"श्रीमती|श्रीमान्|श्रीमान|सुश्री|कुमारी|डॉ\.|डॉ|डा\.|माननीय|आदरणीय|सम्मानित|संमानित"
_DEVANAGARI_HONORIFIC = re.compile(
    rf"(?<![{_DEVANAGARI}])(?:{_DEVANAGARI_TITLE})(?:[ \t\u00a0]+(?:{_DEVANAGARI_TITLE}))*"
    rf"(?:[ \t\u00a0]+[{_DEVANAGARI}]+){{1,3}}(?![{_DEVANAGARI}])"
)
# Thai: Mr, Mrs, Miss with a space after them, and the dotted titles of doctors (``ดร.``,
# ``นพ.``, ``พญ.``), then a given name and a surname. ``คุณ`` is also "you" and is left out;
# so is a title glued to its word (``นายจ้าง``: employer).
_THAI = "\u0e01-\u0e4e"
_THAI_HONORIFIC = re.compile(
    rf"(?<![{_THAI}])(?:(?:นางสาว|นาย|นาง)[ ]|(?:ดร|นพ|พญ|ทพ|ทญ|ผศ|รศ|ศ)\.[ ]?)"
    rf"[{_THAI}]+[ ][{_THAI}]+(?![{_THAI}])"
)
_HONORIFIC_SIGN = re.compile(rf"{_COURTESY}|{_DEVANAGARI_TITLE}|นาย|นาง|\.[ ]?[{_THAI}]")


def uncased_honorific_spans(text: str) -> list[Span]:
    """(start, end) of each Persian, Arabic, Urdu, Hebrew, Hindi, Nepali or Thai name after a
    courtesy title, title included."""
    if _HONORIFIC_SIGN.search(text) is None:
        return []
    spans = [match.span() for match in _HONORIFIC_NAME.finditer(text)]
    spans += [match.span() for match in _DEVANAGARI_HONORIFIC.finditer(text)]
    spans += [match.span() for match in _THAI_HONORIFIC.finditer(text)]
    return spans


# --- Chinese, Japanese and Korean names inside a Latin-script sentence ------------------------
# ``Driver 张志泽 has arrived``, ``山崎 大輝 mentioned you``: in a string written in English (or
# another Latin-script language) around it, one short run of Han or Hangul that opens with a
# common family name, or two short Han runs split by a space (the Japanese way of writing a
# name), is a name. In a string written in these scripts (a Chinese or Korean UI text) the
# same runs are everyday words, so the rule needs two lower-case Latin words in the string and
# no other Han, kana or Hangul in it.
_CJK_ALL = HAN + KANA + HANGUL
# The most common Chinese family names, simplified and traditional (about 90 % of people).
_ZH_FAMILY = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡余杜叶程苏魏"
    "吕丁沈姚卢姜崔钟谭陆汪范石廖贾夏韦付邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃"
    "武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤穆卓古吉缪简"
    "车项连麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬洪"
    "陳黃趙吳劉張楊許鄭謝蕭羅鍾盧顏孫鄧傅馮歐湯鄒巫鐘龔嚴韓陸錢譚駱顧萬饒闕賴"
)
_ZH_COMPOUND = "欧阳|歐陽|上官|司马|司馬|诸葛|諸葛|长孙|長孫|慕容|令狐|皇甫|尉迟|公孙|公孫|夏侯|宇文|端木|南宫|独孤"
# The twenty most common Korean family names (about 80 % of people).
_KO_FAMILY = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하"
_CJK_NAME_IN_LATIN = re.compile(
    rf"(?<![{_CJK_ALL}])(?:[{HAN}]{{1,3}}[ \u3000][{HAN}{KANA}]{{1,4}}"
    rf"|(?:{_ZH_COMPOUND})[{HAN}]{{1,2}}|[{_ZH_FAMILY}][{HAN}]{{1,2}}"
    rf"|[{_KO_FAMILY}][ ]?[{HANGUL}]{{1,2}})(?![{_CJK_ALL}])"
)
_LATIN_WORD = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
_CJK_CHAR = re.compile(rf"[{_CJK_ALL}]")


# The commonest Japanese family names (two or three kanji; a one-kanji name such as ``林`` or
# ``森`` is also a word). Written family name first, a space, then the given name.
_JA_FAMILY = words(
    "佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本"
    " 井上 木村 斎藤 斉藤 清水 山崎 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田"
    " 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 藤原 中野"
    " 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 柴田 酒井 工藤 横山"
    " 宮崎 宮本 内田 高木 安藤 谷口 大野 丸山 今井 高田 藤本 武田 村田 上野 杉山 増田"
    " 平野 大塚 千葉 久保 松井 小島 岩崎 桜井 野口 松尾 野村 木下 菊地 佐野 大西 杉本"
    " 新井 浜田 菅原 市川 水野 小松 島田 古川 小山 高野 西田 菊池 山内 西川 五十嵐 北村"
    " 安田 中田 川口 平田 川崎 飯田 吉川 本田 久保田 沢田 吉村 渡部 岩田 中西 服部 樋口"
    " 福島 川上 永井 松岡 田口 山中 森本 土屋 矢野 広瀬 秋山 石原 松下 大橋 松浦 吉岡"
    " 小池 馬場 浅野 荒木 大久保 野田 小沢 田辺 川村 星野 黒田 尾崎 望月 永田 熊谷 内藤"
    " 松村 西山 大谷 平井 大島 岩本 片山 本間 早川 横田 岡崎 荒井 大石 鎌田 成田 宮田"
    " 小田 石橋 篠原 須藤 河野 大沢 小西 高山 栗原 伊東 松原 三宅 福井 大森 奥村 内山"
    " 片岡"
)
_JA_KANA_HAN = f"{HAN}{KANA}々"
_JA_NAME = re.compile(
    rf"(?<![{_JA_KANA_HAN}])(?P<family>[{HAN}々]{{2,3}})[ \u3000][{_JA_KANA_HAN}]{{1,4}}(?![{_JA_KANA_HAN}])"
)


# A Japanese name closed by its honorific suffix: ``田中さん``, ``山田 太郎様``. A role
# noun takes the same suffixes (``お客様``: customer, ``皆さん``: everyone, ``担当者様``), and
# words end in 様 (``仕様``: specification), so 様 needs a listed family name before it.
_JA_SUFFIXED = re.compile(
    rf"(?<![{_JA_KANA_HAN}])(?P<name>[{HAN}々]{{1,4}}(?:[ \u3000][{HAN}々\u30a0-\u30ff]{{1,4}})?)"
    r"(?P<suffix>さん|様|さま|くん|ちゃん)"
)
_JA_SIGN = re.compile(rf"[{HAN}々][ \u3000][{_JA_KANA_HAN}]|さん|様|さま|くん|ちゃん")
_JA_NOT_NAMES = ("皆", "客", "者", "各位", "方", "人", "員", "家", "社", "様")


def japanese_name_spans(text: str) -> list[Span]:
    """(start, end) of a Japanese name written alone in its segment, family name first:
    ``山崎 大輝``, ``佐々木 陽大`` (the family name must be a listed one, and the string holds
    no other Japanese text: a UI text in Japanese may space two words, ``詳細 設定``); or of
    a name before its honorific suffix: ``田中さんからのメッセージ``."""
    if _JA_SIGN.search(text) is None:
        return []  # no two Han runs split by a space, no honorific suffix
    spans: list[Span] = []
    for match in _JA_NAME.finditer(text):
        if match.group("family") not in _JA_FAMILY:
            continue
        outside = text[: match.start()] + text[match.end() :]
        if _CJK_CHAR.search(outside) is None:
            spans.append(match.span())
    for match in _JA_SUFFIXED.finditer(text):
        name = match.group("name")
        if name.endswith(_JA_NOT_NAMES):
            continue
        if match.group("suffix") == "様" and name.split()[0] not in _JA_FAMILY:
            continue  # ``仕様``: a specification; ``同様``, ``模様``: words that end in 様
        spans.append(match.span("name"))
    return spans


def cjk_name_in_latin_spans(text: str) -> list[Span]:
    """(start, end) of the one Han or Hangul name a Latin-script sentence holds, if any."""
    if len(_LATIN_WORD.findall(text)) < 2:
        return []  # ``정보 (info)``, ``使用 sudo``: one Latin word is no sentence around a name
    match = _CJK_NAME_IN_LATIN.search(text)
    if match is None:
        return []
    outside = text[: match.start()] + text[match.end() :]
    if _CJK_CHAR.search(outside) is not None:
        return []  # more Han, kana or Hangul: a text in that language, not a name in English
    return [match.span()]


# --- a Korean name before its honorific ------------------------------------------------------
# A Korean name of three syllables, family name first, before ``님`` or ``씨`` (``김민준님``,
# ``박서연 님``). Role nouns take ``님`` too: those of two syllables (``고객님``: customer,
# ``회원님``: member) are shorter than a name, and the three-syllable ones that open like a
# family name are listed.
_KO_HONORIFIC = re.compile(
    rf"(?<![{HANGUL}])(?P<name>[{_KO_FAMILY}][{HANGUL}]{{2}})[ ]?"
    rf"(?:님|씨(?:가|는|의|를|에게|께|도)?(?![{HANGUL}]))"  # a particle may follow: ``님이``
)
_KO_SIGN = re.compile("님|씨")
_KO_NOT_NAMES = words("이용자 정회원 전문가 안내자 신청자 조합원 이사장 강사진 유저분 관계자")


def korean_name_spans(text: str) -> list[Span]:
    """(start, end) of each three-syllable Korean name before ``님`` or ``씨``."""
    if _KO_SIGN.search(text) is None:
        return []
    return [
        match.span("name")
        for match in _KO_HONORIFIC.finditer(text)
        if match.group("name") not in _KO_NOT_NAMES
    ]


# A Korean name of a family syllable and a listed given name (``김민준``, ``박 서연``), in a
# run of its own or before a particle (``최지호가``, ``정하은에게``): the pair, not the family
# syllable alone, says it is a name, as ``이동`` (move) and ``정보`` (information) open words.
_KO_FAMILY_GIVEN = re.compile(
    rf"(?<![{HANGUL}])(?P<family>[{_KO_FAMILY}])[ ]?(?P<given>[{HANGUL}]{{2}})"
    rf"(?=(?:이|가|은|는|의|을|를|에게|께|과|와|도|님|씨)?(?![{HANGUL}]))"
)
_KO_FAMILY_SIGN = re.compile(f"[{_KO_FAMILY}][ ]?[{HANGUL}]{{2}}")


def korean_given_name_spans(text: str) -> list[Span]:
    """(start, end) of each Korean family syllable and listed given name."""
    if _KO_FAMILY_SIGN.search(text) is None:
        return []
    given = korean_given_names()
    return [m.span() for m in _KO_FAMILY_GIVEN.finditer(text) if m.group("given") in given]


# A Chinese name of a family character (or two) and a listed given name of two, in a run of
# Han of its own (``陳怡君``, ``欧阳子轩``): inside a longer run the characters may be words.
_ZH_FAMILY_GIVEN = re.compile(
    rf"(?<![{HAN}])(?:{_ZH_COMPOUND}|[{_ZH_FAMILY}])(?P<given>[{HAN}]{{2}})(?![{HAN}])"
)


def chinese_given_name_spans(text: str) -> list[Span]:
    """(start, end) of each Chinese family name and listed given name standing alone."""
    given = chinese_given_names()
    return [m.span() for m in _ZH_FAMILY_GIVEN.finditer(text) if m.group("given") in given]


# --- a Chinese name before its title ---------------------------------------------------------
# A common family name, maybe its given name, and a courtesy title: ``王先生`` (Mr Wang),
# ``李女士``, ``陈小明先生``, ``張小姐``.
_ZH_TITLED = re.compile(
    rf"(?P<name>(?:{_ZH_COMPOUND}|[{_ZH_FAMILY}])[{HAN}]{{0,2}}?)(?:先生|女士|小姐)"
)

_ZH_SIGN = re.compile("先生|女士|小姐")


def chinese_titled_name_spans(text: str) -> list[Span]:
    """(start, end) of each Chinese name before 先生 / 女士 / 小姐."""
    if _ZH_SIGN.search(text) is None:
        return []
    return [match.span("name") for match in _ZH_TITLED.finditer(text)]


# --- the cheap pre-check ---------------------------------------------------------------------
def may_hold_titled_name(text: str) -> bool:
    """A sign one of the title and suffix rules above needs: a courtesy title, a Japanese
    space or suffix, a Korean ``님`` / ``씨``, a Chinese ``先生`` / ``女士`` / ``小姐``."""
    return (
        _HONORIFIC_SIGN.search(text) is not None
        or _JA_SIGN.search(text) is not None
        or _KO_SIGN.search(text) is not None
        or _ZH_SIGN.search(text) is not None
    )
