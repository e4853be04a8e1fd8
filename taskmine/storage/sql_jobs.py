"""Adapter (storage, mining bookkeeping): mining jobs and the discovery results they produce.

Guarantees: ``save_result`` writes at most one row per job, so a retried activity or a replayed
workflow never adds a second result (it gets the first one's version back); versions count up
per project. Job updates stamp ``started_at`` / ``finished_at`` from the status, once. A job
pins the events it mines when it is created (``event_cutoff``, the project's highest event
``seq``; see ``sql_events.pin_event_cutoff``) and the parameters it mines with (discovery
overrides and event filters; ``job_parameters``). A save given the deletion generation the job
read at compares it with the project's inside the save transaction (``event_deletions``) and
saves nothing if events were deleted since. Cancelled is final: a cancelled job is never moved
again and never gets a result.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from taskmine.storage.errors import (
    ConflictError,
    EventsDeletedError,
    NotFoundError,
    StorageError,
)
from taskmine.storage.event_deletions import hold_deletion_generation
from taskmine.storage.ids import new_id, utc_now
from taskmine.storage.job_parameters import read_job_parameters
from taskmine.storage.ports import JobStatus, MiningJob, StoredResult
from taskmine.storage.schema import discovery_results, mining_jobs
from taskmine.storage.sql_events import pin_event_cutoff
from taskmine.storage.types import UtcDateTime

_UPDATABLE = frozenset({"status", "progress", "stage", "counts", "error", "workflow_id"})
_FINAL = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED})
_CANCELLABLE = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)
_SAVE_ATTEMPTS = 5


class SqlJobStore:
    """``JobStore`` on an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create_job(self, project_id: str, *, workflow_id: str | None = None) -> MiningJob:
        row = {
            "id": new_id("job"),
            "project_id": project_id,
            # DESIGN.md §8 names running | completed | failed: a job waiting for a worker is
            # ``running`` at stage ``queued`` (``started_at`` is set when a worker takes it).
            "status": JobStatus.RUNNING.value,
            "stage": "queued",
            "progress": 0.0,
            "counts": {},
            "error": None,
            "workflow_id": workflow_id,
            "created_at": utc_now(),
            "started_at": None,
            "finished_at": None,
            "event_cutoff": 0,
            "cancelled_by": None,
            "cancel_reason": None,
            "parameters": None,
        }
        # Read before the insert's transaction, not in it: on SQLite a read transaction that
        # later writes fails at once (SQLITE_BUSY_SNAPSHOT) when an ingest committed meanwhile.
        row["event_cutoff"] = pin_event_cutoff(self._engine, project_id)
        with self._engine.connect() as connection:
            row["parameters"] = read_job_parameters(connection, project_id)
        if row["parameters"] is None:
            raise NotFoundError(f"project {project_id!r} does not exist")
        try:
            with self._engine.begin() as connection:
                connection.execute(mining_jobs.insert(), row)
        except IntegrityError as error:
            raise NotFoundError(f"project {project_id!r} does not exist") from error
        return _to_job(row)

    def get_job(self, job_id: str) -> MiningJob | None:
        with self._engine.connect() as connection:
            row = (
                connection.execute(select(mining_jobs).where(mining_jobs.c.id == job_id))
                .mappings()
                .first()
            )
        return None if row is None else _to_job(row)

    def pinned_parameters(self, job_id: str) -> dict[str, Any]:
        """The parameters the job mines with: pinned at creation, or for a job made before
        migration 0006 pinned now (once: whoever pins first, every later call gets the same)."""
        job = self._existing(job_id)
        if job.parameters is not None:
            return job.parameters
        with self._engine.connect() as connection:
            current = read_job_parameters(connection, job.project_id)
        with self._engine.begin() as connection:
            connection.execute(
                update(mining_jobs)
                .where(mining_jobs.c.id == job_id, mining_jobs.c.parameters.is_(None))
                .values(parameters=current)
            )
        pinned = self._existing(job_id).parameters
        assert pinned is not None  # just written, and never cleared
        return pinned

    def list_jobs(self, project_id: str) -> list[MiningJob]:
        query = (
            select(mining_jobs)
            .where(mining_jobs.c.project_id == project_id)
            .order_by(mining_jobs.c.created_at, mining_jobs.c.id)
        )
        with self._engine.connect() as connection:
            return [_to_job(row) for row in connection.execute(query).mappings()]

    def update_job(self, job_id: str, **fields: Any) -> MiningJob:
        """Change status / progress / stage / counts / error / workflow_id of a job.

        A cancelled job is left as it is (a late progress report of a stopping activity must
        not bring it back to "running"); the job is returned unchanged."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise ValueError(
                f"cannot update job fields {sorted(unknown)}; allowed: {sorted(_UPDATABLE)}"
            )
        values = dict(fields)
        now = literal(utc_now(), UtcDateTime())
        if "status" in values:
            status = JobStatus(values["status"])
            values["status"] = status.value
            if status is JobStatus.RUNNING:
                values["started_at"] = func.coalesce(mining_jobs.c.started_at, now)
            if status in _FINAL:
                values["started_at"] = func.coalesce(mining_jobs.c.started_at, now)
                values["finished_at"] = now
            if status is JobStatus.COMPLETED and "progress" not in values:
                values["progress"] = 1.0
        if "progress" in values:
            progress = float(values["progress"])
            if not 0.0 <= progress <= 1.0:
                raise ValueError(f"progress must be between 0 and 1, got {progress}")
            values["progress"] = progress
        if values.get("status") == JobStatus.CANCELLED.value:
            raise ValueError("cancel a job with cancel_job, which records who and why")
        with self._engine.begin() as connection:
            connection.execute(
                update(mining_jobs)
                .where(
                    mining_jobs.c.id == job_id,
                    mining_jobs.c.status != JobStatus.CANCELLED.value,
                )
                .values(**values)
            )
        return self._existing(job_id)

    def cancel_job(self, job_id: str, *, by: str, reason: str) -> MiningJob:
        """Mark a queued or running job cancelled, with who and why (when: ``finished_at``).

        A job that already ended (completed, failed, cancelled) is returned as it is, so the
        caller can tell from the status whether its cancellation landed."""
        now = literal(utc_now(), UtcDateTime())
        with self._engine.begin() as connection:
            connection.execute(
                update(mining_jobs)
                .where(mining_jobs.c.id == job_id, mining_jobs.c.status.in_(_CANCELLABLE))
                .values(
                    status=JobStatus.CANCELLED.value,
                    stage="cancelled",
                    cancelled_by=by[:200],
                    cancel_reason=reason,
                    started_at=func.coalesce(mining_jobs.c.started_at, now),
                    finished_at=now,
                )
            )
        return self._existing(job_id)

    def save_result(
        self,
        project_id: str,
        job_id: str,
        result: dict[str, Any],
        *,
        deletion_generation: int | None = None,
    ) -> int:
        """Persist the job's result once; a retry returns the stored version and writes nothing.

        With ``deletion_generation`` (what the job read its events at), raises
        ``EventsDeletedError`` and writes nothing if any of the project's events were deleted
        since; checked inside the save transaction, so no delete commits between the check
        and the save."""
        for _ in range(_SAVE_ATTEMPTS):
            existing = self.get_result_for_job(job_id)
            if existing is not None:
                if existing.project_id != project_id:
                    raise ConflictError(
                        f"job {job_id!r} already saved a result for project {existing.project_id!r}"
                    )
                return existing.version
            job = self._check_job_belongs(job_id, project_id)
            if job.status is JobStatus.CANCELLED:
                raise ConflictError(
                    f"mining job {job_id!r} was cancelled; its result is not saved "
                    "(start a new job to mine the project)"
                )
            version = self._next_version(project_id)
            try:
                with self._engine.begin() as connection:
                    # The first statement, so that on SQLite it takes the write lock before
                    # anything is read in this transaction.
                    if deletion_generation is not None and not hold_deletion_generation(
                        connection, project_id, deletion_generation
                    ):
                        raise EventsDeletedError(
                            f"events of project {project_id!r} were deleted while mining job "
                            f"{job_id!r} ran; its result is not saved (the job reads again)"
                        )
                    # RETURNING, not rowcount: PostgreSQL's driver reports -1 for the insert
                    # SQLAlchemy sends; a row back is the only proof that ours landed.
                    landed = connection.execute(
                        self._insert_result_once(),
                        {
                            "project_id": project_id,
                            "job_id": job_id,
                            "version": version,
                            "result": result,
                            "created_at": utc_now(),
                        },
                    ).first()
            except IntegrityError:
                continue  # another job of the project took this version first: count again
            if landed is not None:
                return version
        raise StorageError(
            f"could not save the result of job {job_id!r} after {_SAVE_ATTEMPTS} attempts "
            "(heavy contention on the project); retry the save"
        )

    def get_latest_result(self, project_id: str) -> StoredResult | None:
        query = (
            select(discovery_results)
            .where(discovery_results.c.project_id == project_id)
            .order_by(discovery_results.c.version.desc())
            .limit(1)
        )
        return self._fetch_result(query)

    def get_result_for_job(self, job_id: str) -> StoredResult | None:
        return self._fetch_result(
            select(discovery_results).where(discovery_results.c.job_id == job_id)
        )

    def _fetch_result(self, query: Any) -> StoredResult | None:
        with self._engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        if row is None:
            return None
        return StoredResult(
            project_id=row["project_id"],
            job_id=row["job_id"],
            version=row["version"],
            result=row["result"],
            created_at=row["created_at"],
        )

    def _check_job_belongs(self, job_id: str, project_id: str) -> MiningJob:
        job = self.get_job(job_id)
        if job is None:
            raise NotFoundError(f"mining job {job_id!r} does not exist; create the job first")
        if job.project_id != project_id:
            raise ConflictError(f"mining job {job_id!r} belongs to project {job.project_id!r}")
        return job

    def _existing(self, job_id: str) -> MiningJob:
        job = self.get_job(job_id)
        if job is None:
            raise NotFoundError(f"mining job {job_id!r} does not exist")
        return job

    def _next_version(self, project_id: str) -> int:
        query = select(func.coalesce(func.max(discovery_results.c.version), 0)).where(
            discovery_results.c.project_id == project_id
        )
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one()) + 1

    def _insert_result_once(self) -> Any:
        dialect_insert = (
            postgresql.insert(discovery_results)
            if self._engine.dialect.name == "postgresql"
            else sqlite.insert(discovery_results)
        )
        return dialect_insert.on_conflict_do_nothing(index_elements=["job_id"]).returning(
            discovery_results.c.version
        )


def _to_job(row: Any) -> MiningJob:
    created: datetime | None = row["created_at"]
    return MiningJob(
        id=row["id"],
        project_id=row["project_id"],
        status=JobStatus(row["status"]),
        progress=float(row["progress"]),
        stage=row["stage"],
        counts=dict(row["counts"] or {}),
        error=row["error"],
        workflow_id=row["workflow_id"],
        created_at=created,
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        event_cutoff=row["event_cutoff"],
        cancelled_by=row["cancelled_by"],
        cancel_reason=row["cancel_reason"],
        parameters=row["parameters"],
    )
