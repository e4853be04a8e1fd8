"""Privacy, measured on real text: the translated message catalogs a desktop installs.

``catalog_strings`` reads ``/usr/share/locale/<lang>/LC_MESSAGES/*.mo`` of the catalogs in
``GROUPS`` (GTK, GLib, PackageKit, AppStream, GStreamer, shared-mime-info, country names,
coreutils...): real menu items, labels, tooltips and messages in some 190 languages, none of
which is personal data. Every label the redactor puts on one is a false alarm.
``bench/bench_pii_catalogs.py`` prints the rates per half; ``tests/unit/test_pii_catalogs.py``
holds a ceiling on them. Languages and catalog groups are split in halves by a hash of their
name (``side``), so that false alarms of the ``dev`` half can be read and the ``sealed`` half
stays unread. Standard library only: no package is needed to read a catalog.
"""

from __future__ import annotations

import gettext
import hashlib
import itertools
import re
from pathlib import Path

LOCALE_DIR = Path("/usr/share/locale")
# Catalogs of text a desktop user sees; iso_639 (7,000 language names) and iso_3166-2
# (subdivision names) are reference lists no screen shows whole.
# Grouped so that catalogs sharing their source strings (GTK 2 and 3) fall in one half.
GROUPS = {
    "gtk": ("gtk20", "gtk30", "gtk20-properties", "gtk30-properties"),
    "glib": ("glib20", "gdk-pixbuf", "at-spi2-core"),
    "packaging": ("PackageKit", "apt", "software-properties", "appstream"),
    "desktop": ("shared-mime-info", "gsettings-desktop-schemas", "xdg-user-dirs"),
    "media": ("gstreamer-1.0",),
    "countries": ("iso_3166",),
    "tools": ("coreutils", "tar", "findutils", "grep", "sed", "diffutils"),
}
_CREDITS = re.compile(r"translator[-_ ]?credits", re.IGNORECASE)
_PERSONAL = re.compile(r"@|https?://|www\.")


def half(name: str) -> str:
    return "dev" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "sealed"


def side(language: str, group: str) -> str:
    """``dev`` or ``sealed`` when language and catalog group agree; else ``crossed``."""
    halves = {half(language), half(group)}
    return halves.pop() if len(halves) == 1 else "crossed"


def catalog_strings(locale_dir: Path) -> dict[tuple[str, str], set[str]]:
    """Distinct translated strings per (language, catalog group). A string left as its
    source text (an untranslated message, an author's name) is no translation: left out."""
    found: dict[tuple[str, str], set[str]] = {}
    for group, domains in GROUPS.items():
        for domain in domains:
            for path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.mo")):
                try:
                    with path.open("rb") as handle:
                        # gettext parses .mo files but lists its messages only here
                        catalog = gettext.GNUTranslations(handle)._catalog
                except (OSError, UnicodeDecodeError, IndexError, ValueError):  # broken: skip
                    continue
                strings = found.setdefault((path.parts[-3], group), set())
                for key, text in catalog.items():
                    msgid = key[0] if isinstance(key, tuple) else key
                    if not msgid or text == msgid or _CREDITS.search(msgid):
                        continue
                    if _PERSONAL.search(text) or not text.strip():
                        continue
                    # ``_Open``: the mnemonic mark is not shown on screen
                    strings.add(text.replace("_", "") if " " not in text else text)
    return found


# printf and format placeholders of a count: ``%d``, ``%lu``, ``%2$d``, ``%'d``, ``{0}``.
_COUNT_PLACEHOLDER = re.compile(
    r"(?<!%)%(?:\d+\$)?['\-+ #0]*\d*(?:ll|l|hh|h|z|j|t|I64)?[diu]|\{\d\}|%I?d"
)
# The numbers a screen puts there: counts, line numbers, sizes, years.
_FILLS = (3, 12, 250, 7, 1024, 48, 2, 2024)


def numbered_strings(strings: set[str]) -> list[str]:
    """The strings with a count placeholder, each placeholder filled with a number, as the
    screen shows them (``Vassoio %d`` -> ``Vassoio 3``, ``%d Dateien`` -> ``12 Dateien``):
    the shapes of house numbers next to words, which the plain catalog strings seldom hold."""
    out = []
    for index, text in enumerate(sorted(strings)):
        if _COUNT_PLACEHOLDER.search(text) is None:
            continue
        out.append(_fill(text, index))
    return out


def _fill(text: str, first: int) -> str:
    """Each placeholder of ``text`` filled in turn, from the ``first``-th number on."""
    offset = first % len(_FILLS)
    fills = itertools.cycle(_FILLS[offset:] + _FILLS[:offset])
    return _COUNT_PLACEHOLDER.sub(lambda _: str(next(fills)), text)
