"""Privacy, stage 0 (before anything is stored): detectors for personal data in free text.

Each detector is a regular expression that proposes candidates plus, where the format has one, a
checksum that confirms them (Luhn for cards, mod-97 for IBANs, the official check rules for
national ids). A checksum keeps order numbers and dates from being blanked as cards or ids, so
redacted text stays useful for mining. Detectors only find spans; ``redact`` replaces them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Detector:
    """A named personal-data pattern; ``validate`` confirms a regex match (None: always)."""

    name: str
    label: str
    pattern: re.Pattern[str]
    validate: Callable[[str], bool] | None = None

    def find_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield (start, end) of every confirmed match in ``text``."""
        for match in self.pattern.finditer(text):
            if self.validate is None or self.validate(match.group(0)):
                yield match.span()


def is_luhn_valid(number: str) -> bool:
    """Luhn (mod 10) check over the digits of ``number`` (separators ignored)."""
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


def is_iban_valid(candidate: str) -> bool:
    """ISO 13616 mod-97 check: move the first four characters to the end, letters to numbers."""
    compact = re.sub(r"[\s-]", "", candidate).upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return int(numeric) % 97 == 1


def is_us_ssn_valid(candidate: str) -> bool:
    """SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000."""
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


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def is_es_dni_valid(candidate: str) -> bool:
    """Spanish DNI / NIE: the control letter is the number mod 23 (NIE: X=0, Y=1, Z=2 first)."""
    compact = re.sub(r"[\s-]", "", candidate).upper()
    body, letter = compact[:-1], compact[-1]
    if body[0] in "XYZ":
        body = str("XYZ".index(body[0])) + body[1:]
    return body.isdigit() and _DNI_LETTERS[int(body) % 23] == letter


def is_fi_hetu_valid(candidate: str) -> bool:
    """Finnish henkilötunnus: DDMMYY, century sign, 3 digits, control char of the 9 digits mod 31."""
    compact = candidate.upper()
    number = compact[:6] + compact[7:10]
    if not number.isdigit():
        return False
    return "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(number) % 31] == compact[10]


def is_fr_nir_valid(candidate: str) -> bool:
    """French NIR (sécurité sociale): key = 97 - (13 digits mod 97), Corsica 2A/2B mapped."""
    compact = re.sub(r"\s", "", candidate).upper()
    body, key = compact[:13], compact[13:]
    body = body.replace("2A", "19").replace("2B", "18")
    if not body.isdigit() or not key.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


# Separators inside numbers: spaces, hyphens (people type cards and IBANs in groups).
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# Underscores count as separators: ids such as ``txt_4111...`` embed card numbers too.
_CARD = re.compile(r"(?<![0-9A-Za-z])(?:\d[ -]?){12,18}\d(?![0-9A-Za-z])")
_IBAN = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}(?![\w])")
_US_SSN = re.compile(r"(?<![\w-])\d{3}[- ]\d{2}[- ]\d{4}(?![\w-])")
_UK_NINO = re.compile(r"(?<![\w])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![\w])")
_ES_DNI = re.compile(r"(?<![\w])[XYZxyz]?\d{7,8}-?[A-Za-z](?![\w])")
_FI_HETU = re.compile(r"(?<![\w])\d{6}[-+AaBCDEFYXWVU]\d{3}[0-9A-Ya-y](?![\w])")
_FR_NIR = re.compile(r"(?<![\w])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AaBb]) ?\d{3} ?\d{3} ?\d{2}(?![\w])")
# Phones: an international prefix, or a grouped national number; bare digit runs are left to the
# card / id detectors so that order numbers survive. Dates are rejected in ``_is_phone``.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]\d{2,8}){1,4}(?![\w])"
    r"|(?<![\w+])(?:\+|00)\d{8,14}(?![\w])"
)
_DATE_LIKE = re.compile(
    r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$|^\d{1,2}[:.]\d{2}([:.]\d{2})?$"
)


def _is_phone(candidate: str) -> bool:
    digits = sum(c.isdigit() for c in candidate)
    if not 8 <= digits <= 15 or _DATE_LIKE.match(candidate.strip()):
        return False
    international = candidate.startswith(("+", "00"))
    # A decimal number such as 1234.5678 is not a phone; phones group with spaces or hyphens,
    # or carry an international prefix or an area code in parentheses.
    return international or "(" in candidate or bool(re.search(r"\d[ -]\d", candidate))


BUILTIN_DETECTORS: dict[str, Detector] = {
    d.name: d
    for d in (
        Detector("email", "EMAIL", _EMAIL),
        Detector("iban", "IBAN", _IBAN, is_iban_valid),
        Detector("card", "CARD", _CARD, is_luhn_valid),
        Detector("fr_nir", "NATIONAL_ID", _FR_NIR, is_fr_nir_valid),
        Detector("us_ssn", "NATIONAL_ID", _US_SSN, is_us_ssn_valid),
        Detector("uk_nino", "NATIONAL_ID", _UK_NINO, is_uk_nino_valid),
        Detector("es_dni", "NATIONAL_ID", _ES_DNI, is_es_dni_valid),
        Detector("fi_hetu", "NATIONAL_ID", _FI_HETU, is_fi_hetu_valid),
        Detector("phone", "PHONE", _PHONE, _is_phone),
    )
}
"""Built-in detectors in the order they run: strict checksummed formats before loose phones."""
