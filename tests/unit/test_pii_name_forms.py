"""PERSON forms found since stop 17: a personal suffix inside or closing a name, and a surname
with an apostrophe before an activity verb; with the look-alikes each must leave alone.

The strings are written here by hand; none is copied from a generator's output."""

from __future__ import annotations

import pytest

from taskmine.privacy.redact import redact_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a suffix after the name no longer stops it short of an activity verb
        ("Mark Olsen Jr. shared a file with you", "[PERSON] shared a file with you"),
        ("Ines de la Cruz Sr. commented on the issue", "[PERSON] commented on the issue"),
        ("Petra Novak Phd. approved the request", "[PERSON] approved the request"),
        # a name that a personal suffix closes needs no other cue
        ("Hannah Weiss PhD", "[PERSON]"),
        ("Chat with Omar Haddad Jr. - Teams", "Chat with [PERSON] - Teams"),
        ("Lukas Brandt B.Eng.", "[PERSON]"),
        # an apostrophe right after the capital of a surname
        ("Sean O'Neill joined the meeting", "[PERSON] joined the meeting"),
        # Latvian titles after the name
        ("Līga Kalniņa kundze replied", "[PERSON] replied"),
        ("Caller: Andris Liepa kungs", "Caller: [PERSON]"),
        # an activity verb after a name in a script without capitals (the pre-check missed it)
        ("سارة الحسيني commented on your post", "[PERSON] commented on your post"),
        ("이서연 joined the meeting", "[PERSON] joined the meeting"),
        # a Thai name ending in a combining mark; a Japanese given name in kana
        ("สมชาย ใจดีพันธ์ commented", "[PERSON] commented"),
        ("Caller: 森田 サクラ", "Caller: [PERSON]"),
        ("Submitted by ゆうこ 宮田", "Submitted by [PERSON]"),
        # a document made out for a person
        ("Invoice for 李文华", "Invoice for [PERSON]"),
        # middle initials still read as part of the name, not as a suffix
        ("Owner: Anna K. Berg", "Owner: [PERSON]"),
    ],
)
def test_name_forms_are_redacted(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Street Fighter II",
        "Final Fantasy IV",
        "Sales Report PhD",
        "Doctor Who Jr.",
        "Project Alpha M.Sc. thesis",
        "New York M.D. office",
        "Results for 東京都",
        "Settings 設定 updated",
        "Invoice for 3 items",
        "Owner: チーム 営業",
        "Message from システム 管理者",
        "すべて commented",  # hiragana alone is grammar ("all"), not a name
    ],
)
def test_look_alikes_of_those_forms_survive(text: str) -> None:
    assert "[PERSON]" not in redact_text(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Account owner 김성수", "Account owner [PERSON]"),
        ("Account owner احسان ابوطالبی", "Account owner [PERSON]"),
        ("Card holder Anna Smith", "Card holder [PERSON]"),
    ],
)
def test_an_owner_or_holder_label_before_its_value_announces_a_name(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("kept", ["Account owner Finance Team", "Account owner Unassigned"])
def test_an_owner_label_before_a_team_stays(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a courtesy title says a person follows, even where a given name is a place word
        (
            "Mrs. Isla Becker commented on the pull request",
            "Mrs. [PERSON] commented on the pull request",
        ),
        # after a person label, an everyday first word and a proper surname
        ("Owner: Autumn Bartell", "Owner: [PERSON]"),
    ],
)
def test_a_title_or_person_label_carries_an_everyday_given_name(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept", ["Owner: Finance Team", "Assigned to: Support Team", "Invoice for Summer Sale"]
)
def test_two_everyday_words_after_a_label_stay(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bayan Figen Turan", "Bayan [PERSON]"),
        ("Sayın Mehmet Öz", "Sayın [PERSON]"),
        ("Dra Arina Mardari", "Dra [PERSON]"),
        ("Mnr. Pieter Botha", "Mnr. [PERSON]"),
    ],
)
def test_courtesy_titles_of_more_languages_open_a_name(text, expected) -> None:
    assert redact_text(text) == expected


def test_a_loading_bay_is_no_title() -> None:
    assert redact_text("Bay Ridge Loading") == "Bay Ridge Loading"
