"""REST service, PDD stage: the six review actions, called alike by the API's routes
(``routes.pdds``) and the web pages' forms (``routes.web_pdd``).

Each takes a candidate already resolved for its action (``candidate_refs.require_candidate``:
the role check) and the validated request body, applies the pure function of
``taskmine.pdd.review`` with the caller's name through ``pdd_documents.apply_review`` (the
``expected_version`` check, the retry, the ``pdd.*`` audit row; a move the document's state
does not allow is a 409) and returns the review state after it.
"""

from __future__ import annotations

from taskmine.api.candidate_refs import ResolvedCandidate
from taskmine.api.models import (
    PddApprovalCreate,
    PddChangeRequestCreate,
    PddCommentCreate,
    PddReopenCreate,
    PddResolveCreate,
    PddReviewState,
    PddSubmitCreate,
)
from taskmine.api.pdd_documents import PddDrafter, ReviewChange, apply_review, build_review_state
from taskmine.pdd import (
    add_comment,
    approve,
    reopen,
    request_changes,
    resolve_comment,
    submit_for_review,
)
from taskmine.storage import SqlStore


def comment_on_pdd(
    store: SqlStore, target: ResolvedCandidate, *, body: PddCommentCreate, drafter: PddDrafter
) -> PddReviewState:
    by = target.principal.user_name
    return _review(
        store,
        target,
        "comment",
        lambda pdd, at: add_comment(pdd, section=body.section, author=by, text=body.text, at=at),
        body.expected_version,
        drafter,
    )


def resolve_pdd_comment(
    store: SqlStore,
    target: ResolvedCandidate,
    *,
    comment_id: str,
    body: PddResolveCreate | None,
    drafter: PddDrafter,
) -> PddReviewState:
    by = target.principal.user_name
    return _review(
        store,
        target,
        "resolve",
        lambda pdd, at: resolve_comment(pdd, comment_id=comment_id, by=by, at=at),
        body.expected_version if body else None,
        drafter,
    )


def submit_pdd(
    store: SqlStore, target: ResolvedCandidate, *, body: PddSubmitCreate | None, drafter: PddDrafter
) -> PddReviewState:
    by = target.principal.user_name
    return _review(
        store,
        target,
        "submit",
        lambda pdd, at: submit_for_review(pdd, by=by, at=at),
        body.expected_version if body else None,
        drafter,
    )


def request_pdd_changes(
    store: SqlStore, target: ResolvedCandidate, *, body: PddChangeRequestCreate, drafter: PddDrafter
) -> PddReviewState:
    by = target.principal.user_name
    return _review(
        store,
        target,
        "request_changes",
        lambda pdd, at: request_changes(
            pdd, section=body.section, by=by, reason=body.reason, at=at
        ),
        body.expected_version,
        drafter,
    )


def approve_pdd(
    store: SqlStore,
    target: ResolvedCandidate,
    *,
    body: PddApprovalCreate | None,
    drafter: PddDrafter,
) -> PddReviewState:
    principal = target.principal
    note = body.note if body else None
    return _review(
        store,
        target,
        "approve",
        lambda pdd, at: approve(
            pdd, approver=principal.user_name, role=principal.role.value, at=at, note=note
        ),
        body.expected_version if body else None,
        drafter,
    )


def reopen_pdd(
    store: SqlStore, target: ResolvedCandidate, *, body: PddReopenCreate, drafter: PddDrafter
) -> PddReviewState:
    by = target.principal.user_name
    return _review(
        store,
        target,
        "reopen",
        lambda pdd, at: reopen(pdd, by=by, reason=body.reason, at=at),
        body.expected_version,
        drafter,
    )


def _review(
    store: SqlStore,
    target: ResolvedCandidate,
    action: str,
    change: ReviewChange,
    expected_version: int | None,
    drafter: PddDrafter,
) -> PddReviewState:
    apply_review(
        store,
        target,
        action=action,
        change=change,
        expected_version=expected_version,
        drafter=drafter,
    )
    return build_review_state(store, target)
