"""Cancelling a mining job on the real Temporal dev server: from the ``temporal`` CLI (outside
the API) and through ``POST /v1/mining-jobs/{id}:cancel``. A stage hook holds the job in a slow
stage; the job must end ``cancelled`` within seconds, with who / when / why, its activity
interrupted, its partial blobs gone and no result published; the next job runs normally."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from temporalio.client import WorkflowExecutionStatus, WorkflowFailureError
from temporalio.exceptions import CancelledError

from discovery import discover
from taskmine.api import create_app
from taskmine.domain import Event
from taskmine.samples.generator import generate_events
from taskmine.settings import Settings
from taskmine.storage import Role, SqlStore, chain_pages, create_token
from taskmine.storage.schema import discovery_results
from tests.integration.temporal_workers import mining_worker
from workflows.launcher import TemporalMiningLauncher

pytestmark = pytest.mark.temporal

AddProject = Callable[[Sequence[Event]], str]
# How long a cancelled job may take to end cancelled: two heartbeat periods and change.
PROMPT_S = 8.0


class HoldStage:
    """A stage hook that keeps the first job entering ``stage`` there for up to ``hold_s``
    (sleeping in small steps, like a long pure stage), and records how it was left."""

    def __init__(self, stage: str, *, hold_s: float = 60.0) -> None:
        self.stage = stage
        self.hold_s = hold_s
        self.entered = threading.Event()
        self.interrupted: BaseException | None = None
        self.left_at = 0.0
        self._taken = False
        self._lock = threading.Lock()

    def __call__(self, stage: str, job_id: str) -> None:
        with self._lock:
            if stage != self.stage or self._taken:
                return
            self._taken = True
        self.entered.set()
        deadline = time.monotonic() + self.hold_s
        try:
            while time.monotonic() < deadline:
                time.sleep(0.02)
        except BaseException as error:  # the SDK raises CancelledError into this thread
            self.interrupted = error
            raise
        finally:
            self.left_at = time.monotonic()


async def wait_for_status(
    store: SqlStore, job_id: str, statuses: tuple[str, ...], *, timeout_s: float = 60.0
) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = await asyncio.to_thread(store.jobs.get_job, job_id)
        if job is not None and job.status.value in statuses:
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} did not reach {statuses} within {timeout_s} s")


def result_rows(store: SqlStore, project_id: str) -> int:
    query = select(func.count()).where(discovery_results.c.project_id == project_id)
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def stored_events(store: SqlStore, project_id: str) -> list[Event]:
    return list(chain_pages(store.iter_event_pages(project_id, page_size=1_000)))


def test_a_job_cancelled_from_the_temporal_cli_ends_cancelled_and_the_next_runs(
    temporal_address: str, mining_store: SqlStore, add_project: AddProject, tmp_path: Path
) -> None:
    project_id = add_project(list(generate_events(users=3, days=2, seed=8)))
    blobs = tmp_path / "blobs"
    hook = HoldStage("segment_chunk")  # plan and vocabulary done: partial blobs exist
    cancelled_job = mining_store.jobs.create_job(project_id)
    next_job = mining_store.jobs.create_job(project_id)

    async def scenario() -> tuple[Any, Any, float, Any, Any]:
        async with mining_worker(temporal_address, mining_store, blobs, hook=hook) as (
            client,
            queue,
        ):
            launcher = TemporalMiningLauncher(client, task_queue=queue, jobs=mining_store.jobs)
            await launcher.launch(project_id=project_id, job_id=cancelled_job.id)
            assert await asyncio.to_thread(hook.entered.wait, 60), "the job never segmented"
            assert (blobs / "jobs" / cancelled_job.id / "work" / "vocabulary.json").exists()
            asked = time.monotonic()
            cli = await asyncio.to_thread(
                subprocess.run,
                [
                    str(Path(sys.executable).with_name("temporal")),
                    "workflow",
                    "cancel",
                    "--address",
                    temporal_address,
                    "--workflow-id",
                    cancelled_job.id,
                ],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert cli.returncode == 0, cli.stderr
            ended = await wait_for_status(mining_store, cancelled_job.id, ("cancelled",))
            took = time.monotonic() - asked
            assert 0 < hook.left_at - asked < took  # the activity stopped before the job ended
            handle = client.get_workflow_handle(cancelled_job.id)
            with pytest.raises(WorkflowFailureError) as raised:
                await handle.result()
            described = await handle.describe()
            await launcher.launch(project_id=project_id, job_id=next_job.id)
            finished = await wait_for_status(mining_store, next_job.id, ("completed", "failed"))
            return ended, raised.value, took, described, finished

    ended, failure, took, described, finished = asyncio.run(scenario())
    print(f"cancelled from the CLI: job ended cancelled {took:.2f} s after the request")
    assert ended.status.value == "cancelled"
    assert took < PROMPT_S, f"the job took {took:.1f} s to end cancelled"
    assert (ended.cancelled_by, ended.stage) == ("temporal", "cancelled")
    assert ended.cancel_reason
    assert ended.finished_at is not None
    assert isinstance(failure.cause, CancelledError)
    assert described.status == WorkflowExecutionStatus.CANCELED
    # The activity was interrupted, not left to run out its 60 s, and its blobs are gone.
    assert isinstance(hook.interrupted, CancelledError)
    assert not (blobs / "jobs" / cancelled_job.id).exists()
    assert mining_store.jobs.get_result_for_job(cancelled_job.id) is None
    # The next job is unaffected: it mines the same events, and its result is version 1.
    assert finished.status.value == "completed", finished.error
    stored = mining_store.jobs.get_result_for_job(next_job.id)
    assert stored is not None
    assert stored.version == 1
    assert result_rows(mining_store, project_id) == 1
    assert stored.result == discover(stored_events(mining_store, project_id)).to_json_dict()


def test_a_job_cancelled_through_the_api_records_who_and_why(
    temporal_address: str, mining_store: SqlStore, add_project: AddProject, tmp_path: Path
) -> None:
    project_id = add_project(list(generate_events(users=2, days=2, seed=12)))
    analyst = {"Authorization": f"Bearer {create_token(mining_store, role='analyst')}"}
    owner = mining_store.users.ensure_user("bo", role=Role.BUSINESS_OWNER)
    mining_store.projects.share_project(project_id, user_id=owner.id)
    reviewer = {
        "Authorization": f"Bearer {create_token(mining_store, role='business_owner', user='bo')}"
    }
    hook = HoldStage("learn_vocabulary")

    async def scenario() -> dict[str, Any]:
        async with mining_worker(temporal_address, mining_store, tmp_path / "blobs", hook=hook) as (
            client,
            queue,
        ):
            launcher = TemporalMiningLauncher(client, task_queue=queue, jobs=mining_store.jobs)
            app = create_app(
                Settings(data_dir=tmp_path / "api"), store=mining_store, launcher=launcher
            )
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
                started = await http.post(f"/v1/projects/{project_id}/mining-jobs", headers=analyst)
                assert started.status_code == 202, started.text
                job_id = started.json()["job_id"]
                assert await asyncio.to_thread(hook.entered.wait, 60)
                refused = await http.post(f"/v1/mining-jobs/{job_id}:cancel", headers=reviewer)
                assert refused.status_code == 403, refused.text
                asked = time.monotonic()
                cancel = await http.post(
                    f"/v1/mining-jobs/{job_id}:cancel",
                    json={"reason": "wrong date range"},
                    headers=analyst,
                )
                assert cancel.status_code == 202, cancel.text
                assert cancel.json()["status"] in ("running", "cancelled")
                job = cancel.json()
                while job["status"] == "running":
                    assert time.monotonic() - asked < PROMPT_S, job
                    await asyncio.sleep(0.05)
                    job = (await http.get(f"/v1/mining-jobs/{job_id}", headers=analyst)).json()
                print(f"cancelled through the API: {time.monotonic() - asked:.2f} s")
                again = await http.post(f"/v1/mining-jobs/{job_id}:cancel", headers=analyst)
                assert again.status_code == 202
                assert again.json()["cancellation"] == job["cancellation"]
                candidates = await http.get(
                    f"/v1/projects/{project_id}/candidates", headers=analyst
                )
                assert candidates.status_code == 404  # nothing was published
                second = await http.post(f"/v1/projects/{project_id}/mining-jobs", headers=analyst)
                second_id = second.json()["job_id"]
                done = await wait_for_status(mining_store, second_id, ("completed", "failed"))
                assert done.status.value == "completed", done.error
                late = await http.post(f"/v1/mining-jobs/{second_id}:cancel", headers=analyst)
                assert late.status_code == 409, late.text
                candidates = await http.get(
                    f"/v1/projects/{project_id}/candidates", headers=analyst
                )
                assert candidates.headers["X-Job-Id"] == second_id
                return dict(job)

    job = asyncio.run(scenario())
    assert job["status"] == "cancelled"
    assert job["stage"] == "cancelled"
    assert job["cancellation"]["by"] == "analyst"
    assert job["cancellation"]["reason"] == "wrong date range"
    assert job["cancellation"]["at"] == job["finished_at"] is not None
    assert isinstance(hook.interrupted, CancelledError)
    assert result_rows(mining_store, project_id) == 1  # only the second job's
