"""REST service, mining stage: start a job, follow it, cancel it, read the latest candidates.

A job mines the events its project had when it was created (``counts.event_cutoff``, the
highest event sequence number it reads); events uploaded meanwhile go to the next job.
Cancelling asks the job's workflow to stop; the job ends ``cancelled`` a few seconds later,
with who and why under ``cancellation``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Protocol, runtime_checkable

from fastapi import APIRouter, Body, HTTPException, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import Action, authorize
from taskmine.api.deps import LauncherDep, PrincipalDep, StoreDep, VisibleJobDep, require_project
from taskmine.api.models import MiningJobCreated, MiningJobPublic
from taskmine.domain import DiscoveryResult
from taskmine.storage import JobStatus, MiningJob, Project

router = APIRouter(prefix="/v1", tags=["mining"])

MinableProject = Annotated[Project, require_project(Action.START_MINING)]
CandidatesProject = Annotated[Project, require_project(Action.READ_CANDIDATES)]
_BODY = ConfigDict(frozen=True, extra="forbid")
_ENDED = frozenset({JobStatus.COMPLETED, JobStatus.FAILED})


class MiningJobCancel(BaseModel):
    model_config = _BODY
    reason: str = Field(
        default="", max_length=2_000, description="Why the job is stopped (kept on the job)."
    )


class MiningJobCancellation(BaseModel):
    model_config = _BODY
    by: str = Field(description="Who cancelled: a user name, or `temporal` from outside the API.")
    reason: str
    at: datetime | None


class MiningJobStatus(MiningJobPublic):
    cancellation: MiningJobCancellation | None = Field(
        default=None, description="Who cancelled the job, when and why (cancelled jobs only)."
    )


ENGINE_RETRY_AFTER_S = 5


@runtime_checkable
class CancellingLauncher(Protocol):
    """A launcher that can stop a running job (``TemporalMiningLauncher``); raises
    ``ConnectionError`` when its workflow engine cannot be reached."""

    async def cancel(self, job_id: str, *, by: str, reason: str) -> bool: ...


@router.post(
    "/projects/{project_id}/mining-jobs",
    response_model=MiningJobCreated,
    status_code=status.HTTP_202_ACCEPTED,
)
async def start_mining(
    project: MinableProject, store: StoreDep, launcher: LauncherDep
) -> MiningJobCreated:
    job = await run_in_threadpool(store.jobs.create_job, project.id)
    await launcher.launch(project_id=project.id, job_id=job.id)
    return MiningJobCreated(job_id=job.id)


@router.get("/mining-jobs/{job_id}", response_model=MiningJobStatus)
def read_mining_job(job: VisibleJobDep) -> MiningJobStatus:
    return _to_status(job)


@router.post(
    "/mining-jobs/{job_id}:cancel",
    response_model=MiningJobStatus,
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        409: {"description": "The job already completed or failed."},
        503: {
            "description": "The workflow engine cannot be reached; retry after Retry-After.",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        },
    },
)
async def cancel_mining_job(
    job: VisibleJobDep,
    principal: PrincipalDep,
    store: StoreDep,
    launcher: LauncherDep,
    body: Annotated[MiningJobCancel | None, Body()] = None,
) -> MiningJobStatus:
    """Stop a queued or running job; it ends `cancelled` (poll the job). Idempotent."""
    project = await run_in_threadpool(store.projects.get_project, job.project_id)
    authorize(principal, Action.START_MINING, project=project)
    if job.status in _ENDED:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"mining job {job.id!r} already {job.status.value}; there is nothing to cancel",
        )
    reason = body.reason if body is not None else ""
    if job.status is not JobStatus.CANCELLED:
        try:
            asked = isinstance(launcher, CancellingLauncher) and await launcher.cancel(
                job.id, by=principal.user_name, reason=reason
            )
        except ConnectionError as error:
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE,
                f"cannot cancel mining job {job.id!r} now: {error}; retry in "
                f"{ENGINE_RETRY_AFTER_S} s",
                headers={"Retry-After": str(ENGINE_RETRY_AFTER_S)},
            ) from None
        if not asked:  # no workflow runs this job (never started, or gone): end it here
            await run_in_threadpool(
                store.jobs.cancel_job, job.id, by=principal.user_name, reason=reason
            )
    current = await run_in_threadpool(store.jobs.get_job, job.id)
    return _to_status(current or job)


@router.get(
    "/projects/{project_id}/candidates",
    response_class=JSONResponse,
    responses={
        200: {
            "model": DiscoveryResult,
            "description": "The latest taskmine.discovery/v1 result of the project; "
            "X-Event-Cutoff is the highest event sequence number it covers.",
        },
        404: {"description": "Project not visible, or no mining job has completed yet."},
    },
)
def read_candidates(project: CandidatesProject, store: StoreDep) -> JSONResponse:
    stored = store.jobs.get_latest_result(project.id)
    if stored is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"project {project.id!r} has no discovery result yet; start mining with "
            f"POST /v1/projects/{project.id}/mining-jobs and wait for the job to complete",
        )
    headers = {"X-Result-Version": str(stored.version), "X-Job-Id": stored.job_id}
    job = store.jobs.get_job(stored.job_id)
    if job is not None and job.event_cutoff is not None:
        headers["X-Event-Cutoff"] = str(job.event_cutoff)
    # Served as stored (the discovery stage validated it), so a reader sees exactly what ran.
    return JSONResponse(stored.result, headers=headers)


def _to_status(job: MiningJob) -> MiningJobStatus:
    cancellation = None
    if job.status is JobStatus.CANCELLED:
        cancellation = MiningJobCancellation(
            by=job.cancelled_by or "unknown", reason=job.cancel_reason or "", at=job.finished_at
        )
    counts = dict(job.counts)
    if job.event_cutoff is not None:  # pinned at creation, before the job counted anything
        counts.setdefault("event_cutoff", job.event_cutoff)
    return MiningJobStatus(
        job_id=job.id,
        project_id=job.project_id,
        status=job.status,
        progress=job.progress,
        stage=job.stage,
        counts=counts,
        error=job.error,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        cancellation=cancellation,
    )
