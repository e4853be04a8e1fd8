"""Country, island and region names are places, not people; people named like them stay
names."""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text
from taskmine.privacy.place_names import is_place_word


@pytest.mark.parametrize(
    "text",
    [
        "Repubblica di Costa Rica", "República Dominicana", "Reino Unido da Grande Bretaña",
        "Isole Marianne Settentrionali", "Şimali Marian Adaları", "Territorio Británico do Océano Índico",
        "Regione amministrativa speciale di Hong Kong", "Boliwia - Wielonarodowe Państwo",
        "Korea - Republika Ludowo-Demokratyczna", "Federated States of Micronesia",
    ],
)  # fmt: skip
def test_a_state_or_region_name_is_no_person(text: str) -> None:
    assert "[PERSON]" not in redact_text(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Assigned to Isolde Meyer", "Assigned to [PERSON]"),  # not ``isol-``: a given name
        ("Assigned to Dr Adalard Lucas", "Assigned to [PERSON]"),  # not ``adalar``: islands
        ("Ticket raised by Ana Reinoso", "Ticket raised by [PERSON]"),  # not ``reino``
        ("Meeting with Pavel Ostrovsky - Zoom", "Meeting with [PERSON] - Zoom"),
        ("Ticket raised by Federica Rossi", "Ticket raised by [PERSON]"),
    ],
)
def test_people_whose_names_open_like_a_place_word_stay_names(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_place_words_are_read_folded_and_inflected() -> None:
    for word in ("Repúblika", "ISLANDS", "Królestwo", "Adaları"):
        assert is_place_word(word), word
    for word in ("Reinoso", "Wyspiański", "Isolde", "Βασιλείου"):
        assert not is_place_word(word), word


@pytest.mark.parametrize(
    "text",
    [
        "Ricevuto EOS - arresto della pipeline", "Innstillingsfil for Citrix ICA",
        "SIGNALbesked: Teksthovedet INTERFACE bruger den reserverede værdi",
    ],
)  # fmt: skip
def test_a_word_and_an_acronym_are_no_name_by_shape_alone(text: str) -> None:
    assert "[PERSON]" not in redact_text(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ticket raised by Jean DUPONT", "Ticket raised by [PERSON]"),  # a listed given name
        ("Invoice for Bailey Wilderman DVM", "Invoice for [PERSON]"),  # a degree closes it
        ("Ticket raised by Dayana Johnson II", "Ticket raised by [PERSON]"),
    ],
)
def test_capitals_after_a_given_name_or_a_suffix_stay_names(text: str, expected: str) -> None:
    assert redact_text(text) == expected
