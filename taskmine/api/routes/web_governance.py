"""Web app, governance pages: data requests and their approval and consent, the analytics
dashboard, retention and project settings, the audit log (docs/governance.md).

Each page and form calls what the REST routes call (``routes.governance_requests`` for requests,
decisions and consent, ``routes.analytics.compute_analytics``, the governance store for
policies), behind the same ``web_common.guard``: cookie -> principal, CSRF on every POST,
invisible project -> 404 page, missing right -> 403 page.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import Action, authorize
from taskmine.api.deps import StoreDep
from taskmine.api.routes.analytics import compute_analytics
from taskmine.api.routes.governance_requests import (
    DataRequestCreate,
    change_consent,
    decide,
    list_involving,
    open_data_request,
)
from taskmine.api.routes.web_common import (
    CSRF_FIELD,
    CsrfForm,
    first_error,
    guard,
    may,
    render,
    see_other,
    visible_project,
)
from taskmine.governance import (
    CategoryRule,
    ConsentStatus,
    EventFilters,
    ProjectPolicy,
    RequestStatus,
    RetentionPolicy,
)
from taskmine.storage import Principal, SqlStore
from taskmine.web.charts import bar_chart, format_duration

router = APIRouter(include_in_schema=False)


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
        return render(
            request,
            "requests.html",
            principal,
            requests=requests,
            projects=projects,
            project_names=names,
            visible_ids={p.id for p in projects},
            my_counts=mine,
            can_create=may(principal, Action.CREATE_DATA_REQUEST),
            can_decide=may(principal, Action.DECIDE_DATA_REQUEST),
            can_consent=may(principal, Action.GIVE_CONSENT),
            default_start=today.strftime("%Y-%m-%dT%H:%M"),
            default_end=(today + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        )

    return guard(request, store, body)


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
    csrf: CsrfForm = "",
) -> Response:
    def body(principal: Principal) -> Response:
        project = visible_project(store, principal, project_id, Action.CREATE_DATA_REQUEST)
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
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, first_error(error)) from None
        created = open_data_request(store, project, principal, payload)
        return see_other("/web/data-requests", f"Data request {created.id} sent to {approver}.")

    return guard(request, store, body, csrf=csrf)


@router.post("/data-requests/{request_id}/decision")
def decide_request(
    request: Request,
    request_id: str,
    store: StoreDep,
    decision: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    csrf: CsrfForm = "",
) -> Response:
    def body(principal: Principal) -> Response:
        verdict = _enum(RequestStatus, decision, {"approved", "rejected"})
        decide(store, principal, request_id, verdict, note.strip() or None)
        return see_other("/web/data-requests", f"Data request {verdict.value}.")

    return guard(request, store, body, csrf=csrf)


@router.post("/data-requests/{request_id}/consent")
def consent(
    request: Request,
    request_id: str,
    store: StoreDep,
    status_: Annotated[str, Form(alias="status")],
    csrf: CsrfForm = "",
) -> Response:
    def body(principal: Principal) -> Response:
        choice = _enum(ConsentStatus, status_, {s.value for s in ConsentStatus})
        _, deleted = change_consent(store, principal, request_id, choice)
        notice = f"Consent set to {choice.value}."
        if choice is ConsentStatus.WITHDRAWN:
            notice += f" {deleted} of your events were deleted from the project."
        return see_other("/web/data-requests", notice)

    return guard(request, store, body, csrf=csrf)


# --- analytics, settings, audit -------------------------------------------------------------------


@router.get("/projects/{project_id}/analytics")
def analytics_page(
    request: Request, project_id: str, store: StoreDep, idle_after_s: float = 300.0
) -> Response:
    def body(principal: Principal) -> Response:
        project = visible_project(store, principal, project_id, Action.READ_ANALYTICS)
        idle_after = min(max(idle_after_s, 1.0), 86_400.0)
        summary = compute_analytics(store, project.id, idle_after_s=idle_after)
        policy = store.governance.get_policy(project.id)
        return render(
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

    return guard(request, store, body)


@router.get("/settings")
def settings_page(request: Request, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        authorize(principal, Action.READ_RETENTION)
        return render(
            request,
            "settings.html",
            principal,
            retention=store.governance.get_retention(),
            can_set=may(principal, Action.SET_RETENTION),
            projects=store.projects.list_visible_projects(principal.user_id),
        )

    return guard(request, store, body)


@router.post("/settings/retention")
def save_retention(
    request: Request,
    store: StoreDep,
    raw_events_days: Annotated[int, Form()],
    mined_results_days: Annotated[int, Form()],
    pdds_days: Annotated[int, Form()],
    csrf: CsrfForm = "",
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
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, first_error(error)) from None
        store.governance.set_retention(policy, actor=principal)
        return see_other("/web/settings", "Retention saved.")

    return guard(request, store, body, csrf=csrf)


@router.get("/projects/{project_id}/settings")
def project_settings_page(request: Request, project_id: str, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        project = visible_project(store, principal, project_id, Action.READ_POLICY)
        return render(
            request,
            "project_settings.html",
            principal,
            project=project,
            policy=store.governance.get_policy(project.id),
            can_filters=may(principal, Action.SET_EVENT_FILTERS),
            can_categories=may(principal, Action.SET_CATEGORIES),
            can_landscape=may(principal, Action.SET_LANDSCAPE),
        )

    return guard(request, store, body)


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
        project = visible_project(store, principal, project_id, Action.READ_AUDIT)
        entries = store.audit.list_entries(project_id=project.id, limit=500)
        return render(request, "audit.html", principal, project=project, entries=entries)

    return guard(request, store, body)


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
        project = visible_project(store, principal, project_id, action)
        current = store.governance.get_policy(project.id)
        try:
            policy = _updated_policy(current, section, fields)
        except (ValidationError, ValueError) as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, first_error(error)) from None
        store.governance.set_policy(
            project.id, policy, actor=principal, changed=section.replace("-", "_")
        )
        return see_other(f"/web/projects/{project.id}/settings", "Settings saved.")

    return guard(request, store, body, csrf=fields.get(CSRF_FIELD, ""))


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
