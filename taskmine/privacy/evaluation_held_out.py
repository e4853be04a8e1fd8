"""Privacy, measured on strings nobody read: the sealed held-out pool for PERSON and ADDRESS.

Written in stop 12 before any detector change of that session, and never printed miss by miss.
Its locales, templates, field labels and look-alike negatives appear in no other pool, in no
detector word list and in no example the detectors were written against. The earlier held-out
pool (``evaluation_people.held_out_strings``) was read once to add a rule and then used to
develop the generic rules, so it is a development pool now; this one takes its place.

Read only the overall figure (``bench/bench_pii.py`` prints it). Looking at its misses to add a
cue, a word or a rule turns it into one more development pool: if that ever happens, say so in
docs/privacy.md and write a new sealed pool.
"""

from __future__ import annotations

import random
from typing import Any

from taskmine.privacy.evaluation import LabelledString
from taskmine.privacy.evaluation_people import build_pool, one_line

SEALED_LOCALES = ("sl_SI", "az_AZ", "en_MS", "zu_ZA", "tl_PH", "fr_DZ", "en_BD", "mk_MK")


def sealed_strings(*, seed: int, per_type: int) -> list[LabelledString]:
    """``per_type`` PERSON and ``per_type`` ADDRESS positives over the sealed locales, and
    ``per_type`` sealed negatives."""
    return build_pool(
        seed=seed,
        per_type=per_type,
        locales=SEALED_LOCALES,
        person=_person,
        address=_address,
        negative=_negative,
    )


_PERSON_TEMPLATES = (
    "Reviewer: {x}", "Booked by {x}", "Signed off by {x} on Monday", "Candidate: {x}",
    "{x} left a comment", "Meeting with {x} - Zoom", "Guest: {x}", "Owner of record: {x}",
    "Complaint filed by {x}", "{x} (External) - ServiceNow", "Beneficiary: {x}",
    "Courier contact {x}", "Approved by {x}", "Sales rep: {x}", "Renewal for {x} due",
)  # fmt: skip
_PERSON_FIELDS = ("Family name", "Contact person", "Policy holder")
_ADDRESS_TEMPLATES = (
    "Collection point: {x}", "Registered office: {x}", "{x} - Directions", "Relocating to {x}",
    "Parcel held at {x}", "Premises: {x}", "Invoice sent to {x} on Monday", "Branch: {x}",
    "{x} (primary)", "Meet at {x}", "Forwarding address {x}",
)  # fmt: skip
_ADDRESS_FIELDS = ("Residential address", "Street and number", "Physical address")
_NEGATIVES = (
    "Reviewer: Pending", "Booked by System", "Approved by Workflow", "Guest: Wi-Fi Access",
    "Candidate: Shortlisted", "Branch: Main", "Premises: Leased", "Meeting Notes - Zoom",
    "Collection point closed", "Registered office hours", "Relocating Servers Tonight",
    "Sales Dashboard | Power BI", "Expense Report (Draft) - SAP Concur", "Incident Queue",
    "Service Level Agreement", "Annual General Meeting", "United Nations Day",
    "Hilton Garden Inn", "Royal Dutch Shell", "General Electric", "Standard Chartered",
    "Bank of Ireland", "Emirates SkyCargo", "Siemens Healthineers", "Grand Central Terminal",
    "{n} unread", "Page {d} of {d}", "Zone {d} Parking", "Lane {d} Closed", "Dock {d} Unloading",
    "Aisle {n} Restock", "Shift {d} Handover", "Bay {d} Available", "Release {d}.{d}",
    "{n} results found", "Rev. {d} approved", "Lot {n} inspected", "Tier {d} Support",
    "{d}:{d}{d} AM Meeting", "{d} of {n} uploaded", "Order #{n} - {d} items",
)  # fmt: skip


def _person(fake: Any, rng: random.Random, locale: str) -> LabelledString:
    if rng.random() < 0.15:
        label = rng.choice(_PERSON_FIELDS)
        value = fake.last_name() if label == "Family name" else fake.name()
        return LabelledString(value, "PERSON", value, locale=locale, field=label)
    name = fake.name() if rng.random() < 0.6 else f"{fake.first_name()} {fake.last_name()}"
    return LabelledString(
        rng.choice(_PERSON_TEMPLATES).format(x=name), "PERSON", name, locale=locale
    )


def _address(fake: Any, rng: random.Random, locale: str) -> LabelledString:
    value = one_line(fake.street_address() if rng.random() < 0.5 else fake.address())
    if rng.random() < 0.15:
        label = rng.choice(_ADDRESS_FIELDS)
        return LabelledString(value, "ADDRESS", value, locale=locale, field=label)
    return LabelledString(
        rng.choice(_ADDRESS_TEMPLATES).format(x=value), "ADDRESS", value, locale=locale
    )


def _negative(rng: random.Random) -> str:
    return rng.choice(_NEGATIVES).format(n=rng.randint(10, 9999), d=rng.randint(1, 9))
