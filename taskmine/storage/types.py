"""Adapter (storage): column types that behave the same on SQLite and PostgreSQL.

``UtcDateTime`` only accepts time-zone-aware values and always returns them in UTC: PostgreSQL
keeps ``timestamptz``; SQLite has no time zones, so UTC is stored as naive ISO text (which sorts
chronologically) and UTC is re-attached on the way out. ``JsonDocument`` is JSONB on PostgreSQL
and JSON text on SQLite.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator, TypeEngine

JsonDocument: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """An instant in UTC; a naive datetime is a bug at the caller and is refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"refusing to store naive datetime {value!r}: attach a time zone")
        value = value.astimezone(UTC)
        # SQLite's DATETIME ignores tzinfo; drop it explicitly so what is stored is plainly UTC.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
