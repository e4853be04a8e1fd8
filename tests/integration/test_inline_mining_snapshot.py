"""The in-process launcher (``InlineMiningLauncher``, the API's default without Temporal) keeps
the workflow's snapshot, on SQLite and PostgreSQL. A job mines the events its project had when
the job was created, with the event filters and discovery settings pinned then. Events deleted
while it reads or mines never reach its result: it reads and mines again, and a job whose
events keep being deleted fails after ``MAX_PLANS`` plans with the workflow's reason and saves
nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import update

from discovery import DiscoveryParameters, discover
from taskmine.api import InlineMiningLauncher
from taskmine.domain import Event
from taskmine.governance.policy import EventFilters, ProjectPolicy
from taskmine.samples.generator import generate_events
from taskmine.storage import JobStatus, Principal, Role, SqlStore, chain_pages
from taskmine.storage.replans import MAX_PLANS, describe_repeated_deletes
from taskmine.storage.schema import projects
from tests.integration.test_storage_deletes import withdraw
from tests.integration.test_workflows_deletes import strings_in

AddProject = Callable[[Sequence[Event]], str]
ADMIN = Principal(user_id="x", user_name="ana", role=Role.ADMIN, token_id="t")


def stored_events(store: SqlStore, project_id: str) -> list[Event]:
    return list(chain_pages(store.iter_event_pages(project_id, page_size=1_000)))


def change_filters_and_settings(store: SqlStore, project_id: str, settings: Any) -> None:
    policy = ProjectPolicy(event_filters=EventFilters(drop_apps=("outlook*",)))
    store.governance.set_policy(project_id, policy, actor=ADMIN, changed="filters")
    with store.engine.begin() as connection:  # no route edits settings (yet)
        connection.execute(
            update(projects).where(projects.c.id == project_id).values(settings=settings)
        )


class DeletingDiscover:
    """The real ``discover``, which first withdraws one more user's consent on each of the
    first ``times`` calls: a delete that commits while the job mines, after its reads."""

    def __init__(self, store: SqlStore, project_id: str, users: Sequence[str]) -> None:
        self.store = store
        self.project_id = project_id
        self.users = list(users)
        self.calls = 0

    def __call__(self, events: Sequence[Event], **kwargs: Any) -> Any:
        self.calls += 1
        if self.users:
            assert withdraw(self.store, self.project_id, self.users.pop(0)) > 0
        return discover(events, **kwargs)


def test_an_inline_job_mines_the_events_filters_and_settings_of_its_creation(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    sample = list(generate_events(users=3, days=2, seed=12))
    project_id = add_any_project([e for e in sample if e.user_id != "u03"])
    first_upload = stored_events(store, project_id)
    job = store.jobs.create_job(project_id)
    # Everything changes between the job's creation and its run: more events, new filters,
    # new settings. None of it may reach this job.
    store.events.add_events(project_id, [e for e in sample if e.user_id == "u03"])
    changed = {"discovery": {"min_support": 2}}
    change_filters_and_settings(store, project_id, changed)

    launcher = InlineMiningLauncher(store)
    launcher.run_job(project_id=project_id, job_id=job.id)
    done = store.jobs.get_job(job.id)
    saved = store.jobs.get_result_for_job(job.id)
    assert done is not None
    assert saved is not None
    assert done.status is JobStatus.COMPLETED, done.error
    assert saved.result == discover(first_upload).to_json_dict()
    assert done.counts["events"] == len(first_upload)
    assert (done.counts["event_cutoff"], done.counts["replans"]) == (job.event_cutoff, 0)

    after = store.jobs.create_job(project_id)
    launcher.run_job(project_id=project_id, job_id=after.id)
    kept = [e for e in stored_events(store, project_id) if not e.app.startswith("outlook")]
    assert len(first_upload) < len(kept) < len(sample)
    second = store.jobs.get_result_for_job(after.id)
    assert second is not None
    params = DiscoveryParameters.model_validate(changed["discovery"])
    assert second.result == discover(kept, params=params).to_json_dict()


@pytest.mark.parametrize("when", ["reading", "mining"])
def test_events_deleted_during_an_inline_job_never_reach_its_result(
    any_mining_store: SqlStore,
    add_any_project: AddProject,
    monkeypatch: pytest.MonkeyPatch,
    when: str,
) -> None:
    store = any_mining_store
    project_id = add_any_project(list(generate_events(users=3, days=2, seed=21)))
    gone_user = "u02"
    gone_ids = {e.event_id for e in stored_events(store, project_id) if e.user_id == gone_user}
    job = store.jobs.create_job(project_id)
    discover_spy = DeletingDiscover(store, project_id, [gone_user] if when == "mining" else [])
    if when == "reading":
        # The consent is withdrawn once the job has read all its events (stale now), before
        # it mines them: the check after the reads must catch it, before any mining.
        real_pages = store.iter_event_pages
        deletes = [gone_user]

        def pages_then_delete(*args: Any, **kwargs: Any) -> Iterator[list[Event]]:
            yield from real_pages(*args, **kwargs)
            if deletes:
                assert withdraw(store, project_id, deletes.pop()) == len(gone_ids)

        monkeypatch.setattr(store, "iter_event_pages", pages_then_delete)

    InlineMiningLauncher(store, discover=discover_spy, page_size=100).run_job(
        project_id=project_id, job_id=job.id
    )
    monkeypatch.undo()
    left = stored_events(store, project_id)
    assert left
    assert not gone_ids & {e.event_id for e in left}
    done = store.jobs.get_job(job.id)
    saved = store.jobs.get_result_for_job(job.id)
    assert done is not None
    assert saved is not None, done.error
    assert not set(strings_in(saved.result)) & (gone_ids | {gone_user})
    assert saved.result == discover(left).to_json_dict()
    assert (done.status, done.counts["events"], done.counts["replans"]) == (
        JobStatus.COMPLETED,
        len(left),
        1,
    )
    # A delete seen after the reads costs no mining; one seen by the save cost one run.
    assert discover_spy.calls == (1 if when == "reading" else 2)


def test_an_inline_job_whose_events_keep_being_deleted_fails_and_saves_nothing(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    users = MAX_PLANS + 1
    project_id = add_any_project(list(generate_events(users=users, days=1, seed=4)))
    job = store.jobs.create_job(project_id)
    every_plan = DeletingDiscover(store, project_id, [f"u{n:02d}" for n in range(1, users)])

    InlineMiningLauncher(store, discover=every_plan).run_job(project_id=project_id, job_id=job.id)
    assert every_plan.calls == MAX_PLANS
    done = store.jobs.get_job(job.id)
    assert done is not None
    assert (done.status, done.stage) == (JobStatus.FAILED, "failed")
    assert done.error == describe_repeated_deletes(project_id)
    assert f"deleted while this job read them, {MAX_PLANS} times in a row" in done.error
    assert store.jobs.get_result_for_job(job.id) is None


def test_an_inline_job_with_refused_settings_fails_with_the_workflow_s_reason(
    any_mining_store: SqlStore, add_any_project: AddProject
) -> None:
    store = any_mining_store
    project_id = add_any_project(list(generate_events(users=1, days=1, seed=3)))
    with store.engine.begin() as connection:  # settings no route would accept (a stale row)
        connection.execute(
            update(projects)
            .where(projects.c.id == project_id)
            .values(settings={"discovery": {"min_support": 0}})
        )
    job = store.jobs.create_job(project_id)
    InlineMiningLauncher(store).run_job(project_id=project_id, job_id=job.id)
    done = store.jobs.get_job(job.id)
    assert done is not None
    assert done.status is JobStatus.FAILED
    assert done.error is not None
    assert done.error.startswith("the project's discovery settings are not valid (min_support:")
    assert done.error.endswith("fix them in the project settings and start a new job")
