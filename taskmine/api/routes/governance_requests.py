"""REST service, governance: data requests, their approval and consent, recording permission.

The workflow (docs/governance.md): an analyst creates a data request on a project (naming the
workstation users, apps, a window, a purpose and the approving manager); that manager approves
or rejects it; each named workstation user consents, pauses or withdraws. A data request is
visible to whoever sees its project, to its approver and to the users it names; anyone else
gets 404. The helpers ``find_visible_request``, ``decide`` and ``change_consent`` are shared
with the web pages, so pages and API apply one rule. Assembled with the policy, retention and
audit routes in ``routes.governance``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from taskmine.api.authz import Action, authorize
from taskmine.api.deps import (
    PrincipalDep,
    StoreDep,
    raise_project_not_found,
    require,
    require_project,
)
from taskmine.governance import ConsentStatus, DataRequest, RequestStatus
from taskmine.governance.consent import GovernanceError
from taskmine.storage import Principal, Project, Role, SqlStore

router = APIRouter(prefix="/v1", tags=["governance"])
_BODY = ConfigDict(frozen=True, extra="forbid")


class DataRequestCreate(BaseModel):
    model_config = _BODY
    users: list[str] = Field(
        min_length=1,
        max_length=1000,
        description="Workstation users (their pseudonymous user_id, also their user name).",
    )
    apps: list[str] = Field(
        default_factory=list, max_length=200, description="App globs; empty = any app."
    )
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    purpose: str = Field(min_length=1, max_length=2000)
    approver: str = Field(min_length=1, max_length=200, description="The deciding manager.")

    @model_validator(mode="after")
    def _check_window(self) -> DataRequestCreate:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if any(not user.strip() for user in self.users):
            raise ValueError("user names must not be empty")
        return self


class DataRequestPublic(BaseModel):
    model_config = _BODY
    id: str
    project_id: str
    users: list[str]
    apps: list[str]
    starts_at: datetime
    ends_at: datetime
    purpose: str
    approver: str
    status: RequestStatus
    created_by: str
    created_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    consents: dict[str, ConsentStatus] = Field(description="Consent per named user, if given.")


class DecisionCreate(BaseModel):
    model_config = _BODY
    decision: Literal["approved", "rejected"]
    note: str | None = Field(default=None, max_length=2000)


class ConsentUpdate(BaseModel):
    model_config = _BODY
    status: ConsentStatus


class ConsentResult(BaseModel):
    model_config = _BODY
    request: DataRequestPublic
    events_deleted: int = Field(description="Your events removed from the project (withdrawal).")


class RecordingPermission(BaseModel):
    """What ``GET /v1/me/recording-permission`` answers; the recorder reads ``approved``."""

    model_config = _BODY
    approved: bool
    user: str
    project_id: str
    request_id: str | None = None
    ends_at: datetime | None = None
    reason: str


CreatorProject = Annotated[Project, require_project(Action.CREATE_DATA_REQUEST)]
RequestsProject = Annotated[Project, require_project(Action.READ_DATA_REQUESTS)]


@router.get("/me/recording-permission", response_model=RecordingPermission)
def read_recording_permission(
    principal: PrincipalDep,
    store: StoreDep,
    project: Annotated[str, Query(min_length=1, max_length=200, description="Project id.")],
    user: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Whose recording (the pseudonymous user_id); a workstation user's "
            "token always asks for itself.",
        ),
    ] = None,
) -> RecordingPermission:
    """May this recorder start? An approved, consented, current data request must name the user.

    A workstation user asks for itself; an agent (or analyst and up) names the user and must
    see the project (else 404, like every project route).
    """
    from taskmine.governance import judge_permission

    if principal.role is Role.WORKSTATION_USER:
        who = principal.user_name
    else:
        if store.projects.find_visible_project(project, user_id=principal.user_id) is None:
            raise_project_not_found(project)
        if not user:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                "name the user whose recording this is: ?user=<pseudonymous user_id>",
            )
        who = user
    requests = store.governance.list_requests(project_id=project)
    allowing, reason = judge_permission(who, requests, now=datetime.now(UTC))
    return RecordingPermission(
        approved=allowing is not None,
        user=who,
        project_id=project,
        request_id=allowing.id if allowing else None,
        ends_at=allowing.ends_at if allowing else None,
        reason=reason,
    )


@router.post(
    "/projects/{project_id}/data-requests",
    response_model=DataRequestPublic,
    status_code=status.HTTP_201_CREATED,
)
def create_data_request(
    project: CreatorProject, body: DataRequestCreate, principal: PrincipalDep, store: StoreDep
) -> DataRequestPublic:
    return to_public(open_data_request(store, project, principal, body))


@router.get("/projects/{project_id}/data-requests", response_model=list[DataRequestPublic])
def list_project_data_requests(
    project: RequestsProject, store: StoreDep
) -> list[DataRequestPublic]:
    return [to_public(r) for r in store.governance.list_requests(project_id=project.id)]


@router.get(
    "/data-requests",
    response_model=list[DataRequestPublic],
    dependencies=[require(Action.READ_DATA_REQUESTS)],
)
def list_my_data_requests(principal: PrincipalDep, store: StoreDep) -> list[DataRequestPublic]:
    """Requests in projects you see, that you approve, or that name you."""
    return [to_public(r) for r in list_involving(store, principal)]


@router.get("/data-requests/{request_id}", response_model=DataRequestPublic)
def read_data_request(
    request_id: str, principal: PrincipalDep, store: StoreDep
) -> DataRequestPublic:
    request = find_visible_request(store, principal, request_id)
    authorize(principal, Action.READ_DATA_REQUESTS)
    return to_public(request)


@router.post(
    "/data-requests/{request_id}/decision",
    response_model=DataRequestPublic,
    responses={409: {"description": "The request was already decided this way or is final."}},
)
def decide_data_request(
    request_id: str, body: DecisionCreate, principal: PrincipalDep, store: StoreDep
) -> DataRequestPublic:
    return to_public(decide(store, principal, request_id, RequestStatus(body.decision), body.note))


@router.put(
    "/data-requests/{request_id}/consent",
    response_model=ConsentResult,
    responses={409: {"description": "Not allowed in the request's state (or withdrawn)."}},
)
def set_consent(
    request_id: str, body: ConsentUpdate, principal: PrincipalDep, store: StoreDep
) -> ConsentResult:
    request, deleted = change_consent(store, principal, request_id, body.status)
    return ConsentResult(request=to_public(request), events_deleted=deleted)


# --- shared with the web pages ---------------------------------------------------------------


def open_data_request(
    store: SqlStore, project: Project, principal: Principal, body: DataRequestCreate
) -> DataRequest:
    approver = store.users.find_user(body.approver)
    if approver is None or approver.role is not Role.MANAGER:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"the approver must be an existing manager; {body.approver!r} is not "
            "(an admin creates a manager with POST /v1/tokens, role manager)",
        )
    return store.governance.create_request(
        project.id,
        users=[user.strip() for user in body.users],
        apps=[app.strip() for app in body.apps if app.strip()],
        starts_at=body.starts_at.astimezone(UTC),
        ends_at=body.ends_at.astimezone(UTC),
        purpose=body.purpose,
        approver=approver.name,
        actor=principal,
    )


def list_involving(store: SqlStore, principal: Principal) -> list[DataRequest]:
    visible = [p.id for p in store.projects.list_visible_projects(principal.user_id)]
    return store.governance.list_requests_involving(
        user_name=principal.user_name, project_ids=visible
    )


def find_visible_request(store: SqlStore, principal: Principal, request_id: str) -> DataRequest:
    """The request if the caller sees its project, approves it or is named in it; else 404."""
    request = store.governance.get_request(request_id)
    if request is not None and (
        request.approver == principal.user_name
        or principal.user_name in request.users
        or store.projects.find_visible_project(request.project_id, user_id=principal.user_id)
    ):
        return request
    raise HTTPException(
        status.HTTP_404_NOT_FOUND,
        f"data request {request_id!r} not found (or not addressed to you); "
        "GET /v1/data-requests lists the ones you can see",
    )


def decide(
    store: SqlStore,
    principal: Principal,
    request_id: str,
    decision: RequestStatus,
    note: str | None,
) -> DataRequest:
    request = find_visible_request(store, principal, request_id)
    authorize(principal, Action.DECIDE_DATA_REQUEST)
    if request.approver != principal.user_name:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"only the request's approver ({request.approver}) may decide it",
        )
    try:
        return store.governance.decide_request(
            request_id, decision=decision, note=note, actor=principal
        )
    except GovernanceError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None


def change_consent(
    store: SqlStore, principal: Principal, request_id: str, consent: ConsentStatus
) -> tuple[DataRequest, int]:
    request = find_visible_request(store, principal, request_id)
    authorize(principal, Action.GIVE_CONSENT)
    if principal.user_name not in request.users:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "this data request does not name you; only the users it names can consent",
        )
    try:
        return store.governance.set_consent(
            request_id, user_name=principal.user_name, status=consent, actor=principal
        )
    except GovernanceError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None


def to_public(request: DataRequest) -> DataRequestPublic:
    return DataRequestPublic(
        id=request.id,
        project_id=request.project_id,
        users=list(request.users),
        apps=list(request.apps),
        starts_at=request.starts_at,
        ends_at=request.ends_at,
        purpose=request.purpose,
        approver=request.approver,
        status=request.status,
        created_by=request.created_by,
        created_at=request.created_at,
        decided_by=request.decided_by,
        decided_at=request.decided_at,
        decision_note=request.decision_note,
        consents=dict(request.consents),
    )
