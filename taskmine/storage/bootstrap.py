"""Adapter (storage, first start): the admin token a fresh install prints, and more tokens.

``ensure_admin_token`` is called by ``taskmine serve`` on every start; it only makes a token
(and returns its plaintext, for printing once) when no admin user exists yet, so a restart
never mints a second admin token behind the operator's back.
"""

from __future__ import annotations

from taskmine.storage.ports import Role
from taskmine.storage.store import SqlStore

DEFAULT_ADMIN_NAME = "admin"


def ensure_admin_token(store: SqlStore) -> str | None:
    """A new admin token's plaintext if there was no admin yet, else None."""
    if store.users.has_admin():
        return None
    return create_token(store, role=Role.ADMIN, user=DEFAULT_ADMIN_NAME)


def create_token(store: SqlStore, *, role: Role | str, user: str | None = None) -> str:
    """A new token for ``user`` (created if missing; default: named after the role)."""
    try:
        granted = Role(role)
    except ValueError:
        allowed = ", ".join(member.value for member in Role)
        raise ValueError(f"unknown role {role!r}; use one of: {allowed}") from None
    account = store.users.ensure_user(user or granted.value, role=granted)
    return store.tokens.create_token(account.id, role=granted).plaintext
