"""Privacy, measured: a generated, labelled set of UI strings and per-type precision / recall / F2.

``labelled_strings(seed)`` builds UI strings (window titles, field labels, values, URLs) each
holding one personal-data item of a known type, plus look-alike negatives that must survive:
order and invoice numbers, dates and times, amounts, versions, IP addresses, ISBNs, and
Luhn-valid numbers that are not cards (millisecond timestamps, ids outside the card ranges).
``score_detection`` runs ``redact_text`` over the set: a positive counts as found when its label
appears and none of its characters that identify it survive; any label on a negative, or a
wrong label on a positive, counts against that label's precision. F2 weighs recall double,
as a leak costs more than an over-blanked word. Seeded and deterministic.

With ``context=True`` the set also holds PERSON and ADDRESS strings in several locales
(``evaluation_people``, generated with Faker, a dev dependency imported only there). Those
typed into a labelled field are scored through ``redact_event`` (the field policy); a name or
address counts as found when its label appears and none of its words or numbers survive.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from stdnum import iban as stdnum_iban
from stdnum import numdb

from taskmine.domain import Element, Event
from taskmine.privacy.detectors import PHONE_REGIONS, is_luhn_valid
from taskmine.privacy.policy import CaptureLevel, PrivacyPolicy
from taskmine.privacy.redact import redact_event, redact_text

STRUCTURED_LABELS = ("EMAIL", "PHONE", "CARD", "IBAN", "NATIONAL_ID")
CONTEXT_LABELS = ("PERSON", "ADDRESS")
ALL_LABELS = STRUCTURED_LABELS + CONTEXT_LABELS


@dataclass(frozen=True, slots=True)
class LabelledString:
    text: str
    label: str | None  # None: a negative, nothing may be redacted
    secret: str = ""  # the personal data inside ``text``
    locale: str = ""  # the Faker locale of a PERSON / ADDRESS sample
    field: str | None = None  # the element name of the field ``text`` was typed into


@dataclass(slots=True)
class TypeScore:
    label: str
    positives: int = 0
    found: int = 0
    false_positives: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def precision(self) -> float:
        flagged = self.found + self.false_positives
        return self.found / flagged if flagged else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        return 5 * p * r / (4 * p + r) if p + r else 0.0


_TEMPLATES = (
    "{x}",
    "Customer {x} - CRM - Google Chrome",
    "Contact: {x}",
    "Search results for '{x}'",
    "{x} (primary)",
    "Re: your account {x}, ticket 4471",
    "Payment details — {x}; due 2026-03-31",
    "[{x}]",
)

_NEGATIVES: tuple[Callable[[random.Random], str], ...] = (
    lambda r: f"ORD-{r.randint(2020, 2030)}-{r.randint(0, 999999):06d}",
    lambda r: f"INV-{r.randint(10000, 99999)}",
    lambda r: f"Order #{r.randint(10**7, 10**10)}",
    lambda r: f"CUST-{r.randint(1000, 9999)}",
    lambda r: f"{r.randint(2000, 2030)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
    lambda r: f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.randint(2000, 2030)}",
    lambda r: (
        f"{r.randint(1, 28):02d}.{r.randint(1, 12):02d}.{r.randint(2000, 2030)} "
        f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
    ),
    lambda r: (
        f"{r.randint(2000, 2030)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} "
        f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}"
    ),
    lambda r: f"{r.randint(1, 999)},{r.randint(0, 999):03d}.{r.randint(0, 99):02d} EUR",
    lambda r: f"Total {r.randint(1, 99999)}.{r.randint(0, 99):02d}",
    lambda r: (
        f"€ {r.randint(1, 999)}.{r.randint(0, 999):03d}.{r.randint(0, 999):03d},{r.randint(0, 99):02d}"
    ),
    lambda r: f"v{r.randint(1, 20)}.{r.randint(0, 20)}.{r.randint(0, 99)}.{r.randint(0, 9999)}",
    lambda r: f"192.168.{r.randint(0, 255)}.{r.randint(0, 255)}",
    lambda r: f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(0, 255)}",
    lambda r: f"Qty {r.randint(1, 500)} x {r.randint(1, 999)}.{r.randint(0, 99):02d}",
    lambda r: (
        f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}-{r.randint(0, 23):02d}:{r.randint(0, 59):02d}"
    ),
    lambda r: f"Page {r.randint(1, 99)} of {r.randint(100, 999)}",
    lambda r: (
        f"ISBN 978-{r.randint(0, 9)}-{r.randint(10, 99)}-{r.randint(100000, 999999)}-{r.randint(0, 9)}"
    ),
    lambda r: _luhn_valid_non_card(r),
    lambda r: f"created_ms={_luhn_valid_timestamp(r)}",
    lambda r: f"Build {r.randint(2020, 2030)}.{r.randint(1, 12):02d}.{r.randint(1, 28):02d}",
    lambda r: f"Tracking 1Z{r.randint(100, 999)}AA{r.randint(10**9, 10**10 - 1)}",
    lambda r: f"Case {r.randint(100000, 999999)}",
    lambda r: f"SKU {r.randint(100, 999)}-{r.randint(100, 999)}",
    lambda r: f"Room {r.randint(1, 9)}.{r.randint(10, 99)}, {r.randint(2, 40)} people",
    lambda r: f"Ref AB{r.randint(10, 99)} {r.randint(1000, 9999)}",
    lambda r: "Send the report to the team before noon",
    lambda r: f"user@localhost port {r.randint(1024, 65535)}",
)


def labelled_strings(
    *, seed: int = 7, per_type: int = 400, context: bool = False
) -> list[LabelledString]:
    """Positives of every structured type (``per_type`` each) and twice as many negatives,
    shuffled; with ``context``, PERSON and ADDRESS positives and their look-alikes too."""
    rng = random.Random(seed)
    makers: dict[str, Callable[[random.Random], str]] = {
        "EMAIL": _email,
        "PHONE": _phone,
        "CARD": _card,
        "IBAN": _iban,
        "NATIONAL_ID": _national_id,
    }
    out: list[LabelledString] = []
    for label, make in makers.items():
        for _ in range(per_type):
            secret = make(rng)
            out.append(LabelledString(rng.choice(_TEMPLATES).format(x=secret), label, secret))
    for _ in range(per_type * 2):
        text = rng.choice(_NEGATIVES)(rng)
        if rng.random() < 0.5:
            text = rng.choice(_TEMPLATES).format(x=text)
        out.append(LabelledString(text, None))
    if context:
        from taskmine.privacy.evaluation_people import person_and_address_strings

        out.extend(person_and_address_strings(seed=seed, per_type=per_type))
    rng.shuffle(out)
    return out


def score_detection(
    samples: list[LabelledString], *, policy: PrivacyPolicy | None = None
) -> dict[str, TypeScore]:
    """Per-label scores of ``redact_text`` (``redact_event`` for field samples) over ``samples``."""
    labels = ALL_LABELS if any(s.label in CONTEXT_LABELS for s in samples) else STRUCTURED_LABELS
    scores = {label: TypeScore(label) for label in labels}
    for sample in samples:
        redacted = _redacted(sample, policy)
        flagged = {label for label in labels if f"[{label}]" in redacted}
        if sample.label is not None:
            score = scores[sample.label]
            score.positives += 1
            leaks = _leaks_words if sample.label in CONTEXT_LABELS else _leaks
            if sample.label in flagged and not leaks(sample, redacted):
                score.found += 1
                flagged.discard(sample.label)
            else:
                score.misses.append(f"{sample.text!r} -> {redacted!r}")
                flagged.discard(sample.label)
        for label in flagged:
            scores[label].false_positives += 1
            scores[label].false_alarms.append(f"{sample.text!r} -> {redacted!r}")
    return scores


def score_by_locale(
    samples: list[LabelledString], *, policy: PrivacyPolicy | None = None
) -> dict[str, dict[str, TypeScore]]:
    """PERSON / ADDRESS scores per locale; each locale's positives against all negatives."""
    negatives = [s for s in samples if s.label is None]
    locales = sorted({s.locale for s in samples if s.label in CONTEXT_LABELS})
    out = {}
    for locale in locales:
        own = [s for s in samples if s.locale == locale]
        scores = score_detection(own + negatives, policy=policy)
        out[locale] = {label: scores[label] for label in CONTEXT_LABELS}
    return out


