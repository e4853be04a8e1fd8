"""Storage on real databases: every test body runs against SQLite (a temp file) and PostgreSQL.

PostgreSQL is the server on 127.0.0.1:5432 (user postgres, database ``test``); each test session
works in its own freshly created schema and drops it afterwards. Without the server, the
PostgreSQL half is skipped with a message saying so.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, literal, select
from sqlalchemy.exc import StatementError

from taskmine.domain import Element, Event, PathNode
from taskmine.settings import sqlite_url_for
from taskmine.storage import (
    ConflictError,
    JobStatus,
    NotFoundError,
    Role,
    SqlStore,
    chain_pages,
    create_token,
    ensure_admin_token,
    open_store,
)
from taskmine.storage.migrate import head_revision, read_schema_revision, upgrade_schema
from taskmine.storage.schema import api_tokens, discovery_results, metadata
from taskmine.storage.types import UtcDateTime

# --- backends ---------------------------------------------------------------------------------


def fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return sqlite_url_for(tmp_path / f"{uuid.uuid4().hex}.db")
    factory = request.getfixturevalue("postgres_schema_factory")
    return factory()  # type: ignore[operator, no-any-return]


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SqlStore]:
    """One migrated store per backend for the session; tests isolate themselves by project."""
    url = fresh_url(request.param, tmp_path_factory.mktemp("db"), request)
    opened = open_store(url)
    yield opened
    opened.close()


@pytest.fixture
def project_id(store: SqlStore) -> str:
    owner = store.users.ensure_user(f"owner-{uuid.uuid4().hex[:8]}", role=Role.ANALYST)
    return store.projects.create_project("test", owner_id=owner.id).id


def make_event(
    index: int, *, at: datetime | None = None, session: str = "s1", user: str = "u1"
) -> Event:
    moment = at or datetime(2026, 3, 2, 9, 0, tzinfo=UTC) + timedelta(seconds=index)
    return Event.model_validate(
        {
            "event_id": f"e{index}",
            "session_id": session,
            "user_id": user,
            "machine_id": "m1",
            "timestamp": moment.isoformat(),
            "kind": "click",
            "app": "excel.exe",
            "window": f"Book{index}.xlsx",
            "element": {
                "role": "button",
                "name": f"Save {index}",
                "path": [{"role": "window", "name": "Excel", "index": 0}],
            },
            "attrs": {"n": index, "nested": {"k": [1, 2]}},
        }
    )


def read_all(store: SqlStore, project_id: str, *, page_size: int = 1000) -> list[Event]:
    return list(chain_pages(store.events.iter_events(project_id, page_size=page_size)))


# --- migrations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_migrations_apply_from_empty_and_match_the_declared_schema(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from taskmine.storage import build_engine

    engine = build_engine(fresh_url(backend, tmp_path, request))
    assert read_schema_revision(engine) is None
    upgrade_schema(engine)
    upgrade_schema(engine)  # a second start finds the schema current and changes nothing
    assert read_schema_revision(engine) == head_revision()
    with engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), metadata
        )
        tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert {"users", "api_tokens", "projects", "project_shares", "events"} <= tables
    assert {"mining_jobs", "discovery_results", "alembic_version"} <= tables
    engine.dispose()


def test_sqlite_connections_use_wal_and_enforce_foreign_keys(tmp_path: Path) -> None:
    opened = open_store(sqlite_url_for(tmp_path / "wal.db"))
    with opened.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    opened.close()


# --- events -----------------------------------------------------------------------------------


def test_ingesting_the_same_batch_twice_stores_it_once(store: SqlStore, project_id: str) -> None:
    batch = [make_event(i) for i in range(50)]
    first = store.events.add_events(project_id, batch)
    second = store.events.add_events(project_id, batch)
    assert (first.accepted, first.duplicates) == (50, 0)
    assert (second.accepted, second.duplicates) == (0, 50)
    assert store.events.count_events(project_id) == 50


def test_duplicates_inside_one_batch_are_counted_not_stored(
    store: SqlStore, project_id: str
) -> None:
    batch = [make_event(0), make_event(1), make_event(0), make_event(2), make_event(1)]
    outcome = store.events.add_events(project_id, batch)
    assert (outcome.accepted, outcome.duplicates) == (3, 2)
    assert [e.event_id for e in read_all(store, project_id)] == ["e0", "e1", "e2"]


def test_a_partly_known_batch_lands_only_its_new_events(store: SqlStore, project_id: str) -> None:
    store.events.add_events(project_id, [make_event(i) for i in range(10)])
    outcome = store.events.add_events(project_id, [make_event(i) for i in range(5, 15)])
    assert (outcome.accepted, outcome.duplicates) == (5, 5)
    assert store.events.count_events(project_id) == 15


def test_the_same_event_id_may_exist_in_two_projects(store: SqlStore, project_id: str) -> None:
    other = store.projects.create_project(
        "other", owner_id=store.projects.get_project(project_id).owner_id
    )  # type: ignore[union-attr]
    assert store.events.add_events(project_id, [make_event(1)]).accepted == 1
    assert store.events.add_events(other.id, [make_event(1)]).accepted == 1
    assert store.events.count_events(project_id) == store.events.count_events(other.id) == 1


def test_events_come_back_in_timestamp_then_insertion_order(
    store: SqlStore, project_id: str
) -> None:
    base = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    # Inserted out of time order, with a block of identical timestamps split across batches.
    late = [make_event(i, at=base + timedelta(minutes=5)) for i in range(100, 103)]
    tied_a = [make_event(i, at=base) for i in (7, 3, 9)]
    tied_b = [make_event(i, at=base) for i in (1, 8)]
    early = [make_event(i, at=base - timedelta(seconds=1)) for i in (50,)]
    for batch in (late, tied_a, tied_b, early):
        store.events.add_events(project_id, batch)
    expected = ["e50", "e7", "e3", "e9", "e1", "e8", "e100", "e101", "e102"]
    for page_size in (1, 2, 4, 1000):  # page boundaries inside the tie must not reorder or skip
        assert [e.event_id for e in read_all(store, project_id, page_size=page_size)] == expected


def test_events_round_trip_unchanged(store: SqlStore, project_id: str) -> None:
    offset = timezone(timedelta(hours=2))
    original = Event(
        event_id="rt-1",
        session_id="s",
        user_id="u",
        machine_id="m",
        timestamp=datetime(2026, 3, 2, 11, 10, 3, 593000, tzinfo=offset),
        kind="paste",  # type: ignore[arg-type]
        app="sapgui.exe",
        window=None,
        element=Element(
            role="edit",
            name="Amount",
            automation_id="txtAmount",
            path=(PathNode(role="window", name="MIRO", index=0), PathNode(role="pane")),
        ),
        value="1 234,50 €",
        url=None,
        attrs={"source_app": "excel.exe", "keys": ["ctrl", "v"], "n": 1.5},
    )
    store.events.add_events(project_id, [original, make_event(2)])
    back = {e.event_id: e for e in read_all(store, project_id)}["rt-1"]
    assert back == original
    assert back.timestamp.tzinfo == UTC
    assert back.timestamp.hour == 9


def test_partitions_list_counts_and_pages_hold_one_partition(
    store: SqlStore, project_id: str
) -> None:
    batch = [make_event(i, session="s1", user="u1") for i in range(3)]
    batch += [make_event(i, session="s2", user="u1") for i in range(3, 8)]
    batch += [make_event(i, session="s1", user="u2") for i in range(8, 10)]
    store.events.add_events(project_id, batch)
    assert store.list_partitions(project_id) == [("u1", "s1", 3), ("u1", "s2", 5), ("u2", "s1", 2)]
    pages = list(store.iter_event_pages(project_id, page_size=2, partition=("u1", "s2")))
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [e.event_id for page in pages for e in page] == ["e3", "e4", "e5", "e6", "e7"]


def test_ingesting_into_an_unknown_project_raises_not_found(store: SqlStore) -> None:
    with pytest.raises(NotFoundError, match="does not exist"):
        store.events.add_events("prj_missing", [make_event(1)])


# --- projects, users, tokens ------------------------------------------------------------------


def test_a_project_is_visible_to_its_owner_and_shares_only(store: SqlStore) -> None:
    suffix = uuid.uuid4().hex[:8]
    owner = store.users.ensure_user(f"own-{suffix}", role=Role.ANALYST)
    friend = store.users.ensure_user(f"friend-{suffix}", role=Role.MANAGER)
    stranger = store.users.ensure_user(f"stranger-{suffix}", role=Role.ADMIN)
    project = store.projects.create_project(
        "p", owner_id=owner.id, settings={"roi": {"hourly_cost": 60.0}}
    )
    store.projects.share_project(project.id, user_id=friend.id)
    store.projects.share_project(project.id, user_id=friend.id)  # sharing twice is harmless
    assert store.projects.find_visible_project(project.id, user_id=owner.id) == project
    assert store.projects.find_visible_project(project.id, user_id=friend.id) == project
    assert store.projects.find_visible_project(project.id, user_id=stranger.id) is None
    assert [p.id for p in store.projects.list_visible_projects(friend.id)] == [project.id]
    assert store.projects.list_visible_projects(stranger.id) == []
    assert store.projects.list_shares(project.id) == [friend.name]
    assert store.discovery_parameters(project.id) == {"roi": {"hourly_cost": 60.0}}


def test_tokens_store_only_their_hash_and_stop_working_when_revoked(store: SqlStore) -> None:
    user = store.users.ensure_user(f"tok-{uuid.uuid4().hex[:8]}", role=Role.AGENT)
    issued = store.tokens.create_token(user.id, role=Role.AGENT)
    principal = store.tokens.verify_token(issued.plaintext)
    assert principal is not None
    assert (principal.user_id, principal.role) == (user.id, Role.AGENT)
    with store.engine.connect() as connection:
        stored = (
            connection.execute(select(api_tokens).where(api_tokens.c.id == issued.token_id))
            .mappings()
            .one()
        )
    assert issued.plaintext not in {str(value) for value in stored.values()}
    assert len(stored["token_hash"]) == 64
    assert store.tokens.verify_token(issued.plaintext + "x") is None
    store.tokens.revoke_token(issued.token_id)
    assert store.tokens.verify_token(issued.plaintext) is None


def test_the_first_start_gets_an_admin_token_and_later_starts_do_not(tmp_path: Path) -> None:
    fresh = open_store(sqlite_url_for(tmp_path / "boot.db"))
    token = ensure_admin_token(fresh)
    assert token is not None
    principal = fresh.tokens.verify_token(token)
    assert principal is not None
    assert principal.role is Role.ADMIN
    assert ensure_admin_token(fresh) is None
    agent = fresh.tokens.verify_token(create_token(fresh, role="agent", user="recorder-1"))
    assert agent is not None
    assert (agent.role, agent.user_name) == (Role.AGENT, "recorder-1")
    with pytest.raises(ValueError, match="unknown role 'boss'"):
        create_token(fresh, role="boss")
    fresh.close()


def test_naive_timestamps_are_refused_by_the_storage_types(
    store: SqlStore, project_id: str
) -> None:
    naive = datetime(2026, 3, 2, 9, 0)  # noqa: DTZ001 - the point of the test
    with (
        pytest.raises(StatementError, match="naive datetime"),
        store.engine.connect() as connection,
    ):
        connection.execute(select(literal(naive, UtcDateTime())))


# --- jobs and results -------------------------------------------------------------------------


def test_a_job_waits_queued_then_runs_then_completes(store: SqlStore, project_id: str) -> None:
    job = store.jobs.create_job(project_id)
    assert (job.status, job.stage, job.progress, job.started_at, job.finished_at) == (
        JobStatus.RUNNING,
        "queued",
        0.0,
        None,
        None,
    )
    running = store.jobs.update_job(job.id, status="running", progress=0.25, stage="segmenting")
    assert running.status is JobStatus.RUNNING
    assert running.started_at is not None
    assert running.stage == "segmenting"
    assert running.finished_at is None
    again = store.jobs.update_job(job.id, status="running", progress=0.5)
    assert again.started_at == running.started_at  # the start is stamped once
    done = store.jobs.update_job(job.id, status="completed", counts={"events": 10, "candidates": 2})
    assert (done.status, done.progress, done.counts) == (
        JobStatus.COMPLETED,
        1.0,
        {"events": 10, "candidates": 2},
    )
    assert done.finished_at is not None
    assert done.finished_at >= done.started_at
    assert done.created_at is not None
    assert done.created_at.tzinfo == UTC


def test_a_failed_job_keeps_its_error_and_bad_updates_are_refused(
    store: SqlStore, project_id: str
) -> None:
    job = store.jobs.create_job(project_id)
    failed = store.jobs.update_job(job.id, status="failed", error="no events to mine")
    assert (failed.status, failed.error) == (JobStatus.FAILED, "no events to mine")
    assert failed.finished_at is not None
    with pytest.raises(ValueError, match="between 0 and 1"):
        store.jobs.update_job(job.id, progress=1.5)
    with pytest.raises(ValueError, match="cannot update job fields"):
        store.jobs.update_job(job.id, project_id="elsewhere")
    with pytest.raises(ValueError, match="'paused' is not a valid JobStatus"):
        store.jobs.update_job(job.id, status="paused")
    with pytest.raises(NotFoundError):
        store.jobs.update_job("job_missing", progress=0.5)
    assert store.jobs.get_job("job_missing") is None


def test_saving_a_result_twice_for_one_job_writes_one_row(store: SqlStore, project_id: str) -> None:
    job = store.jobs.create_job(project_id)
    first = store.jobs.save_result(
        project_id, job.id, {"schema": "taskmine.discovery/v1", "events": 1, "candidates": []}
    )
    retried = store.jobs.save_result(
        project_id, job.id, {"schema": "taskmine.discovery/v1", "events": 999, "candidates": []}
    )
    assert first == retried == 1
    latest = store.jobs.get_latest_result(project_id)
    assert latest is not None
    assert latest.result["events"] == 1
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(func.count())
            .select_from(discovery_results)
            .where(discovery_results.c.job_id == job.id)
        ).scalar_one()
    assert rows == 1


def test_concurrent_retries_of_one_save_agree_on_one_version(
    store: SqlStore, project_id: str
) -> None:
    job = store.jobs.create_job(project_id)
    versions: list[int] = []
    barrier = threading.Barrier(6)

    def save() -> None:
        barrier.wait()
        versions.append(store.jobs.save_result(project_id, job.id, {"events": 0, "candidates": []}))

    threads = [threading.Thread(target=save) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert versions == [1] * 6


def test_result_versions_count_up_and_the_latest_wins(store: SqlStore, project_id: str) -> None:
    assert store.jobs.get_latest_result(project_id) is None
    jobs = [store.jobs.create_job(project_id) for _ in range(3)]
    saved = [
        store.jobs.save_result(project_id, job.id, {"events": n, "candidates": []})
        for n, job in enumerate(jobs)
    ]
    assert saved == [1, 2, 3]
    latest = store.jobs.get_latest_result(project_id)
    assert latest is not None
    assert (latest.version, latest.job_id, latest.result["events"]) == (
        3,
        jobs[2].id,
        2,
    )


def test_a_result_cannot_be_saved_for_a_job_of_another_project(
    store: SqlStore, project_id: str
) -> None:
    owner_id = store.projects.get_project(project_id).owner_id  # type: ignore[union-attr]
    other = store.projects.create_project("other", owner_id=owner_id)
    job = store.jobs.create_job(other.id)
    with pytest.raises(ConflictError, match="belongs to project"):
        store.jobs.save_result(project_id, job.id, {"events": 0, "candidates": []})
    with pytest.raises(NotFoundError):
        store.jobs.save_result(project_id, "job_missing", {"events": 0, "candidates": []})
