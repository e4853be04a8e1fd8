"""Privacy, measured: a development pool of names and addresses in more countries and scripts.

Central and Eastern European, Greek, Cyrillic, Indonesian and Vietnamese names and addresses
(Faker, a dev-only dependency) in templates of their own. The detectors were developed against
this pool in stop 12 (its misses were read), like the pools of ``evaluation_people``; the
figure that says how they do on unseen strings is the sealed pool's
(``evaluation_held_out``), whose locales share no Faker provider with these.
"""

from __future__ import annotations

from taskmine.privacy.evaluation import LabelledString
from taskmine.privacy.evaluation_people import TemplatedPool

WORLD_LOCALES = (
    "hr_HR", "hu_HU", "ro_RO", "sk_SK", "id_ID", "ru_RU", "uk_UA", "el_GR", "vi_VN",
)  # fmt: skip


def world_strings(*, seed: int, per_type: int) -> list[LabelledString]:
    """``per_type`` PERSON and ``per_type`` ADDRESS positives over ``WORLD_LOCALES``, and
    ``per_type`` negatives."""
    return _POOL.strings(seed=seed, per_type=per_type, locales=WORLD_LOCALES)


_PERSON_TEMPLATES = (
    "Submitted by {x}", "Agent: {x}", "Customer {x} called back", "{x} - Profile - HubSpot",
    "Consultant: {x}", "Visit by {x} at 10:30", "Claimant: {x}", "{x} joined the channel",
    "Order placed by {x}", "Pacient: {x}", "Klient: {x}", "Ügyfél: {x}", "Клиент: {x}",
    "Πελάτης: {x}", "Khách hàng: {x}", "Pelanggan: {x}",
)  # fmt: skip
_PERSON_FIELDS = ("Surname", "Holder name", "Nume", "Prezime", "Фамилия", "Επώνυμο")
_ADDRESS_TEMPLATES = (
    "Delivery point: {x}", "Office: {x}", "{x} - Route planner", "New address {x}",
    "Pick up at {x}", "Location: {x}", "Shipment to {x} delayed", "{x}",
    "Adresa: {x}", "Cím: {x}", "Адрес: {x}", "Διεύθυνση: {x}", "Địa chỉ: {x}", "Alamat: {x}",
)  # fmt: skip
_ADDRESS_FIELDS = ("Home address", "Adresa", "Адрес доставки", "Ulica i broj")
_NEGATIVES = (
    "Submitted by Admin", "Agent: Offline", "Office: Closed", "Location: Remote",
    "Delivery point not set", "New address book", "Route planner - Maps", "Pick up at store",
    "Customer called back", "Profile settings - HubSpot", "Ügyfélszolgálat", "Клиенты",
    "Αρχική σελίδα", "Trang chủ", "Beranda", "Nastavení", "Postavke", "Setări",
    "Bosch Rexroth", "Erste Group", "Raiffeisen Bank International", "Aegean Airlines",
    "Telekom Slovenije", "OTP Bank", "Dacia Logan", "Škoda Octavia", "Garuda Indonesia",
    "Welcome to Python {d}", "Deploy to Kubernetes {d}", "Copied to Clipboard {d}",
    "Route to Queue {d}", "Upgrade to Angular {d}{d}", "Connect to VPN {d}", "Ship to Dock {d}",
    "Site: Production {d}", "Upgrade to Visual Studio 2022", "Sent to Printer {d}",
    "{n} orders today", "Ticket {n} closed", "Level {d}", "Warehouse {d} inventory",
    "Release {d}.{d} notes", "{d} new files", "Invoice {n} paid", "Row {n}", "Slot {d}",
)  # fmt: skip


_POOL = TemplatedPool(
    person_templates=_PERSON_TEMPLATES,
    person_fields=_PERSON_FIELDS,
    surname_fields=frozenset(_PERSON_FIELDS) - {"Holder name"},
    address_templates=_ADDRESS_TEMPLATES,
    address_fields=_ADDRESS_FIELDS,
    negatives=_NEGATIVES,
)
