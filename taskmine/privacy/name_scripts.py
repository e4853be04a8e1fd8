"""Privacy, stage 0: a personal name written in a script without capitals, after a cue.

``name_shapes`` reads a name from its capitals (``Jane Doe``); Arabic, Persian, Hebrew,
Georgian, Thai, the Indic scripts, Chinese, Japanese and Korean have none, so a name there is
read from the script alone, and only where ``names`` has found a cue (``Recipient:``,
``Message from``, ``Submitted by``, a title of a mail or contacts app, an activity verb after
it). What counts as one name:

- in a script that spaces its words (Arabic, Hebrew, Georgian, Thai, Indic): two to five words
  of that script (``توفيق السعيد``, ``בשרי כהן``); one word only after a label that asks for a
  name itself (``Surname:``);
- in Han and Hangul: one run of two to four characters (``王小明``, ``김민준``) or two short runs
  (``佐藤 太郎``, ``남궁 민수``, a given name in kana on either side: ``平川 ハル``,
  ``みのる 里中``); kana too (``ジョン・スミス``).

The run must end its phrase: a Latin word, punctuation or the end of the text after it, so
``Owner: 東京都の営業部`` (a longer Han/kana phrase) is no name. A few everyday values that
follow such labels in these scripts (``管理者``, ``없음``, ``なし``) and language names stay.
"""

from __future__ import annotations

import re

from taskmine.privacy.lexicon import phrases
from taskmine.privacy.lexicon import words as word_set

# One word of each spaced script; ZWNJ and the Arabic tatweel join parts of a Persian word.
_SPACED = {
    "arabic": "\u0600-\u065f\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc\u200c",
    "hebrew": "\u05d0-\u05ea\u05f0-\u05f4\u0591-\u05c7'׳",
    "georgian": "\u10a0-\u10ff\u1c90-\u1cbf",
    "thai": "\u0e01-\u0e4e",
    "indic": "\u0900-\u0dff\u200c\u200d",  # with the joiners that shape the letters
}
# The scripts whose given names ``given_names_scripts`` knows.
ARABIC_AND_HEBREW = _SPACED["arabic"] + _SPACED["hebrew"]
GIVEN_NAME_SCRIPTS = ARABIC_AND_HEBREW + _SPACED["georgian"] + _SPACED["indic"] + _SPACED["thai"]
HAN = "\u4e00-\u9fff\u3400-\u4dbf"
HANGUL = "\uac00-\ud7af"
KANA = "\u30a0-\u30ff\u3040-\u309f"
_HAN_HANGUL = HAN + HANGUL
_KANA = KANA + "・"
UNCASED_LETTERS = "".join(_SPACED.values()) + _HAN_HANGUL + _KANA
_ALL = UNCASED_LETTERS
_WORDS = {
    script: re.compile(rf"[{chars}]+(?:[ \t\u00a0][{chars}]+){{0,4}}")
    for script, chars in _SPACED.items()
}
_CJK_NAME = re.compile(
    rf"[{_HAN_HANGUL}]{{1,3}}[ \t\u3000][{_HAN_HANGUL}{_KANA}]{{1,4}}(?![{_ALL}])|[{_HAN_HANGUL}]{{2,4}}(?![{_ALL}])"
    rf"|[{_KANA}]{{2,6}}[ \t\u3000][{_HAN_HANGUL}]{{1,4}}(?![{_ALL}])"
    rf"|[\u30a0-\u30ff・]{{2,12}}(?![{_ALL}])"  # katakana: ``ジョン・スミス``; hiragana alone is grammar
)
# a given name in hiragana alone, read only where a label asks for a name (``Name: さくら``)
_HIRAGANA_NAME = re.compile(rf"[\u3040-\u309f]{{2,8}}(?![{_ALL}])")
# What may follow a name: the end, punctuation, or a space and a word of another script.
_ENDS_PHRASE = re.compile(rf"\s*(?:$|[,;:!?.)\]>|(\-–—·•،؛]|\s*[^\s{_ALL}\d])")
_ANY = re.compile(rf"[{_ALL}]")
# Everyday values after a person label in these scripts: nobody, system, administrator.
_EVERYDAY = frozenset(
    phrases(
        "管理者|管理员|系统|系統|未分配|无|無|なし|未割り当て|システム|없음|관리자|시스템|미지정"
        "|チーム|営業|営業部|サポート|ユーザー|ゲスト|グループ|メンバー|担当者|お客様|サービス"
        "|النظام|لا أحد|مدير|ללא|מערכת"
        # language names, the team of a translation: ``Language-Team: 日本語 <[EMAIL]>``
        "|日本語|中文|简体中文|繁體中文|正體中文|한국어|العربية|فارسی|עברית|ไทย"
    )
)


def has_uncased_letter(text: str) -> bool:
    """The cheap gate: a letter of one of these scripts somewhere in ``text``."""
    return _ANY.search(text) is not None


def uncased_name_at(text: str, pos: int, *, one_word: bool = False) -> int | None:
    """End of a name in a script without capitals written at ``pos`` (after spaces), or None.
    ``one_word``: the label asks for a name itself, so one spaced word is enough."""
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    cjk = _CJK_NAME.match(text, pos) or (_HIRAGANA_NAME.match(text, pos) if one_word else None)
    if cjk is not None:
        return _checked(text, pos, cjk.end())
    for words in _WORDS.values():
        match = words.match(text, pos)
        if match is None:
            continue
        count = len(match.group(0).split())
        if count >= 2 or one_word:
            return _checked(text, pos, match.end())
        return None
    return None


def uncased_name_before(text: str, end: int) -> int | None:
    """Start of a name in a script without capitals that ends (before spaces) at ``end`` and
    opens its phrase (``هالة المري accepted your invitation``), or None."""
    head = text[:end].rstrip()
    for start in range(max(0, len(head) - 60), len(head)):
        if not _ANY.match(head, start) or (start and _ANY.match(head, start - 1)):
            continue  # a name starts at the first letter of a word of these scripts
        if uncased_name_at(head, start) == len(head) and _opens_phrase(head, start):
            return start
    return None


def _opens_phrase(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    if before.casefold().rsplit(" ", 1)[-1] in _ROLE_WORDS:
        return True  # ``Driver สราวุฒิ ดำใส has arrived``: a person's role names them
    return not before or before[-1] in ",;:(|-–—·•" or before[-1].isdigit()  # ``2013 王小明``


# One-word roles a notification puts before a person's name.
_ROLE_WORDS = word_set(
    "driver courier rider agent host guest customer client patient technician doctor teacher"
    " student employee caller passenger tenant owner assignee reviewer author"
)


def _checked(text: str, start: int, end: int) -> int | None:
    if _ENDS_PHRASE.match(text, end) is None:
        return None
    found = text[start:end].strip()
    if found in _EVERYDAY or any(part in _EVERYDAY for part in found.split()):
        return None  # ``システム 管理者``: system administrator, two everyday words
    return end
