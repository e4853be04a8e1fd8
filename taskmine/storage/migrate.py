"""Adapter (storage): brings a database's schema up to date with Alembic, programmatically.

The service calls ``upgrade_schema`` on start, so a fresh data dir or a new release needs no
manual step. On PostgreSQL an advisory lock serialises concurrent starters (API + workers);
SQLite's own write lock does the same for the embedded default.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from taskmine.storage.errors import SchemaError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
ALEMBIC_INI = MIGRATIONS_DIR / "alembic.ini"
# Any constant will do; it only has to be the same for every taskmine process.
_PG_MIGRATION_LOCK = 7_341_129_004


def build_alembic_config() -> Config:
    """The Alembic config of the shipped migrations (for tools and tests)."""
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_schema(engine: Engine, *, revision: str = "head") -> None:
    """Apply every migration up to ``revision`` (idempotent: a current schema is left alone)."""
    config = build_alembic_config()
    if engine.dialect.name == "sqlite":
        _upgrade_sqlite(engine, config, revision)
        return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _upgrade_sqlite(engine: Engine, config: Config, revision: str) -> None:
    # SQLite alters a table by rebuilding it, and with foreign keys on, dropping the old copy
    # would cascade into every table that refers to it (what SQLite and Alembic's batch mode
    # document). The pragma only takes effect outside a transaction, so it is set first and
    # the references are checked before the migrations commit.
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise SchemaError(
                        f"migrating to {revision} would leave {len(broken)} dangling "
                        f"references (first: {tuple(broken[0])}); nothing was changed"
                    )
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def read_schema_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision this code ships."""
    head = ScriptDirectory.from_config(build_alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships at least one revision
        raise RuntimeError("no migrations found in the taskmine package")
    return head
