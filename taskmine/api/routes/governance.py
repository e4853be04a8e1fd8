"""REST service, governance: data requests, approval, consent, policies, retention, audit.

The workflow (docs/governance.md): an analyst creates a data request on a project (naming the
workstation users, apps, a window, a purpose and the approving manager); that manager approves
or rejects it; each named workstation user consents, pauses or withdraws. A data request is
visible to whoever sees its project, to its approver and to the users it names; anyone else
gets 404. The helpers ``find_visible_request``, ``decide`` and ``change_consent`` are shared
with the web pages, so pages and API apply one rule.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import Action, authorize
from taskmine.api.deps import (
    LauncherDep,
    PrincipalDep,
    StoreDep,
    raise_project_not_found,
    require,
    require_project,
)
from taskmine.api.ports import MiningLauncher
from taskmine.governance import (
    CategoryRule,
    ConsentStatus,
    DataRequest,
    EventFilters,
    ProjectPolicy,
    RequestStatus,
    RetentionPolicy,
    WithdrawalPolicy,
)
from taskmine.governance.consent import GovernanceError
from taskmine.storage import Principal, Project, Role, SqlStore
from taskmine.storage.ids import utc_now
from taskmine.storage.sql_audit import AuditEntry

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


class RecordingPermission(BaseModel):
    """What ``GET /v1/me/recording-permission`` answers; the recorder reads ``approved``."""

    model_config = _BODY
    approved: bool
    user: str
    project_id: str
    request_id: str | None = None
    ends_at: datetime | None = None
    reason: str


class AuditEntryPublic(BaseModel):
    model_config = _BODY
    seq: int
    at: datetime
    actor_name: str
    actor_role: str
    action: str
    project_id: str | None
    target_type: str | None
    target_id: str | None
    details: dict[str, Any]


CreatorProject = Annotated[Project, require_project(Action.CREATE_DATA_REQUEST)]
RequestsProject = Annotated[Project, require_project(Action.READ_DATA_REQUESTS)]
PolicyProject = Annotated[Project, require_project(Action.READ_POLICY)]
FiltersProject = Annotated[Project, require_project(Action.SET_EVENT_FILTERS)]
CategoriesProject = Annotated[Project, require_project(Action.SET_CATEGORIES)]
LandscapeProject = Annotated[Project, require_project(Action.SET_LANDSCAPE)]
AuditProject = Annotated[Project, require_project(Action.READ_AUDIT)]


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


@router.get("/projects/{project_id}/audit-log", response_model=list[AuditEntryPublic])
def read_project_audit_log(
    project: AuditProject, store: StoreDep, limit: int = 200
) -> list[AuditEntryPublic]:
    entries = store.audit.list_entries(project_id=project.id, limit=max(1, min(limit, 1000)))
    return [to_audit_public(entry) for entry in entries]


@router.get(
    "/audit-log",
    response_model=list[AuditEntryPublic],
    dependencies=[require(Action.READ_ALL_AUDIT)],
)
def read_audit_log(store: StoreDep, limit: int = 200) -> list[AuditEntryPublic]:
    return [to_audit_public(e) for e in store.audit.list_entries(limit=max(1, min(limit, 1000)))]


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


def to_audit_public(entry: AuditEntry) -> AuditEntryPublic:
    return AuditEntryPublic(
        seq=entry.seq,
        at=entry.at,
        actor_name=entry.actor_name,
        actor_role=entry.actor_role,
        action=entry.action,
        project_id=entry.project_id,
        target_type=entry.target_type,
        target_id=entry.target_id,
        details=entry.details,
    )
