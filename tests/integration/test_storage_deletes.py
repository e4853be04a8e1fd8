"""Deleting events under a mining job, at the storage level, on SQLite and PostgreSQL: every
delete bumps the project's deletion generation in its own transaction, a save given an older
generation writes nothing (also when the delete is still in flight), a deleted ``seq`` is never
handed out again, and migration 0006 brings a database holding data there."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text, update

from taskmine.domain import Event, EventKind
from taskmine.governance.consent import ConsentStatus
from taskmine.samples.generator import generate_events
from taskmine.storage import EventsDeletedError, Principal, Role, SqlStore, open_store
from taskmine.storage.event_deletions import delete_events
from taskmine.storage.ids import utc_now
from taskmine.storage.schema import discovery_results, events, metadata
from tests.integration.old_schemas import add_owner_and_project, database_at

AddProject = Callable[[Sequence[Event]], str]
RESULT = {"schema": "taskmine.discovery/v1", "events": 1, "candidates": []}
ROOT = Path(__file__).resolve().parents[2]


def withdraw(store: SqlStore, project_id: str, user: str) -> int:
    """``user`` withdraws consent to a data request of the project: their events go."""
    who = Principal(user_id="x", user_name="ana", role=Role.ANALYST, token_id="t")
    request = store.governance.create_request(
        project_id,
        users=[user],
        apps=["*"],
        starts_at=datetime(2026, 1, 1, tzinfo=UTC),
        ends_at=datetime(2027, 1, 1, tzinfo=UTC),
        purpose="test",
        approver="mia",
        actor=who,
    )
    _, deleted = store.governance.set_consent(
        request.id, user_name=user, status=ConsentStatus.WITHDRAWN, actor=who
    )
    return deleted


def age_events(store: SqlStore, project_id: str, user: str) -> None:
    """Make retention see the user's events as first seen 90 days ago (the purge removes
    them; the default keeps raw events 30 days)."""
    with store.engine.begin() as connection:
        connection.execute(
            update(events)
            .where(events.c.project_id == project_id, events.c.user_id == user)
            .values(retained_since=utc_now() - timedelta(days=90))
        )


def result_rows(store: SqlStore, job_id: str) -> int:
    query = select(func.count()).where(discovery_results.c.job_id == job_id)
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def test_every_event_delete_bumps_the_generation_of_the_projects_that_lost_events(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    sample = list(generate_events(users=3, days=1, seed=5))
    first, second, untouched = (add_any_project(sample) for _ in range(3))
    assert {store.deletion_generation(p) for p in (first, second, untouched)} == {0}

    assert withdraw(store, first, "u02") > 0
    assert store.deletion_generation(first) == 1
    assert withdraw(store, first, "nobody") == 0  # nothing deleted: nothing to tell a job
    assert store.deletion_generation(first) == 1

    age_events(store, first, "u01")
    age_events(store, second, "u03")
    purged = store.governance.purge_expired(now=utc_now())
    assert purged["raw_events"] > 0
    assert [store.deletion_generation(p) for p in (first, second, untouched)] == [2, 1, 0]
    assert store.governance.purge_expired(now=utc_now())["raw_events"] == 0
    assert [store.deletion_generation(p) for p in (first, second, untouched)] == [2, 1, 0]


def test_a_save_after_a_delete_writes_nothing(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    project_id = add_any_project(list(generate_events(users=2, days=1, seed=6)))
    job = store.jobs.create_job(project_id)
    read_at = store.deletion_generation(project_id)
    withdraw(store, project_id, "u01")
    with pytest.raises(EventsDeletedError, match="deleted"):
        store.save_result(project_id, job.id, RESULT, deletion_generation=read_at)
    assert result_rows(store, job.id) == 0
    now = store.deletion_generation(project_id)
    assert store.save_result(project_id, job.id, RESULT, deletion_generation=now) == 1


def test_a_save_waits_for_a_delete_in_flight_and_then_writes_nothing(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    project_id = add_any_project(list(generate_events(users=2, days=1, seed=7)))
    job = store.jobs.create_job(project_id)
    read_at = store.deletion_generation(project_id)
    outcome: list[Any] = []

    def save() -> None:
        try:
            outcome.append(
                store.save_result(project_id, job.id, RESULT, deletion_generation=read_at)
            )
        except EventsDeletedError as error:
            outcome.append(error)

    with store.engine.connect() as deleting:
        with deleting.begin():
            deleted = delete_events(
                deleting, (events.c.project_id == project_id) & (events.c.user_id == "u01")
            )
            assert deleted > 0
            saver = threading.Thread(target=save)
            saver.start()
            time.sleep(0.5)
            assert not outcome, "the save did not wait for the delete in flight"
        saver.join(15)
    assert len(outcome) == 1
    assert isinstance(outcome[0], EventsDeletedError)
    assert result_rows(store, job.id) == 0


def test_every_delete_of_events_goes_through_delete_events() -> None:
    # The generation only protects jobs if no delete of events skips the bump.
    pattern = re.compile(r"delete\(\s*events\b|DELETE\s+FROM\s+events\b", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("taskmine", "workflows")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "event_deletions.py" and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_a_seq_is_never_handed_out_again_after_the_newest_events_are_deleted(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    sample = list(generate_events(users=2, days=1, seed=8))
    project_id = add_any_project(sample)
    newest = [
        e.model_copy(update={"event_id": f"late-{e.event_id}", "user_id": "late"})
        for e in sample[:20]
    ]
    store.events.add_events(project_id, newest)
    job = store.jobs.create_job(project_id)
    assert job.event_cutoff is not None
    withdraw(store, project_id, "late")  # the rows with the highest seq go
    uploaded = [e.model_copy(update={"event_id": f"new-{e.event_id}"}) for e in sample[:30]]
    assert store.events.add_events(project_id, uploaded).accepted == 30

    snapshot = {
        e.event_id
        for page in store.iter_event_pages(project_id, page_size=500, up_to_seq=job.event_cutoff)
        for e in page
    }
    assert snapshot == {e.event_id for e in sample}
    assert store.events.last_seq(project_id) > job.event_cutoff


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_migration_0006_keeps_the_events_and_never_reuses_a_pinned_seq(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url, engine = database_at("0005_job_snapshot_cancel", backend, tmp_path, request)
    now = datetime(2026, 3, 2, tzinfo=UTC)
    with engine.begin() as connection:
        add_owner_and_project(connection, now, settings='{"roi": {"hourly_cost": 60.0}}')
        for n in range(8):
            connection.execute(
                text(
                    "INSERT INTO events (project_id, event_id, session_id, user_id, machine_id, "
                    "ts, kind, app, attrs) VALUES ('p1', :e, 's1', 'w1', 'm1', :t, 'click', "
                    "'excel.exe', '{}')"
                ),
                {"e": f"e{n}", "t": now + timedelta(seconds=n)},
            )
        seqs = [row[0] for row in connection.execute(text("SELECT seq FROM events ORDER BY seq"))]
        connection.execute(
            text(
                "INSERT INTO mining_jobs (id, project_id, status, stage, progress, counts, "
                "created_at, event_cutoff) VALUES ('j1', 'p1', 'running', 'mining', 0.5, '{}', "
                ":t, :cutoff)"
            ),
            {"t": now, "cutoff": seqs[-1]},
        )
        # The newest three are deleted before the upgrade, under the running job's cut-off.
        connection.execute(text("DELETE FROM events WHERE seq > :s"), {"s": seqs[4]})
    engine.dispose()

    store = open_store(url)  # migrates to head, as a service start does
    try:
        kept = [e.event_id for page in store.events.iter_events("p1") for e in page]
        assert kept == [f"e{n}" for n in range(5)]
        late = Event(
            event_id="e-new",
            session_id="s1",
            user_id="w1",
            machine_id="m1",
            timestamp=now,
            kind=EventKind.CLICK,
            app="excel.exe",
        )
        assert store.events.add_events("p1", [late, late]).accepted == 1  # still unique
        assert store.events.last_seq("p1") > seqs[-1]  # above the running job's cut-off
        pinned_snapshot = [
            e.event_id for p in store.events.iter_events("p1", up_to_seq=seqs[-1]) for e in p
        ]
        assert pinned_snapshot == kept
        with store.engine.connect() as connection:
            assert [
                r[0] for r in connection.execute(text("SELECT seq FROM events ORDER BY seq"))
            ] == [*seqs[:5], store.events.last_seq("p1")]
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
            if backend == "sqlite":
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert store.deletion_generation("p1") == 0
        old = store.jobs.get_job("j1")
        assert old is not None
        assert old.parameters is None
        pinned = store.job_parameters("j1")  # an old job pins its parameters when it plans
        assert pinned["discovery"] == {"roi": {"hourly_cost": 60.0}}
        assert store.jobs.get_job("j1").parameters == pinned  # type: ignore[union-attr]
    finally:
        store.close()
