"""Web app: the server-rendered pages (shortlist, candidate, data requests and approvals,
analytics, settings, audit), under ``/web``.

Sign-in takes an API token and keeps it in an HttpOnly, SameSite=Strict cookie; every page
resolves the cookie to the same ``Principal`` the API would, then applies the same rules: a
project the user cannot see is a 404 page, a missing right a 403 page (``authz.authorize``,
``governance.find_visible_request`` / ``decide`` / ``change_consent``). Forms post back here
and redirect (303) to the page they came from. SameSite=Strict keeps other sites' forms from
riding on the cookie.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import POLICY, Action, authorize
from taskmine.api.deps import LauncherDep, StoreDep, raise_project_not_found
from taskmine.api.routes.analytics import compute_analytics
from taskmine.api.routes.governance import (
    DataRequestCreate,
    change_consent,
    decide,
    list_involving,
    open_data_request,
)
from taskmine.governance import (
    CategoryRule,
    ConsentStatus,
    EventFilters,
    ProjectPolicy,
    RequestStatus,
    RetentionPolicy,
)
from taskmine.storage import Principal, Project, SqlStore
from taskmine.web import TEMPLATES_DIR
from taskmine.web.charts import bar_chart, format_duration, step_flow

router = APIRouter(prefix="/web", include_in_schema=False)
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
COOKIE = "taskmine_token"
COOKIE_MAX_AGE_S = 8 * 3600

Page = Callable[[Principal], Response]


# --- sign-in ---------------------------------------------------------------------------------


@router.get("/login")
def login_page(request: Request, next: str = "/web/") -> Response:
    return _render(request, "login.html", None, next=_safe_next(next), error=None)


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    token: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/web/",
) -> Response:
    principal = store.tokens.verify_token(token.strip())
    if principal is None:
        return _render(
            request,
            "login.html",
            None,
            status_code=status.HTTP_401_UNAUTHORIZED,
            next=_safe_next(next),
            error="That token is unknown or revoked; ask an admin for a new one.",
        )
    response = RedirectResponse(_safe_next(next), status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(
        COOKIE,
        token.strip(),
        max_age=COOKIE_MAX_AGE_S,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/web/login", status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(COOKIE, path="/")
    return response


# --- projects and the shortlist ----------------------------------------------------------------


@router.get("/")
def projects_page(request: Request, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        authorize(principal, Action.LIST_PROJECTS)
        return _render(
            request,
            "projects.html",
            principal,
            projects=store.projects.list_visible_projects(principal.user_id),
            can_create=_may(principal, Action.CREATE_PROJECT),
            can_analytics=_may(principal, Action.READ_ANALYTICS),
        )

    return _guard(request, store, body)


@router.post("/projects")
def create_project(request: Request, store: StoreDep, name: Annotated[str, Form()]) -> Response:
    def body(principal: Principal) -> Response:
        authorize(principal, Action.CREATE_PROJECT)
        if not name.strip():
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "a project needs a name")
        project = store.projects.create_project(name.strip()[:200], owner_id=principal.user_id)
        return _see_other(f"/web/projects/{project.id}", "Project created.")

    return _guard(request, store, body)


@router.get("/projects/{project_id}")
def shortlist_page(request: Request, project_id: str, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        project = _project(store, principal, project_id, Action.READ_CANDIDATES)
        stored = store.jobs.get_latest_result(project.id)
        jobs = store.jobs.list_jobs(project.id)
        return _render(
            request,
            "shortlist.html",
            principal,
            project=project,
            result=None if stored is None else stored.result,
            version=None if stored is None else stored.version,
            candidates=[] if stored is None else stored.result.get("candidates", []),
            job=jobs[-1] if jobs else None,
            event_count=store.events.count_events(project.id),
            can_mine=_may(principal, Action.START_MINING),
            can_analytics=_may(principal, Action.READ_ANALYTICS),
            can_audit=_may(principal, Action.READ_AUDIT),
        )

    return _guard(request, store, body)


@router.post("/projects/{project_id}/mining-jobs")
async def start_mining(
    request: Request, project_id: str, store: StoreDep, launcher: LauncherDep
) -> Response:
    principal = await run_in_threadpool(_principal_of, request, store)
    if principal is None:
        return _to_login(request)
    try:
        project = await run_in_threadpool(
            _project, store, principal, project_id, Action.START_MINING
        )
    except HTTPException as error:
        return _error_page(request, principal, error)
    job = await run_in_threadpool(store.jobs.create_job, project.id)
    await launcher.launch(project_id=project.id, job_id=job.id)
    # The inline launcher has finished by now; a Temporal one is still running.
    current = await run_in_threadpool(store.jobs.get_job, job.id)
    state = current.status.value if current is not None else "started"
    return _see_other(f"/web/projects/{project.id}", f"Mining job {job.id}: {state}.")


@router.get("/projects/{project_id}/candidates/{candidate_id}")
def candidate_page(
    request: Request, project_id: str, candidate_id: str, store: StoreDep
) -> Response:
    def body(principal: Principal) -> Response:
        project = _project(store, principal, project_id, Action.READ_CANDIDATES)
        stored = store.jobs.get_latest_result(project.id)
        candidates = [] if stored is None else stored.result.get("candidates", [])
        candidate = next((c for c in candidates if c.get("id") == candidate_id), None)
        if candidate is None:
            raise HTTPException(
                status.HTTP_404_NOT_FOUND,
                f"candidate {candidate_id!r} is not in the latest result of this project",
            )
        scores = candidate.get("scores", {})
        labels = [
            f"{step.get('kind')} · {step.get('app')} · {step.get('name') or step.get('role') or ''}"
            for step in candidate.get("steps", [])
        ]
        return _render(
            request,
            "candidate.html",
            principal,
            project=project,
            candidate=candidate,
            score_chart=bar_chart(
                [(name, float(value)) for name, value in scores.items()],
                title="Scores (0 to 1)",
                format_value=lambda value: f"{value:.2f}",
            ),
            task_map=step_flow(labels, title=f"Task map of {candidate.get('name')}"),
            downloads=[
                f"GET /v1/candidates/{candidate_id}/pdd?format=md",
                f"GET /v1/candidates/{candidate_id}/exports/uipath",
            ],
        )

    return _guard(request, store, body)


# --- data requests ------------------------------------------------------------------------------


@router.get("/data-requests")
def requests_page(request: Request, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        authorize(principal, Action.READ_DATA_REQUESTS)
        requests = list_involving(store, principal)
        projects = store.projects.list_visible_projects(principal.user_id)
        # The approver and the named users may not see the project, but need its name.
        names = {p.id: p.name for p in projects}
        for request_project in {r.project_id for r in requests} - set(names):
            found = store.projects.get_project(request_project)
            names[request_project] = found.name if found else request_project
        mine = {
            r.id: store.governance.count_user_events(r.project_id, principal.user_name)
            for r in requests
            if principal.user_name in r.users
        }
        today = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        return _render(
            request,
            "requests.html",
            principal,
            requests=requests,
            projects=projects,
            project_names=names,
            visible_ids={p.id for p in projects},
            my_counts=mine,
            can_create=_may(principal, Action.CREATE_DATA_REQUEST),
            can_decide=_may(principal, Action.DECIDE_DATA_REQUEST),
            can_consent=_may(principal, Action.GIVE_CONSENT),
            default_start=today.strftime("%Y-%m-%dT%H:%M"),
            default_end=(today + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        )

    return _guard(request, store, body)


@router.post("/data-requests")
def create_request(
    request: Request,
    store: StoreDep,
    project_id: Annotated[str, Form()],
    users: Annotated[str, Form()],
    starts_at: Annotated[str, Form()],
    ends_at: Annotated[str, Form()],
    purpose: Annotated[str, Form()],
    approver: Annotated[str, Form()],
    apps: Annotated[str, Form()] = "",
) -> Response:
    def body(principal: Principal) -> Response:
        project = _project(store, principal, project_id, Action.CREATE_DATA_REQUEST)
        try:
            payload = DataRequestCreate(
                users=_split(users, ","),
                apps=_split(apps, ","),
                starts_at=_utc(starts_at),
                ends_at=_utc(ends_at),
                purpose=purpose,
                approver=approver.strip(),
            )
        except (ValidationError, ValueError) as error:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT, _first_error(error)
            ) from None
        created = open_data_request(store, project, principal, payload)
        return _see_other("/web/data-requests", f"Data request {created.id} sent to {approver}.")

    return _guard(request, store, body)


@router.post("/data-requests/{request_id}/decision")
def decide_request(
    request: Request,
    request_id: str,
    store: StoreDep,
    decision: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    def body(principal: Principal) -> Response:
        verdict = _enum(RequestStatus, decision, {"approved", "rejected"})
        decide(store, principal, request_id, verdict, note.strip() or None)
        return _see_other("/web/data-requests", f"Data request {verdict.value}.")

    return _guard(request, store, body)


@router.post("/data-requests/{request_id}/consent")
def consent(
    request: Request,
    request_id: str,
    store: StoreDep,
    status_: Annotated[str, Form(alias="status")],
) -> Response:
    def body(principal: Principal) -> Response:
        choice = _enum(ConsentStatus, status_, {s.value for s in ConsentStatus})
        _, deleted = change_consent(store, principal, request_id, choice)
        notice = f"Consent set to {choice.value}."
        if choice is ConsentStatus.WITHDRAWN:
            notice += f" {deleted} of your events were deleted from the project."
        return _see_other("/web/data-requests", notice)

    return _guard(request, store, body)


# --- analytics, settings, audit -------------------------------------------------------------------


@router.get("/projects/{project_id}/analytics")
def analytics_page(
    request: Request, project_id: str, store: StoreDep, idle_after_s: float = 300.0
) -> Response:
    def body(principal: Principal) -> Response:
        project = _project(store, principal, project_id, Action.READ_ANALYTICS)
        idle_after = min(max(idle_after_s, 1.0), 86_400.0)
        summary = compute_analytics(store, project.id, idle_after_s=idle_after)
        policy = store.governance.get_policy(project.id)
        return _render(
            request,
            "analytics.html",
            principal,
            project=project,
            summary=summary,
            idle_after=idle_after,
            fmt=format_duration,
            has_approved_list=bool(policy.approved_apps),
            app_chart=bar_chart(
                [(a.app, a.active_s) for a in summary.per_app],
                title="Active time per app",
                format_value=format_duration,
            ),
            category_chart=bar_chart(
                [(c.category, c.active_s) for c in summary.per_category],
                title="Active time per category",
                format_value=format_duration,
            ),
            users_chart=bar_chart(
                [(a.app, float(a.named_users)) for a in summary.per_app],
                title="Named users per app",
                format_value=lambda value: f"{value:.0f}",
            ),
        )

    return _guard(request, store, body)


@router.get("/settings")
def settings_page(request: Request, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        authorize(principal, Action.READ_RETENTION)
        return _render(
            request,
            "settings.html",
            principal,
            retention=store.governance.get_retention(),
            can_set=_may(principal, Action.SET_RETENTION),
            projects=store.projects.list_visible_projects(principal.user_id),
        )

    return _guard(request, store, body)


@router.post("/settings/retention")
def save_retention(
    request: Request,
    store: StoreDep,
    raw_events_days: Annotated[int, Form()],
    mined_results_days: Annotated[int, Form()],
    pdds_days: Annotated[int, Form()],
) -> Response:
    def body(principal: Principal) -> Response:
        authorize(principal, Action.SET_RETENTION)
        try:
            policy = RetentionPolicy(
                raw_events_days=raw_events_days,
                mined_results_days=mined_results_days,
                pdds_days=pdds_days,
            )
        except ValidationError as error:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT, _first_error(error)
            ) from None
        store.governance.set_retention(policy, actor=principal)
        return _see_other("/web/settings", "Retention saved.")

    return _guard(request, store, body)


@router.get("/projects/{project_id}/settings")
def project_settings_page(request: Request, project_id: str, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        project = _project(store, principal, project_id, Action.READ_POLICY)
        return _render(
            request,
            "project_settings.html",
            principal,
            project=project,
            policy=store.governance.get_policy(project.id),
            can_filters=_may(principal, Action.SET_EVENT_FILTERS),
            can_categories=_may(principal, Action.SET_CATEGORIES),
            can_landscape=_may(principal, Action.SET_LANDSCAPE),
        )

    return _guard(request, store, body)


@router.post("/projects/{project_id}/settings/{section}")
async def save_project_settings(
    request: Request, project_id: str, section: str, store: StoreDep
) -> Response:
    form = await request.form()
    fields = {key: str(value) for key, value in form.items()}
    return await run_in_threadpool(_save_section, request, store, project_id, section, fields)


@router.get("/projects/{project_id}/audit")
def audit_page(request: Request, project_id: str, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        project = _project(store, principal, project_id, Action.READ_AUDIT)
        entries = store.audit.list_entries(project_id=project.id, limit=500)
        return _render(request, "audit.html", principal, project=project, entries=entries)

    return _guard(request, store, body)


# --- helpers ------------------------------------------------------------------------------------


_SECTIONS = {
    "event-filters": Action.SET_EVENT_FILTERS,
    "categories": Action.SET_CATEGORIES,
    "landscape": Action.SET_LANDSCAPE,
}


def _save_section(
    request: Request, store: SqlStore, project_id: str, section: str, fields: dict[str, str]
) -> Response:
    def body(principal: Principal) -> Response:
        action = _SECTIONS.get(section)
        if action is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no settings section {section!r}")
        project = _project(store, principal, project_id, action)
        current = store.governance.get_policy(project.id)
        try:
            policy = _updated_policy(current, section, fields)
        except (ValidationError, ValueError) as error:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT, _first_error(error)
            ) from None
        store.governance.set_policy(
            project.id, policy, actor=principal, changed=section.replace("-", "_")
        )
        return _see_other(f"/web/projects/{project.id}/settings", "Settings saved.")

    return _guard(request, store, body)


def _updated_policy(current: ProjectPolicy, section: str, fields: dict[str, str]) -> ProjectPolicy:
    if section == "event-filters":
        filters = EventFilters.model_validate(
            {
                "drop_apps": _split(fields.get("drop_apps", "")),
                "drop_url_patterns": _split(fields.get("drop_url_patterns", "")),
                "drop_kinds": _split(fields.get("drop_kinds", "")),
            }
        )
        return current.model_copy(update={"event_filters": filters})
    if section == "categories":
        rules = []
        for line in _split(fields.get("rules", "")):
            parts = [part.strip() or None for part in line.split("|")] + [None] * 3
            category, app, window, url = parts[:4]
            rules.append(CategoryRule(category=category or "", app=app, window=window, url=url))
        return current.model_copy(update={"categories": tuple(rules)})
    return ProjectPolicy.model_validate(
        {
            **current.model_dump(mode="json"),
            "approved_apps": _split(fields.get("approved_apps", "")),
            "denied_sites": _split(fields.get("denied_sites", "")),
            "k_anonymity": int(fields.get("k_anonymity") or current.k_anonymity),
        }
    )


def _guard(request: Request, store: SqlStore, body: Page) -> Response:
    """Run ``body`` for the signed-in user; no cookie -> sign-in, HTTP errors -> error page."""
    principal = _principal_of(request, store)
    if principal is None:
        return _to_login(request)
    try:
        return body(principal)
    except HTTPException as error:
        return _error_page(request, principal, error)


def _principal_of(request: Request, store: SqlStore) -> Principal | None:
    token = request.cookies.get(COOKIE)
    return None if not token else store.tokens.verify_token(token)


def _project(store: SqlStore, principal: Principal, project_id: str, action: Action) -> Project:
    """The same rule as ``deps.require_project``: invisible -> 404, then the role -> 403."""
    project = store.projects.find_visible_project(project_id, user_id=principal.user_id)
    if project is None:
        raise_project_not_found(project_id)
    authorize(principal, action, project=project)
    return project


def _may(principal: Principal, action: Action) -> bool:
    return principal.role in POLICY[action]


def _render(
    request: Request,
    template: str,
    principal: Principal | None,
    *,
    status_code: int = 200,
    **context: Any,
) -> Response:
    notice = request.query_params.get("notice")
    return templates.TemplateResponse(
        request,
        template,
        {"principal": principal, "notice": notice, **context},
        status_code=status_code,
    )


def _error_page(request: Request, principal: Principal, error: HTTPException) -> Response:
    return _render(
        request,
        "error.html",
        principal,
        status_code=error.status_code,
        detail=error.detail,
    )


def _to_login(request: Request) -> Response:
    target = request.url.path if request.method == "GET" else "/web/"
    return RedirectResponse(f"/web/login?next={target}", status_code=status.HTTP_303_SEE_OTHER)


def _see_other(path: str, notice: str) -> Response:
    return RedirectResponse(f"{path}?notice={quote(notice)}", status_code=status.HTTP_303_SEE_OTHER)


def _safe_next(target: str) -> str:
    # Only back into the web app: never an open redirect to another site.
    return target if target.startswith("/web/") and "//" not in target else "/web/"


def _split(text: str, separator: str = "\n") -> list[str]:
    return [part.strip() for part in text.replace("\r", "").split(separator) if part.strip()]


def _utc(local: str) -> datetime:
    moment = datetime.fromisoformat(local.strip())
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _enum(kind: Any, value: str, allowed: set[str]) -> Any:
    if value not in allowed:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"{value!r} is not one of: {', '.join(sorted(allowed))}",
        )
    return kind(value)


def _first_error(error: Exception) -> str:
    if isinstance(error, ValidationError):
        detail = error.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in detail["loc"])
        return f"{where}: {detail['msg']}" if where else str(detail["msg"])
    return str(error)
