"""Adapter (storage, mining input): the parameters a mining job mines with, as one document.

``{"discovery": <DiscoveryParameters overrides, ROI under "roi">, "event_filters": <the project's
EventFilters>}``, read from the project's settings and governance policy. ``SqlJobStore``
pins it on the job row when the job is created, so a setting or filter changed while the job
runs applies to the next job, never to the later stages of this one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from taskmine.governance.policy import ProjectPolicy
from taskmine.storage.schema import project_policies, projects


def read_job_parameters(connection: Connection, project_id: str) -> dict[str, Any] | None:
    """The project's parameters as a job would pin them now; None if there is no project."""
    settings = connection.execute(
        select(projects.c.settings).where(projects.c.id == project_id)
    ).scalar_one_or_none()
    if settings is None:
        return None
    stored_policy = connection.execute(
        select(project_policies.c.policy).where(project_policies.c.project_id == project_id)
    ).scalar_one_or_none()
    policy = (
        ProjectPolicy() if stored_policy is None else ProjectPolicy.model_validate(stored_policy)
    )
    return {
        "discovery": build_discovery_overrides(settings),
        "event_filters": policy.event_filters.model_dump(mode="json"),
    }


def build_discovery_overrides(settings: dict[str, Any]) -> dict[str, Any]:
    """Project settings ``{"roi": {...}, "discovery": {...}}`` as one parameter dict."""
    overrides = dict(settings.get("discovery") or {})
    roi = settings.get("roi")
    if roi:
        overrides["roi"] = dict(roi)
    return overrides
