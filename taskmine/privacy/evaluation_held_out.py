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

from taskmine.privacy.evaluation import LabelledString
from taskmine.privacy.evaluation_people import TemplatedPool

SEALED_LOCALES = ("sl_SI", "az_AZ", "en_MS", "zu_ZA", "tl_PH", "fr_DZ", "en_BD", "mk_MK")


def sealed_strings(*, seed: int, per_type: int) -> list[LabelledString]:
    """``per_type`` PERSON and ``per_type`` ADDRESS positives over the sealed locales, and
    ``per_type`` sealed negatives."""
    return _POOL.strings(seed=seed, per_type=per_type, locales=SEALED_LOCALES)


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


_POOL = TemplatedPool(
    person_templates=_PERSON_TEMPLATES,
    person_fields=_PERSON_FIELDS,
    surname_fields=frozenset({"Family name"}),
    address_templates=_ADDRESS_TEMPLATES,
    address_fields=_ADDRESS_FIELDS,
    negatives=_NEGATIVES,
)
