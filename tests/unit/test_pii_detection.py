"""PII detection, measured: per-type recall and precision on a generated labelled set."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

import taskmine.privacy.detectors as detectors
from taskmine.domain import Element, Event, PathNode
from taskmine.privacy import CaptureLevel, PrivacyPolicy, redact_event, redact_text
from taskmine.privacy.evaluation import (
    CONTEXT_LABELS,
    STRUCTURED_LABELS,
    labelled_strings,
    score_by_locale,
    score_detection,
)
from taskmine.privacy.evaluation_people import LOCALES, person_and_address_strings

RECALL_TARGET = 0.99
PRECISION_TARGET = 0.98
# Names and addresses (issue 9 §2): recall >= 0.90 overall and >= 0.85 in every locale. The
# precision floor is 0.95: over-blanking a UI label or a company name merges or hides element
# names that discovery groups by, so at most one flag in twenty may be wrong; F2 still weighs
# recall double for these types, as for the structured ones.
CONTEXT_RECALL_TARGET = 0.90
CONTEXT_LOCALE_RECALL_TARGET = 0.85
CONTEXT_PRECISION_TARGET = 0.95


@pytest.fixture(scope="module")
def samples():
    return labelled_strings(seed=7, per_type=300, context=True)


@pytest.fixture(scope="module")
def scores(samples):
    return score_detection(samples)


@pytest.mark.parametrize("label", STRUCTURED_LABELS)
def test_each_structured_type_meets_recall_and_precision_targets(scores, label: str) -> None:
    score = scores[label]
    assert score.positives == 300
    assert score.recall >= RECALL_TARGET, score.misses[:5]
    assert score.precision >= PRECISION_TARGET, score.false_alarms[:5]


@pytest.mark.parametrize("label", CONTEXT_LABELS)
def test_names_and_addresses_meet_recall_and_precision_targets(scores, label: str) -> None:
    score = scores[label]
    assert score.positives == 300
    assert score.recall >= CONTEXT_RECALL_TARGET, score.misses[:5]
    assert score.precision >= CONTEXT_PRECISION_TARGET, score.false_alarms[:5]


def test_names_and_addresses_are_found_in_every_locale(samples) -> None:
    by_locale = score_by_locale(samples)
    assert sorted(by_locale) == sorted(LOCALES)
    weak = {
        (locale, label): round(score.recall, 3)
        for locale, scores in by_locale.items()
        for label, score in scores.items()
        if score.recall < CONTEXT_LOCALE_RECALL_TARGET
    }
    assert weak == {}


def test_another_seed_meets_the_same_name_and_address_targets() -> None:
    scores = score_detection(person_and_address_strings(seed=2027, per_type=200))
    for label in CONTEXT_LABELS:
        assert scores[label].recall >= CONTEXT_RECALL_TARGET, scores[label].misses[:5]
        assert scores[label].precision >= CONTEXT_PRECISION_TARGET, scores[label].false_alarms[:5]


def test_ui_labels_menu_items_and_company_names_survive_unchanged() -> None:
    negatives = [s for s in person_and_address_strings(seed=3, per_type=300) if s.label is None]
    changed = [(s.text, redact_text(s.text)) for s in negatives if redact_text(s.text) != s.text]
    assert changed == []


def test_lookalike_negatives_survive_unchanged() -> None:
    negatives = [s for s in labelled_strings(seed=11, per_type=100) if s.label is None]
    changed = [(s.text, redact_text(s.text)) for s in negatives if redact_text(s.text) != s.text]
    assert changed == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pay GB82 WEST 1234 5698 7654 32 now", "pay [IBAN] now"),
        ("card 4111 1111 1111 1111 12/29", "card [CARD] 12/29"),
        ("call +55 11 96123-4789", "call [PHONE]"),
        ("NIR 1 84 12 76 451 089 46", "NIR [NATIONAL_ID]"),
        (
            "opened 2026-03-02 10:30 from 192.168.10.200",
            "opened 2026-03-02 10:30 from 192.168.10.200",
        ),
        ("Total 28647.51, € 202.853.268,28", "Total 28647.51, € 202.853.268,28"),
        ("ORD-2026-000123 ISBN 978-0-62-921475-2", "ORD-2026-000123 ISBN 978-0-62-921475-2"),
        ("created 1767225600004 id 0000000000000000", "created 1767225600004 id 0000000000000000"),
    ],
)
def test_detectors_cut_trailing_words_and_skip_lookalikes(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_hostile_input_costs_bounded_time_and_leaks_nothing() -> None:
    import time

    text = " ".join(["+44 20 7946 0958"] * 2000)
    started = time.perf_counter()
    out = redact_text(text)
    assert time.perf_counter() - started < 5
    assert "7946" not in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name: Jane Doe", "Name: [PERSON]"),
        ("Inbox - Jane Doe - Outlook", "Inbox - [PERSON] - Outlook"),
        ("Customer Jane Doe - CRM - Google Chrome", "Customer [PERSON] - CRM - Google Chrome"),
        ("From: Jane Doe <jane@x.org>", "From: [PERSON] <[EMAIL]>"),
        ("Sehr geehrte Frau Dr. Anna Schmidt,", "Sehr geehrte Frau [PERSON],"),
        ("Destinataire : Jean-Pierre Dupont", "Destinataire : [PERSON]"),
        ("An: Charlotte van Vliet", "An: [PERSON]"),
        ("Ship to: 12 Main Street, Springfield, IL 62704", "Ship to: [ADDRESS]"),
        ("Hauptstraße 5, 10115 Berlin", "[ADDRESS]"),
        ("507, rue de la Paix, 75002 Paris", "[ADDRESS]"),
        ("Via Roma 12, 00184 Roma (RM)", "[ADDRESS]"),
        ("Kerkstraat 12, 1234 AB Amsterdam", "[ADDRESS]"),
        ("Calle Mayor 5, 28013 Madrid", "[ADDRESS]"),
        ("Flat 2, Baker Street, London, NW1 6XE", "[ADDRESS]"),
        ("PO Box 1234", "[ADDRESS]"),
        ("First Name", "First Name"),
        ("Save As", "Save As"),
        ("Google Chrome", "Google Chrome"),
        ("Submit Order", "Submit Order"),
        ("New York Times", "New York Times"),
        ("Main Street Bank", "Main Street Bank"),
        ("12 Main Street Bank accounts", "12 Main Street Bank accounts"),
        ("Customer Service", "Customer Service"),
        ("Contact: Sales Team", "Contact: Sales Team"),
        ("Customer: Acme Supplies Ltd", "Customer: Acme Supplies Ltd"),
        ("File name: report", "File name: report"),
        ("Arbeitsplatz 3", "Arbeitsplatz 3"),
        ("Step 2 of 3", "Step 2 of 3"),
        ("3 new messages", "3 new messages"),
    ],
)
def test_names_and_addresses_are_blanked_and_ui_strings_kept(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def field_event(name: str | None, value: str, *, automation_id: str | None = None) -> Event:
    return Event(
        event_id="e",
        session_id="s",
        user_id="u",
        machine_id="m",
        timestamp=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        kind="type",
        app="crm.exe",
        element=Element(role="text", name=name, automation_id=automation_id),
        value=value,
        attrs={"selection": value},
    )


FULL = PrivacyPolicy(default_capture=CaptureLevel.FULL)


@pytest.mark.parametrize(
    ("name", "automation_id", "label"),
    [
        ("Last name", None, "PERSON"),
        (None, "txtSurname", "PERSON"),
        ("Vorname", None, "PERSON"),
        ("Prénom", None, "PERSON"),
        ("Apellidos", None, "PERSON"),
        ("Kundenname", None, "PERSON"),
        ("Straße", None, "ADDRESS"),
        (None, "billing_street_1", "ADDRESS"),
        ("PLZ", None, "ADDRESS"),
        ("Code postal", None, "ADDRESS"),
        ("ZIP code", None, "ADDRESS"),
        ("Dirección", None, "ADDRESS"),
    ],
)
def test_the_field_policy_blanks_any_value_of_a_name_or_address_field(
    name: str | None, automation_id: str | None, label: str
) -> None:
    out = redact_event(
        field_event(name, "xq lowercase 42", automation_id=automation_id), policy=FULL
    )
    assert out.value == f"[{label}]"
    assert out.attrs["selection"] == f"[{label}]"
    assert out.element is not None
    assert out.element.name == name  # the label itself stays: discovery groups by it


@pytest.mark.parametrize(
    "name", ["File name", "Company name", "Name Box", "E-mail address", "Notes"]
)
def test_the_field_policy_leaves_other_fields_to_the_detectors(name: str) -> None:
    assert redact_event(field_event(name, "Q3 plan", automation_id=None), policy=FULL).value == (
        "Q3 plan"
    )


def test_a_field_named_in_its_group_is_blanked_but_a_page_title_does_not_count() -> None:
    grouped = field_event("Line 1", "Somewhere 5").model_copy(
        update={
            "element": Element(
                role="text",
                name="Line 1",
                path=(PathNode(role="group", name="Shipping address"), PathNode(role="text")),
            )
        }
    )
    assert redact_event(grouped, policy=FULL).value == "[ADDRESS]"
    titled = grouped.model_copy(
        update={
            "element": Element(
                role="text", name="Notes", path=(PathNode(role="window", name="Customer name"),)
            )
        }
    )
    assert redact_event(titled, policy=FULL).value == "Somewhere 5"


def test_without_the_person_and_address_detectors_the_field_policy_is_off() -> None:
    policy = PrivacyPolicy(detectors=("email",), default_capture=CaptureLevel.FULL)
    assert redact_event(field_event("Last name", "Doe"), policy=policy).value == "Doe"


def test_a_name_finder_that_fails_blanks_the_whole_string() -> None:
    def broken(text: str) -> list[tuple[int, int]]:
        raise RuntimeError("finder crashed")

    detector = detectors.ContextDetector("person", "PERSON", broken)
    assert list(detector.find_spans("Name: Jane Doe")) == [(0, len("Name: Jane Doe"))]


# Names and addresses on the pools that are not the first dev pool, at seed 7, 300 per type.
# ``world`` and ``A`` (the former held-out pool, read in stop 12) were developed against;
# ``sealed`` (``evaluation_held_out``) never was. Figures at 2,000 per type are in
# docs/privacy.md. The floors sit a little under what the detectors do: they guard against
# regressions, they are not targets reached (the sealed ADDRESS figure is far below 0.90).
# Since stop 18 a bare name after a census given name counts (``given_names``): sealed PERSON
# recall rose (0.89 -> 0.93 here) and its precision fell (0.92 -> 0.87), so both floors
# moved with it.
POOL_FLOORS = {  # pool: (PERSON recall, ADDRESS recall, precision of both)
    "A": (0.97, 0.90, 0.95),
    "world": (0.88, 0.88, 0.95),
    "sealed": (0.88, 0.55, 0.85),
}


@pytest.mark.parametrize("pool", sorted(POOL_FLOORS))
def test_names_and_addresses_clear_their_floors_on_each_pool(pool: str) -> None:
    from taskmine.privacy.evaluation_held_out import sealed_strings
    from taskmine.privacy.evaluation_people import held_out_strings
    from taskmine.privacy.evaluation_world import world_strings

    build = {"A": held_out_strings, "world": world_strings, "sealed": sealed_strings}[pool]
    scores = score_detection(build(seed=7, per_type=300))
    person_floor, address_floor, precision_floor = POOL_FLOORS[pool]
    for label, floor in (("PERSON", person_floor), ("ADDRESS", address_floor)):
        # Plain figures only: a failing assert on the score itself would print its misses,
        # and the sealed pool's strings are never shown.
        recall, precision = scores[label].recall, scores[label].precision
        assert recall >= floor, (label, round(recall, 4))
        assert precision >= precision_floor, (label, round(precision, 4))


def test_a_bare_name_and_number_is_a_street_only_where_a_place_is_meant() -> None:
    assert redact_text("Deliver to Oraskuja 875") == "Deliver to [ADDRESS]"
    assert redact_text("Location: Jabukovac 6a") == "Location: [ADDRESS]"
    assert redact_text("№ 12 Lenina, Kazan") == "[ADDRESS]"  # a marker that is no letter
    for kept in (
        "Welcome to Python 3",
        "Upgrade to Visual Studio 2022",
        "Connect to VPN 2",
        "Switch to Power BI 3",
        "Open in Tableau Desktop 9",
        "Lenovo ThinkPad 14",
        "Hauptbahnhof 2",
    ):
        assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ticket raised by Jane Doe", "Ticket raised by [PERSON]"),
        ("Account manager: Tom Baker", "Account manager: [PERSON]"),
        ("Jane Doe (Customer) - Zendesk", "[PERSON] (Customer) - Zendesk"),
        ("Status: In Progress", "Status: In Progress"),
        ("Category: Office Supplies", "Category: Office Supplies"),
        ("Saved by Autosave", "Saved by Autosave"),
        ("Sort by Date", "Sort by Date"),
        ("28 Anderson Strand, Lake Erin, QLD, 2973", "[ADDRESS]"),
        ("636 Michael Motorway, New Donnafurt, ON C2A8T2", "[ADDRESS]"),
        ("Av. San Juan N° 426, Mendoza 5500", "[ADDRESS]"),
        ("Rua de Rodrigues, 830, 3092-384 Moura", "[ADDRESS]"),
        ("Ship to: 12 Main St, Springfield, MN 55073-6110", "Ship to: [ADDRESS]"),
        ("10 Best Practices, 2026", "10 Best Practices, 2026"),
    ],
)
def test_generic_name_and_address_shapes(text: str, expected: str) -> None:
    assert redact_text(text) == expected


# Real messages of desktop catalogs (bench/bench_pii_catalogs.py, dev half) that were read as
# names or streets: identifiers, acronyms and numbered things are neither.
@pytest.mark.parametrize(
    "kept",
    [
        "GL-understøttelse slået fra via GDK_DEBUG",
        "Tilkobling nektet via SOCKSv5-proxy.",
        "Annulleret via GDBusAuthObserver::authorize-authenticated-peer",
        "Fatal feil under lesing av PNG-biletefil",
        "Spoofing av Credentials er ikke mulig",
        "conjunto de WiiWare",
        "clave privada PKCS#8 (cifrada)",
        "proberen de echte hostnamen te vinden via DNS",
        "Konvert №10",
        "Тэрмінальныя формы №2",
        "O estado lembrado do LED NumLock.",
        "file di pre-elaborazion di CSS Sass",
        "Una lista de «name:color» separada por «\\n»",
        "FEJLmeddelelse: Teksthovedet REPLY_SERIAL eller ERROR_NAME mangler",
    ],
)
def test_software_words_are_no_names_or_streets(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Richard M. Stallman", "[PERSON]"),  # ``M.`` after a given name is an initial
        ("Contact: M. Dupont", "Contact: [PERSON]"),  # and alone, Monsieur
        ("Gerente: Ana McDonald", "Gerente: [PERSON]"),
        ("Billie-Jo Reynell-McKenna (Customer) - Zendesk", "[PERSON] (Customer) - Zendesk"),
        ("Claimant: Z. Nagy Zalán", "Claimant: [PERSON]"),
        ("14 McDonald Street", "[ADDRESS]"),
        ("Ship to 12 MAIN STREET", "Ship to [ADDRESS]"),
        ("Alamat: пер. 50 лет ВЛКСМ, д. 5/6 к. 114", "Alamat: [ADDRESS]"),
        ("Av. Reforma 222", "[ADDRESS]"),
        ("№ 12 Lenina, Kazan", "[ADDRESS]"),
    ],
)
def test_names_and_streets_that_look_like_software_words_are_still_found(
    text: str, expected: str
) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    ("word", "technical"),
    [
        ("AppStream", True),
        ("GSocket", True),
        ("SELinux", True),
        ("PNG-bilete", True),
        ("SOCKSv5", True),
        ("GDK_DEBUG", True),
        ("McDonald", False),
        ("MacArthur", False),
        ("DeLaCruz", False),
        ("Reynell-McKenna", False),
        ("KwaZulu-Natal", False),
        ("IJsselstraat", False),
        ("O’Neil", False),
        ("Stauffenstraße", False),
    ],
)
def test_word_shapes_tell_identifiers_from_names(word: str, technical: bool) -> None:
    from taskmine.privacy.word_shapes import looks_technical

    assert looks_technical(word) is technical


# Street lines of real formats the detector missed (bench/bench_pii_addresses.py, dev half),
# rewritten with other streets and towns.
@pytest.mark.parametrize(
    "text",
    [
        "Hafnargøta 4, 100 Tórshavn",  # three-digit code, then the town
        "Fjólugata 21, 101 Reykjavik",
        "Strandvejen 3B\n8000 Aarhus C",  # the next line is the code and town
        "Elm Row 12, 0160 Tbilisi",  # an everyday word in the name, a code after
        "Kalnu street 14",  # an English type after the name, then the number
        "Gedimino pr. 9",  # Lithuanian, Latvian, Turkish, Estonian types after the name
        "Brīvības iela 81",
        "Atatürk Caddesi 12",
        "Narva mnt. 5",
        "Hlavná 343/10\n040 01 Košice",
        "Shevchenka Street, 2д",  # a house number with a Cyrillic letter
        "78 Kent Street\nMount Eden\nAuckland 1024",  # one line each: the type ends its line
        "44 Quezon, Malate, 1004 Manila",  # one name word, a code and town after the parts
    ],
)
def test_real_street_formats_are_found(text: str) -> None:
    redacted = redact_text(text)
    assert "[ADDRESS]" in redacted
    assert not re.search(r"\d", redacted.replace("[ADDRESS]", "")), redacted


@pytest.mark.parametrize(
    "kept",
    [
        "Python 3, 2024 Edition",
        "Figure 3, 2010 Census",
        "Chapter 3, 100 Days",
        "Level 3, 120 Points",
        "Build 42\n2024 Release",
    ],
)
def test_a_number_and_a_year_are_no_street_and_code(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    "text",
    [
        "14 Frederick Street, Port of Spain, 190130",  # a town with ``of`` inside
        "12 Avinguda Carlemany, AD700 Escaldes",  # letters and digits: the country's code
        "7 Harbour Drive, George Town KY1-1106",
    ],
)
def test_the_whole_address_goes_with_its_town_and_code(text: str) -> None:
    assert redact_text(text) == "[ADDRESS]"
