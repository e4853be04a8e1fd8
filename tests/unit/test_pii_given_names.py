"""Bare names after a census given name (``taskmine.privacy.given_names``), and its guards."""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text
from taskmine.privacy.given_names import data_lines, fold, given_name_spans, given_names, surnames


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Irene Hoch accepted your invitation", "[PERSON] accepted your invitation"),
        ("Greetings Carlos Mendoza", "Greetings [PERSON]"),
        ("Ask Peter Novak about the invoice", "Ask [PERSON] about the invoice"),
        ("María Cristina Esparza Jaramillo", "[PERSON]"),
        ("Jean-Luc Picard", "[PERSON]"),
        ("Alexandra Tremblay IV", "[PERSON]"),
        ("Your advisor is Sandra Okafor", "Your advisor is [PERSON]"),
        ("Grace Kowalski", "[PERSON]"),  # an everyday word, then a census surname
    ],
)
def test_a_bare_name_that_opens_with_a_known_given_name_is_redacted(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rich Text",  # a given name that is an everyday word, and no surname after it
        "Grant Access",
        "Grace Period",
        "Son AAC",  # capitals are no surname
        "Sierra Leone",  # words of country names are not used
        "Hong Kong",
        "Santa Elena",  # after a saint's title: a place
        "St. Vincent Hospital",
        "Lac- Christiane Ouest",  # a compound place name
        "Nova Caledonia",  # short and rare: a word in other languages
        "Johnson Controls",  # mostly a surname: a company
        "Albert Heijn",  # a company named after a person
        "Hoà Lan",  # Vietnamese: its UI words are census given names too
        "Victoria Station",  # an everyday UI word after the given name
    ],
)
def test_look_alikes_of_a_bare_name_stay(text) -> None:
    assert given_name_spans(text) == []
    assert "[PERSON]" not in redact_text(text)


def test_accents_are_folded_only_for_lookup() -> None:
    assert fold("Jerónimo") == "jeronimo"
    assert fold("Zoë") == "zoe"
    assert given_name_spans("Ramón Ortega") == [(0, len("Ramón Ortega"))]


def test_the_lists_are_the_census_less_the_unused_names() -> None:
    known, everyday = given_names()
    census = [line.partition(" ") for line in data_lines("given_names.txt")]
    used = {name for name, _, mark in census if mark != "!"}
    assert len(census) == 5_163  # every census given name is in the file, marked or not
    assert 4_000 < len(used) < 5_163  # some are not used
    assert len(known) > len(used)  # the hand-written names of other languages join them
    assert "grace" in everyday  # an everyday English word: it needs a surname after it
    assert {"sierra", "jordan", "johnson", "nova"}.isdisjoint(known)
    assert {"maria", "peter", "irene", "carlos"} <= known
    assert "kowalski" in surnames()
    assert len(surnames()) == 18_839


@pytest.mark.parametrize(
    "text",
    [
        "Ευστάθιος Κολιάτσος",  # Greek: the list's names match without their accents
        "Σοφια Βαρνακιώτης",
        "Сергей Иванов",
        "Дмитро Коваленко",
        "Դավիթ Բարսեղյան",
        "محمد العلي",  # Arabic, Persian and Hebrew: a known given name and one more word
        "محمد بن سلمان",  # a linking word takes one more
        "علی رضایی",
        "יוסף כהן",
    ],
)
def test_bare_names_in_other_scripts_open_with_a_listed_given_name(text) -> None:
    assert redact_text(text) == "[PERSON]"


@pytest.mark.parametrize(
    "text",
    [
        "تم الحفظ",  # "saved": no given name
        "محمد",  # a given name alone is not enough without a label
        "Иордан Хашимит Падышалыгы",  # Jordan, the country: folded, it is no listed name
        "Παρασκευή Απριλίου",  # Friday: an everyday word left out of the list
    ],
)
def test_words_of_other_scripts_that_are_no_names_stay(text) -> None:
    assert "[PERSON]" not in redact_text(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Driver 张志泽 has arrived", "Driver [PERSON] has arrived"),
        ("Driver 安井 菜摘 has arrived", "Driver [PERSON] has arrived"),  # Japanese, spaced
        ("Your advisor is 上官国荣 now", "Your advisor is [PERSON] now"),  # compound surname
        ("Ticket opened for 김민준 today", "Ticket opened for [PERSON] today"),
    ],
)
def test_a_cjk_name_inside_an_english_sentence_is_redacted(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Settings 設定 updated",  # no family name opens it
        "使用 sudo 运行 the tool",  # more Han outside the run: a Chinese text
        "王小明",  # no Latin sentence around it
        "打开 GNOME 设置",
        "张 (sheet)",  # one Latin word is no sentence
    ],
)
def test_cjk_runs_that_are_no_name_in_a_latin_sentence_stay(text) -> None:
    assert "[PERSON]" not in redact_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jiří Novák",
        "Małgorzata Wiśniewska",
        "Päivi Korhonen",
        "Zeynep Yılmaz",
        "László Nagy",
        "Chinedu Okafor",
        "Priya Raghunathan",
        "Hiroshi Tanaka",
        "Youssef Benali",
    ],
)
def test_common_european_and_turkic_given_names_open_a_bare_name(text) -> None:
    assert redact_text(text) == "[PERSON]"


def test_a_given_name_after_a_house_number_is_a_street() -> None:
    assert given_name_spans("5 Lincoln Mews, Kensington") == []
    assert "[PERSON]" not in redact_text("454 Royal Parade, 5 Lincoln Mews")


def test_a_year_before_a_given_name_is_no_house_number() -> None:
    text = "Copyright 2005 Javier Fernández"
    assert redact_text(text) == "Copyright 2005 [PERSON]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Attendee Peter Novak arrived", "Attendee [PERSON] arrived"),
        ("Courier Maria Lindqvist has arrived", "Courier [PERSON] has arrived"),
        # a given name first: all three words are the name
        ("Peter Novak Smith arrived", "[PERSON] arrived"),
    ],
)
def test_a_role_word_before_a_name_stays_out_of_its_span(text: str, expected: str) -> None:
    assert redact_text(text) == expected
