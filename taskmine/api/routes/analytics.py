"""REST service, analytics: activity dashboards' numbers for one project.

Computed on read from the stored events (one partition, i.e. one user's session, at a time)
with the project's current categorisation rules, approved-app list and deny list, so a rule
change shows on the next read. "In task" time is time spent in events that belong to an
occurrence of the latest mining result. Per-user figures only at or above the project's
k-anonymity threshold (default 5).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import Action
from taskmine.api.deps import StoreDep, require_project
from taskmine.domain import Event
from taskmine.governance import ActivitySummary, summarise_activity
from taskmine.governance.analytics import DEFAULT_IDLE_AFTER_S
from taskmine.storage import Project, SqlStore, chain_pages

router = APIRouter(prefix="/v1/projects", tags=["analytics"])

AnalyticsProject = Annotated[Project, require_project(Action.READ_ANALYTICS)]


@router.get("/{project_id}/analytics", response_model=ActivitySummary)
async def read_analytics(
    project: AnalyticsProject,
    store: StoreDep,
    idle_after_s: Annotated[float, Query(gt=0, le=86_400)] = DEFAULT_IDLE_AFTER_S,
) -> ActivitySummary:
    """Active vs idle, in vs out of task, per app and category, app switching, licences
    (named users per app per day), unapproved apps and suspicious sites."""
    return await run_in_threadpool(compute_analytics, store, project.id, idle_after_s=idle_after_s)


def compute_analytics(
    store: SqlStore, project_id: str, *, idle_after_s: float = DEFAULT_IDLE_AFTER_S
) -> ActivitySummary:
    latest = store.jobs.get_latest_result(project_id)
    in_task = (
        set()
        if latest is None
        else {
            event_id
            for candidate in latest.result.get("candidates", ())
            for occurrence in candidate.get("occurrences", ())
            for event_id in occurrence.get("event_ids", ())
        }
    )
    return summarise_activity(
        _sessions(store, project_id),
        policy=store.governance.get_policy(project_id),
        in_task_event_ids=in_task,
        idle_after_s=idle_after_s,
    )


def _sessions(store: SqlStore, project_id: str) -> Iterator[list[Event]]:
    for user_id, session_id, _ in store.events.list_partitions(project_id):
        pages = store.events.iter_events(project_id, partition=(user_id, session_id))
        yield list(chain_pages(pages))
