"""A real mining worker in the test's own process, for the Temporal tests."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from temporalio.client import Client

from taskmine.storage import SqlStore
from workflows.activities import StageHook
from workflows.event_cache import EventCache
from workflows.worker import activity_pool, build_worker, connect_client


@asynccontextmanager
async def mining_worker(
    address: str,
    store: SqlStore,
    blob_dir: Path,
    *,
    hook: StageHook | None = None,
    cache: EventCache | None = None,
) -> AsyncIterator[tuple[Client, str]]:
    """A worker on a fresh task queue while the block runs; the client and the queue.

    ``hook`` runs at every stage (hold a job there, upload or delete events meanwhile);
    ``cache`` is the worker's event cache (``EventCache(capacity=0)``: every stage reads the
    store)."""
    client = await connect_client(address)
    queue = f"test-{uuid.uuid4()}"
    with activity_pool() as pool:
        worker = build_worker(
            client,
            store=store,
            jobs=store.jobs,
            blob_dir=blob_dir,
            task_queue=queue,
            executor=pool,
            cache=cache,
            stage_hook=hook,
        )
        async with worker:
            yield client, queue
