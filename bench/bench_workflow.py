"""Benchmark: a large synthetic project mined through the Temporal workflow vs ``discover``.

Generates the seeded log of bench/generate_log.py (30 users x 25 days, ``--events`` in total,
1,000,000 by default), stores it in a fresh SQLite project (untimed), then times
1. ``discover`` on the events loaded from the store (what the in-process launcher does), with
   the load timed apart, and
2. the same project mined by ``MiningWorkflow`` on a real Temporal dev server with one
   in-process worker, from start to completed job,
checks that both results are identical, and prints the times, the ratios (target: workflow
<= 1.5 x load + discover) and the time spent per activity type.
Run: ``uv run python bench/bench_workflow.py [--events 1000000] [--chunks 8]``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from temporalio.api.enums.v1 import EventType  # noqa: E402

from discovery import discover  # noqa: E402
from taskmine.evaluation.synthetic import iterate_labelled_log  # noqa: E402
from taskmine.settings import sqlite_url_for  # noqa: E402
from taskmine.storage import Role, SqlStore, chain_pages, open_store  # noqa: E402
from workflows.dev_server import start_dev_server  # noqa: E402
from workflows.launcher import TemporalMiningLauncher  # noqa: E402
from workflows.mining import MiningWorkflow  # noqa: E402
from workflows.worker import activity_pool, build_worker, connect_client  # noqa: E402

USERS, DAYS = 30, 25


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--chunks", type=int, default=8, help="max_parallel_chunks of the job")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    # The API process runs with this collector threshold (taskmine.api.app); use it for both.
    gc.set_threshold(50_000, 10, 10)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-workflow-"))
    store = open_store(sqlite_url_for(data_dir / "taskmine.db"))
    project_id = load_project(store, args.events)
    clock = time.perf_counter()
    events = list(chain_pages(store.iter_event_pages(project_id, page_size=5_000)))
    load_s = time.perf_counter() - clock
    clock = time.perf_counter()
    expected = discover(events).to_json_dict()
    discover_s = time.perf_counter() - clock
    count = len(events)
    del events
    gc.collect()
    print(f"load from the store: {load_s:.2f} s; discover: {discover_s:.2f} s", flush=True)
    with start_dev_server(data_dir / "temporal") as server:
        workflow_s, per_activity = asyncio.run(
            mine_through_workflow(server.address, store, data_dir, project_id, args.chunks)
        )
    stored = store.jobs.get_latest_result(project_id)
    same = stored is not None and stored.result == expected
    baseline = load_s + discover_s
    print(
        f"{count} events, {len(expected['candidates'])} candidates; results identical: {same}\n"
        f"  discover (events in memory):      {discover_s:8.2f} s\n"
        f"  load + discover (inline launcher): {baseline:8.2f} s\n"
        f"  MiningWorkflow (start -> completed): {workflow_s:6.2f} s\n"
        f"  ratio workflow / (load + discover): {workflow_s / baseline:.2f} x  (target <= 1.5)\n"
        f"  ratio workflow / discover:          {workflow_s / discover_s:.2f} x\n"
        f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    for name, (calls, seconds) in sorted(per_activity.items(), key=lambda item: -item[1][1]):
        print(f"    {name:<18} {calls:>3} x, {seconds:7.2f} s (sum of attempts' run time)")
    store.close()
    return 0 if same else 1


def load_project(store: SqlStore, total: int) -> str:
    owner = store.users.ensure_user("bench", role=Role.ANALYST)
    project = store.projects.create_project("bench", owner_id=owner.id)
    per_day = max(1, round(total / (USERS * DAYS)))
    clock = time.perf_counter()
    batch = []
    for item in iterate_labelled_log(users=USERS, days=DAYS, events_per_day=per_day, seed=7):
        batch.append(item.event)
        if len(batch) == 5_000:
            store.events.add_events(project.id, batch)
            batch = []
    store.events.add_events(project.id, batch)
    stored = store.events.count_events(project.id)
    print(f"stored {stored} events in {time.perf_counter() - clock:.1f} s (untimed)", flush=True)
    return project.id


async def mine_through_workflow(
    address: str, store: SqlStore, data_dir: Path, project_id: str, chunks: int
) -> tuple[float, dict[str, tuple[int, float]]]:
    client = await connect_client(address)
    queue = f"bench-{uuid.uuid4()}"
    with activity_pool() as pool:
        worker = build_worker(
            client,
            store=store,
            jobs=store.jobs,
            blob_dir=data_dir / "blobs",
            task_queue=queue,
            executor=pool,
        )
        async with worker:
            job = store.jobs.create_job(project_id)
            launcher = TemporalMiningLauncher(
                client, task_queue=queue, jobs=store.jobs, max_parallel_chunks=chunks
            )
            clock = time.perf_counter()
            await launcher.launch(project_id=project_id, job_id=job.id)
            handle = client.get_workflow_handle_for(MiningWorkflow.run, job.id)
            await handle.result()
            elapsed = time.perf_counter() - clock
            history = await handle.fetch_history()
    return elapsed, activity_times(history.events)


def activity_times(events: list) -> dict[str, tuple[int, float]]:  # type: ignore[type-arg]
    """Per activity type: how many ran and their summed start -> completion time."""
    names: dict[int, str] = {}
    started: dict[int, float] = {}
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for event in events:
        at = event.event_time.ToNanoseconds() / 1e9
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            names[event.event_id] = (
                event.activity_task_scheduled_event_attributes.activity_type.name
            )
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            started[event.activity_task_started_event_attributes.scheduled_event_id] = at
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
            scheduled = event.activity_task_completed_event_attributes.scheduled_event_id
            total = totals[names[scheduled]]
            total[0] += 1
            total[1] += at - started[scheduled]
    return {name: (int(calls), seconds) for name, (calls, seconds) in totals.items()}


if __name__ == "__main__":
    raise SystemExit(main())
