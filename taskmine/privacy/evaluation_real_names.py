"""Privacy, measured on real names: the people credited in the files a desktop installs.

The PERSON pools of ``evaluation_people`` draw their names from Faker's lists. This module reads
names nobody here chose: the translators named in every installed message catalog's header
(``Last-Translator: Name <address>`` in ``/usr/share/locale/*/LC_MESSAGES/*.mo``) and the
copyright holders of every installed package (``Copyright: 2004 Name <address>`` in
``/usr/share/doc/*/copyright``). They come from some hundred languages: diacritics, particles,
initials, patronymics, names in capitals, in Cyrillic and Greek, and handles.

Only a name given beside an e-mail address is read, so the text before the address is a
person or a team as its owner wrote it. Teams, projects and companies (``Ubuntu Translators``,
``Free Software Foundation``) are left out by the organisation words of ``_NOT_A_PERSON``, a
filter on the source, not a rule of the detector. Names are split in halves by a hash of the
name (``half``): misses of the ``dev`` half may be read, the ``sealed`` half only counted.
Reading needs only the standard library.
"""

from __future__ import annotations

import gettext
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from taskmine.privacy.evaluation import LabelledString
from taskmine.privacy.evaluation_people import PERSON_TEMPLATES
from taskmine.privacy.lexicon import UPPER

LOCALE_DIR = Path("/usr/share/locale")
DOC_DIR = Path("/usr/share/doc")

_ADDRESS = r"<[^<>@\s]+@[^<>\s]+>"
_LAST_TRANSLATOR = re.compile(rf"^Last-Translator:[ \t]*(?P<name>[^<>\n]+?)[ \t]*{_ADDRESS}", re.M)
# ``Copyright: 2001-2005, 2008 Name <address>``, ``Copyright (C) 2010 Name <address>`` and the
# continuation lines of a ``Copyright:`` field, which hold only years and a holder.
_COPYRIGHT = re.compile(
    rf"^(?:Copyright(?:[ \t]*\([Cc]\)|[ \t]*©)?:?|[ \t]+)[ \t]*(?:\([Cc]\)|©)?[ \t]*"
    rf"(?:\d{{4}}(?:[ \t]*[-,][ \t]*\d{{2,4}})*,?[ \t]+)+(?:by[ \t]+)?"
    rf"(?P<name>[^<>\n,;:()\[\]\"@]+?)[ \t]*{_ADDRESS}",
    re.M,
)
_NOT_A_PERSON = re.compile(
    r"\b(?:team|project|translators?|translations?|developers?|contributors?|community|group"
    r"|foundation|authors?|maintainers?|inc|ltd|llc|gmbh|corp|corporation|company|software"
    r"|university|institute|consortium|association|organi[sz]ation|list|debian|ubuntu|gnome"
    r"|kde|mozilla|google|red hat|linux|launchpad|automatically|generated|full name|anonymous"
    r"|unknown|nobody|root|admin|the|and|other|various|packaging|i18n|l10n|localization"
    r"|your name|deleted user"
    r"|localisation|gettext|equipo|équipe|squadra|tým|zespół|ekipa|комманда|команда)\b",
    re.IGNORECASE,
)
_UPPER = frozenset(UPPER)


@dataclass(frozen=True, slots=True)
class RealName:
    name: str
    line: str  # the whole line the name was read from, address included
    source: str  # ``catalog`` or ``copyright``

    @property
    def shape(self) -> str:
        """``full`` (two or more words, the first and last capitalised), ``lower`` (two or more
        words in lower case), ``single`` (one word: a given name or a handle) or ``uncased``
        (a script without case: CJK, Arabic, Indic...)."""
        words = self.name.split()
        if not any(c.isalpha() and (c.isupper() or c.islower()) for c in self.name):
            return "uncased"
        if len(words) < 2:
            return "single"
        if words[0][0] in _UPPER and words[-1][0] in _UPPER:
            return "full"
        return "lower"


def half(name: str) -> str:
    return "dev" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "sealed"


def real_names(locale_dir: Path = LOCALE_DIR, doc_dir: Path = DOC_DIR) -> dict[str, RealName]:
    """Distinct names, each with the first line it was read from, catalog headers first."""
    found: dict[str, RealName] = {}
    for path in sorted(locale_dir.glob("*/LC_MESSAGES/*.mo")):
        try:
            with path.open("rb") as handle:
                header = gettext.GNUTranslations(handle)._catalog.get("", "")
        except (OSError, UnicodeDecodeError, IndexError, ValueError):  # broken: skip
            continue
        _add(found, _LAST_TRANSLATOR, header, "catalog")
    for path in sorted(doc_dir.glob("*/copyright")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        _add(found, _COPYRIGHT, text, "copyright")
    return found


def _add(found: dict[str, RealName], pattern: re.Pattern[str], text: str, source: str) -> None:
    for match in pattern.finditer(text):
        name = " ".join(match.group("name").split()).strip(" -'")
        if len(name) < 2 or any(c.isdigit() for c in name) or _NOT_A_PERSON.search(name):
            continue
        if name not in found:
            found[name] = RealName(name, match.group(0).strip(), source)


CONTEXTS = ("line", "template", "field")
# Element names of the development pool's full-name fields (the field policy reads them); the
# sealed pool's field labels stay out of every development bench.
_NAME_FIELDS = ("Full name", "Name", "customer_full_name", "Name des Kunden", "Nom complet")


def labelled(names: list[RealName], context: str) -> list[LabelledString]:
    """PERSON positives of ``names`` in one context: ``line``, the line as read (its label or
    years, the name, the address); ``template``, each name in every development template of
    ``evaluation_people`` (``From: {x}``, ``Inbox - {x} - Outlook``, ``Estimado {x}:``...);
    ``field``, the bare name typed into a name field."""
    if context == "line":
        return [LabelledString(n.line, "PERSON", n.name) for n in names]
    if context == "template":
        return [
            LabelledString(template.format(x=n.name), "PERSON", n.name)
            for n in names
            for template in PERSON_TEMPLATES
        ]
    if context == "field":
        return [
            LabelledString(n.name, "PERSON", n.name, field=_NAME_FIELDS[i % len(_NAME_FIELDS)])
            for i, n in enumerate(names)
        ]
    raise ValueError(f"unknown context {context!r}; expected one of {CONTEXTS}")
