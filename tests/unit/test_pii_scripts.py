"""ADDRESS in scripts without capital letters (``taskmine.privacy.address_scripts``).

The cases are written here with invented streets and towns, in the address conventions of each
script; the look-alikes are everyday UI strings of the same scripts that carry a number.
"""

from __future__ import annotations

import pytest

from taskmine.privacy import redact_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deliver to 千葉県松戸市新町3丁目12番5号 松戸ハイツ201", "Deliver to [ADDRESS]"),
        ("4丁目2番8号, 271-0092 松戸市 | Maps", "[ADDRESS] | Maps"),
        ("〒271-0092 千葉県松戸市新町3-12-5", "[ADDRESS]"),
        ("Ship to 广东省深圳市南山区科技路12号", "Ship to [ADDRESS]"),
        ("台北市大安區復興南路一段88號", "[ADDRESS]"),
        ("Customer address: 부산광역시 해운대구 해운대로 570", "Customer address: [ADDRESS]"),
        ("12/3 ถนนสุขสวัสดิ์ ต.บางปะกอก จ.สมุทรปราการ 10140", "[ADDRESS]"),
        ("88 ลาดพร้าว, กรุงเทพ 10230 - Maps", "[ADDRESS] - Maps"),
        ("רחוב הגפן 12, חולון", "[ADDRESS]"),
        ("הדקל 7, רמת ישי, 3009500", "[ADDRESS]"),
        ("415 鈴木 Street", "[ADDRESS]"),
    ],
)
def test_addresses_in_scripts_without_case_are_found(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "3 รายการ",  # Thai: three items
        "12号",  # Chinese: size or day 12
        "第3号",
        "기본값으로 5",  # Korean: five by default (a particle, not a road)
        "테헤란로 152",  # a road with no city or district before it is not enough
        "ファイル 3 件",  # Japanese: three files
        "קובץ 3",  # Hebrew: file 3
    ],
)
def test_numbered_ui_strings_of_those_scripts_stay(kept: str) -> None:
    assert redact_text(kept) == kept


def test_a_japanese_postal_code_is_no_phone_but_a_japanese_phone_is() -> None:
    assert "[PHONE]" not in redact_text("〒100-0005 東京都")
    assert redact_text("電話 03-1234-5678 まで") == "電話 [PHONE] まで"
