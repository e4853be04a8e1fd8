"""PERSON in scripts without capitals (``taskmine.privacy.name_scripts``), after a Latin cue.

The cases are invented names in the shapes real UI strings take: a label, a hand-over
preposition, a greeting, an activity verb after the name, a title of a mail or contacts app,
a display name before an address, and a Turkic patronymic tail. The look-alikes are values that
follow the same cues and are no names: a language, an everyday value, a longer phrase.
"""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recipient: 陈美玲", "Recipient: [PERSON]"),
        ("Customer: 山田 花子", "Customer: [PERSON]"),
        ("Owner: 박지훈", "Owner: [PERSON]"),
        ("Message from رنا الحسيني", "Message from [PERSON]"),
        ("Submitted by سمیرا کاظمی", "Submitted by [PERSON]"),
        ("Call with נועה לוי", "Call with [PERSON]"),
        ("Reply to ნინო ბერიძე", "Reply to [PERSON]"),
        ("Hi 이서연,", "Hi [PERSON],"),
        ("Surname: حداد", "Surname: [PERSON]"),
        ("وليد الخطيب accepted your invitation", "[PERSON] accepted your invitation"),
        ("ราตรี สุขใจ - Outlook", "[PERSON] - Outlook"),
        ("Last-Translator: 林志明 <lin@example.org>", "Last-Translator: [PERSON] <[EMAIL]>"),
        ("Copyright: 2019 يوسف القاسم <y@example.org>", "Copyright: 2019 [PERSON] <[EMAIL]>"),
        # a language before an address is a translation team: only the address goes
        ("Language-Team: 한국어 <ko@example.org>", "Language-Team: 한국어 <[EMAIL]>"),
        ("Customer name Jane Doe", "Customer name [PERSON]"),
        ("Contact card: Jane Doe", "Contact card: [PERSON]"),
        # a Turkic patronymic closes the name; a capitalised particle opens a Flemish surname
        ("Message from Айгүл Серікова қызы", "Message from [PERSON]"),
        ("Payee: Rəşad Əliyev oğlu", "Payee: [PERSON]"),
        ("Submitted by Pieter Van der Straeten", "Submitted by [PERSON]"),
    ],
)
def test_names_after_a_cue_are_redacted(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Language: 日本語",
        "Owner: 管理者",
        "Assignee: 없음",
        "Owner: 東京都の営業部",  # a phrase, not a name: it runs on in the same script
        "Results for 東京タワー",  # ``for`` is no hand-over to a person
        "Reply to 3",
        "Message from النظام",
        "Submitted by شركة",  # one word after a soft cue is too little
        "Customer name Service",
        "Rent a Van in Paris",
    ],
)
def test_look_alikes_stay(text: str) -> None:
    assert redact_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Account owner جناب آقای محمدعلي جلالی", "Account owner [PERSON]"),
        ("Requested by سرکار خانم دکتر حنانه رضا زاده", "Requested by [PERSON]"),
        ("السيد أحمد الكعبي", "[PERSON]"),
        ("גב' רונית לוי", "[PERSON]"),  # Hebrew
        ('ד"ר משה כהן', "[PERSON]"),
        ("محترمہ عائشہ خان", "[PERSON]"),  # Urdu
    ],
)
def test_a_persian_or_arabic_courtesy_title_opens_a_name(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("kept", ["نوبت دکتر ثبت شد", "مهندس نرم افزار"])
def test_an_academic_title_alone_is_a_profession(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("माननीय अनुज पाटिल", "[PERSON]"),
        ("Account owner श्रीमती सुनीता शर्मा", "Account owner [PERSON]"),
        ("डॉ. अमित वर्मा", "[PERSON]"),
    ],
)
def test_a_hindi_or_nepali_title_opens_a_name(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("kept", ["सरल अंग्रेजी", "श्रीलंका"])
def test_devanagari_words_that_end_or_begin_like_a_title_stay(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("山崎 大輝", "[PERSON]"),  # a listed family name, a space, a given name
        ("佐々木 陽大", "[PERSON]"),
        ("田中 太郎さんからのメッセージ", "[PERSON]さんからのメッセージ"),  # an honorific suffix
        ("佐藤様", "[PERSON]様"),
    ],
)
def test_a_japanese_name_alone_or_before_its_honorific_is_found(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept", ["詳細 設定", "お客様へのお知らせ", "皆さん、こんにちは", "担当者様", "仕様", "同様に"]
)
def test_japanese_words_and_role_nouns_before_a_suffix_stay(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Account holder: พญ. ปิยนุช หนอกสีสุก", "Account holder: [PERSON]"),  # a doctor
        ("นางสาว สุดา รักไทย", "[PERSON]"),  # Miss, a given name, a surname
    ],
)
def test_a_thai_title_opens_a_name(text, expected) -> None:
    assert redact_text(text) == expected


def test_a_thai_title_glued_to_its_word_stays() -> None:
    assert redact_text("นายจ้าง ใหม่") == "นายจ้าง ใหม่"  # "new employer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("김민준님, 환영합니다", "[PERSON]님, 환영합니다"),
        ("박서연 님이 파일을 공유했습니다", "[PERSON] 님이 파일을 공유했습니다"),
    ],
)
def test_a_korean_name_before_its_honorific_is_found(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("kept", ["고객님, 환영합니다", "회원님의 정보", "이용자님", "선생님"])
def test_korean_role_nouns_before_an_honorific_stay(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王先生您好", "[PERSON]先生您好"),
        ("陈小明先生发来消息", "[PERSON]先生发来消息"),
        ("尊敬的李女士", "尊敬的[PERSON]女士"),
    ],
)
def test_a_chinese_name_before_its_courtesy_title_is_found(text, expected) -> None:
    assert redact_text(text) == expected


def test_a_courtesy_title_without_a_family_name_stays() -> None:
    assert redact_text("各位先生女士") == "各位先生女士"  # "ladies and gentlemen"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Korean family syllable and a listed given name, alone or before a particle
        ("김민준", "[PERSON]"),
        ("박 서연 replied to your message", "[PERSON] replied to your message"),
        ("최지호가 문서를 수정했습니다", "[PERSON]가 문서를 수정했습니다"),
        # Devanagari, Georgian and Tamil given names before one more word of their script
        ("राहुल शर्मा", "[PERSON]"),
        ("Assigned to सुनीता थापा", "Assigned to [PERSON]"),
        ("გიორგი ბერიძე", "[PERSON]"),
        ("முருகன் ராமசாமி", "[PERSON]"),
        ("สมชาย ใจดี", "[PERSON]"),  # Thai
        ("陳怡君", "[PERSON]"),  # a Chinese family character and a listed given name
        ("欧阳子轩 已加入", "[PERSON] 已加入"),
        ("Assigned to אלון כהן", "Assigned to [PERSON]"),
        # a double surname joined by a hyphen is one name
        ("Chat with สมชาย ใจดี-รักไทย - Microsoft Teams", "Chat with [PERSON] - Microsoft Teams"),
    ],
)
def test_given_names_of_more_scripts_and_joined_surnames_are_found(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "이동 완료",  # "moved": a family syllable opens many words
        "정보 보기",
        "조지아",  # Georgia, the country: left out of the given names
        "विजय दिवस",  # "victory day": an everyday word is no listed name
        "אשר נשמר",  # "which was saved": the pronoun is no listed name
        "新中国建国",  # inside a longer run of Han the characters are words
        "फ़ाइल सहेजें",
    ],
)
def test_words_that_open_like_a_name_stay(kept: str) -> None:
    assert redact_text(kept) == kept
