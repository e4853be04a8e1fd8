"""PERSON on real names: the translators and copyright holders named in installed files.

``taskmine.privacy.evaluation_real_names`` reads some 2,000 names nobody here chose
(scripts/setup-system.sh installs the packages they come from); ``bench/bench_pii_names.py``
prints the figures per half and shape. The floor sits below today's recall on names of two or
more capitalised words (0.98-0.99) and above the stop-13 code's (0.96-0.97). The shape cases
below are written here, in the shapes the dev half showed, with invented names.
"""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text
from taskmine.privacy.evaluation import score_detection
from taskmine.privacy.evaluation_real_names import labelled, real_names

FLOOR = {"line": 0.975, "template": 0.975}


@pytest.fixture(scope="module")
def full_names():
    names = [n for n in real_names().values() if n.shape == "full"]
    if len(names) < 1000:
        pytest.skip(f"only {len(names)} real names on this machine: run make setup")
    return names


@pytest.mark.parametrize("context", sorted(FLOOR))
def test_real_names_of_two_or_more_words_are_found(full_names, context: str) -> None:
    score = score_detection(labelled(full_names[::2], context))["PERSON"]
    recall = score.found / score.positives
    assert recall >= FLOOR[context], (context, round(recall, 3), score.misses[:5])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name: Pere Soler i Vidal", "Name: [PERSON]"),  # Catalan ``i`` joins two surnames
        ("From: Maria L Costa", "From: [PERSON]"),  # an initial without its period
        ("Inbox - Ravi Kumar S - Outlook", "Inbox - [PERSON] - Outlook"),
        ("From: Henri J.P. Moreau", "From: [PERSON]"),  # initials run together
        ("Name: A-M. Leclerc", "Name: [PERSON]"),
        ('Name: Robert "Bobby" Tanner', "Name: [PERSON]"),  # a nickname inside the name
        ("Name: Nikos Papadakis (Νίκος Παπαδάκης)", "Name: [PERSON]"),  # and in its own script
        ("Customer: ELENI VLACHOU", "Customer: [PERSON]"),  # in capitals, after a person label
        ("Name: Van Houten", "Name: [PERSON]"),  # a particle opens the name after a name label
        ("Dear Tomás Vila Serra,", "Dear [PERSON],"),  # ``Vila`` is a surname, not a street
        ("Marta <marta@example.org>", "[PERSON] <[EMAIL]>"),  # a one-word display name
        ("Copyright: 2011 Priya <priya@example.org>", "Copyright: 2011 [PERSON] <[EMAIL]>"),
    ],
)
def test_real_name_shapes_are_found(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "Repubblica di Trinidad e Tobago",  # ``e`` after one word joins a pair, not a name
        "Republiche di El Salvador",  # an article opens a place
        "Contact: La Poste",
        "From: Accounts (External)",
        "Owner: SAP ERP",  # capitals that are acronyms
        "To: ALL USERS",
        "Copyright 2009-2012, 2014",  # years are no phone number
    ],
)
def test_look_alikes_of_the_new_shapes_are_kept(kept: str) -> None:
    assert redact_text(kept) == kept


def test_an_everyday_word_before_an_address_is_a_mailbox() -> None:
    assert redact_text("Support <help@example.org>") == "Support <[EMAIL]>"


def test_a_street_after_a_town_is_still_a_street() -> None:
    assert redact_text("Lisboa, Rua Augusta") == "Lisboa, [ADDRESS]"


def test_a_list_of_years_is_no_phone_but_a_phone_still_is() -> None:
    assert "[PHONE]" not in redact_text("Copyright 1998 1999 2000")
    assert redact_text("Tel: 030 2009 2012") == "Tel: [PHONE]"
