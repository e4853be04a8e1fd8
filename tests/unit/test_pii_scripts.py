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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic: house number, street type, name, then town and postal code
        ("Ship to: 12 شارع الياسمين, الشارقة", "Ship to: [ADDRESS]"),
        ("Deliver to 7 نهج الزيتون, أريانة 20800 - Maps", "Deliver to [ADDRESS] - Maps"),
        ("شارع الورود 45، عمّان", "[ADDRESS]"),
        ("Office: 3 طريق المطار", "Office: [ADDRESS]"),
        # Persian: a strong type needs no number; the pieces after it come along
        ("خیابان آزادی، کوچه ۱۲، پلاک ۵", "[ADDRESS]"),
        ("نشانی: تهران، خیابان آزادی، پلاک ۵", "نشانی: [ADDRESS]"),
        ("بلوار گلها 18, 13145-67890 کرج", "[ADDRESS]"),
        ("Home: نسترن 14, کرج 13145-67890", "Home: [ADDRESS]"),
        # Japanese: a city or ward, then its block numbers as a chain
        ("Ship to: 八王子市 4-21-9, 192-0904 八王子市", "Ship to: [ADDRESS]"),
        ("Office: 横浜市中区山下町1-2", "Office: [ADDRESS]"),
        ("大阪市北区梅田１－２－３", "[ADDRESS]"),  # full-width digits and dashes
        ("Deliver to 厚木市 2-8-16, 厚木市 243-0012", "Deliver to [ADDRESS]"),
        # Korean: a boulevard or lane and its number; a plain road with a town after it
        ("Ship to: 한빛대로 88", "Ship to: [ADDRESS]"),
        ("Home: 솔내길 17, 27412 청주시", "Home: [ADDRESS]"),
        ("Send to 은하수로 52, 원주시", "Send to [ADDRESS]"),
        # Chinese: a house number with no street word, closed by a city
        ("Return to 柳林7号, 230031 合肥市", "Return to [ADDRESS]"),
    ],
)
def test_arabic_persian_and_east_asian_street_lines_are_found(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "عن طريق 3 خطوات",  # Arabic: by means of 3 steps (``طريق`` as "way")
        "لديك 3 رسائل جديدة، افتحها الآن",  # you have 3 new messages, open them now
        "تم استلام الطلب 12345، شكرا",  # order 12345 received, thanks
        "الشارع",  # the street (a form label)
        "نهج جديد 2",  # Arabic: a new approach 2 (``نهج`` as "approach")
        "محاولة جادة للغاية 3",  # a very serious attempt 3
        "مرحله 2، تأیید",  # Persian: step 2, confirm
        "میدان دید 90 درجه",  # field of view 90 degrees
        "صفحه 12 از 40",  # page 12 of 40
        "東京都 2026-12-03 更新",  # a date after a prefecture
        "東京 3-2 大阪",  # a score
        "区切り 1-2-3",  # delimiter 1-2-3
        "道具 1-2-3",  # tool 1-2-3
        "ファイル 12, 保存しました",  # file 12, saved
        "순서대로 1, 2, 3 입력하세요",  # in order 1, 2, 3 (``대로`` as a particle)
        "제대로 5",  # properly 5
        "출근길 3분",  # the way to work, 3 minutes
        "은하수로 52",  # a plain road and a number with no town after it
        "12号, 大",  # Chinese: size 12, large
    ],
)
def test_numbered_text_of_arabic_persian_and_east_asian_scripts_stays(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    "text", ["اتصل على 0501234567", "注文番号 123-4567-890", "전화 02-123-4567"]
)
def test_phone_and_order_numbers_of_those_scripts_are_no_address(text: str) -> None:
    assert "[ADDRESS]" not in redact_text(text)


def test_a_japanese_postal_code_after_its_town_is_no_phone() -> None:
    assert "[PHONE]" not in redact_text("厚木市 243-0012")
    assert "[PHONE]" not in redact_text("厚木市243-0012")
    assert redact_text("携帯 090-1234-5678") == "携帯 [PHONE]"
    assert redact_text("東京 03-1234-5678") == "東京 [PHONE]"


def test_a_cjk_word_after_an_address_is_its_town_only_with_a_marker_or_code() -> None:
    assert redact_text("港区芝3丁目4番5号, 詳細") == "[ADDRESS], 詳細"  # details
    assert redact_text("港区芝3丁目4番5号, 松戸市") == "[ADDRESS]"


