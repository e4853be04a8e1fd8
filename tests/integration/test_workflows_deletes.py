"""Events deleted while a mining job runs never reach its result: on the real Temporal dev
server, on SQLite and PostgreSQL, a withdrawal of consent and a retention purge run from inside
a running job's stages (the activities' stage hook). The job plans again from fresh reads and
its saved result equals ``discover`` on the events that are left; a job whose events keep
being deleted fails after ``MAX_PLANS`` plans with a reason that says so, and saves nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from temporalio.client import WorkflowFailureError

from discovery import discover
from taskmine.domain import Event
from taskmine.samples.generator import generate_events
from taskmine.storage import SqlStore, chain_pages
from taskmine.storage.ids import utc_now
from tests.integration.temporal_workers import mining_worker
from tests.integration.test_storage_deletes import age_events, withdraw
from workflows.activities import StageHook
from workflows.event_cache import EventCache
from workflows.launcher import TemporalMiningLauncher
from workflows.mining import MAX_PLANS, MiningWorkflow

pytestmark = pytest.mark.temporal

AddProject = Callable[[Sequence[Event]], str]


def stored_events(store: SqlStore, project_id: str) -> list[Event]:
    return list(chain_pages(store.iter_event_pages(project_id, page_size=1_000)))


def strings_in(document: Any) -> Iterator[str]:
    """Every string in a JSON document, keys and values."""
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for key, value in document.items():
            yield key
            yield from strings_in(value)
    elif isinstance(document, list):
        for item in document:
            yield from strings_in(item)


def run_job(
    address: str, store: SqlStore, project_id: str, blob_dir: Path, *, hook: StageHook, cache: int
) -> Any:
    """One job through a worker with ``hook``: its id, and its outcome or the workflow's
    failure."""

    async def run() -> Any:
        worker = mining_worker(
            address, store, blob_dir, hook=hook, cache=EventCache(capacity=cache)
        )
        async with worker as (client, queue):
            launcher = TemporalMiningLauncher(client, task_queue=queue, jobs=store.jobs)
            job = await asyncio.to_thread(store.jobs.create_job, project_id)
            await launcher.launch(project_id=project_id, job_id=job.id)
            handle = client.get_workflow_handle_for(MiningWorkflow.run, job.id)
            try:
                return job.id, await handle.result()
            except WorkflowFailureError as failure:
                return job.id, failure

    return asyncio.run(run())


@pytest.mark.parametrize(
    ("stage", "cache", "delete"),
    [
        # Events already read and cached (vocabulary) are deleted before segmentation.
        ("segment_chunk", 2, "withdrawal"),
        # Segments already made from them are there when the result is ranked and saved.
        ("mine_and_persist", 0, "retention"),
    ],
)
def test_events_deleted_during_a_job_never_reach_its_result(
    temporal_address: str,
    any_mining_store: SqlStore,
    add_any_project: AddProject,
    tmp_path: Path,
    stage: str,
    cache: int,
    delete: str,
) -> None:
    store = any_mining_store
    project_id = add_any_project(list(generate_events(users=4, days=2, seed=21)))
    gone_user = "u02"
    gone_ids = {e.event_id for e in stored_events(store, project_id) if e.user_id == gone_user}
    if delete == "retention":
        age_events(store, project_id, gone_user)
    deletes = [stage]

    def delete_while_running(entered: str, job_id: str) -> None:
        if deletes and entered == deletes[0]:
            deletes.pop()
            if delete == "withdrawal":
                assert withdraw(store, project_id, gone_user) == len(gone_ids)
            else:
                assert store.governance.purge_expired(now=utc_now())["raw_events"] > 0

    job_id, outcome = run_job(
        temporal_address,
        store,
        project_id,
        tmp_path / "blobs",
        hook=delete_while_running,
        cache=cache,
    )
    assert not deletes, "the hook never deleted anything"
    assert not isinstance(outcome, WorkflowFailureError), store.jobs.get_job(job_id)
    left = stored_events(store, project_id)
    assert left
    assert not gone_ids & {e.event_id for e in left}
    job = store.jobs.get_job(job_id)
    saved = store.jobs.get_result_for_job(job_id)
    assert job is not None
    assert saved is not None
    assert not set(strings_in(saved.result)) & (gone_ids | {gone_user})
    assert saved.result == discover(left).to_json_dict()
    assert outcome.events == len(left)
    assert (job.status.value, job.counts["replans"]) == ("completed", 1)


def test_a_job_whose_events_keep_being_deleted_fails_and_saves_nothing(
    temporal_address: str, mining_store: SqlStore, add_project: AddProject, tmp_path: Path
) -> None:
    store = mining_store
    project_id = add_project(list(generate_events(users=MAX_PLANS + 1, days=1, seed=4)))
    gone: list[str] = []

    def delete_on_every_plan(entered: str, job_id: str) -> None:
        if entered == "learn_vocabulary":  # each plan has noted the generation by now
            gone.append(f"u{len(gone) + 1:02d}")
            assert withdraw(store, project_id, gone[-1]) > 0

    job_id, failure = run_job(
        temporal_address,
        store,
        project_id,
        tmp_path / "blobs",
        hook=delete_on_every_plan,
        cache=2,
    )
    assert isinstance(failure, WorkflowFailureError), failure
    assert len(gone) == MAX_PLANS
    job = store.jobs.get_job(job_id)
    assert job is not None
    assert job.status.value == "failed"
    assert job.error is not None
    assert f"deleted while this job read them, {MAX_PLANS} times in a row" in job.error
    assert store.jobs.get_result_for_job(job_id) is None
