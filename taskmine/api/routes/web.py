"""Web app: sign-in, projects, the shortlist, mining and the candidate page, under ``/web``.

The other pages are in ``web_governance`` (data requests, analytics, settings, audit) and
``web_pdd`` (PDD review, PDD and export downloads), both mounted on this router; the cookie,
the CSRF token and the page guard are in ``web_common``. Sign-in takes an API token and keeps
it in an HttpOnly, SameSite=Strict cookie; every page resolves the cookie to the same
``Principal`` the API would, then applies the same rules: a project the user cannot see is a
404 page, a missing right a 403 page. Forms carry the session's CSRF token, post back and
redirect (303) to the page they came from.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from taskmine.api.authz import Action, authorize
from taskmine.api.candidate_refs import format_candidate_id
from taskmine.api.deps import LauncherDep, StoreDep
from taskmine.api.routes import web_governance, web_pdd
from taskmine.api.routes.web_common import (
    COOKIE,
    COOKIE_MAX_AGE_S,
    CsrfForm,
    check_csrf,
    error_page,
    guard,
    may,
    principal_of,
    render,
    see_other,
    to_login,
    visible_project,
)
from taskmine.storage import CandidateRef, Principal
from taskmine.web.charts import bar_chart, step_flow

router = APIRouter(prefix="/web", include_in_schema=False)
router.include_router(web_governance.router)
router.include_router(web_pdd.router)

__all__ = ["COOKIE", "router"]


# --- sign-in ---------------------------------------------------------------------------------


@router.get("/login")
def login_page(request: Request, next: str = "/web/") -> Response:
    return render(request, "login.html", None, next=_safe_next(next), error=None)


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    token: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/web/",
) -> Response:
    principal = store.tokens.verify_token(token.strip())
    if principal is None:
        return render(
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
        return render(
            request,
            "projects.html",
            principal,
            projects=store.projects.list_visible_projects(principal.user_id),
            can_create=may(principal, Action.CREATE_PROJECT),
            can_analytics=may(principal, Action.READ_ANALYTICS),
        )

    return guard(request, store, body)


@router.post("/projects")
def create_project(
    request: Request, store: StoreDep, name: Annotated[str, Form()], csrf: CsrfForm = ""
) -> Response:
    def body(principal: Principal) -> Response:
        authorize(principal, Action.CREATE_PROJECT)
        if not name.strip():
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "a project needs a name")
        project = store.projects.create_project(name.strip()[:200], owner_id=principal.user_id)
        return see_other(f"/web/projects/{project.id}", "Project created.")

    return guard(request, store, body, csrf=csrf)


@router.get("/projects/{project_id}")
def shortlist_page(request: Request, project_id: str, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        project = visible_project(store, principal, project_id, Action.READ_CANDIDATES)
        stored = store.jobs.get_latest_result(project.id)
        jobs = store.jobs.list_jobs(project.id)
        return render(
            request,
            "shortlist.html",
            principal,
            project=project,
            result=None if stored is None else stored.result,
            version=None if stored is None else stored.version,
            candidates=[] if stored is None else stored.result.get("candidates", []),
            job=jobs[-1] if jobs else None,
            event_count=store.events.count_events(project.id),
            can_mine=may(principal, Action.START_MINING),
            can_analytics=may(principal, Action.READ_ANALYTICS),
            can_audit=may(principal, Action.READ_AUDIT),
        )

    return guard(request, store, body)


@router.post("/projects/{project_id}/mining-jobs")
async def start_mining(
    request: Request,
    project_id: str,
    store: StoreDep,
    launcher: LauncherDep,
    csrf: CsrfForm = "",
) -> Response:
    principal = await run_in_threadpool(principal_of, request, store)
    if principal is None:
        return to_login(request)
    try:
        check_csrf(request, csrf)
        project = await run_in_threadpool(
            visible_project, store, principal, project_id, Action.START_MINING
        )
    except HTTPException as error:
        return error_page(request, principal, error)
    job = await run_in_threadpool(store.jobs.create_job, project.id)
    await launcher.launch(project_id=project.id, job_id=job.id)
    # The inline launcher has finished by now; a Temporal one is still running.
    current = await run_in_threadpool(store.jobs.get_job, job.id)
    state = current.status.value if current is not None else "started"
    return see_other(f"/web/projects/{project.id}", f"Mining job {job.id}: {state}.")


@router.get("/projects/{project_id}/candidates/{candidate_id}")
def candidate_page(
    request: Request, project_id: str, candidate_id: str, store: StoreDep
) -> Response:
    def body(principal: Principal) -> Response:
        project = visible_project(store, principal, project_id, Action.READ_CANDIDATES)
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
        assert stored is not None  # a candidate was found in it
        ref = CandidateRef(project.id, stored.version, candidate_id)
        can_read_pdd = may(principal, Action.READ_PDD)
        api_id = format_candidate_id(ref)
        return render(
            request,
            "candidate.html",
            principal,
            project=project,
            candidate=candidate,
            api_id=api_id,
            can_read_pdd=can_read_pdd,
            pdd_status=store.pdds.latest_pdd(ref) if can_read_pdd else None,
            action_words=web_pdd.ACTION_WORDS,
            when=web_pdd.when,
            pdd_downloads=web_pdd.pdd_download_links(api_id),
            exports=web_pdd.export_links(api_id) if may(principal, Action.EXPORT_CANDIDATE) else [],
            score_chart=bar_chart(
                [(name, float(value)) for name, value in scores.items()],
                title="Scores (0 to 1)",
                format_value=lambda value: f"{value:.2f}",
            ),
            task_map=step_flow(labels, title=f"Task map of {candidate.get('name')}"),
        )

    return guard(request, store, body)


# --- helpers ------------------------------------------------------------------------------------


def _safe_next(target: str) -> str:
    # Only back into the web app: never an open redirect to another site.
    return target if target.startswith("/web/") and "//" not in target else "/web/"
