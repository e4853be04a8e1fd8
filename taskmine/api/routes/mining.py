"""REST service, mining stage: start a job, follow it, read the latest ranked candidates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import Action
from taskmine.api.deps import LauncherDep, StoreDep, VisibleJobDep, require_project
from taskmine.api.models import MiningJobCreated, MiningJobPublic
from taskmine.domain import DiscoveryResult
from taskmine.storage import Project

router = APIRouter(prefix="/v1", tags=["mining"])

MinableProject = Annotated[Project, require_project(Action.START_MINING)]
CandidatesProject = Annotated[Project, require_project(Action.READ_CANDIDATES)]


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


@router.get("/mining-jobs/{job_id}", response_model=MiningJobPublic)
def read_mining_job(job: VisibleJobDep) -> MiningJobPublic:
    return MiningJobPublic(
        job_id=job.id,
        project_id=job.project_id,
        status=job.status,
        progress=job.progress,
        stage=job.stage,
        counts=job.counts,
        error=job.error,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


@router.get(
    "/projects/{project_id}/candidates",
    response_class=JSONResponse,
    responses={
        200: {
            "model": DiscoveryResult,
            "description": "The latest taskmine.discovery/v1 result of the project.",
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
    # Served as stored (the discovery stage validated it), so a reader sees exactly what ran.
    return JSONResponse(
        stored.result,
        headers={"X-Result-Version": str(stored.version), "X-Job-Id": stored.job_id},
    )
