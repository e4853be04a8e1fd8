"""Alembic environment: runs migrations on the connection ``upgrade_schema`` hands over.

From the command line (``alembic -c taskmine/storage/migrations/alembic.ini -x url=URL upgrade
head``) it builds its own engine with the same per-dialect settings as the service.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from taskmine.storage.engine import build_engine
from taskmine.storage.schema import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("pass the database URL: alembic -x url=sqlite:///FILE upgrade head")
    engine = build_engine(url)
    with engine.begin() as owned:
        _run(owned)
    engine.dispose()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) mode is not supported; run against a database")
run_migrations_online()
