"""Adapter (storage, governance): data requests and consent, project policies, retention.

Guarantees: every state change (decision, consent, withdrawal, policy or retention change,
purge) writes its audit row in the same transaction as the change, so the log never misses one
and never records one that did not happen. A decision is a compare-and-set on the request's
status, so two managers deciding at once cannot both win. A withdrawal deletes the user's events
from the project (and, per the project's policy, their occurrences from stored results) before
it returns. ``purge_expired`` deletes what retention says is too old and reports the counts.
Events are deleted only through ``event_deletions.delete_events``, which tells running mining
jobs (the project's deletion generation, bumped in the same transaction).

``SqlGovernanceStore`` is one object (``SqlStore.governance``) made of two parts, one per table
group: ``sql_data_requests`` (requests, consent, withdrawal) and ``sql_policies`` (project
policies, retention and its purge, ``run_retention_forever``).
"""

from __future__ import annotations

from taskmine.governance.consent import GovernanceError
from taskmine.storage.sql_data_requests import SqlDataRequestStore
from taskmine.storage.sql_policies import (
    DEFAULT_PURGE_INTERVAL_S,
    SqlPolicyStore,
    run_retention_forever,
)


class SqlGovernanceStore(SqlDataRequestStore, SqlPolicyStore):
    """Data requests, consent, policies and retention on an SQLAlchemy engine."""


__all__ = [
    "DEFAULT_PURGE_INTERVAL_S",
    "GovernanceError",
    "SqlGovernanceStore",
    "run_retention_forever",
]
