"""Shared integration fixtures. Only what a test asks for starts: one real Temporal dev server
per test session (``temporal_address``) from the ``temporal`` CLI the venv ships, and, for the
workflow tests, a migrated store with projects of events: ``mining_store`` is SQLite,
``any_mining_store`` runs the test once on SQLite and once on the PostgreSQL server on
127.0.0.1:5432 (a fresh schema, dropped afterwards; skipped when the server is unreachable).
``postgres_schema_factory`` is the one way every integration test gets a PostgreSQL database."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from taskmine.domain import Event
from taskmine.settings import sqlite_url_for
from taskmine.storage import Role, SqlStore, open_store
from workflows.dev_server import start_dev_server

PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def temporal_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """host:port of a Temporal dev server that lives for the whole test session."""
    with start_dev_server(tmp_path_factory.mktemp("temporal")) as server:
        yield server.address


@pytest.fixture
def mining_store(tmp_path: Path) -> Iterator[SqlStore]:
    """A migrated SQLite store in the test's directory (``<tmp>/taskmine.db``)."""
    store = open_store(sqlite_url_for(tmp_path / "taskmine.db"))
    yield store
    store.close()


@pytest.fixture(scope="session")
def postgres_schema_factory() -> Iterator[Callable[[], str]]:
    """Makes uniquely named schemas on the local server (each a fresh, empty database for
    SQLAlchemy) and drops them all when the session ends; skips when the server is unreachable."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_DSN, autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 is unreachable ({error}); SQLite only")
    made: list[str] = []

    def make() -> str:
        schema = f"tm_test_{uuid.uuid4().hex[:12]}"
        admin.execute(f'CREATE SCHEMA "{schema}"')
        made.append(schema)
        return f"{PG_URL}?options=-csearch_path%3D{schema}"

    yield make
    for schema in made:
        admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    admin.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_mining_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    """The same test on SQLite and on PostgreSQL (its own schema, dropped afterwards)."""
    if request.param == "sqlite":
        url = sqlite_url_for(tmp_path / "taskmine.db")
    else:
        url = request.getfixturevalue("postgres_schema_factory")()
    store = open_store(url)
    yield store
    store.close()


def _project_maker(store: SqlStore) -> Callable[[Sequence[Event]], str]:
    def add(events: Sequence[Event]) -> str:
        owner = store.users.ensure_user("analyst", role=Role.ANALYST)
        project = store.projects.create_project("workflow test", owner_id=owner.id)
        for start in range(0, len(events), 5_000):
            store.events.add_events(project.id, events[start : start + 5_000])
        return project.id

    return add


@pytest.fixture
def add_project(mining_store: SqlStore) -> Callable[[Sequence[Event]], str]:
    """Make a project in ``mining_store`` holding ``events``; its id."""
    return _project_maker(mining_store)


@pytest.fixture
def add_any_project(any_mining_store: SqlStore) -> Callable[[Sequence[Event]], str]:
    """Make a project in ``any_mining_store`` holding ``events``; its id."""
    return _project_maker(any_mining_store)
