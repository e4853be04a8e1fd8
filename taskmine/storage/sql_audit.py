"""Adapter (storage, governance): the append-only audit log.

Every approval, consent change, withdrawal, share, export and deletion is one row: who (the
token's user and role, copied, so the row outlives the user), what (``action``), on which
project and object, and details as JSON. Rows are never updated or deleted by taskmine; the log
has no foreign keys, so a purge or a withdrawal leaves its own record behind.

Other stages call ``record_audit(store_or_engine, actor=..., action=..., ...)``; pass
``connection`` to write the row in the same transaction as the change it describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from taskmine.storage.ids import utc_now
from taskmine.storage.ports import Principal, Role
from taskmine.storage.schema import audit_log

# The system itself (the retention job) when no token is behind an action.
SYSTEM_ACTOR = Principal(user_id="", user_name="taskmine", role=Role.ADMIN, token_id="")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: datetime
    actor_id: str | None
    actor_name: str
    actor_role: str
    action: str
    project_id: str | None
    target_type: str | None
    target_id: str | None
    details: dict[str, Any]


def record_audit(
    target: Any,
    *,
    actor: Principal | None,
    action: str,
    project_id: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    details: dict[str, Any] | None = None,
    connection: Connection | None = None,
) -> None:
    """Append one audit row. ``target`` is an Engine or anything with ``.engine`` (SqlStore)."""
    who = actor or SYSTEM_ACTOR
    row = {
        "at": utc_now(),
        "actor_id": who.user_id or None,
        "actor_name": who.user_name,
        "actor_role": str(getattr(who.role, "value", who.role)),
        "action": action,
        "project_id": project_id,
        "target_type": target_type,
        "target_id": target_id,
        "details": dict(details or {}),
    }
    if connection is not None:
        connection.execute(audit_log.insert(), row)
        return
    engine: Engine = target if isinstance(target, Engine) else target.engine
    with engine.begin() as own:
        own.execute(audit_log.insert(), row)


class SqlAuditLog:
    """Reading (and, for symmetry, writing) the audit log on an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, **fields: Any) -> None:
        record_audit(self._engine, **fields)

    def list_entries(
        self, *, project_id: str | None = None, limit: int = 200, before_seq: int | None = None
    ) -> list[AuditEntry]:
        """Newest first; ``project_id=None`` lists every project's (and global) entries."""
        query = select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)
        if project_id is not None:
            query = query.where(audit_log.c.project_id == project_id)
        if before_seq is not None:
            query = query.where(audit_log.c.seq < before_seq)
        with self._engine.connect() as connection:
            return [_to_entry(row) for row in connection.execute(query).mappings()]


def _to_entry(row: Any) -> AuditEntry:
    return AuditEntry(
        seq=int(row["seq"]),
        at=row["at"],
        actor_id=row["actor_id"],
        actor_name=row["actor_name"],
        actor_role=row["actor_role"],
        action=row["action"],
        project_id=row["project_id"],
        target_type=row["target_type"],
        target_id=row["target_id"],
        details=dict(row["details"]),
    )
