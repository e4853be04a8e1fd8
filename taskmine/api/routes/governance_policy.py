"""REST service, governance: project policies and retention.

A project's policy (event filters, categorisation rules, landscape settings) is set per part,
each change audited; changing filters or categories re-mines a project that was mined before,
so its result follows the new rules. Retention is one server-wide setting, with a purge that
the server also runs periodically. Assembled with the data-request and audit-log routes in
``routes.governance`` (docs/governance.md).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import Action
from taskmine.api.deps import LauncherDep, PrincipalDep, StoreDep, require, require_project
from taskmine.api.ports import MiningLauncher
from taskmine.governance import (
    CategoryRule,
    EventFilters,
    ProjectPolicy,
    RetentionPolicy,
    WithdrawalPolicy,
)
from taskmine.storage import Project, SqlStore
from taskmine.storage.ids import utc_now

router = APIRouter(prefix="/v1", tags=["governance"])
_BODY = ConfigDict(frozen=True, extra="forbid")


class CategoriesUpdate(BaseModel):
    model_config = _BODY
    rules: list[CategoryRule] = Field(max_length=1000)


class LandscapeUpdate(BaseModel):
    model_config = _BODY
    approved_apps: list[str] = Field(default_factory=list, max_length=1000)
    denied_sites: list[str] = Field(default_factory=list, max_length=1000)
    k_anonymity: int = Field(default=5, ge=2, le=1000)
    withdrawal: WithdrawalPolicy = WithdrawalPolicy.DELETE_EVENTS_AND_SCRUB_RESULTS


class PurgeResult(BaseModel):
    model_config = _BODY
    raw_events: int
    mined_results: int
    pdds: int


PolicyProject = Annotated[Project, require_project(Action.READ_POLICY)]
FiltersProject = Annotated[Project, require_project(Action.SET_EVENT_FILTERS)]
CategoriesProject = Annotated[Project, require_project(Action.SET_CATEGORIES)]
LandscapeProject = Annotated[Project, require_project(Action.SET_LANDSCAPE)]


@router.get("/projects/{project_id}/policy", response_model=ProjectPolicy)
def read_policy(project: PolicyProject, store: StoreDep) -> ProjectPolicy:
    return store.governance.get_policy(project.id)


@router.put("/projects/{project_id}/policy/event-filters", response_model=ProjectPolicy)
async def set_event_filters(
    project: FiltersProject,
    body: EventFilters,
    principal: PrincipalDep,
    store: StoreDep,
    launcher: LauncherDep,
    response: Response,
) -> ProjectPolicy:
    """Events matching these are dropped at ingest (rejected: 'filtered by project policy') and
    skipped by every later mining run; a project mined before is re-mined at once (the new
    job's id is in the ``X-Mining-Job-Id`` header)."""
    policy = store.governance.get_policy(project.id).model_copy(update={"event_filters": body})
    saved = await run_in_threadpool(
        store.governance.set_policy, project.id, policy, actor=principal, changed="event_filters"
    )
    await _remine_if_mined(project.id, store=store, launcher=launcher, response=response)
    return saved


@router.put("/projects/{project_id}/policy/categories", response_model=ProjectPolicy)
async def set_categories(
    project: CategoriesProject,
    body: CategoriesUpdate,
    principal: PrincipalDep,
    store: StoreDep,
    launcher: LauncherDep,
    response: Response,
) -> ProjectPolicy:
    """Categorisation rules, first match wins; analytics applies them on every read, and a
    project mined before is re-mined at once (``X-Mining-Job-Id``)."""
    policy = store.governance.get_policy(project.id).model_copy(
        update={"categories": tuple(body.rules)}
    )
    saved = await run_in_threadpool(
        store.governance.set_policy, project.id, policy, actor=principal, changed="categories"
    )
    await _remine_if_mined(project.id, store=store, launcher=launcher, response=response)
    return saved


async def _remine_if_mined(
    project_id: str, *, store: SqlStore, launcher: MiningLauncher, response: Response
) -> None:
    """Rules changed: a project that has a result gets a fresh one under the new rules."""
    if await run_in_threadpool(store.jobs.get_latest_result, project_id) is None:
        return
    job = await run_in_threadpool(store.jobs.create_job, project_id)
    await launcher.launch(project_id=project_id, job_id=job.id)
    response.headers["X-Mining-Job-Id"] = job.id


@router.put("/projects/{project_id}/policy/landscape", response_model=ProjectPolicy)
def set_landscape(
    project: LandscapeProject, body: LandscapeUpdate, principal: PrincipalDep, store: StoreDep
) -> ProjectPolicy:
    """Approved apps, the deny list, the k-anonymity threshold and the withdrawal policy."""
    current = store.governance.get_policy(project.id)
    policy = ProjectPolicy.model_validate(
        {**current.model_dump(mode="json"), **body.model_dump(mode="json")}
    )
    return store.governance.set_policy(project.id, policy, actor=principal, changed="landscape")


@router.get(
    "/settings/retention",
    response_model=RetentionPolicy,
    dependencies=[require(Action.READ_RETENTION)],
)
def read_retention(store: StoreDep) -> RetentionPolicy:
    return store.governance.get_retention()


@router.put(
    "/settings/retention",
    response_model=RetentionPolicy,
    dependencies=[require(Action.SET_RETENTION)],
)
def set_retention(
    body: RetentionPolicy, principal: PrincipalDep, store: StoreDep
) -> RetentionPolicy:
    return store.governance.set_retention(body, actor=principal)


@router.post(
    "/retention:purge", response_model=PurgeResult, dependencies=[require(Action.SET_RETENTION)]
)
async def purge_now(principal: PrincipalDep, store: StoreDep) -> PurgeResult:
    """Run the retention purge now (the server also runs it periodically)."""
    counts = await run_in_threadpool(store.governance.purge_expired, now=utc_now(), actor=principal)
    return PurgeResult(**counts)
