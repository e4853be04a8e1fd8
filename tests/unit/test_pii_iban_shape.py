"""An IBAN is read in its country's BBAN shape (the SWIFT registry's), not from mod 97 alone:
random ids whose first letters name a country pass mod 97 about once in 97."""

from __future__ import annotations

import random
import uuid

import pytest

from taskmine.privacy import redact_text
from taskmine.privacy.detectors import is_iban_account


@pytest.mark.parametrize(
    "iban",
    ["DE89 3704 0044 0532 0130 00", "GB29NWBK60161331926819", "FR1420041010050500013M02606"],
)
def test_real_ibans_are_accounts(iban: str) -> None:
    assert is_iban_account(iban)


def test_a_session_id_that_passes_mod_97_is_no_iban() -> None:
    # ``be`` + check digits that pass mod 97, but 32 characters and letters where Belgium's
    # BBAN has twelve digits: an id, as a uuid4 hex session id once was in a test run
    assert not is_iban_account("be8208cbbaa64494ac778566ee8e8556")
    assert redact_text("be8208cbbaa64494ac778566ee8e8556") == "be8208cbbaa64494ac778566ee8e8556"


def test_random_hex_ids_are_never_read_as_personal_data() -> None:
    rng = random.Random(19)
    ids = [uuid.UUID(int=rng.getrandbits(128), version=4).hex for _ in range(20_000)]
    assert [i for i in ids if redact_text(i) != i] == []
