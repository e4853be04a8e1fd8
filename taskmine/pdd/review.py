"""PDD stage, review: comment, submit, request changes, approve -- pure functions on ``Pdd``.

Each action returns a new ``Pdd`` with ``version`` one higher and a row added to the revision
history; the input is never changed, so a store that keeps every returned document keeps every
version. The caller passes who acts and when (no clock here). Allowed moves:

    draft --submit_for_review--> in_review --approve--> approved
    in_review --request_changes--> draft        (draft can also be approved directly)

An approved document takes comments but no change requests (revise it into a new draft first,
with ``reopen``). Approval is refused while a change request is unresolved.
"""

from __future__ import annotations

from datetime import datetime

from taskmine.pdd.errors import ReviewError
from taskmine.pdd.model import (
    SECTIONS,
    Approval,
    Comment,
    CommentKind,
    Pdd,
    PddStatus,
    Revision,
    is_timezone_aware,
)


def add_comment(pdd: Pdd, *, section: str, author: str, text: str, at: datetime) -> Pdd:
    """A new version with a reviewer's comment on one section."""
    _check(section=section, who=author, at=at, text=text)
    comment = _comment(
        pdd, section=section, author=author, text=text, at=at, kind=CommentKind.COMMENT
    )
    return _next(pdd, at=at, by=author, change=f"Comment on {section}.", comments=(comment,))


def submit_for_review(pdd: Pdd, *, by: str, at: datetime) -> Pdd:
    """draft -> in_review."""
    _check(who=by, at=at)
    if pdd.document_control.status is not PddStatus.DRAFT:
        raise ReviewError(
            f"only a draft can be submitted for review; this document is "
            f"{pdd.document_control.status.value}"
        )
    return _next(pdd, at=at, by=by, change="Submitted for review.", status=PddStatus.IN_REVIEW)


def request_changes(pdd: Pdd, *, section: str, by: str, reason: str, at: datetime) -> Pdd:
    """The reviewer sends the document back to draft with what must change."""
    _check(section=section, who=by, at=at, text=reason)
    if pdd.document_control.status is PddStatus.APPROVED:
        raise ReviewError(
            "this version is already approved; reopen it as a new draft (reopen) before "
            "requesting changes"
        )
    comment = _comment(
        pdd, section=section, author=by, text=reason, at=at, kind=CommentKind.CHANGE_REQUEST
    )
    return _next(
        pdd,
        at=at,
        by=by,
        change=f"Changes requested on {section}.",
        comments=(comment,),
        status=PddStatus.DRAFT,
    )


def resolve_comment(pdd: Pdd, *, comment_id: str, by: str, at: datetime) -> Pdd:
    """Mark a comment or change request as dealt with."""
    _check(who=by, at=at)
    control = pdd.document_control
    if comment_id not in {c.id for c in control.comments}:
        known = ", ".join(c.id for c in control.comments) or "none"
        raise ReviewError(f"no comment {comment_id!r} on this document (comments: {known})")
    comments = tuple(
        c.model_copy(update={"resolved": True}) if c.id == comment_id else c
        for c in control.comments
    )
    return _next(pdd, at=at, by=by, change=f"Resolved {comment_id}.", replace_comments=comments)


def approve(pdd: Pdd, *, approver: str, role: str, at: datetime, note: str | None = None) -> Pdd:
    """Record the business owner's approval of the current version."""
    _check(who=approver, at=at)
    control = pdd.document_control
    if control.status is PddStatus.APPROVED:
        raise ReviewError(f"version {control.version} is already approved")
    open_requests = [
        c.id for c in control.comments if c.kind is CommentKind.CHANGE_REQUEST and not c.resolved
    ]
    if open_requests:
        raise ReviewError(
            f"change requests {', '.join(open_requests)} are still open; resolve them "
            "(resolve_comment) before approving"
        )
    approval = Approval(approver=approver, role=role, at=at, version=control.version + 1, note=note)
    return _next(
        pdd,
        at=at,
        by=approver,
        change=f"Approved by {approver} ({role}).",
        status=PddStatus.APPROVED,
        approvals=(approval,),
    )


def reopen(pdd: Pdd, *, by: str, reason: str, at: datetime) -> Pdd:
    """An approved document back to draft for a revision; its approvals stay on record."""
    _check(who=by, at=at, text=reason)
    if pdd.document_control.status is not PddStatus.APPROVED:
        raise ReviewError("only an approved document needs reopening; this one is still open")
    return _next(pdd, at=at, by=by, change=f"Reopened: {reason}", status=PddStatus.DRAFT)


def _next(
    pdd: Pdd,
    *,
    at: datetime,
    by: str,
    change: str,
    status: PddStatus | None = None,
    comments: tuple[Comment, ...] = (),
    replace_comments: tuple[Comment, ...] | None = None,
    approvals: tuple[Approval, ...] = (),
) -> Pdd:
    control = pdd.document_control
    if at < control.updated_at:
        raise ReviewError(
            f"review time {at.isoformat()} is before the last change "
            f"({control.updated_at.isoformat()}); pass the current time"
        )
    version = control.version + 1
    updated = control.model_copy(
        update={
            "version": version,
            "status": status or control.status,
            "updated_at": at,
            "revisions": (
                *control.revisions,
                Revision(version=version, at=at, by=by, change=change),
            ),
            "comments": (
                *(replace_comments if replace_comments is not None else control.comments),
                *comments,
            ),
            "approvals": (*control.approvals, *approvals),
        }
    )
    # Re-validate the whole document, so a review action can never produce an invalid one.
    return Pdd.model_validate(
        {**pdd.model_dump(by_alias=True), "document_control": updated.model_dump()}
    )


def _comment(
    pdd: Pdd, *, section: str, author: str, text: str, at: datetime, kind: CommentKind
) -> Comment:
    number = len(pdd.document_control.comments) + 1
    return Comment(
        id=f"C{number}",
        section=section,
        author=author,
        at=at,
        text=text,
        kind=kind,
        version=pdd.document_control.version + 1,
    )


def _check(*, who: str, at: datetime, section: str | None = None, text: str | None = None) -> None:
    if not who.strip():
        raise ReviewError("who acts must be named (a user id or name); got an empty string")
    if not is_timezone_aware(at):
        raise ReviewError("the review time has no time zone; pass an aware UTC datetime")
    if section is not None and section not in SECTIONS:
        raise ReviewError(f"unknown section {section!r}; use one of: {', '.join(SECTIONS)}")
    if text is not None and not text.strip():
        raise ReviewError("the comment text is empty; say what should change")
