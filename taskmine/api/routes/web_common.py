"""Web app, shared plumbing: the sign-in cookie, CSRF tokens, the page guard and rendering.

Every page resolves the cookie to the same ``Principal`` the API would and applies the same
rules (``authz.authorize``; a project the user cannot see is a 404 page, a missing right a 403
page, no or a bad cookie sends the browser to sign-in). The routes live in ``web`` (projects,
data requests, analytics, settings, audit) and ``web_pdd`` (PDD review and downloads).

**CSRF.** Two layers. The cookie is ``SameSite=Strict``, so a form on another site does not
carry it. And every cookie-authenticated POST must return the per-session token the page put in
a hidden ``csrf`` field: an HMAC-SHA256 of a fixed label keyed with the session's own API
token. It needs no server-side state, changes with the session, and cannot be computed without
the token, which the HttpOnly cookie keeps away from scripts; a POST without the right value is
a 403 page. Sign-in itself carries no token (there is no session yet to protect).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Form, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from taskmine.api.authz import POLICY, Action, authorize
from taskmine.api.deps import raise_project_not_found
from taskmine.storage import ConflictError, Principal, Project, SqlStore
from taskmine.web import TEMPLATES_DIR

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
COOKIE = "taskmine_token"
COOKIE_MAX_AGE_S = 8 * 3600
CSRF_FIELD = "csrf"
_CSRF_LABEL = b"taskmine web csrf v1"

Page = Callable[[Principal], Response]
# The hidden field of every POST form; "" when missing, which never matches.
CsrfForm = Annotated[str, Form(alias=CSRF_FIELD)]


def csrf_token_for(api_token: str) -> str:
    """The CSRF token of the session signed in with ``api_token`` (hex, 64 characters)."""
    return hmac.new(api_token.encode("utf-8"), _CSRF_LABEL, hashlib.sha256).hexdigest()


def guard(request: Request, store: SqlStore, body: Page, *, csrf: str | None = None) -> Response:
    """Run ``body`` for the signed-in user; no cookie -> sign-in, HTTP errors -> error page.

    A POST must pass the form's ``csrf`` value; it is checked after sign-in (so a stale tab
    without a session still lands on the sign-in page) and before anything else.
    """
    principal = principal_of(request, store)
    if principal is None:
        return to_login(request)
    try:
        if request.method != "GET":
            check_csrf(request, csrf)
        return body(principal)
    except HTTPException as error:
        return error_page(request, principal, error)
    except ConflictError as error:
        return error_page(request, principal, HTTPException(status.HTTP_409_CONFLICT, str(error)))


def check_csrf(request: Request, submitted: str | None) -> None:
    token = request.cookies.get(COOKIE) or ""
    expected = csrf_token_for(token)
    if not submitted or not hmac.compare_digest(submitted, expected):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "this form was not sent from a page of this session (missing or stale CSRF "
            "token); reload the page and try again",
        )


def principal_of(request: Request, store: SqlStore) -> Principal | None:
    token = request.cookies.get(COOKIE)
    return None if not token else store.tokens.verify_token(token)


def visible_project(
    store: SqlStore, principal: Principal, project_id: str, action: Action
) -> Project:
    """The same rule as ``deps.require_project``: invisible -> 404, then the role -> 403."""
    project = store.projects.find_visible_project(project_id, user_id=principal.user_id)
    if project is None:
        raise_project_not_found(project_id)
    authorize(principal, action, project=project)
    return project


def may(principal: Principal, action: Action) -> bool:
    return principal.role in POLICY[action]


def render(
    request: Request,
    template: str,
    principal: Principal | None,
    *,
    status_code: int = 200,
    **context: Any,
) -> Response:
    notice = request.query_params.get("notice")
    token = request.cookies.get(COOKIE)
    csrf = csrf_token_for(token) if principal is not None and token else ""
    return templates.TemplateResponse(
        request,
        template,
        {
            "principal": principal,
            "notice": notice,
            "csrf": csrf,
            "status_code": status_code,
            **context,
        },
        status_code=status_code,
    )


def error_page(request: Request, principal: Principal, error: HTTPException) -> Response:
    return render(
        request, "error.html", principal, status_code=error.status_code, detail=error.detail
    )


def to_login(request: Request) -> Response:
    target = request.url.path if request.method == "GET" else "/web/"
    return RedirectResponse(f"/web/login?next={target}", status_code=status.HTTP_303_SEE_OTHER)


def see_other(path: str, notice: str) -> Response:
    return RedirectResponse(f"{path}?notice={quote(notice)}", status_code=status.HTTP_303_SEE_OTHER)


def first_error(error: Exception) -> str:
    """A validation error as one line a person can act on."""
    if isinstance(error, ValidationError):
        detail = error.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in detail["loc"])
        message = str(detail["msg"]).removeprefix("Value error, ")
        return f"{where}: {message}" if where else message
    return str(error)