def format_table(scores: dict[str, TypeScore], *, title: str = "type") -> str:
    lines = [f"{title:<12} {'n':>5} {'recall':>7} {'precision':>9} {'F2':>6}"]
    for score in scores.values():
        lines.append(
            f"{score.label:<12} {score.positives:>5} {score.recall:>7.4f} "
            f"{score.precision:>9.4f} {score.f2:>6.4f}"
        )
    return "\n".join(lines)


def _redacted(sample: LabelledString, policy: PrivacyPolicy | None) -> str:
    if sample.field is None:
        return redact_text(sample.text, policy=policy)
    event = _FIELD_EVENT.model_copy(
        update={"element": Element(role="text", name=sample.field), "value": sample.text}
    )
    return redact_event(event, policy=policy or _FULL_CAPTURE).value or ""


_FULL_CAPTURE = PrivacyPolicy(default_capture=CaptureLevel.FULL)
_FIELD_EVENT = Event.model_validate(
    {
        "event_id": "e",
        "session_id": "s",
        "user_id": "u",
        "machine_id": "m",
        "timestamp": "2026-03-02T09:00:00Z",
        "kind": "type",
        "app": "crm.exe",
    }
)


def _leaks(sample: LabelledString, redacted: str) -> bool:
    """True when the identifying core of the secret (its digits, or itself) survives."""
    secret = sample.secret
    digits = "".join(c for c in secret if c.isdigit())
    if len(digits) >= 6:
        return digits in "".join(c for c in redacted if c.isdigit())
    return secret in redacted


