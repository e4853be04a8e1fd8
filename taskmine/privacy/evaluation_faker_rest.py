"""Privacy, measured on the Faker locales no other pool draws from (stop 19).

Every other Faker pool picks its locales from the Latin, Greek and Cyrillic ones the
detectors were written against. Faker has address and name data of its own for twelve more:
Philippine English and Filipino, Armenian, and nine scripts without letter case (Persian,
Hebrew, Hindi, Marathi, Nepali, Japanese, Korean, Thai, Algerian Arabic). This pool puts them
into UI strings. The locales are split in halves by a hash, and each half has templates of
its own, written with this module before any figure of it was printed: misses of the ``dev``
half may be read, the ``sealed`` half is only counted. Positives only, as for the other
generator pools: false alarms are ``bench/bench_pii_catalogs.py``'s figure.
"""

from __future__ import annotations

import hashlib
import random

from taskmine.privacy.evaluation import LabelledString
from taskmine.privacy.evaluation_halves import Record, labelled_by_half
from taskmine.privacy.evaluation_people import one_line

REST_LOCALES = (
    "en_PH", "fil_PH", "hy_AM", "fa_IR", "he_IL", "hi_IN", "mr_IN", "ne_NP", "ja_JP", "ko_KR",
    "th_TH", "ar_DZ",
)  # fmt: skip

_TEMPLATES = {
    "dev": {
        "PERSON": (
            "Requested by {x}", "{x} replied to your message", "Customer: {x}",
            "Call with {x} - Webex", "{x}", "Signed by {x}", "Recipient: {x}",
            "{x} added you to a group", "Account owner {x}", "Hello {x},",
        ),
        "ADDRESS": (
            "Shipping to {x}", "Address: {x}", "{x} - Maps", "Picked up at {x}",
            "Inspection site: {x}", "{x}", "Lives at {x}", "Return to {x}",
            "Branch office {x}", "{x} (home)",
        ),
    },
    "sealed": {
        "PERSON": (
            "Opened by {x}", "{x} is online", "Employee: {x}", "Lunch with {x} on Friday",
            "Beneficiary {x}", "Welcome back, {x}", "{x} (guest)", "Forwarded to {x}",
            "Attention: {x}", "Co-signer: {x}",
        ),
        "ADDRESS": (
            "Shipment bound for {x}", "Warehouse: {x}", "{x} · Directions",
            "Residence of record {x}", "Survey at {x} on Monday", "Postal address - {x}",
            "Stop at {x} first", "{x} [home]", "Registered at {x}", "Work site {x}",
        ),
    },
}  # fmt: skip


def half(locale: str) -> str:
    """``dev`` or ``sealed``, fixed by a hash of the locale, so a locale never changes side."""
    return "dev" if hashlib.sha256(b"rest:" + locale.encode()).digest()[0] % 2 == 0 else "sealed"


def generate(*, seed: int, per_locale: int) -> list[Record]:
    """A person and an address per record, ``per_locale`` records for each locale."""
    from faker import Faker  # dev-only: measurement, never the runtime detector

    records: list[Record] = []
    for index, locale in enumerate(REST_LOCALES):
        fake = Faker(locale)
        fake.seed_instance(seed * 100 + index)
        for _ in range(per_locale):
            address = fake.street_address() if fake.random.random() < 0.5 else fake.address()
            records.append({"locale": locale, "person": fake.name(), "address": address})
    return records


def labelled(records: list[Record], *, seed: int) -> list[LabelledString]:
    """A PERSON and an ADDRESS string per record, in the templates of its locale's half."""
    return labelled_by_half(
        records, templates=_TEMPLATES, half=half, address_of=_address, seed=seed
    )


def _address(record: Record, rng: random.Random) -> str | None:
    address = record.get("address")
    return one_line(address) if address else None
