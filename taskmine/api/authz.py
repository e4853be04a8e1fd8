"""REST service: who may do what. The role policy of DESIGN.md §8 in one table.

Visibility comes first and is not a role question: a project the caller neither owns nor was
given is answered with 404 by the dependencies in ``deps``, whatever the role. Only on a project
the caller can see does a missing right become 403, so ids cannot be probed.
"""

from __future__ import annotations

from enum import StrEnum

from fastapi import HTTPException, status

from taskmine.storage import Principal, Project, Role


class Action(StrEnum):
    READ_ME = "read your own identity"
    CREATE_TOKEN = "create API tokens"
    CREATE_PROJECT = "create projects"
    LIST_PROJECTS = "list projects"
    READ_PROJECT = "read projects"
    SHARE_PROJECT = "share projects"
    INGEST_EVENTS = "upload events"
    START_MINING = "start mining jobs"
    READ_JOB = "read mining jobs"
    READ_CANDIDATES = "read candidates"
    READ_PDD = "read PDDs"
    COMMENT_PDD = "comment on PDDs"
    SUBMIT_PDD = "submit PDDs for review"
    REVIEW_PDD = "request changes on, approve or reopen PDDs"
    RESOLVE_PDD_COMMENT = "resolve PDD comments"
    EXPORT_CANDIDATE = "export candidates"
    # Governance (issue 8): data requests, consent, policies, retention, audit, analytics.
    CREATE_DATA_REQUEST = "create data requests"
    READ_DATA_REQUESTS = "read data requests"
    DECIDE_DATA_REQUEST = "approve or reject data requests"
    GIVE_CONSENT = "consent to, pause or withdraw from recording"
    READ_POLICY = "read project policies"
    SET_EVENT_FILTERS = "set event filters"
    SET_CATEGORIES = "set categorisation rules"
    SET_LANDSCAPE = "set approved apps, deny lists and the k-anonymity threshold"
    READ_RETENTION = "read the retention policy"
    SET_RETENTION = "set the retention policy or purge now"
    READ_AUDIT = "read a project's audit log"
    READ_ALL_AUDIT = "read the whole audit log"
    READ_ANALYTICS = "read activity analytics"


_EVERYONE = frozenset(Role)
# "Analyst and up": the roles that run discovery.
_BUILDERS = frozenset({Role.ADMIN, Role.POWER_USER, Role.ANALYST})

POLICY: dict[Action, frozenset[Role]] = {
    Action.READ_ME: _EVERYONE,
    Action.CREATE_TOKEN: frozenset({Role.ADMIN}),
    Action.CREATE_PROJECT: _BUILDERS,
    Action.LIST_PROJECTS: _EVERYONE,
    Action.READ_PROJECT: _EVERYONE,
    Action.SHARE_PROJECT: _BUILDERS,
    # A recorder (agent) uploads; managers and business owners only read.
    Action.INGEST_EVENTS: _BUILDERS | {Role.AGENT},
    Action.START_MINING: _BUILDERS,
    Action.READ_JOB: _EVERYONE,
    Action.READ_CANDIDATES: _EVERYONE,
    # PDDs and exports (issues 6, 7): everyone but a recorder (or the recorded person) reads;
    # analysts write and submit the document, business owners review and approve it (admins
    # may do either).
    Action.READ_PDD: _EVERYONE - {Role.AGENT, Role.WORKSTATION_USER},
    Action.COMMENT_PDD: _BUILDERS | {Role.BUSINESS_OWNER},
    Action.SUBMIT_PDD: _BUILDERS,
    Action.REVIEW_PDD: frozenset({Role.ADMIN, Role.BUSINESS_OWNER}),
    Action.RESOLVE_PDD_COMMENT: _BUILDERS | {Role.BUSINESS_OWNER},
    Action.EXPORT_CANDIDATE: _EVERYONE - {Role.AGENT, Role.WORKSTATION_USER},
    # Governance (issue 8, docs/governance.md): analysts request data, the named manager
    # decides, the named workstation user consents; admins own retention and filters, power
    # users categorise; recorders and workstation users never read dashboards.
    Action.CREATE_DATA_REQUEST: _BUILDERS,
    Action.READ_DATA_REQUESTS: _EVERYONE,
    Action.DECIDE_DATA_REQUEST: frozenset({Role.MANAGER}),
    Action.GIVE_CONSENT: frozenset({Role.WORKSTATION_USER}),
    Action.READ_POLICY: _EVERYONE,
    Action.SET_EVENT_FILTERS: frozenset({Role.ADMIN, Role.ANALYST}),
    Action.SET_CATEGORIES: frozenset({Role.ADMIN, Role.POWER_USER}),
    Action.SET_LANDSCAPE: frozenset({Role.ADMIN, Role.ANALYST}),
    Action.READ_RETENTION: _EVERYONE,
    Action.SET_RETENTION: frozenset({Role.ADMIN}),
    Action.READ_AUDIT: _BUILDERS | {Role.MANAGER},
    Action.READ_ALL_AUDIT: frozenset({Role.ADMIN}),
    Action.READ_ANALYTICS: _EVERYONE - {Role.AGENT, Role.WORKSTATION_USER},
}

# Actions on a project that only its owner may take, even with the right role.
OWNER_ONLY = frozenset({Action.SHARE_PROJECT})


def authorize(principal: Principal, action: Action, *, project: Project | None = None) -> None:
    """Raise 403 unless ``principal`` may take ``action`` (on ``project``, already visible)."""
    allowed = POLICY[action]
    if principal.role not in allowed:
        roles = ", ".join(sorted(role.value for role in allowed))
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"a {principal.role.value} token may not {action.value}; this needs one of: {roles}",
        )
    if project is not None and action in OWNER_ONLY and project.owner_id != principal.user_id:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"only the project's owner may {action.value}; ask the owner to do it",
        )
