"""Adapter (storage, governance): data requests and their consent.

Tables ``data_requests`` and ``data_request_consents``; one part of ``SqlGovernanceStore``
(``storage.sql_governance``), whose guarantees hold here: every decision, consent and
withdrawal writes its audit row in the transaction that makes it; a decision is a
compare-and-set on the request's status, so two managers deciding at once cannot both win; a
withdrawal deletes the user's events from the project (and, per the project's policy, their
occurrences from stored results) before it returns, through ``event_deletions.delete_events``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update

from taskmine.governance.consent import (
    ConsentStatus,
    DataRequest,
    RequestStatus,
    check_consent_change,
    check_decision,
)
from taskmine.governance.policy import ProjectPolicy, WithdrawalPolicy
from taskmine.governance.retention import result_mentions_user, scrub_user_from_result
from taskmine.storage.errors import ConflictError, NotFoundError
from taskmine.storage.event_deletions import delete_events
from taskmine.storage.ids import new_id, utc_now
from taskmine.storage.ports import Principal
from taskmine.storage.schema import (
    data_request_consents,
    data_requests,
    discovery_results,
    events,
    project_policies,
)
from taskmine.storage.sql_audit import record_audit


class SqlDataRequestStore:
    """Data requests and consent on an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- data requests ---------------------------------------------------------------------

    def create_request(
        self,
        project_id: str,
        *,
        users: Sequence[str],
        apps: Sequence[str],
        starts_at: datetime,
        ends_at: datetime,
        purpose: str,
        approver: str,
        actor: Principal,
    ) -> DataRequest:
        row = {
            "id": new_id("dreq"),
            "project_id": project_id,
            "users": sorted(set(users)),
            "apps": list(dict.fromkeys(apps)),
            "starts_at": starts_at,
            "ends_at": ends_at,
            "purpose": purpose,
            "approver": approver,
            "status": RequestStatus.PENDING.value,
            "created_by": actor.user_name,
            "created_at": utc_now(),
            "decided_by": None,
            "decided_at": None,
            "decision_note": None,
        }
        with self._engine.begin() as connection:
            connection.execute(data_requests.insert(), row)
            record_governance_audit(
                connection,
                actor,
                "data_request.created",
                row,
                details={"users": row["users"], "apps": row["apps"], "approver": approver},
            )
        return _to_request(row, {})

    def get_request(self, request_id: str) -> DataRequest | None:
        with self._engine.connect() as connection:
            return _load_request(connection, request_id)

    def list_requests(self, *, project_id: str) -> list[DataRequest]:
        query = (
            select(data_requests)
            .where(data_requests.c.project_id == project_id)
            .order_by(data_requests.c.created_at.desc(), data_requests.c.id)
        )
        with self._engine.connect() as connection:
            return _with_consents(connection, list(connection.execute(query).mappings()))

    def list_requests_involving(
        self, *, user_name: str, project_ids: Sequence[str]
    ) -> list[DataRequest]:
        """Requests in the given projects, or naming ``user_name`` as approver or user."""
        query = select(data_requests).order_by(
            data_requests.c.created_at.desc(), data_requests.c.id
        )
        with self._engine.connect() as connection:
            # Requests are few (one per team and purpose); filtering the JSON user list here
            # avoids dialect-specific JSON containment queries.
            rows = [
                row
                for row in connection.execute(query).mappings()
                if row["project_id"] in project_ids
                or row["approver"] == user_name
                or user_name in row["users"]
            ]
            return _with_consents(connection, rows)

    def decide_request(
        self,
        request_id: str,
        *,
        decision: RequestStatus,
        note: str | None,
        actor: Principal,
    ) -> DataRequest:
        with self._engine.begin() as connection:
            request = _require_request(connection, request_id)
            check_decision(request, decision)
            changed = connection.execute(
                update(data_requests)
                .where(
                    data_requests.c.id == request_id,
                    data_requests.c.status == request.status.value,
                )
                .values(
                    status=decision.value,
                    decided_by=actor.user_name,
                    decided_at=utc_now(),
                    decision_note=note,
                )
            ).rowcount
            if changed != 1:
                raise ConflictError(f"data request {request_id!r} was decided meanwhile; reload it")
            record_governance_audit(
                connection,
                actor,
                f"data_request.{decision.value}",
                {"id": request_id, "project_id": request.project_id},
                details={"note": note, "previous": request.status.value},
            )
            return _require_request(connection, request_id)

    def set_consent(
        self, request_id: str, *, user_name: str, status: ConsentStatus, actor: Principal
    ) -> tuple[DataRequest, int]:
        """Record ``user_name``'s consent; a withdrawal also deletes their data (count back)."""
        deleted = 0
        with self._engine.begin() as connection:
            request = _require_request(connection, request_id)
            check_consent_change(request, user_name, status)
            values = {"status": status.value, "updated_at": utc_now()}
            changed = connection.execute(
                update(data_request_consents)
                .where(
                    data_request_consents.c.request_id == request_id,
                    data_request_consents.c.user_name == user_name,
                )
                .values(**values)
            ).rowcount
            if changed == 0:
                connection.execute(
                    data_request_consents.insert(),
                    {"request_id": request_id, "user_name": user_name, **values},
                )
            target = {"id": request_id, "project_id": request.project_id}
            record_governance_audit(
                connection, actor, f"consent.{status.value}", target, details={}
            )
            if status is ConsentStatus.WITHDRAWN:
                deleted = self._remove_user_data(connection, request, user_name, actor)
            return _require_request(connection, request_id), deleted

    def list_active_requests(self, project_id: str) -> list[DataRequest]:
        """Approved requests of the project (with consents): what ingest checks events against."""
        query = select(data_requests).where(
            data_requests.c.project_id == project_id,
            data_requests.c.status == RequestStatus.APPROVED.value,
        )
        with self._engine.connect() as connection:
            return _with_consents(connection, list(connection.execute(query).mappings()))

    def count_user_events(self, project_id: str, user_id: str) -> int:
        query = select(func.count()).where(
            events.c.project_id == project_id, events.c.user_id == user_id
        )
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    # --- private ---------------------------------------------------------------------------

    def _remove_user_data(
        self, connection: Connection, request: DataRequest, user_name: str, actor: Principal
    ) -> int:
        policy_row = connection.execute(
            select(project_policies.c.policy).where(
                project_policies.c.project_id == request.project_id
            )
        ).scalar_one_or_none()
        policy = ProjectPolicy() if policy_row is None else ProjectPolicy.model_validate(policy_row)
        deleted = delete_events(
            connection,
            (events.c.project_id == request.project_id) & (events.c.user_id == user_name),
        )
        scrubbed = 0
        if policy.withdrawal is WithdrawalPolicy.DELETE_EVENTS_AND_SCRUB_RESULTS:
            stored = connection.execute(
                select(discovery_results.c.id, discovery_results.c.result).where(
                    discovery_results.c.project_id == request.project_id
                )
            ).all()
            for row_id, result in stored:
                if result_mentions_user(result, user_name):
                    connection.execute(
                        update(discovery_results)
                        .where(discovery_results.c.id == row_id)
                        .values(result=scrub_user_from_result(result, user_name))
                    )
                    scrubbed += 1
        record_governance_audit(
            connection,
            actor,
            "events.deleted",
            {"id": request.id, "project_id": request.project_id},
            details={
                "reason": "consent withdrawn",
                "user": user_name,
                "events": deleted,
                "results_scrubbed": scrubbed,
                "policy": policy.withdrawal.value,
            },
        )
        return deleted


