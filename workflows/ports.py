"""Ports the mining activities need from storage: the narrow slice of it they use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from taskmine.domain import Event


class MiningStore(Protocol):
    def list_partitions(self, project_id: str) -> list[tuple[str, str, int]]:
        """(user_id, session_id, event count) of every partition, in a stable order."""
        ...

    def iter_event_pages(
        self, project_id: str, *, page_size: int, partition: tuple[str, str] | None = None
    ) -> Iterator[list[Event]]:
        """The project's (or one partition's) events, in time order, a page at a time."""
        ...

    def discovery_parameters(self, project_id: str) -> dict[str, Any]:
        """The project's ROI / discovery parameter overrides."""
        ...

    def update_job(self, job_id: str, **fields: Any) -> None: ...

    def save_result(self, project_id: str, job_id: str, result: dict[str, Any]) -> int:
        """Persist once per job (a retry replaces nothing and adds nothing); the version."""
        ...


class MiningJobCreator(Protocol):
    """What a scheduled re-mine needs: a new (queued) job row. ``SqlStore.jobs`` is one."""

    def create_job(self, project_id: str, *, workflow_id: str | None = None) -> Any: ...

    def list_jobs(self, project_id: str) -> list[Any]: ...
