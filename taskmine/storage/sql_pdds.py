"""Adapter (storage, PDD stage): every version of every candidate's PDD, and the export record.

Guarantees: a PDD version is written once and never changed (a review action adds the next
version); two writers of the same version cannot both land (``ConflictError`` for the second);
a PDD or an export record belongs to one stored result version of its project and goes when
that result (or the project) goes. Results are read here by version, so a candidate id that
names an older result keeps answering after newer mining runs.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.exc import IntegrityError

from taskmine.storage.errors import ConflictError, NotFoundError
from taskmine.storage.ids import utc_now
from taskmine.storage.ports import CandidateRef, ExportRecord, PddVersion, Principal, StoredResult
from taskmine.storage.schema import discovery_results, export_records, pdd_documents


class SqlPddStore:
    """``PddStore`` on an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get_result_version(self, project_id: str, version: int) -> StoredResult | None:
        query = select(discovery_results).where(
            discovery_results.c.project_id == project_id,
            discovery_results.c.version == version,
        )
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

    def latest_pdd(self, candidate: CandidateRef) -> PddVersion | None:
        query = (
            select(pdd_documents)
            .where(_of(candidate))
            .order_by(pdd_documents.c.version.desc())
            .limit(1)
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        return None if row is None else _to_version(row)

    def get_pdd(self, candidate: CandidateRef, version: int) -> PddVersion | None:
        query = select(pdd_documents).where(_of(candidate), pdd_documents.c.version == version)
        with self._engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        return None if row is None else _to_version(row)

    def list_pdd_versions(self, candidate: CandidateRef) -> list[PddVersion]:
        query = select(pdd_documents).where(_of(candidate)).order_by(pdd_documents.c.version)
        with self._engine.connect() as connection:
            return [_to_version(row) for row in connection.execute(query).mappings()]

    def add_pdd_version(
        self,
        candidate: CandidateRef,
        *,
        document: dict[str, Any],
        action: str,
        actor: Principal,
    ) -> PddVersion:
        """Store ``document`` (its own ``document_control`` gives version and status)."""
        control = document["document_control"]
        version = int(control["version"])
        row = {
            "project_id": candidate.project_id,
            "result_version": candidate.result_version,
            "candidate_key": candidate.candidate_key,
            "version": version,
            "status": str(control["status"]),
            "action": action,
            "document": document,
            "actor_id": actor.user_id,
            "actor_name": actor.user_name,
            "actor_role": actor.role.value,
            "created_at": utc_now(),
        }
        try:
            with self._engine.begin() as connection:
                connection.execute(pdd_documents.insert(), row)
        except IntegrityError as error:
            if self.get_pdd(candidate, version) is not None:
                raise ConflictError(
                    f"version {version} of the PDD of {candidate.candidate_key} was just "
                    "written by someone else; read the latest version and try again"
                ) from error
            raise NotFoundError(
                f"result version {candidate.result_version} of project "
                f"{candidate.project_id!r} does not exist"
            ) from error
        return _to_version(row)

    def count_pdd_versions(self, project_id: str) -> int:
        query = select(func.count()).where(pdd_documents.c.project_id == project_id)
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def record_export(
        self,
        candidate: CandidateRef,
        *,
        artifact: str,
        options: dict[str, Any],
        media_type: str,
        content: bytes,
        actor: Principal,
    ) -> ExportRecord:
        row = {
            "project_id": candidate.project_id,
            "result_version": candidate.result_version,
            "candidate_key": candidate.candidate_key,
            "artifact": artifact,
            "options": options,
            "media_type": media_type,
            "size_bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "user_id": actor.user_id,
            "user_name": actor.user_name,
            "role": actor.role.value,
            "token_id": actor.token_id,
            "created_at": utc_now(),
        }
        try:
            with self._engine.begin() as connection:
                connection.execute(export_records.insert(), row)
        except IntegrityError as error:
            raise NotFoundError(
                f"result version {candidate.result_version} of project "
                f"{candidate.project_id!r} does not exist"
            ) from error
        return _to_export(row)

    def list_exports(self, project_id: str) -> list[ExportRecord]:
        query = (
            select(export_records)
            .where(export_records.c.project_id == project_id)
            .order_by(export_records.c.created_at, export_records.c.id)
        )
        with self._engine.connect() as connection:
            return [_to_export(row) for row in connection.execute(query).mappings()]


def _of(candidate: CandidateRef) -> Any:
    return and_(
        pdd_documents.c.project_id == candidate.project_id,
        pdd_documents.c.result_version == candidate.result_version,
        pdd_documents.c.candidate_key == candidate.candidate_key,
    )


def _ref(row: Any) -> CandidateRef:
    return CandidateRef(
        project_id=row["project_id"],
        result_version=int(row["result_version"]),
        candidate_key=row["candidate_key"],
    )


def _to_version(row: Any) -> PddVersion:
    return PddVersion(
        candidate=_ref(row),
        version=int(row["version"]),
        status=row["status"],
        action=row["action"],
        document=dict(row["document"]),
        actor_id=row["actor_id"],
        actor_name=row["actor_name"],
        actor_role=row["actor_role"],
        created_at=row["created_at"],
    )


def _to_export(row: Any) -> ExportRecord:
    return ExportRecord(
        candidate=_ref(row),
        artifact=row["artifact"],
        options=dict(row["options"] or {}),
        media_type=row["media_type"],
        size_bytes=int(row["size_bytes"]),
        sha256=row["sha256"],
        user_id=row["user_id"],
        user_name=row["user_name"],
        role=row["role"],
        token_id=row["token_id"],
        created_at=row["created_at"],
    )
