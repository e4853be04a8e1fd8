"""The mining workflow on the real Temporal dev server: a job through the REST API from upload to
candidates, idempotent starts, a failing job with a readable reason, a deterministic replay, and
re-mining on a Temporal Schedule. Every test runs its own worker on a fresh ``uuid4`` queue."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import func, select
from temporalio.client import ScheduleIntervalSpec, WorkflowFailureError
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from discovery import discover
from taskmine.domain import Event
from taskmine.samples.generator import generate_events
from taskmine.server import running_service
from taskmine.settings import Settings
from taskmine.storage import SqlStore, chain_pages, open_store
from taskmine.storage.schema import discovery_results
from tests.integration.temporal_workers import mining_worker
from workflows.launcher import TemporalMiningLauncher
from workflows.mining import MiningWorkflow
from workflows.scheduled import ScheduledMiningWorkflow
from workflows.schedules import ensure_mining_schedule, remove_mining_schedule
from workflows.worker import connect_client

pytestmark = pytest.mark.temporal

AddProject = Callable[[Sequence[Event]], str]


def stored_events(store: SqlStore, project_id: str) -> list[Event]:
    return list(chain_pages(store.iter_event_pages(project_id, page_size=1_000)))


def result_rows(store: SqlStore, project_id: str) -> int:
    query = select(func.count()).where(discovery_results.c.project_id == project_id)
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


async def wait_for_job(store: SqlStore, job_id: str, *, timeout_s: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = await asyncio.to_thread(store.jobs.get_job, job_id)
        if job is not None and job.status.value in ("completed", "failed"):
            return job
        await asyncio.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish within {timeout_s} s")


def test_a_job_runs_through_the_api_from_upload_to_candidates(
    temporal_address: str, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "service", temporal_address=temporal_address)
    events = list(generate_events(users=4, days=3, seed=5))
    with running_service(settings, task_queue=f"test-{uuid.uuid4()}") as service:
        auth = {"Authorization": f"Bearer {service.admin_token}"}
        with httpx.Client(base_url=service.base_url, headers=auth, timeout=30) as http:
            project = http.post("/v1/projects", json={"name": "invoices"})
            assert project.status_code == 201, project.text
            project_id = project.json()["id"]
            for start in range(0, len(events), 1_000):
                batch = [e.to_json_dict() for e in events[start : start + 1_000]]
                uploaded = http.post(
                    f"/v1/projects/{project_id}/events:batch",
                    content=orjson.dumps(batch),
                    headers={"Content-Type": "application/json"},
                )
                assert uploaded.json()["accepted"] == len(batch), uploaded.text
            started = http.post(f"/v1/projects/{project_id}/mining-jobs")
            assert started.status_code == 202, started.text
            job_id = started.json()["job_id"]
            seen_progress: set[float] = set()
            deadline = time.monotonic() + 60
            while (job := http.get(f"/v1/mining-jobs/{job_id}").json())["status"] not in (
                "completed",
                "failed",
            ):
                seen_progress.add(job["progress"])
                assert time.monotonic() < deadline, job
                time.sleep(0.05)
            assert job["status"] == "completed", job
            assert job["progress"] == 1.0
            assert job["counts"]["events"] == len(events)
            candidates = http.get(f"/v1/projects/{project_id}/candidates")
            assert candidates.status_code == 200
            assert candidates.headers["X-Job-Id"] == job_id

        async def query_progress() -> Any:
            client = await connect_client(service.temporal_address)
            launcher = TemporalMiningLauncher(client, task_queue=service.task_queue)
            return await launcher.progress(job_id)

        progress = asyncio.run(query_progress())
    assert (progress.stage, progress.progress) == ("completed", 1.0)
    assert progress.partitions_done == progress.partitions_total == 12
    store = open_store(settings.database_url)
    try:
        expected = discover(stored_events(store, project_id)).to_json_dict()
    finally:
        store.close()
    assert candidates.json() == expected
    assert len(expected["candidates"]) >= 2


def test_starting_a_job_twice_mines_it_once_and_replays_deterministically(
    temporal_address: str, mining_store: SqlStore, add_project: AddProject, tmp_path: Path
) -> None:
    project_id = add_project(list(generate_events(users=3, days=2, seed=9)))
    job = mining_store.jobs.create_job(project_id)

    async def scenario() -> Any:
        async with mining_worker(temporal_address, mining_store, tmp_path / "blobs") as (
            client,
            queue,
        ):
            launcher = TemporalMiningLauncher(client, task_queue=queue, jobs=mining_store.jobs)
            await launcher.launch(project_id=project_id, job_id=job.id)
            await launcher.launch(project_id=project_id, job_id=job.id)  # while running
            finished = await wait_for_job(mining_store, job.id)
            await launcher.launch(project_id=project_id, job_id=job.id)  # after it finished
            handle = client.get_workflow_handle_for(MiningWorkflow.run, job.id)
            outcome = await handle.result()
            history = await handle.fetch_history()
        replayer = Replayer(
            workflows=[MiningWorkflow, ScheduledMiningWorkflow],
            data_converter=pydantic_data_converter,
        )
        await replayer.replay_workflow(history)  # raises on any nondeterminism
        return finished, outcome

    finished, outcome = asyncio.run(scenario())
    assert finished.status.value == "completed"
    assert finished.workflow_id == job.id
    assert outcome.result_version == 1
    assert result_rows(mining_store, project_id) == 1
    stored = mining_store.jobs.get_result_for_job(job.id)
    assert stored is not None
    assert stored.result == discover(stored_events(mining_store, project_id)).to_json_dict()


def test_a_failing_activity_fails_the_job_with_a_readable_reason(
    temporal_address: str, mining_store: SqlStore, add_project: AddProject, tmp_path: Path
) -> None:
    project_id = add_project([])  # nothing uploaded: planning fails, and is not retried
    job = mining_store.jobs.create_job(project_id)

    async def scenario() -> Any:
        async with mining_worker(temporal_address, mining_store, tmp_path / "blobs") as (
            client,
            queue,
        ):
            launcher = TemporalMiningLauncher(client, task_queue=queue, jobs=mining_store.jobs)
            await launcher.launch(project_id=project_id, job_id=job.id)
            failed = await wait_for_job(mining_store, job.id, timeout_s=30)
            with pytest.raises(WorkflowFailureError) as raised:
                await client.get_workflow_handle(job.id).result()
            return failed, raised.value

    failed, error = asyncio.run(scenario())
    assert failed.status.value == "failed"
    assert failed.error.startswith(f"project {project_id!r} has no events to mine")
    assert "events:batch" in failed.error
    assert "Traceback" not in failed.error
    assert "has no events to mine" in str(error.cause)
    assert result_rows(mining_store, project_id) == 0


def test_a_schedule_re_mines_the_project(
    temporal_address: str, mining_store: SqlStore, add_project: AddProject, tmp_path: Path
) -> None:
    from datetime import timedelta

    project_id = add_project(list(generate_events(users=2, days=2, seed=4)))

    async def scenario() -> tuple[Any, Any]:
        async with mining_worker(temporal_address, mining_store, tmp_path / "blobs") as (
            client,
            queue,
        ):
            handle = await ensure_mining_schedule(
                client, project_id, every=timedelta(hours=6), task_queue=queue
            )
            again = await ensure_mining_schedule(
                client, project_id, every=timedelta(hours=1), task_queue=queue
            )
            assert again.id == handle.id
            described = await handle.describe()
            await handle.trigger()  # do not wait an hour: run now, as the period would
            deadline = time.monotonic() + 60
            while not (jobs := await asyncio.to_thread(mining_store.jobs.list_jobs, project_id)):
                assert time.monotonic() < deadline
                await asyncio.sleep(0.1)
            finished = await wait_for_job(mining_store, jobs[0].id)
            assert await remove_mining_schedule(client, project_id)
            assert not await remove_mining_schedule(client, project_id)
            return described, finished

    described, finished = asyncio.run(scenario())
    assert described.schedule.spec.intervals == [ScheduleIntervalSpec(every=timedelta(hours=1))]
    assert finished.status.value == "completed"
    assert len(mining_store.jobs.list_jobs(project_id)) == 1
    assert result_rows(mining_store, project_id) == 1
