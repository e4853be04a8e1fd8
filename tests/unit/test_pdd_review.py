"""PDD review: comments, change requests and approval as new versions of a frozen document."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from taskmine.pdd import (
    ReviewError,
    add_comment,
    approve,
    draft_pdd,
    reopen,
    request_changes,
    resolve_comment,
    submit_for_review,
)
from taskmine.pdd.model import CommentKind, Pdd, PddStatus
from taskmine.pdd.sample import build_sample_candidate

T0 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture(scope="module")
def draft() -> Pdd:
    return draft_pdd(build_sample_candidate(), generated_at=T0)


def test_a_comment_makes_a_new_version_and_leaves_the_old_one(draft: Pdd) -> None:
    commented = add_comment(
        draft, section="steps", author="owner@acme", text="Step 9: IBAN comes from SAP.", at=_at(5)
    )
    assert draft.document_control.version == 1
    assert draft.document_control.comments == ()
    control = commented.document_control
    assert control.version == 2
    assert control.updated_at == _at(5)
    assert [(c.id, c.section, c.author, c.version) for c in control.comments] == [
        ("C1", "steps", "owner@acme", 2)
    ]
    assert [r.version for r in control.revisions] == [1, 2]
    # Content sections are untouched by a comment.
    assert commented.steps == draft.steps
    assert commented.metrics == draft.metrics


def test_full_review_cycle_records_who_approved_and_when(draft: Pdd) -> None:
    doc = submit_for_review(draft, by="analyst", at=_at(1))
    assert doc.document_control.status is PddStatus.IN_REVIEW
    doc = request_changes(
        doc, section="exceptions", by="owner", reason="X2 goes to a clerk.", at=_at(2)
    )
    assert doc.document_control.status is PddStatus.DRAFT
    request = doc.document_control.comments[-1]
    assert request.kind is CommentKind.CHANGE_REQUEST
    doc = submit_for_review(doc, by="analyst", at=_at(3))
    with pytest.raises(ReviewError, match="still open"):
        approve(doc, approver="owner", role="business_owner", at=_at(4))
    doc = resolve_comment(doc, comment_id=request.id, by="analyst", at=_at(4))
    approved = approve(doc, approver="owner", role="business_owner", at=_at(5), note="OK to build")
    control = approved.document_control
    assert control.status is PddStatus.APPROVED
    assert [(a.approver, a.role, a.at, a.version, a.note) for a in control.approvals] == [
        ("owner", "business_owner", _at(5), control.version, "OK to build")
    ]
    assert control.version == 6
    assert [r.by for r in control.revisions] == [
        control.revisions[0].by,
        "analyst",
        "owner",
        "analyst",
        "analyst",
        "owner",
    ]


def test_approved_document_refuses_change_requests_until_reopened(draft: Pdd) -> None:
    approved = approve(draft, approver="owner", role="business_owner", at=_at(1))
    with pytest.raises(ReviewError, match="already approved"):
        approve(approved, approver="owner", role="business_owner", at=_at(2))
    with pytest.raises(ReviewError, match="reopen"):
        request_changes(approved, section="overview", by="owner", reason="x", at=_at(2))
    reopened = reopen(approved, by="owner", reason="volumes changed", at=_at(3))
    assert reopened.document_control.status is PddStatus.DRAFT
    assert len(reopened.document_control.approvals) == 1  # history is kept
    # Comments stay possible on an approved document.
    assert add_comment(approved, section="metrics", author="cfo", text="Nice.", at=_at(4))


def test_only_a_draft_can_be_submitted(draft: Pdd) -> None:
    submitted = submit_for_review(draft, by="analyst", at=_at(1))
    with pytest.raises(ReviewError, match="only a draft"):
        submit_for_review(submitted, by="analyst", at=_at(2))


def test_bad_review_input_is_refused_with_a_hint(draft: Pdd) -> None:
    with pytest.raises(ReviewError, match="unknown section 'stepz'; use one of: document_control"):
        add_comment(draft, section="stepz", author="a", text="t", at=_at(1))
    with pytest.raises(ReviewError, match="time zone"):
        add_comment(draft, section="steps", author="a", text="t", at=datetime(2026, 3, 6))  # noqa: DTZ001
    with pytest.raises(ReviewError, match="before the last change"):
        add_comment(draft, section="steps", author="a", text="t", at=T0 - timedelta(days=1))
    with pytest.raises(ReviewError, match="empty"):
        add_comment(draft, section="steps", author="a", text="  ", at=_at(1))
    with pytest.raises(ReviewError, match="named"):
        approve(draft, approver=" ", role="business_owner", at=_at(1))
    with pytest.raises(ReviewError, match="no comment 'C9'"):
        resolve_comment(draft, comment_id="C9", by="a", at=_at(1))


def test_documents_are_frozen(draft: Pdd) -> None:
    with pytest.raises(ValidationError):
        draft.document_control.status = PddStatus.APPROVED  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Pdd.model_validate({**draft.to_json_dict(), "surprise": 1})
