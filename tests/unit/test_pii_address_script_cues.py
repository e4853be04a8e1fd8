"""Street lines in Arabic, Persian or Hebrew letters without a street type, after a cue."""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text
from taskmine.privacy.address_script_cues import cued_script_lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ship to: 606 معبر الإبداع", "Ship to: [ADDRESS]"),
        ("Billing address 392 معبر 51, رأس الخيمة", "Billing address [ADDRESS]"),
        ("Drop-off at 289 مقطع الكندي, 34229 دبا الحصن", "Drop-off at [ADDRESS]"),
        ("Located at 12 کوچه نسترن, تهران", "Located at [ADDRESS]"),
        ("Delivery address: 14 הרצל הגדול", "Delivery address: [ADDRESS]"),
        # Thai writes a street as one run: with a postal code after it, one word is enough
        ("Deliver to 47 มาเจริญ, 29480 เมืองนนทบุรี", "Deliver to [ADDRESS]"),
        ("Deliver to 12 რუსთაველის გამზირი", "Deliver to [ADDRESS]"),  # Georgian
        ("Office at 陶侬2号", "Office at [ADDRESS]"),  # Han: a number and 号
        ("Pickup from 中山路5671號 公寓 704 tomorrow", "Pickup from [ADDRESS] tomorrow"),
    ],
)
def test_a_cued_number_and_street_name_in_these_scripts_is_an_address(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sent to 3 مستخدمين جدد",  # "sent" is no word of delivery
        "تم إرسال 3 رسائل جديدة",  # no cue at all
        "Welcome to 2 المرحلة الثانية",
        "Ship to: 3",  # no street name
        "Ship to 3 عملاء",  # one word after the number: a count of things, not a street
        "Ship to 3 ลูกค้า",
        "Sent to 会议室3号",  # no place cue
        "3号 meeting room",  # no cue before it
    ],
)
def test_numbers_and_words_without_a_place_cue_stay(text) -> None:
    assert cued_script_lines(text) == []
    assert "[ADDRESS]" not in redact_text(text)
