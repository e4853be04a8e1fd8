"""Governance (pure policy): consent and data requests, event filters, categories, retention,
activity analytics. No clock, no I/O: callers pass ``now`` and the data; storage and the API
are the adapters around these functions (``taskmine.storage.sql_governance``,
``taskmine.api.routes.governance`` / ``analytics``).
"""

from taskmine.governance.analytics import ActivitySummary, summarise_activity
from taskmine.governance.consent import (
    ConsentStatus,
    DataRequest,
    RequestStatus,
    judge_permission,
    judge_recording,
)
from taskmine.governance.filters import categorise, filter_reason
from taskmine.governance.policy import (
    CategoryRule,
    DataClass,
    EventFilters,
    ProjectPolicy,
    RetentionPolicy,
    WithdrawalPolicy,
)
from taskmine.governance.retention import retention_cutoffs, scrub_user_from_result

__all__ = [
    "ActivitySummary",
    "CategoryRule",
    "ConsentStatus",
    "DataClass",
    "DataRequest",
    "EventFilters",
    "ProjectPolicy",
    "RequestStatus",
    "RetentionPolicy",
    "WithdrawalPolicy",
    "categorise",
    "filter_reason",
    "judge_permission",
    "judge_recording",
    "retention_cutoffs",
    "scrub_user_from_result",
    "summarise_activity",
]
