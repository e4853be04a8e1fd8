"""Governance (pure policy): retention cut-offs, and what a withdrawal removes from results.

``retention_cutoffs`` turns the policy and a given ``now`` into the instant before which each
data class is deleted. ``scrub_user_from_result`` returns a copy of a ``taskmine.discovery/v1``
result without one user's occurrences (their event ids and user id), with the per-candidate
counts recomputed from what is left, and candidates nobody else performed dropped.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

from taskmine.governance.policy import DataClass, RetentionPolicy


def retention_cutoffs(policy: RetentionPolicy, *, now: datetime) -> dict[DataClass, datetime]:
    """Per data class: rows older than this instant are due for deletion."""
    return {
        data_class: now - timedelta(days=policy.days_for(data_class)) for data_class in DataClass
    }


def result_mentions_user(result: dict[str, Any], user_id: str) -> bool:
    return any(
        occurrence.get("user_id") == user_id
        for candidate in result.get("candidates", ())
        for occurrence in candidate.get("occurrences", ())
    )


def scrub_user_from_result(result: dict[str, Any], user_id: str) -> dict[str, Any]:
    """The result without ``user_id``'s occurrences; candidates left empty are removed."""
    scrubbed = copy.deepcopy(result)
    kept_candidates = []
    for candidate in scrubbed.get("candidates", ()):
        occurrences = [o for o in candidate.get("occurrences", ()) if o.get("user_id") != user_id]
        if not occurrences and candidate.get("occurrences"):
            continue
        if len(occurrences) != len(candidate.get("occurrences", ())):
            candidate["occurrences"] = occurrences
            candidate["frequency"] = len(occurrences)
            candidate["users"] = len({o.get("user_id") for o in occurrences})
        kept_candidates.append(candidate)
    for rank, candidate in enumerate(kept_candidates, start=1):
        candidate["rank"] = rank
    scrubbed["candidates"] = kept_candidates
    return scrubbed
