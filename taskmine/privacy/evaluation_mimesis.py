"""Privacy, measured with a third generator: names and addresses from mimesis.

The other generated pools draw from Python's Faker and @faker-js/faker, and the detectors were
developed against both. mimesis (MIT, dev only, never a runtime dependency) keeps locale data of
its own: street names, street suffixes, house-number order, postcodes and name lists written
apart from both Fakers. Its locales include Icelandic, Estonian, Kazakh and a dozen Arabic
countries.

Two groups:

- ``CASED``: scripts with capitals (Latin, Greek, Cyrillic);
- ``UNCASED``: Arabic, Persian, Japanese, Korean and Chinese.

Each group is split in halves by a hash of the locale (``half``), and each half has templates
of its own, written in this module before any figure of it was seen. Misses of the ``dev`` half
may be read; the ``sealed`` half is only counted, and its output is never printed. The pool holds
positives only: false alarms are measured on real UI strings by ``bench/bench_pii_catalogs.py``.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable

from taskmine.privacy.evaluation import LabelledString
from taskmine.privacy.evaluation_halves import labelled_by_half

CASED = (
    "az", "cs", "da", "de", "de-at", "de-ch", "el", "en", "en-au", "en-ca", "en-gb", "es",
    "es-mx", "et", "fi", "fr", "hu", "hr", "is", "it", "kk", "nl", "nl-be", "no", "pl", "pt",
    "pt-br", "ru", "sk", "sv", "tr", "uk",
)  # fmt: skip
UNCASED = (
    "ar-ae", "ar-dz", "ar-eg", "ar-jo", "ar-om", "ar-kw", "ar-ma", "ar-qa", "ar-sa", "ar-sy",
    "ar-tn", "ar-ye", "fa", "ja", "ko", "zh",
)  # fmt: skip

_TEMPLATES = {
    "dev": {
        "PERSON": (
            "Owner: {x}", "Message from {x}", "{x} - Profile", "Contact card: {x}",
            "Reply to {x}", "Submitted by {x}", "{x} accepted your invitation", "Recipient: {x}",
            "Call with {x}", "Customer name {x}",
        ),
        "ADDRESS": (
            "Ship to: {x}", "Billing address {x}", "{x} - Route planner", "Navigate to {x}",
            "Home: {x}", "New listing at {x}", "Address on file: {x}", "Drop-off at {x}",
            "{x}", "Pick up the keys at {x}",
        ),
    },
    "sealed": {
        "PERSON": (
            "Requested by {x}", "{x} mentioned you", "Emergency contact: {x}", "Signed: {x}",
            "Profile of {x}", "Attendee {x} checked in", "Greetings {x}", "Claimant: {x}",
            "{x} - Outlook", "Your advisor is {x}",
        ),
        "ADDRESS": (
            "Delivery address: {x}", "Inspection at {x} on Friday", "{x} — Maps",
            "Residence {x}", "Send invoice to {x}", "Property: {x}", "Meeting point {x}",
            "Located at {x}", "Previous address - {x}", "{x} (home)",
        ),
    },
}  # fmt: skip


def half(locale: str) -> str:
    """``dev`` or ``sealed``, fixed by a hash of the locale, so a locale never changes side."""
    digest = hashlib.sha256(f"mimesis:{locale}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "sealed"


def generator_ready() -> bool:
    """True when mimesis is installed (the dev dependency group has it)."""
    try:
        import mimesis  # noqa: F401
    except ImportError:
        return False
    return True


def generate(locales: Iterable[str], *, seed: int, per_locale: int) -> list[dict[str, str | None]]:
    """mimesis's records: a person and the parts of an address, ``per_locale`` each."""
    from mimesis import Address, Person
    from mimesis.locales import Locale

    records: list[dict[str, str | None]] = []
    for locale in locales:
        person = Person(Locale(locale), seed=seed)
        address = Address(Locale(locale), seed=seed)
        for _ in range(per_locale):
            records.append(
                {
                    "locale": locale,
                    "person": person.full_name(),
                    "street": address.address(),
                    "postcode": address.postal_code(),
                    "city": address.city(),
                }
            )
    return records


def labelled(records: list[dict[str, str | None]], *, seed: int) -> list[LabelledString]:
    """A PERSON and an ADDRESS string per record, in the templates of its locale's half."""
    return labelled_by_half(
        records, templates=_TEMPLATES, half=half, address_of=_address, seed=seed
    )


def _address(record: dict[str, str | None], rng: random.Random) -> str | None:
    """The street line alone, with its city, or with postcode and city in either order."""
    street, postcode, city = record.get("street"), record.get("postcode"), record.get("city")
    if not street:
        return None
    forms = [street]
    if city:
        forms.append(f"{street}, {city}")
        if postcode:
            forms += [f"{street}, {postcode} {city}", f"{street}, {city} {postcode}"]
    return rng.choice(forms)
