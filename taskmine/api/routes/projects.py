"""REST service: projects, and sharing them. A caller only ever sees its own and shared ones."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, status

from taskmine.api.authz import Action
from taskmine.api.deps import PrincipalDep, StoreDep, require, require_project
from taskmine.api.models import ProjectCreate, ProjectPublic, ShareCreate, SharesPublic
from taskmine.storage import Project
from taskmine.storage.sql_audit import record_audit

router = APIRouter(prefix="/v1/projects", tags=["projects"])

ReadableProject = Annotated[Project, require_project(Action.READ_PROJECT)]
ShareableProject = Annotated[Project, require_project(Action.SHARE_PROJECT)]


@router.post(
    "",
    response_model=ProjectPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=[require(Action.CREATE_PROJECT)],
)
def create_project(body: ProjectCreate, principal: PrincipalDep, store: StoreDep) -> ProjectPublic:
    settings = body.settings.model_dump(mode="json")
    project = store.projects.create_project(
        body.name, owner_id=principal.user_id, settings=settings
    )
    return to_project_public(project)


@router.get("", response_model=list[ProjectPublic], dependencies=[require(Action.LIST_PROJECTS)])
def list_projects(principal: PrincipalDep, store: StoreDep) -> list[ProjectPublic]:
    return [to_project_public(p) for p in store.projects.list_visible_projects(principal.user_id)]


@router.get("/{project_id}", response_model=ProjectPublic)
def read_project(project: ReadableProject) -> ProjectPublic:
    return to_project_public(project)


@router.post(
    "/{project_id}/shares", response_model=SharesPublic, status_code=status.HTTP_201_CREATED
)
def share_project(
    project: ShareableProject, body: ShareCreate, store: StoreDep, principal: PrincipalDep
) -> SharesPublic:
    user = store.users.find_user(body.user)
    if user is None:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"there is no user {body.user!r}; an admin creates users with POST /v1/tokens",
        )
    if user.id != project.owner_id:
        store.projects.share_project(project.id, user_id=user.id)
        record_audit(
            store,
            actor=principal,
            action="project.shared",
            project_id=project.id,
            target_type="user",
            target_id=user.id,
            details={"user": user.name, "role": user.role.value},
        )
    return SharesPublic(project_id=project.id, users=store.projects.list_shares(project.id))


def to_project_public(project: Project) -> ProjectPublic:
    return ProjectPublic(
        id=project.id,
        name=project.name,
        owner_id=project.owner_id,
        settings=project.settings,
        created_at=project.created_at,
    )
