"""Adapter (Temporal worker): the mining workflows and activities on one task queue.

``connect_client`` gives a client with the pydantic data converter (every payload is a pydantic
model); ``build_worker`` registers ``MiningWorkflow``, ``ScheduledMiningWorkflow`` and the
activities bound to a store and a blob store. The activities are synchronous (CPU-bound mining,
blocking database calls) and run in the thread pool the caller passes and later shuts down.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from temporalio.client import Client
from temporalio.common import WorkerDeploymentVersion
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker, WorkerDeploymentConfig

from taskmine import __version__
from workflows.activities import MiningActivities, StageHook
from workflows.blobs import FileBlobStore
from workflows.event_cache import EventCache
from workflows.mining import MiningWorkflow
from workflows.ports import MiningJobCreator, MiningStore
from workflows.schedule_activities import ScheduleActivities
from workflows.scheduled import ScheduledMiningWorkflow

DEFAULT_TASK_QUEUE = "taskmine-mining"
BUILD_ID = f"taskmine-{__version__}"
# Activities one worker runs at a time: mining is CPU-bound and holds the GIL, so more threads
# than this only add memory; scale out with more `taskmine worker` processes instead.
MAX_CONCURRENT_ACTIVITIES = 4
# A workflow's next task waits this long for the worker that ran its last one (and caches its
# state) before any worker may take it. Temporal's 10 s default means a job whose worker died
# stalls that long; replaying a mining workflow's short history elsewhere costs milliseconds.
STICKY_WAIT = timedelta(seconds=3)
# Heartbeats reach the server at most this often (the SDK's default is 80% of the heartbeat
# timeout, 24 s for a 30 s liveness timeout). A cancellation is only seen in a heartbeat's
# answer, so this bounds, with the 2 s beat, how long a cancelled job keeps mining.
HEARTBEAT_THROTTLE = timedelta(seconds=1)


# How long a Temporal frontend that answers "not healthy yet" is waited for.
FRONTEND_WAIT_S = 30.0
_STARTING = "not healthy yet"


async def connect_client(
    address: str, *, namespace: str = "default", wait_s: float | None = None
) -> Client:
    """A Temporal client speaking the pydantic data converter (what the workflows expect).

    The dev server listens a moment before its frontend is healthy ("Frontend is not healthy
    yet"): a server that is starting is asked again for up to ``wait_s`` seconds; one that
    is not there fails at once."""
    deadline = time.monotonic() + (FRONTEND_WAIT_S if wait_s is None else wait_s)
    while True:
        try:
            return await Client.connect(
                address, namespace=namespace, data_converter=pydantic_data_converter
            )
        except RuntimeError as error:
            if _STARTING not in str(error) or time.monotonic() >= deadline:
                raise
            await asyncio.sleep(0.25)


def build_worker(
    client: Client,
    *,
    store: MiningStore,
    jobs: MiningJobCreator,
    blob_dir: Path,
    task_queue: str,
    executor: ThreadPoolExecutor,
    cache: EventCache | None = None,
    stage_hook: StageHook | None = None,
) -> Worker:
    """A worker for the mining workflows; run it with ``await worker.run()`` or ``async with``.

    ``stage_hook`` is for tests (hold a job in a stage, upload events while it runs)."""
    mining = MiningActivities(store, FileBlobStore(blob_dir), cache=cache, stage_hook=stage_hook)
    scheduling = ScheduleActivities(jobs)
    return Worker(
        client,
        task_queue=task_queue,
        workflows=[MiningWorkflow, ScheduledMiningWorkflow],
        activities=[*mining.all(), scheduling.create_mining_job],
        activity_executor=executor,
        max_concurrent_activities=MAX_CONCURRENT_ACTIVITIES,
        sticky_queue_schedule_to_start_timeout=STICKY_WAIT,
        max_heartbeat_throttle_interval=HEARTBEAT_THROTTLE,
        # Without it the SDK derives a build id by re-reading the bytecode of every loaded
        # module: 1-4 s of CPU on each start. Worker versioning is not used, so the package
        # version identifies the code well enough.
        deployment_config=WorkerDeploymentConfig(
            version=WorkerDeploymentVersion(deployment_name="taskmine", build_id=BUILD_ID),
            use_worker_versioning=False,
        ),
    )


def activity_pool() -> ThreadPoolExecutor:
    """The thread pool ``build_worker`` needs (one thread per concurrent activity)."""
    return ThreadPoolExecutor(
        max_workers=MAX_CONCURRENT_ACTIVITIES, thread_name_prefix="taskmine-activity"
    )
