"""Ports the mining activities need from storage: the narrow slice of it they use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from taskmine.domain import Event
from taskmine.governance.policy import EventFilters


class MiningStore(Protocol):
    def event_cutoff(self, job_id: str) -> int:
        """The highest event ``seq`` the job mines, pinned when the job was created."""
        ...

    def list_partitions(
        self, project_id: str, *, up_to_seq: int | None = None
    ) -> list[tuple[str, str, int]]:
        """(user_id, session_id, event count) of every partition, in a stable order; only
        events at or below ``up_to_seq`` count."""
        ...

    def iter_event_pages(
        self,
        project_id: str,
        *,
        page_size: int,
        partition: tuple[str, str] | None = None,
        up_to_seq: int | None = None,
        event_filters: EventFilters | None = None,
    ) -> Iterator[list[Event]]:
        """The project's (or one partition's) events at or below ``up_to_seq`` that
        ``event_filters`` keep, in time order, a page at a time."""
        ...

    def job_parameters(self, job_id: str) -> dict[str, Any]:
        """``{"discovery": overrides, "event_filters": filters}``, pinned when the job was
        created."""
        ...

    def deletion_generation(self, project_id: str) -> int:
        """Bumped by every transaction that deletes any of the project's events."""
        ...

    def update_job(self, job_id: str, **fields: Any) -> None: ...

    def cancel_job(self, job_id: str, *, by: str, reason: str) -> None:
        """Queued / running job -> cancelled, with who and why; an ended job is left alone."""
        ...

    def save_result(
        self,
        project_id: str,
        job_id: str,
        result: dict[str, Any],
        *,
        deletion_generation: int | None = None,
    ) -> int:
        """Persist once per job (a retry replaces nothing and adds nothing); the version.
        Raises ``EventsDeletedError`` (and saves nothing) if the project's deletion
        generation is no longer ``deletion_generation``."""
        ...


class MiningJobCreator(Protocol):
    """What a scheduled re-mine needs: a new (queued) job row. ``SqlStore.jobs`` is one."""

    def create_job(self, project_id: str, *, workflow_id: str | None = None) -> Any: ...

    def list_jobs(self, project_id: str) -> list[Any]: ...
