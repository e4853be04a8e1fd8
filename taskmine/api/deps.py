"""REST service: the dependencies routes declare (``Annotated[..., Depends()]`` aliases).

Everything comes from ``app.state`` (set by ``create_app``), never from module globals, so two
apps in one process (tests) never share a store. ``require_project(action)`` resolves the
``{project_id}`` path parameter to a project the caller can see (else 404, the same answer for
"foreign" and "nonexistent") and then checks the role (else 403).
"""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from taskmine.api.authz import Action, authorize
from taskmine.api.ports import MiningLauncher
from taskmine.settings import Settings
from taskmine.storage import MiningJob, Principal, Project, SqlStore

# The three getters below only read app.state: async, so FastAPI runs them inline instead of
# sending each through the thread pool (the DB-bound dependencies stay sync, in threads).
_bearer = HTTPBearer(auto_error=False, description="An API token from `taskmine token create`.")


async def get_store(request: Request) -> SqlStore:
    store: SqlStore = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_launcher(request: Request) -> MiningLauncher:
    launcher: MiningLauncher = request.app.state.launcher
    return launcher


StoreDep = Annotated[SqlStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LauncherDep = Annotated[MiningLauncher, Depends(get_launcher)]


def get_principal(
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing bearer token; send 'Authorization: Bearer <token>' "
            "(an admin creates tokens with POST /v1/tokens or `taskmine token create`)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    principal = store.tokens.verify_token(credentials.credentials)
    if principal is None:
        expired = store.tokens.expired_at(credentials.credentials)
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "the bearer token is unknown or revoked; ask an admin for a new one"
            if expired is None
            else f"the bearer token expired at {expired.isoformat()}; ask an admin for a new one",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(action: Action) -> Any:
    """A dependency that answers 403 unless the caller's role may take ``action``."""

    def check(principal: PrincipalDep) -> Principal:
        authorize(principal, action)
        return principal

    return Depends(check)


def require_project(action: Action) -> Any:
    """A dependency giving the visible project of ``{project_id}`` for ``action``."""

    def resolve(project_id: str, principal: PrincipalDep, store: StoreDep) -> Project:
        project = store.projects.find_visible_project(project_id, user_id=principal.user_id)
        if project is None:
            raise_project_not_found(project_id)
        authorize(principal, action, project=project)
        return project

    return Depends(resolve)


def get_visible_job(job_id: str, principal: PrincipalDep, store: StoreDep) -> MiningJob:
    job = store.jobs.get_job(job_id)
    if (
        job is None
        or store.projects.find_visible_project(job.project_id, user_id=principal.user_id) is None
    ):
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"mining job {job_id!r} not found (or its project is not shared with you)",
        )
    authorize(principal, Action.READ_JOB)
    return job


VisibleJobDep = Annotated[MiningJob, Depends(get_visible_job)]


def raise_project_not_found(project_id: str) -> NoReturn:
    raise HTTPException(
        status.HTTP_404_NOT_FOUND,
        f"project {project_id!r} not found (or not shared with you); "
        "GET /v1/projects lists the projects you can use",
    )
