"""A `taskmine worker` process killed with SIGKILL in the middle of a job, then started again,
finishes that same job: the result equals ``discover`` on the same events, exactly one result
row exists, and the history (with its retries) still replays deterministically."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from discovery import discover
from taskmine.domain import Event
from taskmine.evaluation.synthetic import iterate_labelled_log
from taskmine.storage import SqlStore, chain_pages
from taskmine.storage.schema import discovery_results
from workflows.launcher import TemporalMiningLauncher
from workflows.mining import MiningWorkflow
from workflows.worker import connect_client

pytestmark = pytest.mark.temporal

ROOT = Path(__file__).resolve().parents[2]
WORKER = (
    "import sys; from pathlib import Path; from taskmine.settings import Settings; "
    "from taskmine.server import run_worker_only; "
    "sys.exit(run_worker_only(Settings(data_dir=Path(sys.argv[1]), database_url=sys.argv[2], "
    "temporal_address=sys.argv[3]), task_queue=sys.argv[4]))"
)
LIVENESS_S = 3.0


def start_worker(data_dir: Path, database_url: str, address: str, queue: str) -> Any:
    log = (data_dir / f"worker-{time.monotonic_ns()}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(data_dir), database_url, address, queue],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_a_killed_worker_restarted_finishes_the_same_job_once(
    temporal_address: str,
    mining_store: SqlStore,
    add_project: Callable[[Sequence[Event]], str],
    tmp_path: Path,
) -> None:
    events = [
        item.event for item in iterate_labelled_log(users=2, days=6, events_per_day=1334, seed=3)
    ]
    project_id = add_project(events)
    job = mining_store.jobs.create_job(project_id)
    database_url = mining_store.engine.url.render_as_string(hide_password=False)
    queue = f"test-{uuid.uuid4()}"
    first = start_worker(tmp_path, database_url, temporal_address, queue)
    second = None
    try:

        async def scenario() -> tuple[str, Any, Any]:
            nonlocal second
            client = await connect_client(temporal_address)
            launcher = TemporalMiningLauncher(
                client, task_queue=queue, jobs=mining_store.jobs, liveness_timeout_s=LIVENESS_S
            )
            await launcher.launch(project_id=project_id, job_id=job.id)
            stage_at_kill = await kill_mid_job(first, job.id)
            second = start_worker(tmp_path, database_url, temporal_address, queue)
            handle = client.get_workflow_handle_for(MiningWorkflow.run, job.id)
            outcome = await asyncio.wait_for(handle.result(), timeout=90)
            return stage_at_kill, outcome, await handle.fetch_history()

        async def kill_mid_job(worker: Any, job_id: str) -> str:
            # Mid-job: segmentation has begun (a chunk's segments are stored), mining has not.
            segments = tmp_path / "blobs" / "jobs" / job_id / "work" / "segments"
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                row = await asyncio.to_thread(mining_store.jobs.get_job, job_id)
                assert row is not None
                assert row.status.value != "completed", "the job ended before the kill"
                if segments.is_dir() and any(segments.glob("*.json")):
                    worker.send_signal(signal.SIGKILL)
                    worker.wait(timeout=10)
                    return row.stage
                await asyncio.sleep(0.01)
            raise AssertionError("the job never reached segmentation")

        stage_at_kill, outcome, history = asyncio.run(scenario())
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
    assert stage_at_kill == "segmenting"
    finished = mining_store.jobs.get_job(job.id)
    assert finished is not None
    assert finished.status.value == "completed"
    stored = mining_store.jobs.get_result_for_job(job.id)
    assert stored is not None
    expected = discover(
        list(chain_pages(mining_store.iter_event_pages(project_id, page_size=5_000)))
    )
    assert stored.result == expected.to_json_dict()
    assert outcome.result_version == stored.version == 1
    with mining_store.engine.connect() as connection:
        rows = connection.execute(
            select(func.count()).where(discovery_results.c.project_id == project_id)
        ).scalar_one()
    assert rows == 1
    retried = [e for e in history.events if e.activity_task_started_event_attributes.attempt > 1]
    assert retried, "no activity was retried: the kill did not interrupt an activity"
    replayer = Replayer(workflows=[MiningWorkflow], data_converter=pydantic_data_converter)
    asyncio.run(replayer.replay_workflow(history))
