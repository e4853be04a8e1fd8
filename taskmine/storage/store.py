"""Adapter (storage): one object that opens the database and holds every SQL repository.

``open_store(url)`` is what the composition root calls: it builds the engine, runs the
migrations (never ``create_all``) and returns a ``SqlStore``. The store also answers the narrow
port the mining workflow needs (``workflows.ports.MiningStore``: partitions, event pages, the
job's pinned parameters, the deletion generation, job updates, result saving), so a worker can
be handed the same object.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine

from taskmine.domain import Event
from taskmine.governance.policy import EventFilters
from taskmine.storage.engine import build_engine
from taskmine.storage.errors import NotFoundError
from taskmine.storage.event_deletions import read_deletion_generation
from taskmine.storage.job_parameters import build_discovery_overrides
from taskmine.storage.migrate import upgrade_schema
from taskmine.storage.sql_audit import SqlAuditLog
from taskmine.storage.sql_auth import SqlTokenStore, SqlUserStore
from taskmine.storage.sql_events import SqlEventStore
from taskmine.storage.sql_governance import SqlGovernanceStore
from taskmine.storage.sql_jobs import SqlJobStore
from taskmine.storage.sql_pdds import SqlPddStore
from taskmine.storage.sql_projects import SqlProjectStore


class SqlStore:
    """Every repository on one engine, plus the mining workflow's storage port."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.events = SqlEventStore(engine)
        self.users = SqlUserStore(engine)
        self.tokens = SqlTokenStore(engine)
        self.projects = SqlProjectStore(engine)
        self.jobs = SqlJobStore(engine)
        self.governance = SqlGovernanceStore(engine)
        self.audit = SqlAuditLog(engine)
        self.pdds = SqlPddStore(engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # --- workflows.ports.MiningStore -------------------------------------------------------

    def event_cutoff(self, job_id: str) -> int:
        """The snapshot the job mines: pinned when it was created (or now, for a job made
        before migration 0005)."""
        job = self.jobs.get_job(job_id)
        if job is None:
            raise NotFoundError(f"mining job {job_id!r} does not exist")
        if job.event_cutoff is not None:
            return job.event_cutoff
        return self.events.last_seq(job.project_id)

    def list_partitions(
        self, project_id: str, *, up_to_seq: int | None = None
    ) -> list[tuple[str, str, int]]:
        return self.events.list_partitions(project_id, up_to_seq=up_to_seq)

    def iter_event_pages(
        self,
        project_id: str,
        *,
        page_size: int,
        partition: tuple[str, str] | None = None,
        up_to_seq: int | None = None,
        event_filters: EventFilters | None = None,
    ) -> Iterator[list[Event]]:
        """Events to mine: the stored ones that ``event_filters`` keep (a job passes the filters
        it pinned), by default the project's *current* filters.

        Ingest applies the filters too, but a filter added later must also hold for events
        stored before it, so every mining run re-applies them (issue 8 §3).
        """
        from taskmine.governance import filter_reason

        pages = self.events.iter_events(
            project_id, page_size=page_size, partition=partition, up_to_seq=up_to_seq
        )
        filters = event_filters
        if filters is None:
            filters = self.governance.get_policy(project_id).event_filters
        if not (filters.drop_apps or filters.drop_kinds or filters.drop_url_patterns):
            yield from pages
            return
        for page in pages:
            kept = [event for event in page if filter_reason(event, filters) is None]
            if kept:
                yield kept

    def job_parameters(self, job_id: str) -> dict[str, Any]:
        """What the job mines with, pinned when it was created: ``{"discovery": overrides,
        "event_filters": filters}`` (see ``job_parameters``)."""
        return self.jobs.pinned_parameters(job_id)

    def deletion_generation(self, project_id: str) -> int:
        """How many transactions have deleted the project's events (``event_deletions``)."""
        return read_deletion_generation(self.engine, project_id)

    def discovery_parameters(self, project_id: str) -> dict[str, Any]:
        """Overrides for ``discovery.parameters.DiscoveryParameters``, ROI under ``"roi"``."""
        project = self.projects.get_project(project_id)
        if project is None:
            raise NotFoundError(f"project {project_id!r} does not exist")
        return build_discovery_overrides(project.settings)

    def update_job(self, job_id: str, **fields: Any) -> None:
        self.jobs.update_job(job_id, **fields)

    def cancel_job(self, job_id: str, *, by: str, reason: str) -> None:
        self.jobs.cancel_job(job_id, by=by, reason=reason)

    def save_result(
        self,
        project_id: str,
        job_id: str,
        result: dict[str, Any],
        *,
        deletion_generation: int | None = None,
    ) -> int:
        return self.jobs.save_result(
            project_id, job_id, result, deletion_generation=deletion_generation
        )


def open_store(url: str, *, migrate: bool = True, echo: bool = False) -> SqlStore:
    """Connect to ``url`` and (by default) bring its schema up to date."""
    engine = build_engine(url, echo=echo)
    if migrate:
        upgrade_schema(engine)
    return SqlStore(engine)


__all__ = ["SqlStore", "build_discovery_overrides", "open_store"]
