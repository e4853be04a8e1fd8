"""Privacy, stage 0 (before anything is stored): detectors for personal data in free text.

Each detector is a regular expression that proposes candidates plus a validator that confirms
them: Luhn and the card networks' number ranges for cards, ISO 13616 mod-97 and the SWIFT
country list for IBANs, the official check rules for national ids (python-stdnum where it has them), and Google's
libphonenumber metadata (``phonenumberslite``) for phones. A validator keeps order numbers,
dates and amounts from being blanked, so redacted text stays useful for mining. When a whole
candidate fails, its sub-spans cut at separators are tried too (``card 4111 1111 1111 1111 12/29``,
``GB82 WEST 1234 5698 7654 32 now``), longest first. A validator that raises counts as a match:
when in doubt the text is blanked. Detectors only find spans; ``redact`` replaces them.

Names and addresses have no checksum: ``ContextDetector`` wraps the finders of ``addresses``
(the shape of a postal address) and ``names`` (a name announced by a label, an honorific or a
window title), which read the words around a value. They run after the structured detectors, so
``From: Jane Doe <jane@x.org>`` is read as ``From: Jane Doe <[EMAIL]>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import phonenumbers
from stdnum import numdb
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.fi import hetu as fi_hetu
from stdnum.iso7064 import mod_97_10

from taskmine.privacy.addresses import find_address_spans
from taskmine.privacy.names import find_person_spans
from taskmine.privacy.windows import in_windows
from taskmine.privacy.word_shapes import rising_years


@dataclass(frozen=True, slots=True)
class Detector:
    """A named personal-data pattern; ``validate`` confirms a regex match (None: always)."""

    name: str
    label: str
    pattern: re.Pattern[str]
    validate: Callable[[str], bool] | None = None
    # Try sub-spans cut at separators when the whole match fails its check.
    shrink: bool = False

    def find_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield (start, end) of every confirmed match in ``text``, left to right.

        Validation is budgeted per text: past ``VALIDATION_BUDGET`` checks every further
        candidate counts as confirmed, so hostile input costs bounded time and still leaks nothing.
        """
        budget = [VALIDATION_BUDGET]
        for match in self.pattern.finditer(text):
            candidate = match.group(0)
            if self._confirms(candidate, budget):
                yield match.span()
            elif self.shrink:
                inner = self._best_sub_span(candidate, budget)
                if inner is not None:
                    yield match.start() + inner[0], match.start() + inner[1]

    def _confirms(self, candidate: str, budget: list[int]) -> bool:
        if self.validate is None:
            return True
        budget[0] -= 1
        if budget[0] < 0:
            return True
        try:
            return self.validate(candidate)
        except Exception:  # a validator that cannot decide must not let the text through
            return True

    def _best_sub_span(self, candidate: str, budget: list[int]) -> tuple[int, int] | None:
        cuts = [i for i, c in enumerate(candidate) if c in _SEPARATORS]
        starts = [0, *(i + 1 for i in cuts)]
        ends = [*cuts, len(candidate)]
        whole = (0, len(candidate))
        spans = sorted(
            ((s, e) for s in starts for e in ends if e - s >= _MIN_SUB_SPAN and (s, e) != whole),
            key=lambda span: span[0] - span[1],
        )
        for start, end in spans[:_MAX_SUB_SPANS]:
            if self._confirms(candidate[start:end], budget):
                return start, end
        return None


@dataclass(frozen=True, slots=True)
class ContextDetector:
    """A detector that reads the words around a value (names, addresses), not one pattern."""

    name: str
    label: str
    find: Callable[[str], list[tuple[int, int]]]

    def find_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield (start, end) of every match; the whole text if the finder fails (fail closed)."""
        try:
            spans = self.find(text)
        except Exception:  # a finder that cannot decide must not let the text through
            spans = [(0, len(text))]
        yield from spans


VALIDATION_BUDGET = 256
_SEPARATORS = frozenset(" -./")
_MIN_SUB_SPAN = 8
_MAX_SUB_SPANS = 64


def is_luhn_valid(number: str) -> bool:
    """Luhn (mod 10) check over the digits of ``number`` (separators ignored), 13-19 digits."""
    digits = [int(c) for c in number if c.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


# Issuer ranges (first digits) of the card networks. A Luhn-valid number outside them (a
# millisecond timestamp, an order id starting 0, 1, 7, 8 or 9) is not a card. Lengths are not
# checked: networks issue 13 to 19 digits, and a mistyped length must not escape redaction.
_CARD_RANGES: tuple[tuple[int, int], ...] = (
    (4, 4),  # Visa
    (51, 55),  # Mastercard
    (2221, 2720),  # Mastercard 2-series
    (34, 34),  # American Express
    (37, 37),
    (300, 305),  # Diners Club
    (36, 36),
    (38, 39),
    (6011, 6011),  # Discover
    (644, 649),
    (65, 65),
    (3528, 3589),  # JCB
    (62, 62),  # UnionPay
    (50, 50),  # Maestro
    (56, 69),
)


def is_card_number(candidate: str) -> bool:
    """Luhn-valid (13-19 digits) and within a card network's issuer range."""
    digits = "".join(c for c in candidate if c.isdigit())
    if not digits.isascii() or not is_luhn_valid(digits):
        return False
    return any(low <= int(digits[: len(str(low))]) <= high for low, high in _CARD_RANGES)


