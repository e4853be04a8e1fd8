"""Composition root: builds the pieces the CLI commands need from the settings.

Nothing here does work of its own; it wires storage, privacy and the importers together so the
commands in ``taskmine.commands`` and ``taskmine.demo`` stay a few lines each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from taskmine.domain import Event
from taskmine.privacy import DEFAULT_POLICY, PrivacyPolicy, is_event_allowed, redact_event
from taskmine.settings import Settings
from taskmine.storage import Role, SqlStore, create_token, open_store

# The user that owns what the CLI creates (projects loaded by `taskmine import --project`). It is
# the first admin, so the operator's printed admin token sees those projects through the API.
CLI_OWNER = "admin"


@contextmanager
def opened_store(settings: Settings) -> Iterator[SqlStore]:
    """The store of ``settings`` (migrated), closed on exit."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(settings.database_url)
    try:
        yield store
    finally:
        store.close()


def create_token_command(settings: Settings, *, role: str, user: str | None) -> str:
    """A new API token's plaintext (only its hash is stored)."""
    with opened_store(settings) as store:
        return create_token(store, role=role, user=user)


def resolve_project(store: SqlStore, name_or_id: str) -> tuple[str, bool]:
    """The id of project ``name_or_id``, creating a project of that name when none has that id.

    Returns ``(project_id, created)``.
    """
    existing = store.projects.get_project(name_or_id)
    if existing is not None:
        return existing.id, False
    owner = store.users.ensure_user(CLI_OWNER, role=Role.ADMIN)
    return store.projects.create_project(name_or_id, owner_id=owner.id).id, True


def redact_for_storage(
    events: Iterable[Event], *, policy: PrivacyPolicy = DEFAULT_POLICY
) -> Iterator[Event]:
    """Events as they may touch disk: denied apps/URLs dropped, every string redacted.

    Imported logs come from elsewhere and were never through the recorder's guard, so the CLI
    applies the same policy before anything reaches the database or an output file.
    """
    for event in events:
        if is_event_allowed(event, policy=policy):
            yield redact_event(event, policy=policy)
