"""Privacy, measured: labelled PERSON and ADDRESS strings in several locales, and look-alikes.

Positives are names and postal addresses made by Faker (a dev-only dependency, imported inside
``person_and_address_strings`` so the runtime package never needs it) for en_US, en_GB, de_DE,
fr_FR, es_ES, it_IT and nl_NL, placed in UI strings of four kinds: a value after a field label
(``Name: ...``, ``Anschrift: ...``), a window title (``Inbox - ... - Outlook``), free text
(``Dear ...,``, ``Deliver to ... by Friday``, a bare address), and a bare value typed into a
field whose element says what it is (``Last name``, ``txtStreet``, ``PLZ``), which is scored
through ``redact_event`` (the field policy). Negatives are what must survive: UI labels (``First
Name``), menu items, app names and titles, product and company names (``Main Street Bank``,
``New York Times``), dates, amounts, counters. The detectors share no list with Faker.
Seeded and deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from taskmine.privacy.evaluation import LabelledString

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL")


def person_and_address_strings(
    *, seed: int, per_type: int, locales: tuple[str, ...] = LOCALES
) -> list[LabelledString]:
    """``per_type`` PERSON and ``per_type`` ADDRESS positives over ``locales``, plus negatives."""
    return build_pool(
        seed=seed,
        per_type=per_type,
        locales=locales,
        person=lambda fake, rng, locale: _person(fake, rng, locale, locale.split("_")[0]),
        address=lambda fake, rng, locale: _address(fake, rng, locale, locale.split("_")[0]),
        negative=_negative,
    )


def build_pool(
    *,
    seed: int,
    per_type: int,
    locales: tuple[str, ...],
    person: Callable[[Any, random.Random, str], LabelledString],
    address: Callable[[Any, random.Random, str], LabelledString],
    negative: Callable[[random.Random], str],
) -> list[LabelledString]:
    """``per_type`` positives of each type spread over ``locales`` (one seeded Faker each),
    then ``per_type`` negatives."""
    from faker import Faker  # dev-only: measurement, never the runtime detector

    rng = random.Random(seed)
    out: list[LabelledString] = []
    for index, locale in enumerate(locales):
        fake = Faker(locale)
        fake.seed_instance(seed * 100 + index)
        count = per_type // len(locales) + (index < per_type % len(locales))
        for _ in range(count):
            out.append(person(fake, rng, locale))
            out.append(address(fake, rng, locale))
    for _ in range(per_type):
        out.append(LabelledString(negative(rng), None, locale="neg"))
    return out


@dataclass(frozen=True)
class TemplatedPool:
    """A pool written as data: templates, field labels and negatives, drawn the same way.

    A positive is a bare value in a labelled field (``field_share`` of them; the value is a
    surname where ``surname_fields`` holds the label, a full name else) or a name / one-line
    address placed in a template. Negatives fill ``{n}`` (10-9999) and ``{d}`` (1-9).
    """

    person_templates: tuple[str, ...]
    person_fields: tuple[str, ...]
    surname_fields: frozenset[str]
    address_templates: tuple[str, ...]
    address_fields: tuple[str, ...]
    negatives: tuple[str, ...]
    field_share: float = 0.15

    def strings(
        self, *, seed: int, per_type: int, locales: tuple[str, ...]
    ) -> list[LabelledString]:
        return build_pool(
            seed=seed,
            per_type=per_type,
            locales=locales,
            person=self._person,
            address=self._address,
            negative=self._negative,
        )

    def _person(self, fake: Any, rng: random.Random, locale: str) -> LabelledString:
        if rng.random() < self.field_share:
            label = rng.choice(self.person_fields)
            value = fake.last_name() if label in self.surname_fields else fake.name()
            return LabelledString(value, "PERSON", value, locale=locale, field=label)
        name = fake.name() if rng.random() < 0.6 else f"{fake.first_name()} {fake.last_name()}"
        template = rng.choice(self.person_templates)
        return LabelledString(template.format(x=name), "PERSON", name, locale=locale)

    def _address(self, fake: Any, rng: random.Random, locale: str) -> LabelledString:
        value = one_line(fake.street_address() if rng.random() < 0.5 else fake.address())
        if rng.random() < self.field_share:
            label = rng.choice(self.address_fields)
            return LabelledString(value, "ADDRESS", value, locale=locale, field=label)
        template = rng.choice(self.address_templates)
        return LabelledString(template.format(x=value), "ADDRESS", value, locale=locale)

    def _negative(self, rng: random.Random) -> str:
        return rng.choice(self.negatives).format(n=rng.randint(10, 9999), d=rng.randint(1, 9))


# --- PERSON ----------------------------------------------------------------------------------

_PERSON_TEMPLATES = (
    "Name: {x}",
    "Customer: {x}",
    "Contact: {x}",
    "Recipient: {x}",
    "Attn: {x}",
    "From: {x}",
    "To: {x}",
    "Dear {x},",
    "Customer {x} - CRM - Google Chrome",
    "Inbox - {x} - Outlook",
    "Chat | {x} | Microsoft Teams",
    "{x} - Contact - Salesforce",
    "Message from {x}",
    "Assigned to: {x}",
)
_PERSON_LOCAL = {
    "de": ("Kunde: {x}", "Ansprechpartner: {x}", "An: {x}", "Empfänger: {x}", "Hallo {x},"),
    "fr": ("Destinataire : {x}", "Client : {x}", "De : {x}", "Bonjour {x},", "Nom complet : {x}"),
    "es": ("Cliente: {x}", "Destinatario: {x}", "Para: {x}", "Estimado {x}:", "Contacto: {x}"),
    "it": ("Cliente: {x}", "Destinatario: {x}", "Gentile {x},", "Mittente: {x}", "Contatto: {x}"),
    "nl": ("Klant: {x}", "Aan: {x}", "T.a.v. {x}", "Beste {x},", "Contactpersoon: {x}"),
    "en": ("Account holder: {x}", "Requested by: {x}", "Hi {x},", "Patient: {x}"),
}
_PERSON_FIELDS = {
    "en": (("Last name", "last"), ("First name", "first"), ("Full name", "full"),
           ("txtSurname", "last"), ("customer_full_name", "full"), ("Name", "full")),
    "de": (("Nachname", "last"), ("Vorname", "first"), ("Name des Kunden", "full")),
    "fr": (("Nom", "last"), ("Prénom", "first"), ("Nom complet", "full")),
    "es": (("Apellidos", "last"), ("Nombre", "first"), ("Nombre completo", "full")),
    "it": (("Cognome", "last"), ("Nome", "first"), ("Nome e cognome", "full")),
    "nl": (("Achternaam", "last"), ("Voornaam", "first"), ("Volledige naam", "full")),
}  # fmt: skip
# Every development PERSON template, English and local: ``evaluation_real_names`` puts real
# names in them.
PERSON_TEMPLATES = _PERSON_TEMPLATES + tuple(t for ts in _PERSON_LOCAL.values() for t in ts)


def _person(fake: Any, rng: random.Random, locale: str, language: str) -> LabelledString:
    if rng.random() < 0.25:
        label, part = rng.choice(_PERSON_FIELDS[language] + _PERSON_FIELDS["en"][:2])
        value = {"last": fake.last_name, "first": fake.first_name, "full": fake.name}[part]()
        return LabelledString(value, "PERSON", value, locale=locale, field=label)
    name = fake.name() if rng.random() < 0.6 else f"{fake.first_name()} {fake.last_name()}"
    template = rng.choice(_PERSON_TEMPLATES + _PERSON_LOCAL[language])
    return LabelledString(template.format(x=name), "PERSON", name, locale=locale)


# --- ADDRESS ---------------------------------------------------------------------------------

_ADDRESS_TEMPLATES = (
    "Address: {x}",
    "Ship to: {x}",
    "Delivery address: {x}",
    "{x}",
    "Deliver to {x} by Friday",
    "{x} - Google Maps",
    "Customer moved to {x}; update the CRM",
    "Billing address: {x} (verified)",
)
_ADDRESS_LOCAL = {
    "de": ("Anschrift: {x}", "Lieferadresse: {x}", "Neue Adresse: {x}"),
    "fr": ("Adresse : {x}", "Adresse de livraison : {x}", "Livrer au {x}"),
    "es": ("Dirección: {x}", "Domicilio: {x}", "Enviar a {x}"),
    "it": ("Indirizzo: {x}", "Spedire a {x}", "Residenza: {x}"),
    "nl": ("Adres: {x}", "Afleveradres: {x}", "Verhuisd naar {x}"),
    "en": ("Mailing address: {x}", "Home address: {x}"),
}
_ADDRESS_FIELDS = {
    "en": ("Street", "Address line 1", "txtStreetAddress", "billing_address"),
    "de": ("Straße", "Straße und Hausnummer", "Anschrift"),
    "fr": ("Adresse", "Rue", "Adresse postale"),
    "es": ("Dirección", "Calle", "Domicilio"),
    "it": ("Indirizzo", "Via e numero civico", "Indirizzo di residenza"),
    "nl": ("Adres", "Straat en huisnummer", "Straatnaam"),
}


def _address(fake: Any, rng: random.Random, locale: str, language: str) -> LabelledString:
    value = one_line(fake.street_address() if rng.random() < 0.5 else fake.address())
    if rng.random() < 0.2:
        label = rng.choice(_ADDRESS_FIELDS[language] + _ADDRESS_FIELDS["en"][:1])
        return LabelledString(value, "ADDRESS", value, locale=locale, field=label)
    template = rng.choice(_ADDRESS_TEMPLATES + _ADDRESS_LOCAL[language])
    return LabelledString(template.format(x=value), "ADDRESS", value, locale=locale)


def one_line(address: str) -> str:
    """Faker writes addresses on several lines; a UI field or title holds them on one."""
    return ", ".join(part.strip(" ,") for part in address.splitlines() if part.strip(" ,"))


# --- negatives -------------------------------------------------------------------------------

_UI_NEGATIVES = (
    "First Name", "Last name", "Full name", "Customer Name", "Name", "Name:", "Street",
    "Address line 1", "Postcode", "ZIP code", "Vorname", "Nachname", "Straße", "PLZ", "Prénom",
    "Nom", "Adresse", "Code postal", "Nombre", "Apellidos", "Dirección", "Cognome",
    "Indirizzo", "Voornaam", "Achternaam", "Straat", "Save As", "Save As...", "Submit Order",
    "Reply All", "Mark as Read", "Open in New Window", "Print Preview", "Find and Replace",
    "Select All", "Sort A to Z", "Track Changes", "Share with Team", "Sign in with Google",
    "Contact Us", "Customer Service", "Contact Support", "New Message", "Sent Items",
    "Google Chrome", "Microsoft Outlook", "Inbox - Outlook", "Sent Items - Outlook",
    "Calendar - Outlook", "Chat - Microsoft Teams", "General | Marketing | Microsoft Teams",
    "Document1 - Word", "Book1.xlsx - Excel", "New Tab - Google Chrome", "Salesforce - Home",
    "Visual Studio Code", "Adobe Acrobat Reader", "SAP Easy Access", "Task Manager",
    "Main Street Bank", "New York Times", "Deutsche Bank", "Crédit Agricole", "Banco Santander",
    "Intesa Sanpaolo", "Albert Heijn", "Royal Mail", "Wells Fargo", "Park Avenue",
    "Customer: Acme Supplies Ltd", "Contact: Sales Team", "From: Customer Service",
    "To: All Users", "Dear Customer,", "Dear Sir or Madam,", "Hello World",
    "Inbox - Quarterly Report - Outlook", "Re: Budget Review - Message (HTML)",
    "Nouveau message", "Posteingang - Outlook", "Bandeja de entrada - Outlook",
    "Ansprechpartner", "Empfänger", "Destinataire", "Destinatario", "Contactpersoon",
    "Shipping address", "Billing address", "E-mail address:", "IP address: 10.0.0.1",
    "Lieferadresse ändern", "Modifier l'adresse", "Cambiar dirección", "Adres wijzigen",
    "Status: In Progress", "Category: Office Supplies", "Saved by Autosave", "Sort by Date",
    "Reply to All", "Sign in with Google", "Welcome to Visual Studio Code",
)  # fmt: skip
_COUNTED_NEGATIVES = (
    "{n} new messages", "{n} Items selected", "Step {d} Review", "Room {n} Booking",
    "Building {d} Access", "Gate {n}", "Platform {d} Departure", "Section {d} Overview",
    "Chapter {n} Summary", "Top {d} Reasons", "{d} Star Hotel", "10 Best Practices",
    "Order {n} shipped", "Windows {d} Pro", "Office 365 Business", "iPhone {d} Pro Max",
    "Arbeitsplatz {d}", "Speicherplatz {d} GB", "Parkplatz {n}", "Schritt {d} von 5",
    "Étape {d} sur 4", "Paso {d} de 5", "Stap {d} van 4", "Pagina {d} di 10",
    "Monday, {d} March 2026", "{d} March 2026", "March {d}, 2026", "Q{q} 2026 Report",
    "Total: {n},{c} EUR", "Due {d}.03.2026", "Invoice {n} - ERP - Google Chrome",
    "Version {d}.1 Release Notes", "Route {n}", "Sheet{d} - Excel", "Table {d}: Results",
    "Budget {n} approved", "{n} Main Street Bank accounts",
)  # fmt: skip


def _negative(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(_UI_NEGATIVES)
    return rng.choice(_COUNTED_NEGATIVES).format(
        n=rng.randint(10, 9999), d=rng.randint(1, 9), c=rng.randint(10, 99), q=rng.randint(1, 4)
    )


# --- dev, second pool: the locales and phrases of the issue report (tuned on) ------------------

ISSUE_LOCALES = (
    "en_AU", "en_CA", "en_IE", "fr_CA", "es_MX", "es_AR", "pt_PT", "sv_SE", "da_DK", "pl_PL",
)  # fmt: skip
_ISSUE_PERSON = (
    "Ticket raised by {x}", "Reply to {x}", "Account manager: {x}", "{x} (Customer) - Zendesk",
    "Re: invoice for {x}", "Employee: {x}",
)  # fmt: skip
_ISSUE_ADDRESS = ("{x}", "Address: {x}", "Deliver to {x} by Friday")


def issue_strings(*, seed: int, per_locale: int) -> list[LabelledString]:
    """PERSON and ADDRESS positives in the issue's locales and phrases (the generic rules were
    written against these), with the dev negatives."""
    from faker import Faker  # dev-only: measurement, never the runtime detector

    rng = random.Random(seed)
    out: list[LabelledString] = []
    for index, locale in enumerate(ISSUE_LOCALES):
        fake = Faker(locale)
        fake.seed_instance(seed * 100 + index)
        for _ in range(per_locale):
            name = fake.name()
            out.append(
                LabelledString(
                    rng.choice(_ISSUE_PERSON).format(x=name), "PERSON", name, locale=locale
                )
            )
            value = one_line(fake.address() if rng.random() < 0.5 else fake.street_address())
            text = rng.choice(_ISSUE_ADDRESS).format(x=value)
            out.append(LabelledString(text, "ADDRESS", value, locale=locale))
    negatives = person_and_address_strings(seed=seed, per_type=per_locale * len(ISSUE_LOCALES))
    return out + [s for s in negatives if s.label is None]


# --- held out: never tune on it ----------------------------------------------------------------
# Locales, templates, field labels and negatives below appear nowhere else in this module, in
# the detectors' word lists or in the examples the detectors were written against. They measure
# how the detectors do on strings nobody looked at while writing them. Read the overall figure;
# do not read the misses to add a cue or a word, or the figure stops meaning anything.

HELD_OUT_LOCALES = (
    "en_NZ", "en_IN", "de_AT", "de_CH", "fr_CH", "nl_BE", "pt_BR", "es_CO", "es_CL", "fi_FI",
    "no_NO", "cs_CZ",
)  # fmt: skip


def held_out_strings(
    *, seed: int, per_type: int, locales: tuple[str, ...] = HELD_OUT_LOCALES
) -> list[LabelledString]:
    """Held-out PERSON and ADDRESS positives (``per_type`` each) and held-out negatives."""
    return _HELD_OUT.strings(seed=seed, per_type=per_type, locales=locales)


_HELD_OUT_PERSON = (
    "Case owner: {x}", "Escalated to {x} yesterday", "Approver: {x}", "Note from {x}",
    "Shared by {x}", "Interview with {x} - Calendar", "{x} | Slack", "Handled by {x}",
    "Driver: {x}", "Invoice contact: {x}", "Vertreter: {x}", "Responsable : {x}",
    "Encargado: {x}", "Referente: {x}", "Behandelaar: {x}", "Kontaktperson: {x}",
    "Call scheduled with {x} at 15:00", "{x} (Supplier) - Freshdesk", "Forwarded by {x}",
    "Lead: {x}", "Technician: {x}", "Paid to {x}",
)  # fmt: skip
_HELD_OUT_PERSON_FIELDS = ("Surname", "Given names", "Cardholder name", "Kontoinhaber")
_HELD_OUT_ADDRESS = (
    "Pickup location: {x}", "Visit {x}", "Correspondence address - {x}", "{x} | Maps",
    "Moved to {x} last week", "Site: {x}", "Return parcel to {x}", "{x}",
    "Warehouse at {x} closed", "Lieferung an {x}", "Endereço de entrega: {x}",
)  # fmt: skip
_HELD_OUT_ADDRESS_FIELDS = ("Address line 2", "Postal address", "Wohnadresse")
_HELD_OUT_NEGATIVES = (
    "Priority: High", "Severity: Critical", "Queue: Second Level Support", "Type: Bug Report",
    "Region: Western Europe", "Plan: Business Premium", "Owner: Finance Department",
    "Assigned to: Unassigned", "Source: Web Form", "Channel: Live Chat", "Stage: Closed Won",
    "Escalated to Tier Two", "Shared by Link", "Filter by Owner", "Group by Status",
    "Powered by WordPress", "Sent from my iPhone", "Back to Top", "Go to Settings",
    "Log in with Microsoft", "Made with Love", "Export to Excel", "Import from Outlook",
    "Quarterly Planning | Slack", "Release Notes - Confluence", "Team Standup - Calendar",
    "Project Phoenix (Internal) - Jira", "Marketing Budget | Google Sheets",
    "Golden Gate Bridge", "Silicon Valley Bank", "Procter & Gamble", "Johnson Controls",
    "Lufthansa Technik", "Zurich Insurance", "Raiffeisen Bank", "Banco do Brasil",
    "{n} open tickets", "Build {n} passed", "Floor {d} Meeting Room", "Level {d} Access",
    "Cost centre {n}", "Batch {n} - Warehouse", "{d} Items - Cart", "Terminal {d} Arrivals",
    "Version {d}.{d}.{d}", "Updated {d} minutes ago", "{d} Days Left", "Ticket #{n}",
)  # fmt: skip


_HELD_OUT = TemplatedPool(
    person_templates=_HELD_OUT_PERSON,
    person_fields=_HELD_OUT_PERSON_FIELDS,
    surname_fields=frozenset({"Surname"}),
    address_templates=_HELD_OUT_ADDRESS,
    address_fields=_HELD_OUT_ADDRESS_FIELDS,
    negatives=_HELD_OUT_NEGATIVES,
)