def _bban_pattern(spec: str) -> re.Pattern[str]:
    """The SWIFT registry's BBAN format (``3!n7!n2!n``: fixed runs of digits ``n``, capitals
    ``a``, letters or digits ``c``) as a regex: the length and the kind of each run, not the
    country's own check digits (generated test IBANs seldom carry those)."""
    kinds = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}
    runs = re.findall(r"(\d+)(!?)([nac])", spec)
    return re.compile(
        "".join(
            f"{kinds[kind]}{{{count}}}" if fixed else f"{kinds[kind]}{{1,{count}}}"
            for count, fixed, kind in runs
        )
    )


# Each IBAN country of the SWIFT registry, with the shape of its BBAN: a random id whose first
# letters name a country (``be8208cbbaa64494ac778566ee8e8556``, a session id) passes mod 97
# about once in 97, the shape almost never.
_IBAN_BBANS = {
    str(prefix): _bban_pattern(str(properties.get("bban", "")))
    for _length, prefix, _high, properties, *_ in numdb.get("iban").prefixes
    if properties.get("bban")
}


def is_iban_valid(candidate: str) -> bool:
    """ISO 13616: an IBAN country code, two check digits, and mod-97 == 1 over the rearranged text."""
    compact = re.sub(r"[\s-]", "", candidate).upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    if not compact.isascii() or not compact.isalnum():
        return False
    return mod_97_10.is_valid(compact[4:] + compact[:4])


def is_iban_account(candidate: str) -> bool:
    """An IBAN of a country in the SWIFT IBAN registry, in that country's BBAN shape (the
    detector's check)."""
    bban = _IBAN_BBANS.get(candidate[:2].upper())
    if bban is None or not is_iban_valid(candidate):
        return False
    return bban.fullmatch(re.sub(r"[\s-]", "", candidate).upper()[4:]) is not None


def is_us_ssn_valid(candidate: str) -> bool:
    """SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000.

    Not python-stdnum here: it also refuses the few numbers known from advertising
    (078-05-1120), which must be blanked all the same.
    """
    digits = re.sub(r"\D", "", candidate)
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in {"000", "666"} and area[0] != "9" and group != "00" and serial != "0000"


_NINO_BAD_PREFIXES = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def is_uk_nino_valid(candidate: str) -> bool:
    """HMRC rules: prefix letters from the allowed sets and not an administrative prefix."""
    compact = re.sub(r"\s", "", candidate).upper()
    first, second = compact[0], compact[1]
    return (
        first not in "DFIQUV" and second not in "DFIOQUV" and compact[:2] not in _NINO_BAD_PREFIXES
    )


def is_es_dni_valid(candidate: str) -> bool:
    """Spanish DNI / NIE (python-stdnum): the control letter is the number mod 23."""
    compact = re.sub(r"[\s-]", "", candidate).upper()
    module = es_nie if compact[:1] in "XYZ" else es_dni
    return bool(module.is_valid(compact))


def is_fi_hetu_valid(candidate: str) -> bool:
    """Finnish henkilötunnus (python-stdnum): a real date, century sign, control character."""
    return bool(fi_hetu.is_valid(candidate.upper()))


def is_fr_nir_valid(candidate: str) -> bool:
    """French NIR (sécurité sociale): key = 97 - (13 digits mod 97), Corsica 2A/2B mapped."""
    compact = re.sub(r"\s", "", candidate).upper()
    body, key = compact[:13], compact[13:]
    body = body.replace("2A", "19").replace("2B", "18")
    if not body.isdigit() or not key.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


# Regions tried for a phone written without an international prefix: the locales the product
# ships for. A national number must be valid in one of them.
PHONE_REGIONS = ("US", "GB", "DE", "FR", "NL", "ES", "IT", "FI", "SE", "BE", "CH", "AT", "IE")

_DATE_INSIDE = re.compile(
    r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}[:]\d{2}"
)
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_POSTCODE_SHAPE = re.compile(r"^(?:\d{5}-\d{4}|\d{5}-\d{3}|\d{4}-\d{3})$")


