"""Governance (pure policy), before ingest: data requests, consent, and whether an event may
be recorded.

A data request (made by an analyst) names the workstation users, the apps, a time window and a
purpose. A manager approves or rejects it; each named user then consents, pauses or withdraws.
An event for user U is recordable only if some approved request names U, U's consent on it is
current, the event's time is inside the window and its app is among the request's apps (an
empty app list means any app). ``judge_recording`` says why not, in words a recorder's operator
can act on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from taskmine.domain import Event
from taskmine.governance.filters import matches_any


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ConsentStatus(StrEnum):
    CONSENTED = "consented"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"


class GovernanceError(ValueError):
    """A workflow step that is not allowed in the request's current state; says what to do."""


@dataclass(frozen=True, slots=True)
class DataRequest:
    id: str
    project_id: str
    users: tuple[str, ...]
    apps: tuple[str, ...]
    starts_at: datetime
    ends_at: datetime
    purpose: str
    approver: str
    status: RequestStatus
    created_by: str
    created_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None
    consents: Mapping[str, ConsentStatus] = field(default_factory=dict)

    def consent_of(self, user: str) -> ConsentStatus | None:
        return self.consents.get(user)


# Allowed decisions: a pending request is decided once; an approved one can still be revoked.
_DECISIONS = {
    RequestStatus.PENDING: {RequestStatus.APPROVED, RequestStatus.REJECTED},
    RequestStatus.APPROVED: {RequestStatus.REJECTED},
    RequestStatus.REJECTED: set(),
}


def check_decision(request: DataRequest, decision: RequestStatus) -> None:
    """Raise ``GovernanceError`` unless ``decision`` may be taken on ``request`` now."""
    if decision not in _DECISIONS[request.status]:
        raise GovernanceError(
            f"data request {request.id!r} is {request.status.value}; it cannot become "
            f"{decision.value} (a rejected request is final: create a new one)"
        )


def check_consent_change(request: DataRequest, user: str, status: ConsentStatus) -> None:
    """Raise ``GovernanceError`` unless ``user`` may set their consent to ``status`` now."""
    if user not in request.users:
        raise GovernanceError(f"data request {request.id!r} does not name user {user!r}")
    current = request.consent_of(user)
    if current is ConsentStatus.WITHDRAWN:
        raise GovernanceError(
            "you withdrew your consent to this data request; that is final "
            "(the analyst can send a new request)"
        )
    if status is not ConsentStatus.WITHDRAWN and request.status is not RequestStatus.APPROVED:
        raise GovernanceError(
            f"data request {request.id!r} is {request.status.value}; consent can be given or "
            "paused once a manager has approved it"
        )


def judge_recording(event: Event, requests: Iterable[DataRequest]) -> str | None:
    """None if some request lets ``event`` be recorded, else the reason of the closest one."""
    best: tuple[int, str] | None = None
    for request in requests:
        if event.user_id not in request.users:
            continue
        verdict = _judge_one(event, request)
        if verdict is None:
            return None
        if best is None or verdict[0] > best[0]:
            best = verdict
    if best is None:
        return (
            f"no data request names user {event.user_id!r}; recording needs a data request "
            "approved by a manager and the user's consent"
        )
    return best[1]


def judge_permission(
    user: str, requests: Iterable[DataRequest], *, now: datetime
) -> tuple[DataRequest | None, str]:
    """Whether ``user`` may record at ``now``: (the request that allows it, or None; why).

    The recorder asks this before it starts; the per-event check at ingest (``judge_recording``)
    still decides what lands, so a request that ends or a consent withdrawn later still counts.
    """
    best: tuple[int, str] | None = None
    for request in requests:
        if user not in request.users:
            continue
        verdict = _judge_state(user, request, at=now)
        if verdict is None:
            return request, f"data request {request.id} is approved and {user!r} has consented"
        if best is None or verdict[0] > best[0]:
            best = verdict
    if best is None:
        return None, (
            f"no data request names user {user!r}; an analyst requests one and a manager approves it"
        )
    return None, best[1]


def _judge_one(event: Event, request: DataRequest) -> tuple[int, str] | None:
    """(how far the request got, why it does not cover the event), or None if it does."""
    verdict = _judge_state(event.user_id, request, at=event.timestamp)
    if verdict is not None:
        return verdict
    if request.apps and not matches_any(event.app, request.apps):
        return 5, f"app {event.app!r} is not among the apps of data request {request.id}"
    return None


def _judge_state(user: str, request: DataRequest, *, at: datetime) -> tuple[int, str] | None:
    """(how far the request got, why it does not allow ``user`` at ``at``), or None."""
    if request.status is RequestStatus.PENDING:
        return 1, f"data request {request.id} for user {user!r} is not approved by a manager yet"
    if request.status is RequestStatus.REJECTED:
        return 0, f"data request {request.id} for user {user!r} was rejected"
    consent = request.consent_of(user)
    if consent is None:
        return 2, f"user {user!r} has not consented to data request {request.id}"
    if consent is ConsentStatus.WITHDRAWN:
        return 2, f"user {user!r} withdrew consent to data request {request.id}"
    if consent is ConsentStatus.PAUSED:
        return 3, f"user {user!r} paused recording for data request {request.id}"
    if not request.starts_at <= at < request.ends_at:
        return 4, (
            f"the time is outside data request {request.id}'s window "
            f"({request.starts_at.isoformat()} to {request.ends_at.isoformat()})"
        )
    return None