def _leaks_words(sample: LabelledString, redacted: str) -> bool:
    """True when a word (3+ letters) or number of a name or address survives.

    Words that the template itself holds (``Customer``), honorifics and degrees (``Dr``,
    ``MBA``) and street-type or unit words (``Street``, ``Apt``) identify no one and may stay.
    """
    around = set(_WORDS.findall(sample.text.replace(sample.secret, " ")))
    kept = set(_WORDS.findall(redacted)) - around
    for word in _WORDS.findall(sample.secret):
        if word in kept and (word.isdigit() or len(word) >= 3) and word.casefold() not in _GENERIC:
            return True
    return False


_WORDS = re.compile(r"[^\W_]+")
_GENERIC = frozenset(
    str.split(
        "mr mrs ms miss dr prof herr frau mme mlle sr sra srta sig dott ing univ dipl mag jr"
        " sr ii iii iv md phd dds dvm mba bsc msc eng beng meng llm street st road rd avenue"
        " ave lane ln drive dr apt suite unit flat studio floor piso puerta planta"
        " appartamento piano interno kundze k-dze kungs k-gs"
    )
)


# --- positives -------------------------------------------------------------------------------

_FIRST = ("jane", "li", "ahmed", "maria", "o.connor", "sven", "anna-lena", "j", "kim", "noor")
_LAST = ("doe", "wang", "khan", "garcia", "smith", "berg", "muller", "x", "nguyen", "ali")
_DOMAINS = ("mail.example.org", "corp.example.com", "example.co.uk", "kunde.example.de", "x.io")


def _email(rng: random.Random) -> str:
    local = rng.choice(
        (
            f"{rng.choice(_FIRST)}.{rng.choice(_LAST)}",
            f"{rng.choice(_FIRST)}{rng.randint(1, 99)}",
            f"{rng.choice(_FIRST)}+crm{rng.randint(1, 9)}",
            f"{rng.choice(_LAST)}_{rng.choice(_FIRST)}",
        )
    )
    return f"{local}@{rng.choice(_DOMAINS)}"


_INTERNATIONAL_REGIONS = (*PHONE_REGIONS, "JP", "BR", "IN", "AU", "CA", "PL", "ZA", "MX")


def _phone(rng: random.Random) -> str:
    for _ in range(50):
        region = rng.choice(_INTERNATIONAL_REGIONS)
        kind = rng.choice((PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE))
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        national = str(example.national_number)
        tail = "".join(rng.choice(string.digits) for _ in range(3))
        example.national_number = int(national[:-3] + tail)
        if not phonenumbers.is_valid_number(example):
            continue
        international = region not in PHONE_REGIONS or rng.random() < 0.5
        if international:
            style = rng.choice((PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164))
            text = phonenumbers.format_number(example, style)
            if style is PhoneNumberFormat.INTERNATIONAL and rng.random() < 0.2:
                text = "00" + text[1:]
            return text
        return phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
    raise AssertionError("no valid phone number generated")  # pragma: no cover


