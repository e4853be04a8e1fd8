"""Street lines with no type word: read from a lettered house number, a closing town, or a
label that leaves no other reading; and the parts that close them (``3º A``, ``calabro``).

The street and town names here are invented, not copied from any pool."""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text
from taskmine.privacy.address_bare_lines import bare_street_lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a house number with a letter closes its segment
        ("Lindenhagen 41b", "[ADDRESS]"),
        ("Korvenmäki 7A - Apartment listing", "[ADDRESS] - Apartment listing"),
        ("Galerie Solveig 215c", "[ADDRESS]"),
        # a bare line and a town closing the string or its segment
        ("Mühlbachgraben 12, Weiz - Route planner", "[ADDRESS] - Route planner"),
        ("Obere Sandgrube 4, Tamsweg", "[ADDRESS]"),
        ("Haldenacker 1380, Brugg", "[ADDRESS]"),
        # a house number, one proper word and a town
        ("812 Hvítárholt, Flúðir", "[ADDRESS]"),
        ("344 Kromhoutveld, Tielt - Route planner", "[ADDRESS] - Route planner"),
        # after an address label, or a delivery cue with its colon, one word is a street
        ("Ship to: 212 Kirsebærvænget", "Ship to: [ADDRESS]"),
        ("Billing address 57 Tjørnelunden", "Billing address [ADDRESS]"),
        ("Ship to: 940 Ravnsholt, Ebeltoft", "Ship to: [ADDRESS]"),
        # a Spanish floor and door after the number
        ("Deliver to Calle Rosalía Montero, 9 3º A, Motril", "Deliver to [ADDRESS]"),
        # lower-case words of a town, up to its code or the end of the segment
        ("Via Pescara 31, Appartamento 2, Torre Anselmo marittima", "[ADDRESS]"),
        ("Strada Olmo 6, Borgo Fulvio laziale 61874 tomorrow", "[ADDRESS] tomorrow"),
    ],
)
def test_a_street_line_without_a_type_word_is_found(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # sites, transport, products and versions share the shapes
        "Room 12B", "Seat 14C", "Linie 5A", "Gleis 9b", "Pixel 7a", "Redmi 9A",
        "Video Matroska 3D", "Display 1080p", "Netzteil 60W",
        "Windows 11, Linux", "Python 3, Java", "Firefox 115, Chrome", "Samsung 980, Crucial",
        "Boeing 747, Airbus", "Chapter 3, Introduction", "Kapitel 12, Einleitung",
        "Tabelle 1, Spalte", "Upgrade to Lenovo Yoga 7c", "3 Dateien, Ordner",
        "12 Änderungen, Gestern", "5 Ergebnisse, Suche", "2024 Edition, Berlin",
        "12 Settings, Privacy",
        # counts of things after a cue
        "Ship to: 3 Recipients", "Billing address 2 Options", "Deliver to 5 Berlin",
        "Ship to 12 Customers",
    ],
)  # fmt: skip
def test_look_alikes_of_a_bare_street_line_stay(text: str) -> None:
    assert redact_text(text) == text


def test_a_lettered_number_inside_a_sentence_is_not_read_without_a_segment_end() -> None:
    assert bare_street_lines("Lindenhagen 41b wurde gebaut") == []


def test_a_town_tail_needs_a_part_after_the_street_line() -> None:
    # no comma part: the lower-case words after a street line are the sentence, not a town
    assert redact_text("Office at Via Pescara 31 now open") == "Office at [ADDRESS] now open"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town with its administrative word before the line, a region and code between
        ("ք. Գյումրի, Շահումյան 14, բն. 7", "[ADDRESS]"),
        ("Shipping to գ. Արևիկ, Լոռու մարզ, 1742, Գայի 12", "Shipping to [ADDRESS]"),
        ("г. Самара, Ленина 5", "[ADDRESS]"),
        # a note in brackets closes the line like the end of the string
        ("Deliver to Oraskuja 875 (verified)", "Deliver to [ADDRESS] (verified)"),
        # Indic scripts: a slashed house number; the PIN after the town, or joined to it
        ("Lives at 41/12 सुरेश कुमार, इंदौर 452001", "Lives at [ADDRESS]"),
        ("Ship to: 7 गांधी नगर, भोपाल-462001", "Ship to: [ADDRESS]"),
        # after an address label, one word of the script is a street
        ("Address: 2886 राजपथ", "Address: [ADDRESS]"),
        # Persian: the district, then the province and its code
        ("Address: 12 خیابان آزادی, دهستان نور, زنجان 16386", "Address: [ADDRESS]"),
    ],
)
def test_town_first_and_script_lines_are_found_whole(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Windows 11 (64-bit)", "Python 3 (default)", "г. Самара, 5 файлов",
        "Ship to 3 ग्राहक",  # a count of customers after a visit cue, not a street
    ],
)  # fmt: skip
def test_town_first_and_script_look_alikes_stay(text: str) -> None:
    assert redact_text(text) == text