def test_a_strong_arabic_or_persian_street_type_needs_no_digit_in_the_string() -> None:
    # The pre-check once let only strings with a digit reach the script rules.
    assert redact_text("خیابان ولیعصر، تهران") == "[ADDRESS]"
    assert redact_text("العنوان: شارع الملك فهد، الرياض") == "العنوان: [ADDRESS]"
    assert redact_text("أدخل اسم الشارع") == "أدخل اسم الشارع"  # "enter the street name"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("서울특별시 중구 세종대로 110 (태평로1가)", "[ADDRESS]"),  # the legal section in brackets
        ("서울 강남구 테헤란로 152 (역삼동, 강남파이낸스센터)", "[ADDRESS]"),  # and a building
        ("Lives at 광주광역시 광진구 봉은사32가 지하318", "Lives at [ADDRESS]"),  # underground
        ("충청남도 안산시 봉은사거리 398 - Maps", "[ADDRESS] - Maps"),  # a street after a town
    ],
)
def test_a_korean_road_address_is_found_with_its_bracketed_neighbourhood(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "kept", ["파일 3개를 삭제했습니다 (휴지통)", "거리 398 m", "3가지 방법 (추천)"]
)
def test_korean_counts_and_distances_stay(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("574 امیرمهدی بزرگ راه", "[ADDRESS]"),  # a compound type written with a space
        ("637 رفیعی جاده واحد 604 (home)", "[ADDRESS] (home)"),  # and the unit after it
        ("Branch office 364 اميرعباس کوچه سوئیت 610", "Branch office [ADDRESS]"),
        ("583 مجتهدی تقاطع - Maps", "[ADDRESS] - Maps"),
    ],
)
def test_a_persian_line_written_number_name_type_is_found(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("kept", ["3 ملفات في الطريق", "2 تقاطع مجموعه ها", "مرحله 2، تأیید"])
def test_persian_and_arabic_counts_before_a_type_word_stay(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("694 ลาดพร้าว 101, ชลบุรี 64870", "[ADDRESS]"),  # a numbered lane (soi) of the road
    ],
)
def test_a_thai_line_with_a_numbered_lane_is_found(text, expected) -> None:
    assert redact_text(text) == expected


def test_a_thai_count_before_a_comma_and_a_number_stays() -> None:
    assert redact_text("3 รายการ, 12345 ไบต์") == "3 รายการ, 12345 ไบต์"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("რუსთაველის გამზირი 12", "[ADDRESS]"),  # Georgian: "Rustaveli avenue 12"
        ("12, காந்தி தெரு", "[ADDRESS]"),  # Tamil: "12, Gandhi street"
        ("45 அண்ணா சாலை, சென்னை 600002", "[ADDRESS]"),
    ],
)
def test_a_georgian_or_tamil_street_type_with_a_house_number_is_found(text, expected) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("kept", ["რუსთაველის გამზირი", "பிழை நகர்த்தும் கோப்பு 3"])
def test_a_georgian_or_tamil_street_without_a_number_or_a_verb_stays(kept: str) -> None:
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    "text",
    [
        "台北市大安區忠孝東路四段1巷2弄3號",  # lane and alley before the number
        "高雄市前鎮區中山二路5號12樓之3",  # the floor and its unit after it
        "上海市徐汇区漕溪北路100弄5号",
    ],
)
def test_a_chinese_address_with_its_lanes_and_floor_is_found_whole(text) -> None:
    assert redact_text(text) == "[ADDRESS]"


@pytest.mark.parametrize("text", ["ص.ب 12345، الرياض", "ת.ד. 1234, תל אביב"])
def test_an_arabic_or_hebrew_post_office_box_is_an_address(text) -> None:
    assert redact_text(text) == "[ADDRESS]"


def test_a_mailbox_of_a_mail_app_is_no_post_office_box() -> None:
    assert redact_text("صندوق البريد 3") == "صندوق البريد 3"  # "inbox 3"


def test_a_block_number_after_chome_and_a_direction_after_the_road_are_read() -> None:
    # ``6丁目10-1``: the block and building after the chōme; Hong Kong roads carry a
    # direction after their street word (``皇后大道中``: Queen's Road Central)
    assert redact_text("〒106-6108 東京都港区六本木6丁目10-1") == "[ADDRESS]"
    assert redact_text("香港中環皇后大道中99號") == "[ADDRESS]"
    assert redact_text("这是第3号") == "这是第3号"
