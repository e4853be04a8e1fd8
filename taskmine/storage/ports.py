"""Adapter boundary (storage): the ports the API, the workflows and the CLI program against.

Each store is a ``Protocol``; ``taskmine.storage.sql`` holds the SQLAlchemy adapters (SQLite and
PostgreSQL). Records are frozen, slotted dataclasses: plain values that leave the storage layer
with nothing lazy or connection-bound attached.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from taskmine.domain import Event


class Role(StrEnum):
    """What a token may do (DESIGN.md §8); the API's policy maps roles to actions."""

    ADMIN = "admin"
    POWER_USER = "power_user"
    ANALYST = "analyst"
    MANAGER = "manager"
    BUSINESS_OWNER = "business_owner"
    AGENT = "agent"
    # Added by governance (docs/governance.md): the person at a recorded workstation, who
    # consents to, pauses or withdraws from data requests that name them.
    WORKSTATION_USER = "workstation_user"


class JobStatus(StrEnum):
    QUEUED = "queued"  # written before stop 12 only; new jobs wait as running / stage queued
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """How many events of a batch landed, and how many were already stored (same event_id)."""

    accepted: int
    duplicates: int


@dataclass(frozen=True, slots=True)
class User:
    id: str
    name: str
    role: Role
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the token's user and the role the token grants."""

    user_id: str
    user_name: str
    role: Role
    token_id: str


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A freshly created token: ``plaintext`` is shown once and never stored."""

    token_id: str
    plaintext: str
    user: User
    role: Role


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    name: str
    owner_id: str
    settings: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class MiningJob:
    id: str
    project_id: str
    status: JobStatus
    progress: float
    stage: str | None
    counts: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    workflow_id: str | None = None
    created_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    # The highest event ``seq`` the job mines (pinned when it was created); None for jobs made
    # before migration 0005.
    event_cutoff: int | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None
    # The discovery overrides and event filters the job mines with, pinned when it was created
    # (``{"discovery": ..., "event_filters": ...}``); None for jobs made before migration 0006.
    parameters: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class StoredResult:
    """A persisted ``taskmine.discovery/v1`` result and the job that produced it."""

    project_id: str
    job_id: str
    version: int
    result: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CandidateRef:
    """One candidate of one stored result: the key (``"c1"``) of result ``result_version``."""

    project_id: str
    result_version: int
    candidate_key: str


@dataclass(frozen=True, slots=True)
class PddVersion:
    """One stored version of a candidate's PDD (a ``taskmine.pdd/v1`` document) and who made it."""

    candidate: CandidateRef
    version: int
    status: str
    action: str
    document: dict[str, Any]
    actor_id: str | None
    actor_name: str
    actor_role: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """Who downloaded which export (or PDD) of which candidate, when, and what it hashed to."""

    candidate: CandidateRef
    artifact: str
    options: dict[str, Any]
    media_type: str
    size_bytes: int
    sha256: str
    user_id: str | None
    user_name: str
    role: str
    token_id: str | None
    created_at: datetime


class EventStore(Protocol):
    def add_events(self, project_id: str, events: Sequence[Event]) -> IngestOutcome: ...

    def iter_events(
        self,
        project_id: str,
        *,
        page_size: int = 5_000,
        partition: tuple[str, str] | None = None,
        up_to_seq: int | None = None,
    ) -> Iterator[list[Event]]: ...

    def count_events(self, project_id: str) -> int: ...

    def list_partitions(
        self, project_id: str, *, up_to_seq: int | None = None
    ) -> list[tuple[str, str, int]]: ...

    def last_seq(self, project_id: str) -> int: ...


class UserStore(Protocol):
    def ensure_user(self, name: str, *, role: Role) -> User: ...

    def find_user(self, name_or_id: str) -> User | None: ...

    def has_admin(self) -> bool: ...


class TokenStore(Protocol):
    def create_token(self, user_id: str, *, role: Role) -> IssuedToken: ...

    def verify_token(self, plaintext: str) -> Principal | None: ...

    def revoke_token(self, token_id: str) -> None: ...


class ProjectStore(Protocol):
    def create_project(
        self, name: str, *, owner_id: str, settings: dict[str, Any] | None = None
    ) -> Project: ...

    def get_project(self, project_id: str) -> Project | None: ...

    def find_visible_project(self, project_id: str, *, user_id: str) -> Project | None: ...

    def list_visible_projects(self, user_id: str) -> list[Project]: ...

    def share_project(self, project_id: str, *, user_id: str) -> None: ...

    def list_shares(self, project_id: str) -> list[str]: ...


class JobStore(Protocol):
    def create_job(self, project_id: str, *, workflow_id: str | None = None) -> MiningJob: ...

    def get_job(self, job_id: str) -> MiningJob | None: ...

    def update_job(self, job_id: str, **fields: Any) -> MiningJob: ...

    def cancel_job(self, job_id: str, *, by: str, reason: str) -> MiningJob: ...

    def list_jobs(self, project_id: str) -> list[MiningJob]: ...

    def save_result(
        self,
        project_id: str,
        job_id: str,
        result: dict[str, Any],
        *,
        deletion_generation: int | None = None,
    ) -> int: ...

    def get_latest_result(self, project_id: str) -> StoredResult | None: ...

    def get_result_for_job(self, job_id: str) -> StoredResult | None: ...


class PddStore(Protocol):
    def get_result_version(self, project_id: str, version: int) -> StoredResult | None: ...

    def latest_pdd(self, candidate: CandidateRef) -> PddVersion | None: ...

    def get_pdd(self, candidate: CandidateRef, version: int) -> PddVersion | None: ...

    def list_pdd_versions(self, candidate: CandidateRef) -> list[PddVersion]: ...

    def add_pdd_version(
        self,
        candidate: CandidateRef,
        *,
        document: dict[str, Any],
        action: str,
        actor: Principal,
    ) -> PddVersion: ...

    def count_pdd_versions(self, project_id: str) -> int: ...

    def record_export(
        self,
        candidate: CandidateRef,
        *,
        artifact: str,
        options: dict[str, Any],
        media_type: str,
        content: bytes,
        actor: Principal,
    ) -> ExportRecord: ...

    def list_exports(self, project_id: str) -> list[ExportRecord]: ...


def chain_pages(pages: Iterable[list[Event]]) -> Iterator[Event]:
    """Flatten ``iter_events`` pages into one stream of events."""
    for page in pages:
        yield from page