def test_a_lower_case_compound_needs_a_language_that_writes_it_so() -> None:
    assert redact_text("Vaihda työtilaan 1") == "Vaihda työtilaan 1"  # "to workspace 1"
    assert redact_text("Lindqvistin puistokatu 12") == "[ADDRESS]"  # Finnish, lower case
    assert redact_text("Kongens gate 5") == "[ADDRESS]"


@pytest.mark.parametrize(
    "text",
    ["Fehler in Zeile 250", "Błąd w wierszu 250", "Errore in riga 1024", "Chyba v řádku 250"],
)
def test_a_line_of_a_document_after_an_in_preposition_is_no_street(text: str) -> None:
    assert redact_text(text) == text


def test_a_conjunction_inside_a_street_name_is_no_loose_preposition() -> None:
    assert "Wigury" not in redact_text("Deliver to plac Żwirki i Wigury 472, 26-181 Police")


def test_a_czech_street_adjective_with_its_two_numbers_is_a_street() -> None:
    assert redact_text("Hvězdova 1734/2") == "[ADDRESS]"
    assert redact_text("Husova 343/10") == "[ADDRESS]"
    assert redact_text("Track 101/120") == "Track 101/120"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Մաշտոցի 81", "[ADDRESS]"),  # genitive: "Mashtots's"
        ("Ռուսթավելու 3 (home)", "[ADDRESS] (home)"),
        ("Կիևյան 92", "[ADDRESS]"),  # the adjective a street takes
        ("Մովսես Խորենացու 914", "[ADDRESS]"),
    ],
)
def test_an_armenian_street_in_the_genitive_with_a_number_is_a_street(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("text", ["Մարտի 8", "Էջ 5", "Էջի 5 տողում"])
def test_an_armenian_date_or_a_noun_with_a_number_stays(text) -> None:
    assert redact_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Βασιλικού 82", "[ADDRESS]"),
        ("Κοντολέων 85 - Apartment listing", "[ADDRESS] - Apartment listing"),
        ("Bohrova 5", "[ADDRESS]"),
        ("Jakabova 30 | Google Maps", "[ADDRESS] | Google Maps"),
    ],
)
def test_a_greek_genitive_or_a_slavic_possessive_with_a_number_is_a_street(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("kept", ["Σελίδα 3", "Moldova 2", "Padova 1", "Supernova 3", "Strana 3"])
def test_a_nominative_noun_or_a_place_ending_like_a_possessive_stays(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pick up the keys at Reencuentro 7", "Pick up the keys at [ADDRESS]"),
        ("Pick up the keys at 890 Hvannavellir", "Pick up the keys at [ADDRESS]"),
        ("Pick up the keys at 966 Brigadegården", "Pick up the keys at [ADDRESS]"),
    ],
)
def test_a_word_of_delivery_a_few_words_before_the_preposition_places_a_street(
    text, expected
) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept",
    ["Deliver to 5 Berlin", "Delivered to 2 Warehouses", "Pick up the latest version at Python 3"],
)
def test_a_short_word_a_plural_or_a_version_after_a_delivery_cue_stays(kept: str) -> None:
    assert redact_text(kept) == kept


def test_a_home_label_with_its_colon_places_a_street() -> None:
    assert redact_text("Home: 805 Solsiden") == "Home: [ADDRESS]"
    assert redact_text("Home: Page 2") == "Home: Page 2"  # an everyday word and a number
    assert redact_text("Home: 3 new items") == "Home: 3 new items"


def test_a_house_number_word_and_town_may_close_with_the_towns_code() -> None:
    assert redact_text("1336 Álftárbakki, Grindavík 240") == "[ADDRESS]"
    assert redact_text("12 Monate, Laufzeit 36") == "12 Monate, Laufzeit 36"


@pytest.mark.parametrize(
    "text", ["Straße der Menschenrechte 76", "Platz der Republik 1", "Allee der Kosmonauten 5"]
)
def test_a_german_type_before_its_article_opens_a_street(text) -> None:
    assert redact_text(text) == "[ADDRESS]"


@pytest.mark.parametrize("kept", ["Platz 3 von 10", "Straße gesperrt 3"])
def test_a_german_type_as_a_rank_or_a_notice_stays(kept: str) -> None:
    assert redact_text(kept) == kept


def test_a_floor_may_follow_a_slashed_house_number() -> None:
    assert redact_text("Galerie des Chartreux 275/2 7 étage | Maps") == "[ADDRESS] | Maps"
    assert redact_text("Page 3/12 2 fl") == "Page 3/12 2 fl"
