"""Adapter (storage, governance): project policies, the retention setting and its purge.

Tables ``project_policies`` and ``governance_settings``; one part of ``SqlGovernanceStore``
(``storage.sql_governance``). Every policy or retention change, and every purge that deleted
something, writes its audit row in the same transaction. ``purge_expired`` deletes what
retention says is too old and reports the counts; events go only through
``event_deletions.delete_events``, which tells running mining jobs (the project's deletion
generation, bumped in the same transaction). ``run_retention_forever`` is the server's loop
around it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, func, select, tuple_, update

from taskmine.governance.policy import DataClass, ProjectPolicy, RetentionPolicy
from taskmine.governance.retention import retention_cutoffs
from taskmine.storage.event_deletions import delete_events
from taskmine.storage.ids import utc_now
from taskmine.storage.ports import Principal
from taskmine.storage.schema import (
    discovery_results,
    events,
    governance_settings,
    pdd_documents,
    project_policies,
)
from taskmine.storage.sql_data_requests import record_governance_audit

logger = logging.getLogger("taskmine.governance")
RETENTION_KEY = "retention"
DEFAULT_PURGE_INTERVAL_S = 3600.0


class SqlPolicyStore:
    """Project policies and retention on an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

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
            record_governance_audit(
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
            record_governance_audit(
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
                record_governance_audit(
                    connection,
                    actor,
                    "retention.purged",
                    {"id": None, "project_id": None},
                    target_type="retention",
                    details={**counts, "now": now.isoformat()},
                )
        return counts


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
