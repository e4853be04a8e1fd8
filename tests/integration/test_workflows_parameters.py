"""A mining job mines with the event filters and discovery settings its project had when the
job was created: changed while it runs (here between its stages, every stage reading the store),
they apply to the next job and to no later stage of this one. On SQLite and PostgreSQL, the
activities run in the workflow's order without Temporal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import update
from temporalio.testing import ActivityEnvironment

from discovery import DiscoveryParameters, discover
from taskmine.domain import Event
from taskmine.governance.policy import EventFilters, ProjectPolicy
from taskmine.samples.generator import generate_events
from taskmine.storage import Principal, Role, SqlStore, chain_pages
from taskmine.storage.schema import projects
from workflows.activities import MiningActivities
from workflows.blobs import FileBlobStore
from workflows.event_cache import EventCache
from workflows.models import JobRef, MineInput, MiningJobInput, MiningOutcome, SegmentChunkInput

AddProject = Callable[[Sequence[Event]], str]
ADMIN = Principal(user_id="x", user_name="ana", role=Role.ADMIN, token_id="t")


def run_stages(activities: MiningActivities, project_id: str, job_id: str) -> MiningOutcome:
    env = ActivityEnvironment()
    plan = env.run(
        activities.plan_partitions,
        MiningJobInput(project_id=project_id, job_id=job_id, max_parallel_chunks=3),
    )
    snapshot = {
        "project_id": project_id,
        "job_id": job_id,
        "event_cutoff": plan.event_cutoff,
        "deletion_generation": plan.deletion_generation,
    }
    vocabulary = env.run(activities.learn_vocabulary, JobRef(**snapshot))
    keys = [
        env.run(
            activities.segment_chunk,
            SegmentChunkInput(
                **snapshot, chunk_index=index, partitions=chunk, vocabulary_key=vocabulary
            ),
        )
        for index, chunk in enumerate(plan.chunks)
    ]
    return env.run(
        activities.mine_and_persist,
        MineInput(**snapshot, segment_keys=tuple(keys), vocabulary_key=vocabulary),
    )


def test_filters_and_settings_changed_mid_job_apply_to_the_next_job_only(
    any_mining_store: SqlStore, add_any_project: AddProject, tmp_path: Path
) -> None:
    store = any_mining_store
    project_id = add_any_project(list(generate_events(users=3, days=2, seed=12)))
    everything = list(chain_pages(store.iter_event_pages(project_id, page_size=1_000)))
    changed = {"discovery": {"min_support": 2}}
    changes = ["learn_vocabulary"]

    def change_the_rules(stage: str, job_id: str) -> None:
        if changes and stage == changes[0]:  # after the plan, before any other stage
            changes.pop()
            filters = EventFilters(drop_apps=("outlook*",))
            policy = ProjectPolicy(event_filters=filters)
            store.governance.set_policy(project_id, policy, actor=ADMIN, changed="filters")
            with store.engine.begin() as connection:  # no route edits settings (yet)
                connection.execute(
                    update(projects).where(projects.c.id == project_id).values(settings=changed)
                )

    activities = MiningActivities(
        store,
        FileBlobStore(tmp_path / "blobs"),
        cache=EventCache(capacity=0),  # every stage reads the store, filters and all
        stage_hook=change_the_rules,
    )
    during = store.jobs.create_job(project_id)
    run_stages(activities, project_id, during.id)
    assert not changes
    first = store.jobs.get_result_for_job(during.id)
    assert first is not None
    assert first.result == discover(everything).to_json_dict()

    after = store.jobs.create_job(project_id)
    run_stages(activities, project_id, after.id)
    kept = [e for e in everything if not e.app.startswith("outlook")]
    assert len(kept) < len(everything)
    second = store.jobs.get_result_for_job(after.id)
    assert second is not None
    params = DiscoveryParameters.model_validate(changed["discovery"])
    assert second.result == discover(kept, params=params).to_json_dict()