_CARD_PREFIXES: tuple[tuple[str, int], ...] = (
    ("4", 16),
    ("4", 13),
    ("51", 16),
    ("55", 16),
    ("2221", 16),
    ("2720", 16),
)
_CARD_PREFIXES += (("34", 15), ("37", 15), ("6011", 16), ("65", 16), ("3530", 16), ("62", 19))


def _card(rng: random.Random) -> str:
    prefix, length = rng.choice(_CARD_PREFIXES)
    number = _luhn_complete(prefix, length, rng)
    separator = rng.choice(("", " ", "-", " "))
    if not separator:
        return number
    if length == 15:
        return separator.join((number[:4], number[4:10], number[10:]))
    return separator.join(number[i : i + 4] for i in range(0, length, 4))


def _iban(rng: random.Random) -> str:
    country, spec = rng.choice(_IBAN_SPECS)
    bban = "".join(_bban_part(part, rng) for part in spec)
    check = stdnum_iban.calc_check_digits(f"{country}00{bban}")
    compact = f"{country}{check}{bban}"
    if rng.random() < 0.6:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return compact


def _national_id(rng: random.Random) -> str:
    return rng.choice((_us_ssn, _uk_nino, _es_dni, _es_nie, _fi_hetu, _fr_nir))(rng)


def _us_ssn(rng: random.Random) -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def _uk_nino(rng: random.Random) -> str:
    first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    if first + second in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}:
        first, second = "A", "B"
    digits = f"{rng.randint(0, 999999):06d}"
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    return f"{first}{second}{digits}{suffix}"


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def _es_dni(rng: random.Random) -> str:
    number = rng.randint(10**6, 10**8 - 1)
    return f"{number:08d}{_DNI_LETTERS[number % 23]}"


def _es_nie(rng: random.Random) -> str:
    lead = rng.randint(0, 2)
    number = rng.randint(0, 10**7 - 1)
    return f"{'XYZ'[lead]}{number:07d}{_DNI_LETTERS[int(f'{lead}{number:07d}') % 23]}"


def _fi_hetu(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1930, 2020)
    sign = "-" if year < 2000 else "A"
    individual = rng.randint(2, 899)
    body = f"{day:02d}{month:02d}{year % 100:02d}"
    check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(f"{body}{individual:03d}") % 31]
    return f"{body}{sign}{individual:03d}{check}"


def _fr_nir(rng: random.Random) -> str:
    body = (
        f"{rng.randint(1, 2)}{rng.randint(30, 99):02d}{rng.randint(1, 12):02d}"
        f"{rng.randint(1, 95):02d}{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    )
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:]} {key:02d}"


# --- negatives -------------------------------------------------------------------------------


def _luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    for check in string.digits:
        if is_luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable")  # pragma: no cover


def _luhn_valid_non_card(rng: random.Random) -> str:
    """A Luhn-valid id outside every card range: first digit 0, 1, 7, 8 or 9."""
    return f"ID {_luhn_complete(rng.choice('01789'), rng.choice((13, 16, 19)), rng)}"


def _luhn_valid_timestamp(rng: random.Random) -> str:
    """A Luhn-valid millisecond epoch timestamp (13 digits, 2001-2033)."""
    return _luhn_complete("1", 13, rng)


def _bban_part(part: tuple[int, str], rng: random.Random) -> str:
    length, kind = part
    alphabet = {
        "n": string.digits,
        "a": string.ascii_uppercase,
        "c": string.ascii_uppercase + string.digits,
    }[kind]
    return "".join(rng.choice(alphabet) for _ in range(length))


def _parse_bban(spec: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(n), kind) for n, kind in re.findall(r"(\d+)!?([nac])", spec))


_IBAN_SPECS: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = tuple(
    (str(prefix), _parse_bban(str(props["bban"])))
    for _length, prefix, _value, props, _children in numdb.get("iban").prefixes
    if "bban" in props
)
