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
