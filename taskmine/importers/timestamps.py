"""Importers, stage 0: source timestamps to aware UTC datetimes.

The shared UI logs carry ISO 8601 with ``Z`` (Action Logger), with offsets written the pandas
way (``2019-02-22 06:25:04.111000+11:00``, Rebmann's merged logs), naive ones
(``2021-06-23 12:54:52.993000``, SmartRPA rows in L2) and XES ``xs:dateTime``. All become UTC.
A naive timestamp is taken to be UTC and the caller is told so (``assumed_utc``), so that the
event can say it in its attrs instead of silently shifting the clock. Unix epoch numbers
(seconds or milliseconds) are accepted too, since other loggers write them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from taskmine.importers.records import RecordError

_SLASHED_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?=$|[ T])")
_SPACED_OFFSET = re.compile(r"\s+([+-]\d{2}:?\d{2}|Z|UTC|GMT)$")
_EPOCH = re.compile(r"^\d{9,13}(\.\d+)?$")
# Before 1970 or after 2100 a UI event time is a parsing accident (an id read as a date).
_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def parse_source_timestamp(text: str) -> tuple[datetime, bool]:
    """``(moment in UTC, assumed_utc)``; raises ``RecordError`` saying what was wrong."""
    cleaned = text.strip()
    if not cleaned:
        raise RecordError("the timestamp is empty; every event needs the time it happened")
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        moment = _parse_uncommon(cleaned)
    assumed_utc = moment.tzinfo is None or moment.utcoffset() is None
    try:
        moment = moment.replace(tzinfo=UTC) if assumed_utc else moment.astimezone(UTC)
    except OverflowError:
        raise RecordError(f"timestamp {text!r} is out of range") from None
    check_plausible_time(moment, text)
    return moment, assumed_utc


def check_plausible_time(moment: datetime, text: str) -> None:
    """Raise ``RecordError`` unless ``moment`` (aware) lies in 1970-2100; ``text`` is quoted."""
    if not _EARLIEST <= moment < _LATEST:
        raise RecordError(
            f"timestamp {text!r} is outside 1970-2100; is the right column the timestamp?"
        )


def _parse_uncommon(text: str) -> datetime:
    if _EPOCH.match(text):
        number = float(text)
        # 13 digits are milliseconds (JavaScript Date.now()); 9-10 are seconds.
        seconds = number / 1000 if len(text.split(".")[0]) > 11 else number
        return datetime.fromtimestamp(seconds, tz=UTC)
    candidate = text[:-1] + "+00:00" if text.endswith("z") else text
    candidate = _SPACED_OFFSET.sub(lambda m: _offset_of(m.group(1)), candidate)
    candidate = _SLASHED_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        raise RecordError(
            f"timestamp {text!r} is not a date-time this importer reads; write ISO 8601 "
            "such as 2019-02-22T06:25:04.111Z (or with an offset like +11:00)"
        ) from None


def _offset_of(token: str) -> str:
    return "+00:00" if token in {"Z", "UTC", "GMT"} else token
