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
from typing import Any

from taskmine.privacy.evaluation import LabelledString

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL")


def person_and_address_strings(
    *, seed: int, per_type: int, locales: tuple[str, ...] = LOCALES
) -> list[LabelledString]:
    """``per_type`` PERSON and ``per_type`` ADDRESS positives over ``locales``, plus negatives."""
    from faker import Faker  # dev-only: measurement, never the runtime detector

    rng = random.Random(seed)
    out: list[LabelledString] = []
    for index, locale in enumerate(locales):
        fake = Faker(locale)
        fake.seed_instance(seed * 100 + index)
        count = per_type // len(locales) + (index < per_type % len(locales))
        language = locale.split("_")[0]
        for _ in range(count):
            out.append(_person(fake, rng, locale, language))
            out.append(_address(fake, rng, locale, language))
    for _ in range(per_type):
        out.append(LabelledString(_negative(rng), None, locale="neg"))
    return out


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
    value = _one_line(fake.street_address() if rng.random() < 0.5 else fake.address())
    if rng.random() < 0.2:
        label = rng.choice(_ADDRESS_FIELDS[language] + _ADDRESS_FIELDS["en"][:1])
        return LabelledString(value, "ADDRESS", value, locale=locale, field=label)
    template = rng.choice(_ADDRESS_TEMPLATES + _ADDRESS_LOCAL[language])
    return LabelledString(template.format(x=value), "ADDRESS", value, locale=locale)


def _one_line(address: str) -> str:
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
