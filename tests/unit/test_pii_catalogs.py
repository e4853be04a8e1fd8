"""False alarms of the name and address detectors on real UI text in some 190 languages.

The strings are the translated message catalogs the machine's packages install
(``taskmine.privacy.evaluation_catalogs``; scripts/setup-system.sh installs them). Every
fifth string of every catalog is redacted; a label on any of them is a false alarm. The
ceilings sit above today's rates (bench/bench_pii_catalogs.py: about 7 PERSON and 1 ADDRESS
per 10,000 strings; this sample: 8.5 and 2.0). PERSON's rose from about 5 in stop 18, when
bare names after a census given name began to count (``given_names``); a rise past 9 would
mean that rule, or another, reads ordinary UI words as names.
"""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text
from taskmine.privacy.evaluation_catalogs import LOCALE_DIR, catalog_strings

CEILINGS = {"PERSON": 9.0, "ADDRESS": 2.0}  # false alarms per 10,000 strings


def test_real_ui_text_is_rarely_read_as_a_name_or_an_address() -> None:
    found = catalog_strings(LOCALE_DIR)
    strings = [text for key in sorted(found) for text in sorted(found[key])][::5]
    if len(strings) < 50_000:
        pytest.skip(f"only {len(strings)} catalog strings under {LOCALE_DIR}: run make setup")
    alarms = dict.fromkeys(CEILINGS, 0)
    for text in strings:
        redacted = redact_text(text)
        for label in CEILINGS:
            alarms[label] += f"[{label}]" in redacted
    for label, ceiling in CEILINGS.items():
        rate = alarms[label] * 1e4 / len(strings)
        assert rate <= ceiling, (label, round(rate, 2), len(strings))
