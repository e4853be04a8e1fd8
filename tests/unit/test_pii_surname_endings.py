"""Bare names whose surname has a surname's ending (``taskmine.privacy.surname_endings``)."""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text
from taskmine.privacy.surname_endings import armenian_surname_spans, surname_ending_spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nikos Papadopoulos", "[PERSON]"),
        ("Κώστας Αργυριάδης", "[PERSON]"),
        ("Call Ana Jovanović now", "Call [PERSON] now"),  # an everyday word stays outside
        ("Ion Popescu sent the file", "[PERSON] sent the file"),
        ("Jarosław Kowalczyk", "[PERSON]"),
        ("Guðrún Jónsdóttir", "[PERSON]"),
        ("Ramón Fernández", "[PERSON]"),
        ("Emre Karaoğlu", "[PERSON]"),
        ("Greta Petrauskienė", "[PERSON]"),
    ],
)
def test_a_surname_ending_marks_a_bare_name(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pachet Debian",  # -ian: adjectives and product names share it
        "Користи Виндоузов сат",  # -ов: a possessive adjective
        "Українська мова",  # -ська: an adjective
        "Oceanu Indyjskiego",
        "Papadopoulos",  # a surname alone is not enough
        "Settings Rodríguez",  # an everyday UI word before it
    ],
)
def test_endings_that_everyday_words_share_are_not_read(text) -> None:
    assert surname_ending_spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Արտուր Ուրֆալյան", "[PERSON]"),
        ("Account owner Մանե Շելունց", "Account owner [PERSON]"),
        ("Նշան Ադիբեկ-Մելիքյան", "[PERSON]"),
        ("Requested by Վազգեն Իբրահիմբեկյան.", "Requested by [PERSON]."),
    ],
)
def test_an_armenian_surname_closes_a_bare_name(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Վիրջինյան կղզիներ",  # an adjective before its noun: "Virgin Islands"
        "Բրիտանական Վիրջինյան կղզիներ",
        "Կենտրոնական Աֆրիկյան Հանրապետություն",  # a capitalised noun follows the adjective
        "Ուրուգվայի Արևելյան Հանրապետության",  # -ության: "of the republic", a noun
        "Կիևյան 92",  # one word: a street, not a name
    ],
)
def test_armenian_adjectives_are_not_names(text) -> None:
    assert armenian_surname_spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("გიორგი ბერიძე", "[PERSON]"),
        ("Account owner დავით ჯავახიშვილი", "Account owner [PERSON]"),
    ],
)
def test_a_georgian_surname_ending_closes_a_name(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("kept", ["ინფორმაცია სისტემის შესახებ", "სპეციალური სიმბოლური ბმული"])
def test_georgian_words_with_common_endings_stay(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Văn Nam", "[PERSON]"),  # family name first
        ("Đình Thắng Nguyễn", "[PERSON]"),  # and last, as forms in English order it
        ("Chat with Hoàng Mai Lê", "Chat with [PERSON]"),
    ],
)
def test_a_marked_vietnamese_family_name_opens_or_closes_a_name(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept", ["Hồ Sơ Cá Nhân", "Vương Quốc Thái Lan", "Nguyễn trãi", "Lý do", "Le Monde"]
)
def test_vietnamese_title_case_headings_and_places_stay(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    "text",
    ["Mārtiņš Kalniņš", "Nino Beridze", "Aram Petrosyan", "Ali Hosseinzadeh", "Siobhan O'Brien"],
)
def test_more_surname_endings_in_latin_letters_make_a_name(text: str) -> None:
    assert redact_text(text) == "[PERSON]"


@pytest.mark.parametrize(
    "kept",
    [
        "Visit Kenyan",  # -yan after three letters: a nationality
        "Hejmara Çipayan",  # -yan after a vowel
        "Macintosh MacBinary",  # Mac opens product names
        "Brytyjskie Terytorium Oceanu Indyjskiego",  # Polish -eanu: "of the ocean"
    ],
)
def test_words_that_end_like_those_surnames_stay(kept: str) -> None:
    assert redact_text(kept) == kept
