"""A database left at an older migration, with an owner and a project: for migration tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text

from taskmine.settings import sqlite_url_for
from taskmine.storage import build_engine
from taskmine.storage.migrate import upgrade_schema


def database_at(
    revision: str, backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> tuple[str, Engine]:
    """The URL and engine of a fresh SQLite file or PostgreSQL schema upgraded only as far as
    ``revision``."""
    if backend == "sqlite":
        url = sqlite_url_for(tmp_path / "old.db")
    else:
        url = request.getfixturevalue("postgres_schema_factory")()
    engine = build_engine(url)
    upgrade_schema(engine, revision=revision)
    return url, engine


def add_owner_and_project(connection: Connection, now: datetime, *, settings: str) -> None:
    """User ``u1`` (analyst ``ana``) and project ``p1`` with ``settings`` (JSON text)."""
    connection.execute(
        text("INSERT INTO users (id, name, role, created_at) VALUES ('u1', 'ana', 'analyst', :t)"),
        {"t": now},
    )
    connection.execute(
        text(
            "INSERT INTO projects (id, name, owner_id, settings, created_at) "
            "VALUES ('p1', 'old', 'u1', :settings, :t)"
        ),
        {"settings": settings, "t": now},
    )
