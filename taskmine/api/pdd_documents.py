"""REST service, PDD stage: draft a candidate's PDD once, keep every version, render it.

The first read of a candidate's PDD drafts it (deterministic drafter, or the LLM drafter when
``OPENAI_BASE_URL`` is set) and stores it as version 1; every later read returns the stored
latest version, so a document is never drafted twice for one candidate of one result. A review
action reads the latest version, applies the pure function from ``taskmine.pdd.review`` with the
caller's name and the server's clock, and stores the result as the next version. Two writers of
the same version: one lands, the other re-applies its action on the newer version (or answers
409 when it named the version it expected).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from fastapi import HTTPException, Request, status

from taskmine.api.candidate_refs import ResolvedCandidate, audit_candidate
from taskmine.api.models import (
    PddApprovalPublic,
    PddCommentPublic,
    PddReviewState,
    PddVersionPublic,
)
from taskmine.domain import Candidate
from taskmine.pdd import LlmSettings, Pdd, ReviewError, draft_pdd, draft_pdd_with_llm
from taskmine.settings import Settings
from taskmine.storage import ConflictError, PddVersion, SqlStore

# A local OpenAI-compatible server (llama.cpp, vLLM, Ollama) takes any model name.
DEFAULT_LLM_MODEL = "gpt-4o-mini"
DRAFTED = "drafted"
# The governance audit log's names for what made a PDD version.
AUDIT_ACTIONS = {
    DRAFTED: "pdd.drafted",
    "comment": "pdd.commented",
    "resolve": "pdd.comment_resolved",
    "submit": "pdd.submitted",
    "request_changes": "pdd.changes_requested",
    "approve": "pdd.approved",
    "reopen": "pdd.reopened",
}
_WRITE_ATTEMPTS = 3

ReviewChange = Callable[[Pdd, datetime], Pdd]


class PddDrafter(Protocol):
    def __call__(
        self, candidate: Candidate, *, result_meta: Mapping[str, Any], generated_at: datetime
    ) -> Pdd: ...


def build_pdd_drafter(settings: Settings) -> PddDrafter:
    """The deterministic drafter, or the LLM one when an OpenAI-compatible endpoint is set."""
    if not settings.openai_base_url:
        return draft_pdd
    llm = LlmSettings(
        model=settings.llm_model or DEFAULT_LLM_MODEL,
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key,
    )

    def draft(
        candidate: Candidate, *, result_meta: Mapping[str, Any], generated_at: datetime
    ) -> Pdd:
        return draft_pdd_with_llm(
            candidate, settings=llm, result_meta=result_meta, generated_at=generated_at
        )

    return draft


def get_pdd_drafter(request: Request) -> PddDrafter:
    """``app.state.pdd_drafter`` if a composition root (or a test) set one, else from settings."""
    drafter: PddDrafter | None = getattr(request.app.state, "pdd_drafter", None)
    if drafter is None:
        drafter = build_pdd_drafter(request.app.state.settings)
        request.app.state.pdd_drafter = drafter
    return drafter


def load_or_draft_pdd(
    store: SqlStore, target: ResolvedCandidate, *, drafter: PddDrafter
) -> PddVersion:
    """The latest stored version; on first use, the draft (stored as version 1)."""
    latest = store.pdds.latest_pdd(target.ref)
    if latest is not None:
        return latest
    pdd = drafter(target.candidate, result_meta=_result_meta(target), generated_at=_now())
    control = pdd.document_control.model_copy(
        update={"document_id": f"pdd-{target.api_id}", "candidate_id": target.api_id}
    )
    document = pdd.model_copy(update={"document_control": control}).to_json_dict()
    try:
        stored = store.pdds.add_pdd_version(
            target.ref, document=document, action=DRAFTED, actor=target.principal
        )
    except ConflictError:  # drafted by a concurrent first reader: theirs is the document
        theirs = store.pdds.latest_pdd(target.ref)
        if theirs is None:  # pragma: no cover - a version row is never deleted alone
            raise
        return theirs
    _audit_version(store, target, stored)
    return stored


def read_pdd_version(
    store: SqlStore, target: ResolvedCandidate, *, version: int | None, drafter: PddDrafter
) -> PddVersion:
    if version is None:
        return load_or_draft_pdd(store, target, drafter=drafter)
    found = store.pdds.get_pdd(target.ref, version)
    if found is None:
        latest = store.pdds.latest_pdd(target.ref)
        have = f"versions 1 to {latest.version}" if latest else "no versions yet"
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"the PDD of {target.api_id} has no version {version} ({have})",
        )
    return found


def apply_review(
    store: SqlStore,
    target: ResolvedCandidate,
    *,
    action: str,
    change: ReviewChange,
    expected_version: int | None,
    drafter: PddDrafter,
) -> PddVersion:
    """Apply ``change`` to the latest version and store what it returns as the next one."""
    for _ in range(_WRITE_ATTEMPTS):
        latest = load_or_draft_pdd(store, target, drafter=drafter)
        if expected_version is not None and latest.version != expected_version:
            raise HTTPException(
                status.HTTP_409_CONFLICT,
                f"the PDD of {target.api_id} is at version {latest.version}, not "
                f"{expected_version}; read it again before you {action}",
            )
        pdd = Pdd.model_validate(latest.document)
        # Never before the last change, even if this server's clock is behind the last writer's.
        at = max(_now(), pdd.document_control.updated_at)
        try:
            updated = change(pdd, at)
        except ReviewError as error:
            raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
        try:
            stored = store.pdds.add_pdd_version(
                target.ref, document=updated.to_json_dict(), action=action, actor=target.principal
            )
        except ConflictError:
            if expected_version is not None:
                raise
            continue
        _audit_version(store, target, stored)
        return stored
    raise ConflictError(
        f"the PDD of {target.api_id} kept changing while saving your {action}; try again"
    )


def build_review_state(store: SqlStore, target: ResolvedCandidate) -> PddReviewState:
    versions = store.pdds.list_pdd_versions(target.ref)
    if not versions:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"the PDD of {target.api_id} has not been drafted yet; "
            f"GET /v1/candidates/{target.api_id}/pdd drafts it",
        )
    control = Pdd.model_validate(versions[-1].document).document_control
    return PddReviewState(
        candidate_id=target.api_id,
        document_id=control.document_id,
        version=control.version,
        status=control.status.value,
        comments=[
            PddCommentPublic(
                id=c.id,
                section=c.section,
                author=c.author,
                at=c.at,
                text=c.text,
                kind=c.kind.value,
                version=c.version,
                resolved=c.resolved,
            )
            for c in control.comments
        ],
        approvals=[
            PddApprovalPublic(
                approver=a.approver, role=a.role, at=a.at, version=a.version, note=a.note
            )
            for a in control.approvals
        ],
        versions=[
            PddVersionPublic(
                version=v.version,
                status=v.status,
                action=v.action,
                by=v.actor_name,
                role=v.actor_role,
                at=v.created_at,
            )
            for v in versions
        ],
    )


def _audit_version(store: SqlStore, target: ResolvedCandidate, stored: PddVersion) -> None:
    audit_candidate(
        store,
        target,
        action=AUDIT_ACTIONS.get(stored.action, f"pdd.{stored.action}"),
        details={"version": stored.version, "status": stored.status},
    )


def _result_meta(target: ResolvedCandidate) -> dict[str, Any]:
    result = target.result.result
    return {**(result.get("metrics") or {}), "events": result.get("events")}


def _now() -> datetime:
    return datetime.now(UTC)
