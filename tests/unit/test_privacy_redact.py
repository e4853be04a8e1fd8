"""Redaction: personal data found by checksum-confirmed detectors is blanked everywhere."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taskmine.domain import Element, Event, PathNode
from taskmine.privacy import (
    CaptureLevel,
    CustomPattern,
    PrivacyPolicy,
    is_event_allowed,
    is_iban_valid,
    is_luhn_valid,
    mask_value,
    redact_event,
    redact_text,
    redact_url,
)


def luhn_number(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        if is_luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable")


def iban(country: str, bban: str) -> str:
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("write to jane.doe+crm@mail.example.org today", "EMAIL"),
        ("card 4111 1111 1111 1111 exp 12/29", "CARD"),
        ("card 5500-0000-0000-0004", "CARD"),
        ("IBAN GB82 WEST 1234 5698 7654 32", "IBAN"),
        ("pay to DE89370400440532013000", "IBAN"),
        ("SSN 123-45-6789", "NATIONAL_ID"),
        ("NINO AB 12 34 56 C", "NATIONAL_ID"),
        ("DNI 12345678Z", "NATIONAL_ID"),
        ("NIE X1234567L", "NATIONAL_ID"),
        ("HETU 131052-308T", "NATIONAL_ID"),
        ("NIR 1 84 12 76 451 089 46", "NATIONAL_ID"),
        ("call +44 20 7946 0958", "PHONE"),
        ("call (555) 123-4567", "PHONE"),
        ("mobile 06-12345678", "PHONE"),
    ],
)
def test_known_personal_data_is_replaced_by_its_label(text: str, label: str) -> None:
    redacted = redact_text(text)
    assert f"[{label}]" in redacted
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) >= 8:
        assert digits not in "".join(c for c in redacted if c.isdigit())


@pytest.mark.parametrize(
    ("text", "detector"),
    [
        ("card 4111 1111 1111 1112", "card"),  # Luhn fails
        ("IBAN GB83 WEST 1234 5698 7654 32", "iban"),  # mod 97 fails
        ("SSN 000-45-6789", "us_ssn"),  # area 000 is never issued
        ("NINO QQ 12 34 56 C", "uk_nino"),  # Q is not a valid prefix letter
        ("DNI 12345678A", "es_dni"),  # wrong control letter
        ("HETU 131052-308U", "fi_hetu"),  # wrong control character
    ],
)
def test_lookalikes_that_fail_their_checksum_are_kept(text: str, detector: str) -> None:
    assert redact_text(text, policy=PrivacyPolicy(detectors=(detector,))) == text


@pytest.mark.parametrize(
    "text",
    [
        "invoice 2026-03-02 at 10:30, order 1234567, total 1234.56",
        "version 1.2.3 build 2024.10.01",
        "Room 3, 12 people, 1,234.56 EUR",
    ],
)
def test_dates_amounts_and_short_numbers_survive_every_detector(text: str) -> None:
    assert redact_text(text) == text


@settings(max_examples=200, deadline=None)
@given(
    st.randoms(use_true_random=False),
    st.sampled_from(["4", "51", "37", "6011"]),
    st.sampled_from([" ", "-", ""]),
    st.text(alphabet="abc xyz.", max_size=20),
)
def test_every_luhn_valid_card_is_redacted_whatever_the_grouping(rng, prefix, sep, filler) -> None:
    number = luhn_number(prefix, 16, rng)
    grouped = sep.join(number[i : i + 4] for i in range(0, 16, 4))
    out = redact_text(f"{filler} {grouped} {filler}")
    assert number not in out.replace(sep, "") if sep else number not in out
    assert "[CARD]" in out


# The BBAN shapes of the SWIFT registry (``n`` digits, ``a`` capitals, ``c`` either), as
# regexes: every account in its country's shape must be redacted.
_BBAN_SHAPES = {
    "DE": r"[0-9]{18}",
    "FR": r"[0-9]{10}[A-Z0-9]{11}[0-9]{2}",
    "NL": r"[A-Z]{4}[0-9]{10}",
    "ES": r"[0-9]{20}",
    "IT": r"[A-Z][0-9]{10}[A-Z0-9]{12}",
    "GB": r"[A-Z]{4}[0-9]{14}",
}


@st.composite
def accounts(draw: st.DrawFn) -> str:
    country = draw(st.sampled_from(sorted(_BBAN_SHAPES)))
    return iban(country, draw(st.from_regex(_BBAN_SHAPES[country], fullmatch=True)))


@settings(max_examples=200, deadline=None)
@given(accounts())
def test_every_mod97_valid_iban_is_redacted_and_checks(account: str) -> None:
    assert is_iban_valid(account)
    assert redact_text(f"IBAN: {account}.") == "IBAN: [IBAN]."


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789", min_size=11, max_size=17))
def test_a_mod97_valid_account_outside_its_countrys_shape_is_no_iban(bban: str) -> None:
    # Germany's BBAN has 18 digits: 11 to 17 pass mod 97 here, and stay, as a random id would
    account = iban("DE", bban)
    assert is_iban_valid(account)
    assert "[IBAN]" not in redact_text(f"ref {account}.")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_redaction_is_idempotent(text: str) -> None:
    once = redact_text(text)
    assert redact_text(once) == once


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=["Nd"], blacklist_characters="@"), max_size=80
    )
)
def test_text_without_digits_or_at_signs_is_unchanged_by_the_structured_detectors(
    text: str,
) -> None:
    assert redact_text(text, policy=STRUCTURED_ONLY) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz .,-", max_size=80))
def test_lower_case_text_without_digits_or_colons_is_unchanged(text: str) -> None:
    # Names need a capital or a label with a colon; addresses a digit, a capital or a label.
    assert redact_text(text) == text


STRUCTURED_ONLY = PrivacyPolicy(
    detectors=("email", "iban", "fr_nir", "us_ssn", "uk_nino", "es_dni", "fi_hetu", "card", "phone")
)


def test_url_query_values_of_name_and_address_fields_are_blanked() -> None:
    out = redact_url("https://crm.example/search?last_name=Doe&street=Elm+Street&tab=open")
    assert "Doe" not in out
    assert "Elm" not in out
    assert "tab=open" in out


def test_urls_are_redacted_in_path_query_and_fragment_and_lose_credentials() -> None:
    url = "https://bob:hunter2@crm.example/customers/jane%40x.org/edit?phone=%2B44%2020%207946%200958&tab=2#jane@x.org"
    out = redact_url(url)
    assert "hunter2" not in out
    assert "jane" not in out
    assert "7946" not in out
    assert out.startswith("https://crm.example/customers/")
    assert "tab=2" in out


def test_custom_patterns_apply_before_builtin_detectors() -> None:
    policy = PrivacyPolicy(
        patterns=(CustomPattern(name="customer", regex=r"CUST-\d{6}", label="CUSTOMER"),)
    )
    assert redact_text("open CUST-123456 now", policy=policy) == "open [CUSTOMER] now"
    with pytest.raises(ValueError, match="regular expression"):
        CustomPattern(name="bad", regex="(")


def sample_event(**updates: object) -> Event:
    base = Event(
        event_id="e1",
        session_id="s1",
        user_id="u1",
        machine_id="m1",
        timestamp=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        kind="type",
        app="crm.exe",
        window="Customer jane@x.org - CRM",
        element=Element(
            role="text",
            name="Email jane@x.org",
            automation_id="txt_4111111111111111",
            path=(
                PathNode(role="frame", name="Customer jane@x.org - CRM", index=0),
                PathNode(role="text", name="IBAN DE89370400440532013000", index=3),
            ),
        ),
        value="jane@x.org, +44 20 7946 0958",
        url="https://crm.example/?q=jane@x.org",
        attrs={"source_window": "Mail from jane@x.org", "nested": [{"note": "SSN 123-45-6789"}]},
    )
    return base.model_copy(update=updates)


def test_redact_event_cleans_every_string_field_with_full_capture() -> None:
    policy = PrivacyPolicy(default_capture=CaptureLevel.FULL)
    out = redact_event(sample_event(), policy=policy)
    blob = json.dumps(out.to_json_dict())
    for secret in ("jane", "7946", "DE8937", "4111111111111111", "123-45-6789"):
        assert secret not in blob
    assert out.value == "[EMAIL], [PHONE]"


def test_capture_levels_keep_structure_masked_or_full_values() -> None:
    policy = PrivacyPolicy(capture={"crm*": CaptureLevel.STRUCTURE, "excel.exe": CaptureLevel.FULL})
    assert redact_event(sample_event(), policy=policy).value is None
    masked = redact_event(sample_event(app="notepad.exe", value="Ab 12"), policy=policy)
    assert masked.value == "Xx 99"
    full = redact_event(sample_event(app="excel.exe", value="Ab 12"), policy=policy)
    assert full.value == "Ab 12"
    assert mask_value("Zoë-7") == "Xxx-9"


def test_password_elements_never_keep_a_value_even_with_full_capture() -> None:
    policy = PrivacyPolicy(default_capture=CaptureLevel.FULL)
    event = sample_event(element=Element(role="password text", name="Password"), value="hunter2")
    assert redact_event(event, policy=policy).value is None


def test_name_and_address_fields_are_blanked_the_same_on_the_server() -> None:
    from taskmine.privacy import redact_event_data

    event = sample_event(
        element=Element(role="text", name="Nachname", path=(PathNode(role="frame", name="CRM"),)),
        value="Müller",
        attrs={"clipboard": "Müller", "source_app": "outlook.exe"},
    )
    policy = PrivacyPolicy(default_capture=CaptureLevel.FULL)
    local = redact_event(event, policy=policy)
    server = Event.model_validate(redact_event_data(event.to_json_dict(), policy=policy))
    assert local.value == server.value == "[PERSON]"
    assert local.attrs["clipboard"] == server.attrs["clipboard"] == "[PERSON]"
    assert local == server


def test_deny_and_allow_lists_decide_which_events_are_recorded() -> None:
    policy = PrivacyPolicy(deny_apps=("keepass*",), deny_urls=("*.bank.example",))
    assert not is_event_allowed(sample_event(app="KeePassXC"), policy=policy)
    assert not is_event_allowed(sample_event(url="https://www.bank.example/login"), policy=policy)
    assert is_event_allowed(sample_event(), policy=policy)
    only = PrivacyPolicy(allow_apps=("excel.exe",))
    assert not is_event_allowed(sample_event(), policy=only)
    assert is_event_allowed(sample_event(app="EXCEL.EXE"), policy=only)
    with pytest.raises(ValueError, match="unknown detector"):
        PrivacyPolicy(detectors=("dna",))
