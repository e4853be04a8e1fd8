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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 दीप्ति टंडन, अमरावती 104226", "[ADDRESS]"),  # no cue: the town's PIN says it
        ("5 चोपरा, लखनऊ-763454 - Maps", "[ADDRESS] - Maps"),
        ("दुगड गेट वडा 2, भोजपुर, उदयपुर 07309", "[ADDRESS]"),  # a ward number and towns
        ("काठमाडौं महानगरपालिका वडा नं. ५, काठमाडौं", "[ADDRESS]"),
        ("Shipping to गुरुङ पथ", "Shipping to [ADDRESS]"),  # a street type after a cue
    ],
)
def test_indian_and_nepali_lines_are_found_from_their_postal_code_ward_or_type(
    text, expected
) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "3 ملفات، المجلد 2024",  # a four-digit number after the comma may be a year
        "फ़ाइल मार्ग",  # "file path": a street type needs a cue
        "Saved to फ़ाइल मार्ग",  # saving is no delivery
        "मेरो घर 2",  # a house word with no town after it and no cue
    ],
)
def test_indic_counts_paths_and_house_words_stay(kept: str) -> None:
    assert redact_text(kept) == kept


def test_a_zero_width_joiner_inside_a_devanagari_name_keeps_it_one_word() -> None:
    joined = "अनन्\u200dत सेनगुप्ता"  # the joiner shapes the half letter
    assert redact_text(f"31/17 {joined}, देवास 956581 (home)") == "[ADDRESS] (home)"
    assert redact_text(f"Customer: {joined}") == "Customer: [PERSON]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("513 معبر النصر, الفجيرة - Route planner", "[ADDRESS] - Route planner"),
        ("25 مقطع الواحة - Google Maps", "[ADDRESS] - Google Maps"),
    ],
)
def test_a_maps_app_title_places_a_script_line(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept", ["3 ملفات - Google Maps", "5 รายการ - Google Maps", "25 مقطع الواحة - Google Drive"]
)
def test_a_count_in_a_maps_title_or_a_line_in_another_app_stays(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the postal code of the province, two parts after the street, not the first part's
        ("Return to 862 کوچه نسترن, جنوب ايليا, کرمان 225316", "Return to [ADDRESS]"),
        # a ten-digit Iranian code, and a short code, close the address they end
        ("Lives at 74 بلوار کشاورز, تهران 1193653471", "Lives at [ADDRESS]"),
        ("Inspection site: 88 کوچه نسترن, استان فارس, شیراز 502", "Inspection site: [ADDRESS]"),
        # a flat in Latin letters after the line is part of it
        ("Deliver to 3203 ถนนมิตรไมตรี 3 Suite 106, นครศรีธรรมราช", "Deliver to [ADDRESS]"),
        # a hyphenated town and a district with its part in brackets
        ("Address: श्रेष्ठ मार्ग घर 59, दुहवी-भलुवा, बाँके 05146", "Address: [ADDRESS]"),
        ("गुरुङ मार्ग वडा 10, बेनी, नवलपरासी (बर्दघाट सुस्ता पश्चिम) 24297", "[ADDRESS]"),
        # a code of five digits before the last town, which closes the text or its title piece
        ("340 مقطع الزعاب, 50019 الشارقة", "[ADDRESS]"),
        ("4208 คลองลำปัก, 26270 พิษณุโลก - Apartment listing", "[ADDRESS] - Apartment listing"),
        ("Registered office 12 الملك فهد, الرياض", "Registered office [ADDRESS]"),
    ],
)
def test_the_parts_after_a_script_line_and_their_codes_are_read_to_its_end(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept",
    [
        # five digits before a word that the text goes on after: a size, not a postal code
        "3 ملفات جديدة, 65536 بايت copied",
        "3 ملفات جديدة, 10240 بايت\nاضغط للمتابعة",
    ],
)
def test_five_digits_before_a_word_the_text_goes_on_after_are_no_postal_code(kept: str) -> None:
    assert "[ADDRESS]" not in redact_text(kept)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a street name before its number after a cue: Persian, Georgian
        ("Address on file: میرداماد 259", "Address on file: [ADDRESS]"),
        ("Pick up the keys at آزادی 864, اسفراین", "Pick up the keys at [ADDRESS]"),
        ("Deliver to აღმაშენებლის 45, თბილისი 0112", "Deliver to [ADDRESS]"),
        # a typed line's town after a comma in Georgian and Tamil
        ("რუსთაველის გამზირი 12, თბილისი", "[ADDRESS]"),
        ("12, காந்தி சாலை, சென்னை 600001", "[ADDRESS]"),
        # a Korean floor or room after the road address
        ("경기도 성남시 분당구 판교역로 235, 12층", "[ADDRESS]"),
        ("서울시 강남구 테헤란로 123 101동 1203호", "[ADDRESS]"),
        # Nepal's municipality and ward joined by a hyphen, then the quarter
        ("काठमाडौं-10, ठमेल", "[ADDRESS]"),
        ("Deliver to ललितपुर-३, पुल्चोक, ललितपुर", "Deliver to [ADDRESS]"),
        # Urdu numbered parts of two kinds
        ("مکان نمبر 12، گلی نمبر 5، لاہور", "[ADDRESS]"),
        ("Deliver to ہاؤس 45، سٹریٹ 3، اسلام آباد", "Deliver to [ADDRESS]"),
    ],
)
def test_name_first_lines_towns_floors_and_numbered_parts_are_found(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "Deliver to گروه 3",  # one word and a number after a visit: a group, not a street
        "Ship to: مرحله 2",
        "Home: صفحه 2",  # a place label and one word: a page
        "Deliver to فريق المبيعات 3",  # a team after a visit word, no town after it
        "Branch office 3 עובדים",  # an office counts its staff
        "Location: سطر 5",
        "Sent to مرحله 2 از 5",  # no cue
        "گلی نمبر 5، گلی نمبر 6",  # two parts of one kind
        "संस्करण-2",  # "version 2": no quarter after it
        "فیز 2 میں 5 نئے مکان",  # a sentence, not parts in a row
    ],
)
def test_one_word_groups_and_parts_of_one_kind_stay(kept: str) -> None:
    assert redact_text(kept) == kept
