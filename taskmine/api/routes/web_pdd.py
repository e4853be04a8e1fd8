"""Web app, PDD stage: review a candidate's PDD in the browser, and download PDDs and exports
with the sign-in cookie.

Nothing here decides anything of its own. A candidate is resolved by the API's own dependency
(``candidate_refs.require_candidate``: invisible project -> 404, role -> 403, missing result or
candidate -> 404), each review form validates the API's own body model and calls the service
function the API's route calls (``pdd_review``: ``pdd_documents.apply_review`` /
``build_review_state``, the same audit rows), and each download calls the API's handler
(``routes.pdds.read_pdd``, ``routes.candidates.export_candidate``: the same export records).
So the page and the API cannot drift apart: a state the document does not allow is the same
409, a stale ``expected_version`` (every form sends the version the page showed) the same 409.

Pages: ``/web/candidates/{candidate_id}/pdd`` (the rendered document, section by section with
its comments, status, approvals and versions), its POST forms (comment, resolve, submit,
request changes, approve, reopen; CSRF-checked, see ``web_common``), and the downloads
``/web/candidates/{candidate_id}/pdd/download/{md|docx|html}`` and
``/web/candidates/{candidate_id}/exports/{uipath|power-automate|bpmn|xes|ocel}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Form, HTTPException, Query, Request, status
from fastapi.responses import Response
from fastapi.routing import APIRouter
from markupsafe import Markup
from pydantic import ValidationError

from exporters.pdd_html import render_pdd_html
from taskmine.api import pdd_review
from taskmine.api.authz import Action
from taskmine.api.candidate_refs import ResolvedCandidate, require_candidate
from taskmine.api.deps import StoreDep
from taskmine.api.models import (
    MAX_DOCUMENT_VERSION,
    PddApprovalCreate,
    PddChangeRequestCreate,
    PddCommentCreate,
    PddReopenCreate,
    PddResolveCreate,
    PddReviewState,
    PddSubmitCreate,
)
from taskmine.api.pdd_documents import (
    PddDrafter,
    build_review_state,
    get_pdd_drafter,
    read_pdd_version,
)
from taskmine.api.routes import candidates as candidate_routes
from taskmine.api.routes import pdds as pdd_routes
from taskmine.api.routes.web_common import (
    CsrfForm,
    first_error,
    guard,
    may,
    render,
    see_other,
)
from taskmine.pdd import SECTIONS, Pdd, render_process_map
from taskmine.storage import Principal, SqlStore

router = APIRouter(include_in_schema=False)

PDD_FORMATS = ("docx", "md", "html")
EXPORTS = (
    ("uipath", "UiPath Studio project (.zip)"),
    ("power-automate", "Power Automate Desktop subflows (.zip)"),
    ("bpmn", "BPMN 2.0 task map (.bpmn)"),
    ("xes", "XES event log (.xes)"),
    ("ocel", "OCEL 2.0 event log (.json)"),
)
# Which document sections each numbered heading of ``exporters.pdd_html`` shows, in order.
SECTION_GROUPS: tuple[tuple[str, ...], ...] = (
    ("document_control",),
    ("overview",),
    ("applications",),
    ("steps",),
    ("process_map",),
    ("variants", "exceptions"),
    ("input_data", "output_data"),
    ("metrics",),
    ("assessment",),
    ("open_questions",),
)
SECTION_TITLES = {section: section.replace("_", " ").capitalize() for section in SECTIONS}
# What made a PDD version, as words (``pdd_documents.AUDIT_ACTIONS`` has the same keys).
ACTION_WORDS = {
    "drafted": "drafted",
    "comment": "commented",
    "resolve": "resolved a comment",
    "submit": "submitted for review",
    "request_changes": "requested changes",
    "approve": "approved",
    "reopen": "reopened",
}

OptionalText = Annotated[str, Form()]
ExpectedVersion = Annotated[int | None, Form()]


def pdd_download_links(api_id: str) -> list[tuple[str, str]]:
    """(label, href) of the cookie-authenticated PDD downloads of one candidate."""
    labels = {"docx": "Word (.docx)", "md": "Markdown (.md)", "html": "HTML (.html)"}
    return [(labels[fmt], f"/web/candidates/{api_id}/pdd/download/{fmt}") for fmt in PDD_FORMATS]


def export_links(api_id: str) -> list[tuple[str, str]]:
    return [(label, f"/web/candidates/{api_id}/exports/{name}") for name, label in EXPORTS]


# --- the review page ----------------------------------------------------------------------------


@router.get("/candidates/{candidate_id}/pdd")
def pdd_review_page(request: Request, candidate_id: str, store: StoreDep) -> Response:
    def body(principal: Principal) -> Response:
        target = _resolve(store, principal, candidate_id, Action.READ_PDD)
        stored = read_pdd_version(
            store, target, version=None, drafter=get_pdd_drafter(request)
        )  # drafts on first view, like the API's first read
        state = build_review_state(store, target)
        pdd = Pdd.model_validate(stored.document)
        html = render_pdd_html(pdd, process_map_png=render_process_map(target.candidate))
        return render(
            request,
            "pdd_review.html",
            principal,
            target=target,
            api_id=target.api_id,
            pdd=pdd,
            state=state,
            blocks=_section_blocks(html, state),
            open_change_requests=[
                c for c in state.comments if c.kind == "change_request" and not c.resolved
            ],
            downloads=pdd_download_links(target.api_id),
            can_comment=may(principal, Action.COMMENT_PDD),
            can_resolve=may(principal, Action.RESOLVE_PDD_COMMENT),
            can_submit=may(principal, Action.SUBMIT_PDD),
            can_review=may(principal, Action.REVIEW_PDD),
            sections=SECTIONS,
            section_titles=SECTION_TITLES,
            action_words=ACTION_WORDS,
            when=when,
        )

    return guard(request, store, body)


# --- review actions (the API's service functions, with the cookie's principal) -------------------


@router.post("/candidates/{candidate_id}/pdd/comments")
def comment(
    request: Request,
    candidate_id: str,
    store: StoreDep,
    section: Annotated[str, Form()],
    text: Annotated[str, Form()],
    expected_version: ExpectedVersion = None,
    csrf: CsrfForm = "",
) -> Response:
    def act(target: ResolvedCandidate, drafter: PddDrafter) -> str:
        body = PddCommentCreate(
            section=section, text=text.strip(), expected_version=expected_version
        )
        pdd_review.comment_on_pdd(store, target, body=body, drafter=drafter)
        return f"Comment added to {SECTION_TITLES.get(section, section).lower()}."

    return _act(request, store, candidate_id, Action.COMMENT_PDD, act, csrf, anchor=section)


@router.post("/candidates/{candidate_id}/pdd/comments/{comment_id}/resolve")
def resolve(
    request: Request,
    candidate_id: str,
    comment_id: str,
    store: StoreDep,
    expected_version: ExpectedVersion = None,
    csrf: CsrfForm = "",
) -> Response:
    def act(target: ResolvedCandidate, drafter: PddDrafter) -> str:
        body = PddResolveCreate(expected_version=expected_version)
        pdd_review.resolve_pdd_comment(
            store, target, comment_id=comment_id, body=body, drafter=drafter
        )
        return f"Comment {comment_id} resolved."

    return _act(request, store, candidate_id, Action.RESOLVE_PDD_COMMENT, act, csrf)


@router.post("/candidates/{candidate_id}/pdd/submit")
def submit(
    request: Request,
    candidate_id: str,
    store: StoreDep,
    expected_version: ExpectedVersion = None,
    csrf: CsrfForm = "",
) -> Response:
    def act(target: ResolvedCandidate, drafter: PddDrafter) -> str:
        body = PddSubmitCreate(expected_version=expected_version)
        pdd_review.submit_pdd(store, target, body=body, drafter=drafter)
        return "Submitted for review."

    return _act(request, store, candidate_id, Action.SUBMIT_PDD, act, csrf)


@router.post("/candidates/{candidate_id}/pdd/request-changes")
def request_changes(
    request: Request,
    candidate_id: str,
    store: StoreDep,
    section: Annotated[str, Form()],
    reason: Annotated[str, Form()],
    expected_version: ExpectedVersion = None,
    csrf: CsrfForm = "",
) -> Response:
    def act(target: ResolvedCandidate, drafter: PddDrafter) -> str:
        body = PddChangeRequestCreate(
            section=section, reason=reason.strip(), expected_version=expected_version
        )
        pdd_review.request_pdd_changes(store, target, body=body, drafter=drafter)
        return "Changes requested; the document is back in draft."

    return _act(request, store, candidate_id, Action.REVIEW_PDD, act, csrf)


@router.post("/candidates/{candidate_id}/pdd/approve")
def approve(
    request: Request,
    candidate_id: str,
    store: StoreDep,
    note: OptionalText = "",
    expected_version: ExpectedVersion = None,
    csrf: CsrfForm = "",
) -> Response:
    def act(target: ResolvedCandidate, drafter: PddDrafter) -> str:
        body = PddApprovalCreate(note=note.strip() or None, expected_version=expected_version)
        state = pdd_review.approve_pdd(store, target, body=body, drafter=drafter)
        return f"Approved version {state.approvals[-1].version}."

    return _act(request, store, candidate_id, Action.REVIEW_PDD, act, csrf)


@router.post("/candidates/{candidate_id}/pdd/reopen")
def reopen(
    request: Request,
    candidate_id: str,
    store: StoreDep,
    reason: Annotated[str, Form()],
    expected_version: ExpectedVersion = None,
    csrf: CsrfForm = "",
) -> Response:
    def act(target: ResolvedCandidate, drafter: PddDrafter) -> str:
        body = PddReopenCreate(reason=reason.strip(), expected_version=expected_version)
        pdd_review.reopen_pdd(store, target, body=body, drafter=drafter)
        return "Reopened; the approval stays on record."

    return _act(request, store, candidate_id, Action.REVIEW_PDD, act, csrf)


# --- downloads --------------------------------------------------------------------------------------


@router.get("/candidates/{candidate_id}/pdd/download/{fmt}")
def download_pdd(
    request: Request,
    candidate_id: str,
    fmt: str,
    store: StoreDep,
    version: Annotated[int | None, Query(ge=1, le=MAX_DOCUMENT_VERSION)] = None,
) -> Response:
    def body(principal: Principal) -> Response:
        target = _resolve(store, principal, candidate_id, Action.READ_PDD)
        if fmt not in PDD_FORMATS:
            raise HTTPException(
                status.HTTP_404_NOT_FOUND,
                f"no PDD format {fmt!r}; use one of: {', '.join(PDD_FORMATS)}",
            )
        chosen: Literal["md", "docx", "html"] = fmt  # type: ignore[assignment]
        return pdd_routes.read_pdd(
            target=target,
            store=store,
            drafter=get_pdd_drafter(request),
            fmt=chosen,
            version=version,
        )

    return guard(request, store, body)


@router.get("/candidates/{candidate_id}/exports/{target_name}")
def download_export(
    request: Request,
    candidate_id: str,
    target_name: str,
    store: StoreDep,
    profile: Literal["classic", "modern"] | None = None,
    form: Literal["zip", "text"] | None = None,
) -> Response:
    def body(principal: Principal) -> Response:
        target = _resolve(store, principal, candidate_id, Action.EXPORT_CANDIDATE)
        try:
            export = candidate_routes.ExportTargetName(target_name)
        except ValueError:
            names = ", ".join(name for name, _ in EXPORTS)
            raise HTTPException(
                status.HTTP_404_NOT_FOUND, f"no export {target_name!r}; use one of: {names}"
            ) from None
        return candidate_routes.export_candidate(
            candidate=target, target=export, store=store, profile=profile, form=form
        )

    return guard(request, store, body)


# --- helpers ----------------------------------------------------------------------------------------


def _resolve(
    store: SqlStore, principal: Principal, candidate_id: str, action: Action
) -> ResolvedCandidate:
    """The API's own resolution (``require_candidate``), called with the cookie's principal."""
    resolved: ResolvedCandidate = require_candidate(action).dependency(
        principal=principal, store=store, candidate_id=candidate_id
    )
    return resolved


def _act(
    request: Request,
    store: SqlStore,
    candidate_id: str,
    action: Action,
    act: Callable[[ResolvedCandidate, PddDrafter], str],
    csrf: str,
    *,
    anchor: str | None = None,
) -> Response:
    def body(principal: Principal) -> Response:
        target = _resolve(store, principal, candidate_id, action)
        try:
            notice = act(target, get_pdd_drafter(request))
        except ValidationError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, first_error(error)) from None
        page = f"/web/candidates/{target.api_id}/pdd"
        response = see_other(page, notice)
        if anchor:
            response.headers["location"] += f"#section-{anchor}"
        return response

    return guard(request, store, body, csrf=csrf)


_BODY = re.compile(r"<body>(.*)</body>", re.S)


def _section_blocks(html: str, state: PddReviewState) -> list[dict[str, Any]]:
    """The rendered document cut at its numbered headings, each piece with its sections'
    comments. If the renderer's headings ever stop matching ``SECTION_GROUPS``, the whole
    document is one piece and every section's comments follow it."""
    found = _BODY.search(html)
    inner = found.group(1) if found else html
    pieces = re.split(r"(?=<h2>)", inner)[1:]  # [0] is the title, shown by the page itself
    groups: list[tuple[str, tuple[str, ...]]]
    if len(pieces) == len(SECTION_GROUPS):
        groups = list(zip(pieces, SECTION_GROUPS, strict=True))
    else:
        groups = [("".join(pieces) or inner, SECTIONS)]
    blocks = []
    for piece, sections in groups:
        comments = [c for c in state.comments if c.section in sections]
        # The renderer autoescapes every text of the document (exporters.pdd_html).
        blocks.append({"html": Markup(piece), "sections": sections, "comments": comments})
    return blocks


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