def is_phone_number(candidate: str) -> bool:
    """A phone number libphonenumber accepts: possible if international, valid if national."""
    text = candidate.strip()
    digits = sum(c.isdigit() for c in text)
    if not 7 <= digits <= 15 or not text.isascii():
        return False
    if _DATE_INSIDE.search(text) or _IPV4.match(text) or _looks_like_amount(text):
        return False
    if rising_years(text):
        return False  # ``2009-2012``: libphonenumber may take it for a number of 8 digits
    if text.startswith(("+", "00")):
        number = "+" + text.lstrip("+")[2:] if text.startswith("00") else text
        try:
            parsed = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException:
            return False
        return bool(phonenumbers.is_possible_number(parsed))
    # A national number is written in groups or with an area code in parentheses: a bare run
    # of digits is an order number far more often than a phone.
    if "(" not in text and not re.search(r"\d[ .-]\d", text):
        return False
    if _POSTCODE_SHAPE.match(text):
        return False  # ``55073-6110`` (US ZIP+4), ``64914-505`` (BR), ``3092-384`` (PT): the address finder's
    for region in PHONE_REGIONS:
        try:
            parsed = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
    return False


def _looks_like_amount(text: str) -> bool:
    """``28647.51`` or ``202.853.268`` (dots only: a decimal point or thousands separators)."""
    if not set(text) <= _DIGITS_AND_DOT or "." not in text:
        return False
    groups = text.split(".")
    return len(groups) == 2 or all(len(group) == 3 for group in groups[1:])


_DIGITS_AND_DOT = frozenset("0123456789.")

# Separators inside numbers: spaces, hyphens (people type cards and IBANs in groups).
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# Underscores count as separators (ids such as ``txt_4111...`` embed card numbers and ids). A number
# after a ``+`` is an international phone number, never a card.
_CARD = re.compile(r"(?<![0-9A-Za-z+])(?:\d[ -]?){11,22}\d(?![0-9A-Za-z])")
_IBAN = re.compile(r"(?<![^\W_])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![^\W_])")
_US_SSN = re.compile(r"(?<![^\W_]|-)\d{3}[- ]\d{2}[- ]\d{4}(?![^\W_]|-)")
_UK_NINO = re.compile(r"(?<![^\W_])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![^\W_])")
_ES_DNI = re.compile(r"(?<![^\W_])[XYZxyz]?-?\d{7,8}-?[A-Za-z](?![^\W_])")
_FI_HETU = re.compile(r"(?<![^\W_])\d{6}[-+AaBCDEFYXWVU]\d{3}[0-9A-Ya-y](?![^\W_])")
_FR_NIR = re.compile(
    r"(?<![^\W_])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AaBb]) ?\d{3} ?\d{3} ?\d{2}(?![^\W_])"
)
# Phones: an international prefix, or a grouped national number; bare digit runs are left to the
# card / id detectors so that order numbers survive. A number glued to a word by a hyphen or a
# slash (``ORD-2026-000123``, ``v/2026 0012``) is an identifier, not a phone.
_PHONE = re.compile(
    # A Japanese postal code (``〒100-0005``, ``574-0012 栗田町``, ``厚木市 243-0012``: before
    # or after its town) is no phone number.
    r"(?<!〒)(?!\d{3}-\d{4}(?![\d-])[ \u3000]?[\u3400-\u9fff\u3040-\u30ff])"
    r"(?!(?:(?<=[市区町村郡都道府県])|(?<=[市区町村郡都道府県][ \u3000]))\d{3}-\d{4}(?![\d-]))"
    r"(?<![^\W_]|[+\-/.])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,10}){1,5}(?![^\W_]|[\-/]|,\d)"
    r"|(?<![^\W_]|[+\-/.])(?:\+|00)\d{8,14}(?![^\W_]|[\-/])"
    r"|(?<![^\W_]|[+\-/.])\(\d{1,4}\)[ .-]?\d{3,8}(?![^\W_]|[\-/])"
)

BUILTIN_DETECTORS: dict[str, Detector | ContextDetector] = {
    d.name: d
    for d in (
        Detector("email", "EMAIL", _EMAIL),
        Detector("iban", "IBAN", _IBAN, is_iban_account, shrink=True),
        # National ids before cards: a 15-digit NIR can pass Luhn by chance, not the reverse.
        Detector("fr_nir", "NATIONAL_ID", _FR_NIR, is_fr_nir_valid),
        Detector("us_ssn", "NATIONAL_ID", _US_SSN, is_us_ssn_valid),
        Detector("uk_nino", "NATIONAL_ID", _UK_NINO, is_uk_nino_valid),
        Detector("es_dni", "NATIONAL_ID", _ES_DNI, is_es_dni_valid),
        Detector("fi_hetu", "NATIONAL_ID", _FI_HETU, is_fi_hetu_valid),
        Detector("card", "CARD", _CARD, is_card_number, shrink=True),
        # No sub-spans for phones: inside a date, an IP address or an ISBN a digit group that
        # happens to be a valid number would be blanked.
        Detector("phone", "PHONE", _PHONE, is_phone_number),
        # Addresses before names: ``Ship to: Jane Doe, 12 Main St`` keeps ``Ship to`` as a cue.
        # Both read long strings in windows: their look-back is linear per candidate.
        ContextDetector("address", "ADDRESS", partial(in_windows, find_address_spans)),
        ContextDetector("person", "PERSON", partial(in_windows, find_person_spans)),
    )
}
"""Built-in detectors in the order they run: strict checksummed formats before loose phones."""
