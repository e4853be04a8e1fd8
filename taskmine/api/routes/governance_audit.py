"""REST service, governance: the audit log, read per project or whole.

Every governance change writes its audit row in the transaction that makes it
(``storage.sql_governance``); these routes only read them. A project's log needs the right to
read that project's audit, the whole log an admin's. Assembled with the other governance
routes in ``routes.governance`` (docs/governance.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from taskmine.api.authz import Action
from taskmine.api.deps import StoreDep, require, require_project
from taskmine.storage import Project
from taskmine.storage.sql_audit import AuditEntry

router = APIRouter(prefix="/v1", tags=["governance"])
_BODY = ConfigDict(frozen=True, extra="forbid")


class AuditEntryPublic(BaseModel):
    model_config = _BODY
    seq: int
    at: datetime
    actor_name: str
    actor_role: str
    action: str
    project_id: str | None
    target_type: str | None
    target_id: str | None
    details: dict[str, Any]


AuditProject = Annotated[Project, require_project(Action.READ_AUDIT)]


@router.get("/projects/{project_id}/audit-log", response_model=list[AuditEntryPublic])
def read_project_audit_log(
    project: AuditProject, store: StoreDep, limit: int = 200
) -> list[AuditEntryPublic]:
    entries = store.audit.list_entries(project_id=project.id, limit=max(1, min(limit, 1000)))
    return [to_audit_public(entry) for entry in entries]


@router.get(
    "/audit-log",
    response_model=list[AuditEntryPublic],
    dependencies=[require(Action.READ_ALL_AUDIT)],
)
def read_audit_log(store: StoreDep, limit: int = 200) -> list[AuditEntryPublic]:
    return [to_audit_public(e) for e in store.audit.list_entries(limit=max(1, min(limit, 1000)))]


def to_audit_public(entry: AuditEntry) -> AuditEntryPublic:
    return AuditEntryPublic(
        seq=entry.seq,
        at=entry.at,
        actor_name=entry.actor_name,
        actor_role=entry.actor_role,
        action=entry.action,
        project_id=entry.project_id,
        target_type=entry.target_type,
        target_id=entry.target_id,
        details=entry.details,
    )