def record_governance_audit(
    connection: Connection,
    actor: Principal | None,
    action: str,
    target: dict[str, Any],
    *,
    target_type: str = "data_request",
    details: dict[str, Any],
) -> None:
    """A governance change's audit row, on the change's own connection: in its transaction."""
    record_audit(
        None,
        actor=actor,
        action=action,
        project_id=target.get("project_id"),
        target_type=target_type,
        target_id=target.get("id"),
        details=details,
        connection=connection,
    )


def _require_request(connection: Connection, request_id: str) -> DataRequest:
    request = _load_request(connection, request_id)
    if request is None:
        raise NotFoundError(f"data request {request_id!r} does not exist")
    return request


def _load_request(connection: Connection, request_id: str) -> DataRequest | None:
    row = (
        connection.execute(select(data_requests).where(data_requests.c.id == request_id))
        .mappings()
        .first()
    )
    if row is None:
        return None
    return _with_consents(connection, [row])[0]


def _with_consents(connection: Connection, rows: list[Any]) -> list[DataRequest]:
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    consents: dict[str, dict[str, ConsentStatus]] = {}
    query = select(data_request_consents).where(data_request_consents.c.request_id.in_(ids))
    for consent in connection.execute(query).mappings():
        consents.setdefault(consent["request_id"], {})[consent["user_name"]] = ConsentStatus(
            consent["status"]
        )
    return [_to_request(row, consents.get(row["id"], {})) for row in rows]


def _to_request(row: Any, consents: dict[str, ConsentStatus]) -> DataRequest:
    return DataRequest(
        id=row["id"],
        project_id=row["project_id"],
        users=tuple(row["users"]),
        apps=tuple(row["apps"]),
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        purpose=row["purpose"],
        approver=row["approver"],
        status=RequestStatus(row["status"]),
        created_by=row["created_by"],
        created_at=row["created_at"],
        decided_by=row["decided_by"],
        decided_at=row["decided_at"],
        decision_note=row["decision_note"],
        consents=consents,
    )
