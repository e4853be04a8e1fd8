"""REST service, PDD stage: read a candidate's PDD (JSON, Markdown, Word, HTML) and review it.

The first read drafts the document (``pdd_documents``); every review action stores a new
version, so ``GET .../pdd?version=N`` returns any earlier one and ``GET .../pdd/versions`` lists
who did what when. Analysts comment, resolve and submit; business owners comment, request
changes, approve and reopen (admins may do both); a recorder (agent) and a recorded
workstation user read nothing here. What each review action does is ``pdd_review``'s, which the
web pages' forms call too.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import JSONResponse, Response

from exporters.pdd_docx import render_pdd_docx
from exporters.pdd_html import render_pdd_html
from exporters.pdd_markdown import render_pdd_markdown
from taskmine.api import pdd_review
from taskmine.api.authz import Action
from taskmine.api.candidate_refs import ResolvedCandidate, audit_candidate, require_candidate
from taskmine.api.deps import StoreDep
from taskmine.api.downloads import attachment_headers, candidate_file_stem
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
from taskmine.pdd import Pdd, render_process_map

router = APIRouter(prefix="/v1/candidates", tags=["pdd"])

ReadablePdd = Annotated[ResolvedCandidate, require_candidate(Action.READ_PDD)]
CommentablePdd = Annotated[ResolvedCandidate, require_candidate(Action.COMMENT_PDD)]
SubmittablePdd = Annotated[ResolvedCandidate, require_candidate(Action.SUBMIT_PDD)]
ReviewablePdd = Annotated[ResolvedCandidate, require_candidate(Action.REVIEW_PDD)]
ResolvablePdd = Annotated[ResolvedCandidate, require_candidate(Action.RESOLVE_PDD_COMMENT)]
DrafterDep = Annotated[PddDrafter, Depends(get_pdd_drafter)]

PddFormat = Literal["json", "md", "docx", "html"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "docx": DOCX,
    "html": "text/html; charset=utf-8",
}
_PDD_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {
        "description": "The PDD (schema taskmine.pdd/v1, see docs/pdd.md) in the asked format. "
        "Headers: X-Candidate-Id, X-Pdd-Version, X-Pdd-Status.",
        "content": {
            "application/json": {"schema": {"type": "object", "title": "taskmine.pdd/v1"}},
            "text/markdown": {"schema": {"type": "string"}},
            DOCX: {"schema": {"type": "string", "format": "binary"}},
            "text/html": {"schema": {"type": "string"}},
        },
    },
    403: {"description": "Your role may not read PDDs (agent, workstation_user)."},
    404: {"description": "Candidate, result version or PDD version not found (or not yours)."},
}
_READ_RESPONSES: dict[int | str, dict[str, object]] = {
    403: {"description": "Your role may not read PDDs (agent, workstation_user)."},
    404: {"description": "Candidate not found (or its project is not shared with you)."},
}
_REVIEW_RESPONSES: dict[int | str, dict[str, object]] = {
    403: {"description": "Your role may not take this review action."},
    404: {"description": "Candidate not found (or its project is not shared with you)."},
    409: {"description": "Not allowed in the document's state, or expected_version is stale."},
}


@router.get(
    "/{candidate_id}/pdd", response_class=Response, responses=_PDD_RESPONSES, summary="Read PDD"
)
def read_pdd(
    target: ReadablePdd,
    store: StoreDep,
    drafter: DrafterDep,
    fmt: Annotated[PddFormat, Query(alias="format")] = "json",
    version: Annotated[
        int | None, Query(ge=1, le=MAX_DOCUMENT_VERSION, description="Default: the latest.")
    ] = None,
) -> Response:
    stored = read_pdd_version(store, target, version=version, drafter=drafter)
    pdd = Pdd.model_validate(stored.document)
    headers = {
        "X-Candidate-Id": target.api_id,
        "X-Pdd-Version": str(stored.version),
        "X-Pdd-Status": stored.status,
    }
    if fmt == "json":
        return JSONResponse(stored.document, headers=headers)
    content = _render(pdd, target, fmt)
    options = {"format": fmt, "version": stored.version}
    record = store.pdds.record_export(
        target.ref,
        artifact="pdd",
        options=options,
        media_type=MEDIA_TYPES[fmt],
        content=content,
        actor=target.principal,
    )
    audit_candidate(
        store,
        target,
        action="candidate.exported",
        details={"artifact": "pdd", "options": options, "sha256": record.sha256},
    )
    name = f"{candidate_file_stem(target)}_pdd_v{stored.version}.{fmt}"
    return Response(
        content, media_type=MEDIA_TYPES[fmt], headers={**headers, **attachment_headers(name)}
    )


@router.get(
    "/{candidate_id}/pdd/versions", response_model=PddReviewState, responses=_READ_RESPONSES
)
def list_pdd_versions(target: ReadablePdd, store: StoreDep, drafter: DrafterDep) -> PddReviewState:
    read_pdd_version(store, target, version=None, drafter=drafter)  # drafts on first use
    return build_review_state(store, target)


@router.post(
    "/{candidate_id}/pdd/comments",
    response_model=PddReviewState,
    status_code=status.HTTP_201_CREATED,
    responses=_REVIEW_RESPONSES,
)
def comment_on_pdd(
    target: CommentablePdd, body: PddCommentCreate, store: StoreDep, drafter: DrafterDep
) -> PddReviewState:
    return pdd_review.comment_on_pdd(store, target, body=body, drafter=drafter)


@router.post(
    "/{candidate_id}/pdd/comments/{comment_id}:resolve",
    response_model=PddReviewState,
    responses=_REVIEW_RESPONSES,
)
def resolve_pdd_comment(
    target: ResolvablePdd,
    comment_id: str,
    store: StoreDep,
    drafter: DrafterDep,
    body: PddResolveCreate | None = None,
) -> PddReviewState:
    return pdd_review.resolve_pdd_comment(
        store, target, comment_id=comment_id, body=body, drafter=drafter
    )


@router.post(
    "/{candidate_id}/pdd:submit", response_model=PddReviewState, responses=_REVIEW_RESPONSES
)
def submit_pdd(
    target: SubmittablePdd,
    store: StoreDep,
    drafter: DrafterDep,
    body: PddSubmitCreate | None = None,
) -> PddReviewState:
    return pdd_review.submit_pdd(store, target, body=body, drafter=drafter)


@router.post(
    "/{candidate_id}/pdd:request-changes",
    response_model=PddReviewState,
    responses=_REVIEW_RESPONSES,
)
def request_pdd_changes(
    target: ReviewablePdd, body: PddChangeRequestCreate, store: StoreDep, drafter: DrafterDep
) -> PddReviewState:
    return pdd_review.request_pdd_changes(store, target, body=body, drafter=drafter)


@router.post(
    "/{candidate_id}/pdd:approve", response_model=PddReviewState, responses=_REVIEW_RESPONSES
)
def approve_pdd(
    target: ReviewablePdd,
    store: StoreDep,
    drafter: DrafterDep,
    body: PddApprovalCreate | None = None,
) -> PddReviewState:
    return pdd_review.approve_pdd(store, target, body=body, drafter=drafter)


@router.post(
    "/{candidate_id}/pdd:reopen", response_model=PddReviewState, responses=_REVIEW_RESPONSES
)
def reopen_pdd(
    target: ReviewablePdd, body: PddReopenCreate, store: StoreDep, drafter: DrafterDep
) -> PddReviewState:
    return pdd_review.reopen_pdd(store, target, body=body, drafter=drafter)


def _render(pdd: Pdd, target: ResolvedCandidate, fmt: str) -> bytes:
    if fmt == "md":
        return render_pdd_markdown(pdd).encode("utf-8")
    process_map = render_process_map(target.candidate)
    if fmt == "docx":
        return render_pdd_docx(pdd, process_map_png=process_map)
    return render_pdd_html(pdd, process_map_png=process_map).encode("utf-8")
