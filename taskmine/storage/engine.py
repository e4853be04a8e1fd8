"""Adapter (storage): builds the SQLAlchemy engine with the right settings per dialect.

SQLite (the embedded default) gets, on every new connection:
- ``journal_mode=WAL``: readers never block the single writer, so the API can serve reads while
  a batch is being ingested;
- ``synchronous=NORMAL``: with WAL this stays corruption-free; a power cut can lose the last
  few committed transactions (not a crash of the process). Ingest is idempotent, so a recorder
  that did not get its answer simply resends;
- ``foreign_keys=ON`` (SQLite ships with them off) and ``busy_timeout`` so concurrent writers
  wait for the lock instead of failing at once.
PostgreSQL (``postgresql+psycopg://...``) needs nothing special beyond a pre-ping pool.
JSON goes through orjson on both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

SQLITE_BUSY_TIMEOUT_MS = 10_000


def build_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url`` (``sqlite:///FILE``, ``sqlite://`` in memory, or PostgreSQL)."""
    parsed = make_url(url)
    common: dict[str, Any] = {
        "echo": echo,
        "json_serializer": _dump_json,
        "json_deserializer": orjson.loads,
    }
    if parsed.get_backend_name() == "sqlite":
        return _build_sqlite_engine(url, database=parsed.database, common=common)
    if parsed.get_backend_name() == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            raise ValueError(
                f"database URL {parsed.render_as_string(hide_password=True)!r} uses driver "
                f"{parsed.get_driver_name()!r}; use postgresql+psycopg://USER@HOST/DB"
            )
        return create_engine(url, pool_pre_ping=True, **common)
    raise ValueError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite:///FILE or "
        "postgresql+psycopg://USER@HOST/DB"
    )


def _build_sqlite_engine(url: str, *, database: str | None, common: dict[str, Any]) -> Engine:
    in_memory = database is None or database in ("", ":memory:")
    if database is None or in_memory:
        # One shared connection, or every pooled connection would see its own empty database.
        engine = create_engine(
            url,
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
            **common,
        )
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            pool_size=8,
            **common,
        )

    @event.listens_for(engine, "connect")
    def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    return engine


def _dump_json(value: Any) -> str:
    # OPT_NON_STR_KEYS: attrs may carry int keys from a permissive recorder; keep, don't fail.
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
