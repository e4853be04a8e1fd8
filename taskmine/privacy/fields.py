"""Privacy, stage 0: the field policy, what an element's labels say its value is.

A value typed into a field labelled as a name or an address (``Last name``, ``txtSurname``,
``billing_street``, ``PLZ``, ``Prénom``, ``Código postal``...) is blanked whole, whatever it holds:
a name in a name field needs no detector to be personal data. The labels read are the element's
name and automation id and the names of its nearest path nodes (the group a field sits in:
``Shipping address`` > ``Line 1``), split at camelCase, underscores and compound endings
(``Kundenname``, ``Lieferadresse``). Object words keep a ``name`` field open (``File name``,
``Company name``, ``Name Box``), and so do ``E-mail address`` and ``IP address``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from taskmine.privacy.lexicon import (
    ADDRESS_FIELD_WORDS,
    GENERIC_NAME_WORDS,
    NAME_OBJECT_WORDS,
    PERSON_FIELD_WORDS,
)
from taskmine.privacy.lexicon_streets import NOT_POSTAL

PERSON = "PERSON"
ADDRESS = "ADDRESS"

# Path nodes that name a whole window or page, not the field: a CRM page titled with a customer
# must not turn every field on it into a name field.
_CONTAINER_ROLES = frozenset({"window", "frame", "application", "document", "dialog", "page"})
NEAREST_NODES = 2


def field_label(labels: Iterable[str | None]) -> str | None:
    """``PERSON`` or ``ADDRESS`` when the labels of a field ask for one, else None."""
    return _label_of(tuple(label for label in labels if label))


def labels_of_element(
    name: str | None, automation_id: str | None, path: Iterable[tuple[str | None, str | None]]
) -> list[str | None]:
    """The strings that label a field: its name, automation id and nearest non-window nodes."""
    nodes = [node_name for role, node_name in path if (role or "").lower() not in _CONTAINER_ROLES]
    return [name, automation_id, *nodes[-NEAREST_NODES:]]


@lru_cache(maxsize=8192)
def _label_of(labels: tuple[str, ...]) -> str | None:
    found = {_kind(label) for label in labels[:2]}  # the element's own name and id decide first
    if not found - {None}:
        found = {_kind(label) for label in labels[2:]}
    if PERSON in found:
        return PERSON
    return ADDRESS if ADDRESS in found else None


def _kind(label: str) -> str | None:
    words = _split(label)
    if not words:
        return None
    joined = {a + b for a, b in pairwise(words)}
    vocabulary = set(words) | joined
    if not NAME_OBJECT_WORDS.isdisjoint(words) and GENERIC_NAME_WORDS & vocabulary:
        return None  # ``File name``, ``Company name``
    if PERSON_FIELD_WORDS & vocabulary or any(_is_person_compound(w) for w in words):
        return PERSON
    if GENERIC_NAME_WORDS & set(words):
        return PERSON
    if not NOT_POSTAL.isdisjoint(words):
        return None  # ``E-mail address``, ``IP address``
    if ADDRESS_FIELD_WORDS & vocabulary or any(_is_address_compound(w) for w in words):
        return ADDRESS
    return None


def _split(label: str) -> list[str]:
    spaced = _CAMEL.sub(" ", label)
    return [
        w.rstrip("0123456789") for w in _WORD.findall(spaced.casefold()) if w.rstrip("0123456789")
    ]


def _is_person_compound(word: str) -> bool:
    """``Kundenname``, ``Empfängername``, but not ``Dateiname`` or ``Benutzername``."""
    if not word.endswith("name") or len(word) <= 6:
        return False
    prefix = word[: -len("name")]
    return not any(prefix.startswith(obj) for obj in NAME_OBJECT_WORDS if len(obj) >= 3)


def _is_address_compound(word: str) -> bool:
    """``Lieferadresse``, ``Hauptstraße``, but not ``E-Mail-Adresse`` (split at the hyphen)."""
    if word.endswith(("adresse", "straße", "strasse", "address")) and len(word) > 7:
        prefix = word[: -len("adresse")] if word.endswith("adresse") else word
        return not any(prefix.startswith(word) for word in NOT_POSTAL)
    return False


_CAMEL = re.compile(r"(?<=[a-zß-ÿ])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[^\W\d_]+\d*")
