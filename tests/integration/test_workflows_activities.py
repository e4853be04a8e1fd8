"""The mining activities without Temporal: composed, they give exactly ``discover``; persisting
twice writes one result; chunks keep the partitions in order and balanced."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import func, select
from temporalio.testing import ActivityEnvironment

from discovery import discover
from taskmine.domain import Event
from taskmine.samples.generator import generate_events
from taskmine.storage import SqlStore, chain_pages
from taskmine.storage.schema import discovery_results
from workflows.activities import MiningActivities
from workflows.blobs import FileBlobStore
from workflows.event_cache import EventCache
from workflows.models import (
    JobRef,
    MineInput,
    MiningJobInput,
    MiningOutcome,
    PartitionKey,
    SegmentChunkInput,
)
from workflows.planning import balance_chunks

AddProject = Callable[[Sequence[Event]], str]


def run_stages(activities: MiningActivities, project_id: str, job_id: str) -> MiningOutcome:
    """The stages in the workflow's order, each inside a (test) activity context."""
    env = ActivityEnvironment()
    job = MiningJobInput(project_id=project_id, job_id=job_id, max_parallel_chunks=3)
    plan = env.run(activities.plan_partitions, job)
    cutoff = plan.event_cutoff
    vocabulary = env.run(
        activities.learn_vocabulary,
        JobRef(project_id=project_id, job_id=job_id, event_cutoff=cutoff),
    )
    keys = [
        env.run(
            activities.segment_chunk,
            SegmentChunkInput(
                project_id=project_id,
                job_id=job_id,
                event_cutoff=cutoff,
                chunk_index=index,
                partitions=chunk,
                vocabulary_key=vocabulary,
            ),
        )
        for index, chunk in enumerate(plan.chunks)
    ]
    mine = MineInput(
        project_id=project_id,
        job_id=job_id,
        event_cutoff=cutoff,
        segment_keys=tuple(keys),
        vocabulary_key=vocabulary,
    )
    return env.run(activities.mine_and_persist, mine)


def stored_events(store: SqlStore, project_id: str) -> list[Event]:
    return list(chain_pages(store.iter_event_pages(project_id, page_size=1_000)))


def result_rows(store: SqlStore, job_id: str) -> int:
    query = select(func.count()).where(discovery_results.c.job_id == job_id)
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def test_the_stages_composed_give_exactly_discover(
    any_mining_store: SqlStore, add_any_project: AddProject, tmp_path: Path
) -> None:
    mining_store = any_mining_store
    project_id = add_any_project(list(generate_events(users=5, days=3, seed=11)))
    for cache in (EventCache(), EventCache(capacity=0)):  # shared events, and a miss every time
        activities = MiningActivities(mining_store, FileBlobStore(tmp_path / "blobs"), cache=cache)
        job = mining_store.jobs.create_job(project_id)
        outcome = run_stages(activities, project_id, job.id)
        stored = mining_store.jobs.get_result_for_job(job.id)
        assert stored is not None
        expected = discover(stored_events(mining_store, project_id)).to_json_dict()
        assert stored.result == expected
        assert outcome.candidates == len(expected["candidates"]) > 0
        finished = mining_store.jobs.get_job(job.id)
        assert finished is not None
        assert (finished.status.value, finished.progress) == ("completed", 1.0)


def test_a_retried_persist_writes_no_second_result(
    any_mining_store: SqlStore, add_any_project: AddProject, tmp_path: Path
) -> None:
    mining_store = any_mining_store
    project_id = add_any_project(list(generate_events(users=3, days=2, seed=3)))
    blobs = FileBlobStore(tmp_path / "blobs")
    activities = MiningActivities(mining_store, blobs)
    job = mining_store.jobs.create_job(project_id)
    first = run_stages(activities, project_id, job.id)
    again = run_stages(activities, project_id, job.id)  # every stage retried after success
    assert again == first
    assert result_rows(mining_store, job.id) == 1
    assert not (tmp_path / "blobs" / "jobs" / job.id / "work").exists()


def test_chunks_keep_partition_order_and_balance_events() -> None:
    sizes = [50, 10, 10, 10, 10, 10, 40, 5, 5, 60]
    partitions = [
        PartitionKey(user_id=f"u{i:02d}", session_id="s", events=n) for i, n in enumerate(sizes)
    ]
    chunks = balance_chunks(partitions, 4)
    assert [p for chunk in chunks for p in chunk] == partitions
    assert len(chunks) == 4
    assert all(chunks)
    assert balance_chunks(partitions[:2], 8) == ((partitions[0],), (partitions[1],))
