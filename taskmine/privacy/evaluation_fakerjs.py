"""Privacy, measured with a second generator: names and addresses from @faker-js/faker.

Every other PERSON / ADDRESS pool draws from Python's Faker, whose locale data the detectors
were developed against. faker-js keeps locale data of its own (street names, street types,
postcode shapes, name lists), written apart from Python's Faker, so it shows how the detectors
do on formats and words they were not written from. ``bench/fakerjs/generate.mjs`` writes the
parts (``node`` and ``npm ci --prefix bench/fakerjs``; dev only, never a runtime dependency);
this module puts them into UI strings and labels them.

Two groups of locales:

- ``NEW_COUNTRIES``: countries and languages no other pool has (Welsh, Esperanto, Latvian,
  Turkish, Serbian, Uzbek, Armenian, Luxembourg, Senegal, Moldova, Ghana, Hong Kong, Nigeria);
- ``KNOWN_COUNTRIES``: countries the Python Faker pools have, in faker-js's data;
- ``UNCASED``: scripts without case, for ``address_scripts``.

Each group is split in halves by a hash of the locale (``half``), and each half has templates
of its own. Misses of the ``dev`` half may be read; the ``sealed`` half (its templates written
with this module, before any figure was seen) is only counted. The pool holds positives only:
false alarms are measured on real UI strings by ``bench/bench_pii_catalogs.py``.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from taskmine.privacy.evaluation import LabelledString
from taskmine.privacy.evaluation_halves import labelled_by_half

GENERATOR_DIR = Path(__file__).resolve().parents[2] / "bench" / "fakerjs"

NEW_COUNTRIES = (
    "cy", "eo", "fr_LU", "fr_SN", "sr_RS_latin", "uz_UZ_latin", "hy", "lv", "tr", "en_GH",
    "ro_MD", "en_HK", "en_NG", "yo_NG",
)  # fmt: skip
# Scripts without case (CJK, Hangul, Thai, Hebrew, Arabic, Georgian, Indic). Their halves are
# fixed by hand, not by the hash: the generator's output for ``UNCASED_DEV`` was printed while
# ``address_scripts`` was written, so those three are the dev half and the rest are sealed.
UNCASED_DEV = ("ja", "zh_CN", "th")
UNCASED = (*UNCASED_DEV, "ko", "zh_TW", "he", "ar", "fa", "ka_GE", "ne", "ta_IN", "ur")
KNOWN_COUNTRIES = (
    "cs_CZ", "da", "de", "de_AT", "de_CH", "el", "en_AU", "en_CA", "en_GB", "en_IE", "en_IN",
    "en_US", "es", "es_MX", "fi", "fr", "fr_BE", "fr_CA", "fr_CH", "hr", "hu", "id_ID", "it",
    "nb_NO", "nl", "nl_BE", "pl", "pt_BR", "pt_PT", "ro", "ru", "sk", "sv", "uk", "vi",
)  # fmt: skip

_TEMPLATES = {
    "dev": {
        "PERSON": (
            "Assigned to {x}", "{x} commented on the pull request", "Caller: {x}",
            "Chat with {x} - Microsoft Teams", "Driver {x} has arrived", "Invoice for {x}",
            "{x}", "Hi {x},", "Account holder: {x}", "{x} shared a file with you",
        ),
        "ADDRESS": (
            "Deliver to {x}", "Customer address: {x}", "{x} | Google Maps",
            "Pickup from {x} tomorrow", "Site visit: {x}", "Moved to {x} last year",
            "{x} - Apartment listing", "Return label: {x}", "Office at {x}", "{x}",
        ),
    },
    "sealed": {
        "PERSON": (
            "Handled by {x}", "{x} is typing...", "Patient: {x}", "Interview with {x} at 3pm",
            "Payee {x}", "Thanks, {x}!", "{x} (you)", "Escalated to {x}", "Dear {x}",
            "Tenant: {x}",
        ),
        "ADDRESS": (
            "Mailing to {x} confirmed", "Depot: {x}", "{x} · Street View",
            "Tenant moved from {x}", "Appointment at {x} at 9:00", "Correspondence address - {x}",
            "Visit {x} before noon", "{x} [verified]", "Lodged at {x}", "Service location {x}",
        ),
    },
}  # fmt: skip


def half(locale: str) -> str:
    """``dev`` or ``sealed``, fixed by a hash of the locale (by hand for ``UNCASED``), so a
    locale never changes side."""
    if locale in UNCASED:
        return "dev" if locale in UNCASED_DEV else "sealed"
    return "dev" if hashlib.sha256(locale.encode()).digest()[0] % 2 == 0 else "sealed"


def generator_ready(directory: Path = GENERATOR_DIR) -> bool:
    """True when ``node`` runs and the generator's package is installed."""
    return shutil.which("node") is not None and (directory / "node_modules" / "@faker-js").is_dir()


def generate(
    locales: Iterable[str], *, seed: int, per_locale: int, directory: Path = GENERATOR_DIR
) -> list[dict[str, str | None]]:
    """The generator's records: a person and the parts of an address, ``per_locale`` each."""
    command = ["node", str(directory / "generate.mjs"), str(seed), str(per_locale), *locales]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"faker-js generator failed: {done.stderr.strip()}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def labelled(records: list[dict[str, str | None]], *, seed: int) -> list[LabelledString]:
    """A PERSON and an ADDRESS string per record, in the templates of its locale's half."""
    return labelled_by_half(
        records, templates=_TEMPLATES, half=half, address_of=_address, seed=seed
    )


def _address(record: dict[str, str | None], rng: random.Random) -> str | None:
    """A street line alone or with its unit, postcode and city, in either order of the two."""
    street, street_unit = record.get("street"), record.get("street_unit")
    postcode, city = record.get("postcode"), record.get("city")
    if not street or not street_unit:
        return None
    forms = [street, street_unit]
    if city:
        forms.append(f"{street_unit}, {city}")
        if postcode:
            forms += [f"{street}, {postcode} {city}", f"{street}, {city} {postcode}"]
    return rng.choice(forms)
