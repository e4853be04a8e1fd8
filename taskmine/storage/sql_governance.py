"""Adapter (storage, governance): data requests and consent, project policies, retention.

Guarantees: every state change (decision, consent, withdrawal, policy or retention change,
purge) writes its audit row in the same transaction as the change, so the log never misses one
and never records one that did not happen. A decision is a compare-and-set on the request's
status, so two managers deciding at once cannot both win. A withdrawal deletes the user's events
from the project (and, per the project's policy, their occurrences from stored results) before
it returns. ``purge_expired`` deletes what retention says is too old and reports the counts.
Events are deleted only through ``event_deletions.delete_events``, which tells running mining
jobs (the project's deletion generation, bumped in the same transaction).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, tuple_, update

from taskmine.governance.consent import (
    ConsentStatus,
    DataRequest,
    GovernanceError,
    RequestStatus,
    check_consent_change,
    check_decision,
)
from taskmine.governance.policy import (
    DataClass,
    ProjectPolicy,
    RetentionPolicy,
    WithdrawalPolicy,
)
from taskmine.governance.retention import (
    result_mentions_user,
    retention_cutoffs,
    scrub_user_from_result,
)
from taskmine.storage.errors import ConflictError, NotFoundError
from taskmine.storage.event_deletions import delete_events
from taskmine.storage.ids import new_id, utc_now
from taskmine.storage.ports import Principal
from taskmine.storage.schema import (
    data_request_consents,
    data_requests,
    discovery_results,
    events,
    governance_settings,
    pdd_documents,
    project_policies,
)
from taskmine.storage.sql_audit import record_audit

logger = logging.getLogger("taskmine.governance")
RETENTION_KEY = "retention"
DEFAULT_PURGE_INTERVAL_S = 3600.0


class SqlGovernanceStore:
    """Data requests, consent, policies and retention on an SQLAlchemy engine."""

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
            _audit(
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
            _audit(
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
            _audit(connection, actor, f"consent.{status.value}", target, details={})
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

    # --- policies --------------------------------------------------------------------------

    def get_policy(self, project_id: str) -> ProjectPolicy:
        query = select(project_policies.c.policy).where(project_policies.c.project_id == project_id)
        with self._engine.connect() as connection:
            stored = connection.execute(query).scalar_one_or_none()
        return ProjectPolicy() if stored is None else ProjectPolicy.model_validate(stored)

    def set_policy(
        self, project_id: str, policy: ProjectPolicy, *, actor: Principal, changed: str
    ) -> ProjectPolicy:
        document = policy.model_dump(mode="json")
        with self._engine.begin() as connection:
            updated = connection.execute(
                update(project_policies)
                .where(project_policies.c.project_id == project_id)
                .values(policy=document, updated_at=utc_now())
            ).rowcount
            if updated == 0:
                connection.execute(
                    project_policies.insert(),
                    {"project_id": project_id, "policy": document, "updated_at": utc_now()},
                )
            _audit(
                connection,
                actor,
                "policy.updated",
                {"id": project_id, "project_id": project_id},
                target_type="project",
                details={"changed": changed},
            )
        return policy

    def get_retention(self) -> RetentionPolicy:
        query = select(governance_settings.c.value).where(
            governance_settings.c.key == RETENTION_KEY
        )
        with self._engine.connect() as connection:
            stored = connection.execute(query).scalar_one_or_none()
        return RetentionPolicy() if stored is None else RetentionPolicy.model_validate(stored)

    def set_retention(self, policy: RetentionPolicy, *, actor: Principal) -> RetentionPolicy:
        document = policy.model_dump(mode="json")
        with self._engine.begin() as connection:
            updated = connection.execute(
                update(governance_settings)
                .where(governance_settings.c.key == RETENTION_KEY)
                .values(value=document, updated_at=utc_now())
            ).rowcount
            if updated == 0:
                connection.execute(
                    governance_settings.insert(),
                    {"key": RETENTION_KEY, "value": document, "updated_at": utc_now()},
                )
            _audit(
                connection,
                actor,
                "retention.updated",
                {"id": RETENTION_KEY, "project_id": None},
                target_type="settings",
                details=document,
            )
        return policy

    # --- retention -------------------------------------------------------------------------

    def purge_expired(self, *, now: datetime, actor: Principal | None = None) -> dict[str, int]:
        """Delete rows older than the retention policy; counts per data class.

        Raw events age from ``retained_since``, which this run stamps on rows it has not seen
        before (so an event's age counts from ingestion, to within one purge interval). A PDD
        goes when its newest version is older than the PDD period; results take their PDDs and
        export records with them (foreign keys cascade), whatever the PDD period says.
        """
        cutoffs = retention_cutoffs(self.get_retention(), now=now)
        with self._engine.begin() as connection:
            connection.execute(
                update(events).where(events.c.retained_since.is_(None)).values(retained_since=now)
            )
            purged_events = delete_events(
                connection, events.c.retained_since < cutoffs[DataClass.RAW_EVENTS]
            )
            candidate = (
                pdd_documents.c.project_id,
                pdd_documents.c.result_version,
                pdd_documents.c.candidate_key,
            )
            stale_pdds = (
                select(*candidate)
                .group_by(*candidate)
                .having(func.max(pdd_documents.c.created_at) < cutoffs[DataClass.PDDS])
            )
            purged_pdds = connection.execute(
                delete(pdd_documents).where(tuple_(*candidate).in_(stale_pdds))
            ).rowcount
            purged_results = connection.execute(
                delete(discovery_results).where(
                    discovery_results.c.created_at < cutoffs[DataClass.MINED_RESULTS]
                )
            ).rowcount
            counts = {
                DataClass.RAW_EVENTS.value: int(purged_events),
                DataClass.MINED_RESULTS.value: int(purged_results),
                DataClass.PDDS.value: int(purged_pdds),
            }
            if any(counts.values()):
                _audit(
                    connection,
                    actor,
                    "retention.purged",
                    {"id": None, "project_id": None},
                    target_type="retention",
                    details={**counts, "now": now.isoformat()},
                )
        return counts

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
        _audit(
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


async def run_retention_forever(
    store: Any,
    *,
    interval_s: float = DEFAULT_PURGE_INTERVAL_S,
    clock: Callable[[], datetime] = utc_now,
) -> None:
    """Purge expired data every ``interval_s`` seconds until cancelled (the server's job).

    ``store`` is a ``SqlStore`` (its ``governance`` attribute). A failed run is logged and
    retried at the next interval; it never ends the loop.
    """
    while True:
        try:
            counts = await asyncio.to_thread(store.governance.purge_expired, now=clock())
            if any(counts.values()):
                logger.info("retention purge removed %s", counts)
        except Exception:
            logger.exception("retention purge failed; retrying in %.0f s", interval_s)
        await asyncio.sleep(interval_s)


def _audit(
    connection: Connection,
    actor: Principal | None,
    action: str,
    target: dict[str, Any],
    *,
    target_type: str = "data_request",
    details: dict[str, Any],
) -> None:
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


__all__ = [
    "DEFAULT_PURGE_INTERVAL_S",
    "GovernanceError",
    "SqlGovernanceStore",
    "run_retention_forever",
]
