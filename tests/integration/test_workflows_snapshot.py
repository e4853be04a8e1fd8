"""What a mining job mines is pinned when it is created: events uploaded while it runs reach no
stage of it and go to the next job. On SQLite and PostgreSQL, with the real Temporal dev server;
plus the storage rules under it (the cut-off, cancelled is final, migration 0005 keeps data, and
on PostgreSQL the pin waits for a batch in flight)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from discovery import discover
from taskmine.domain import Event
from taskmine.samples.generator import generate_events
from taskmine.storage import ConflictError, Role, SqlStore, chain_pages, open_store
from taskmine.storage.event_writers import INGEST_LOCK_CLASS
from tests.integration.old_schemas import add_owner_and_project, database_at
from tests.integration.temporal_workers import mining_worker
from workflows.event_cache import EventCache
from workflows.launcher import TemporalMiningLauncher
from workflows.mining import MiningWorkflow

AddProject = Callable[[Sequence[Event]], str]


def stored_events(store: SqlStore, project_id: str) -> list[Event]:
    return list(chain_pages(store.iter_event_pages(project_id, page_size=1_000)))


def split_events() -> tuple[list[Event], list[Event], list[Event]]:
    """The first upload, then one that adds new partitions (user u04) and one that adds events
    to partitions the first upload already has (every 7th event of the others)."""
    events = list(generate_events(users=4, days=2, seed=21))
    late_partitions = [e for e in events if e.user_id == "u04"]
    rest = [e for e in events if e.user_id != "u04"]
    late_in_place = rest[3::7]
    held = {e.event_id for e in late_in_place}
    first = [e for e in rest if e.event_id not in held]
    return first, late_partitions, late_in_place


@pytest.mark.temporal
def test_events_uploaded_during_a_job_reach_only_the_next_job(
    temporal_address: str, any_mining_store: SqlStore, add_any_project: AddProject, tmp_path: Path
) -> None:
    store = any_mining_store
    first, late_partitions, late_in_place = split_events()
    project_id = add_any_project(first)
    reference_id = add_any_project(first)  # the same first upload, and nothing else
    uploads = {"plan_partitions": late_partitions, "learn_vocabulary": late_in_place}
    uploaded: list[str] = []

    def upload_while_running(stage: str, job_id: str) -> None:
        # The API's ingest path (add_events), from inside the job's first stages.
        batch = uploads.pop(stage, None)
        if batch is not None:
            outcome = store.events.add_events(project_id, batch)
            assert outcome.accepted == len(batch)
            uploaded.append(stage)

    async def run_jobs() -> tuple[Any, Any]:
        # No shared cache: every stage reads the store itself, so each one could see more.
        worker = mining_worker(
            temporal_address,
            store,
            tmp_path / "blobs",
            hook=upload_while_running,
            cache=EventCache(capacity=0),
        )
        async with worker as (client, queue):
            launcher = TemporalMiningLauncher(client, task_queue=queue, jobs=store.jobs)
            outcomes = []
            for _ in range(2):
                job = await asyncio.to_thread(store.jobs.create_job, project_id)
                await launcher.launch(project_id=project_id, job_id=job.id)
                outcomes.append(
                    await client.get_workflow_handle_for(MiningWorkflow.run, job.id).result()
                )
            return outcomes[0], outcomes[1]

    during, after = asyncio.run(run_jobs())
    assert uploaded == ["plan_partitions", "learn_vocabulary"]
    everything = len(first) + len(late_partitions) + len(late_in_place)
    assert len(stored_events(store, project_id)) == everything

    first_job = store.jobs.get_job(during.job_id)
    first_result = store.jobs.get_result_for_job(during.job_id)
    assert first_job is not None
    assert first_result is not None
    assert first_job.status.value == "completed"
    assert first_job.counts["events"] == during.events == len(first)
    assert first_job.counts["event_cutoff"] == first_job.event_cutoff
    assert first_result.result == discover(stored_events(store, reference_id)).to_json_dict()
    mined = {
        i
        for c in first_result.result["candidates"]
        for o in c["occurrences"]
        for i in o["event_ids"]
    }
    assert mined <= {e.event_id for e in first}

    next_job = store.jobs.get_job(after.job_id)
    next_result = store.jobs.get_result_for_job(after.job_id)
    assert next_job is not None
    assert next_result is not None
    assert after.events == everything
    assert next_job.event_cutoff is not None
    assert first_job.event_cutoff is not None
    assert next_job.event_cutoff > first_job.event_cutoff
    assert next_result.result == discover(stored_events(store, project_id)).to_json_dict()


def test_the_cut_off_covers_what_was_stored_and_nothing_later(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    first, late, _ = split_events()
    project_id = add_any_project(first)
    empty_id = add_any_project([])
    job = store.jobs.create_job(project_id)
    assert store.jobs.create_job(empty_id).event_cutoff == 0
    store.events.add_events(project_id, late)
    cutoff = store.event_cutoff(job.id)
    assert cutoff == job.event_cutoff
    assert len(
        list(chain_pages(store.iter_event_pages(project_id, page_size=500, up_to_seq=cutoff)))
    ) == len(first)
    assert sum(n for _, _, n in store.list_partitions(project_id, up_to_seq=cutoff)) == len(first)
    assert sum(n for _, _, n in store.list_partitions(project_id)) == len(first) + len(late)
    assert store.events.last_seq(project_id) > cutoff


def test_a_cancelled_job_stays_cancelled_and_gets_no_result(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    project_id = add_any_project(list(generate_events(users=1, days=1, seed=2)))
    job = store.jobs.create_job(project_id)
    store.jobs.update_job(job.id, status="running", stage="segmenting", progress=0.4)
    cancelled = store.jobs.cancel_job(job.id, by="ana", reason="wrong data")
    assert (cancelled.status.value, cancelled.stage) == ("cancelled", "cancelled")
    assert (cancelled.cancelled_by, cancelled.cancel_reason) == ("ana", "wrong data")
    assert cancelled.finished_at is not None
    # A late progress report of a stopping activity does not bring it back.
    late = store.jobs.update_job(job.id, status="running", stage="mining", progress=0.8)
    assert (late.status.value, late.stage, late.progress) == ("cancelled", "cancelled", 0.4)
    with pytest.raises(ConflictError, match="cancelled"):
        store.jobs.save_result(project_id, job.id, {"schema": "taskmine.discovery/v1"})
    assert store.jobs.get_result_for_job(job.id) is None
    again = store.jobs.cancel_job(job.id, by="bob", reason="twice")
    assert again.cancelled_by == "ana"
    done = store.jobs.create_job(project_id)
    store.jobs.update_job(done.id, status="completed")
    assert store.jobs.cancel_job(done.id, by="ana", reason="late").status.value == "completed"
    with pytest.raises(ValueError, match="cancel_job"):
        store.jobs.update_job(done.id, status="cancelled")


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_migration_0005_keeps_jobs_and_results_and_knows_cancelled(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url, engine = database_at("0004_token_expiry", backend, tmp_path, request)
    now = datetime(2026, 3, 2, tzinfo=UTC)
    with engine.begin() as connection:
        add_owner_and_project(connection, now, settings="{}")
        connection.execute(
            text(
                "INSERT INTO mining_jobs (id, project_id, status, stage, progress, counts, "
                "created_at) VALUES ('j1', 'p1', 'completed', 'completed', 1.0, '{}', :t), "
                "('j2', 'p1', 'running', 'mining', 0.5, '{}', :t)"
            ),
            {"t": now},
        )
        connection.execute(
            text(
                "INSERT INTO discovery_results (project_id, job_id, version, result, created_at) "
                "VALUES ('p1', 'j1', 1, '{\"events\": 3}', :t)"
            ),
            {"t": now},
        )
    engine.dispose()
    store = open_store(url)  # migrates to head, as a service start does
    try:
        kept = store.jobs.get_result_for_job("j1")
        assert kept is not None
        assert kept.result == {"events": 3}
        old = store.jobs.get_job("j2")
        assert old is not None
        assert old.event_cutoff is None
        assert store.event_cutoff("j2") == 0  # an old job pins when it starts mining
        assert store.jobs.cancel_job("j2", by="ana", reason="old").status.value == "cancelled"
        with pytest.raises(IntegrityError), store.engine.begin() as connection:
            connection.execute(text("UPDATE mining_jobs SET status = 'paused' WHERE id = 'j1'"))
        with store.engine.connect() as connection:
            if backend == "sqlite":
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


@pytest.mark.postgres
def test_on_postgresql_a_job_waits_for_the_batch_in_flight(
    postgres_schema_factory: Callable[[], str],
) -> None:
    store = open_store(postgres_schema_factory())
    try:
        owner = store.users.ensure_user("ana", role=Role.ANALYST)
        project = store.projects.create_project("p", owner_id=owner.id)
        created: list[Any] = []
        with store.engine.connect() as ingest:
            # What an ingest transaction holds until it commits.
            ingest.execute(
                text("SELECT pg_advisory_xact_lock_shared(:c, hashtext(:p))"),
                {"c": INGEST_LOCK_CLASS, "p": project.id},
            )
            maker = threading.Thread(
                target=lambda: created.append(store.jobs.create_job(project.id))
            )
            maker.start()
            time.sleep(0.5)
            assert not created, "the job pinned its snapshot while a batch was in flight"
            ingest.commit()
        maker.join(10)
        assert created
        assert created[0].event_cutoff == 0
    finally:
        store.close()
