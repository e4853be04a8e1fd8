"""Adapter (storage, auth): users and API tokens.

Guarantees: a token's plaintext exists only in the return value of ``create_token``; the
database keeps its SHA-256 hash (tokens are 256 random bits, so a fast unsalted hash is enough:
there is nothing to brute-force). A revoked token stops verifying at once: nothing is cached.
The stored hash is compared again in constant time (``hmac.compare_digest``) after the indexed
look-up. A token made with a ``ttl`` stops verifying at its ``expires_at`` (migration 0004);
``expired_at`` tells a caller that was refused whether expiry was the reason, so the API can
say so. ``max_age`` still makes tokens older than that fail whatever their own expiry.
Listings (``list_tokens``, ``get_token``) never carry the hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from taskmine.storage.errors import NotFoundError
from taskmine.storage.ids import new_id, utc_now
from taskmine.storage.ports import IssuedToken, Principal, Role, User
from taskmine.storage.schema import api_tokens, users

TOKEN_PREFIX = "tm_"
_MAX_TOKEN_CHARS = 200  # ours are 46; a megabyte "token" is refused before hashing


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """What an admin may know about a token: everything but its plaintext and its hash."""

    id: str
    user_id: str
    user_name: str
    role: Role
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


class SqlUserStore:
    """``UserStore`` on an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def ensure_user(self, name: str, *, role: Role) -> User:
        """The user called ``name``, created with ``role`` if it does not exist yet."""
        name = name.strip()
        if not name:
            raise ValueError("a user name must not be empty")
        existing = self.find_user(name)
        if existing is not None:
            return existing
        row = {"id": new_id("usr"), "name": name, "role": Role(role).value, "created_at": utc_now()}
        try:
            with self._engine.begin() as connection:
                connection.execute(users.insert(), row)
        except IntegrityError:
            # Another request created the same name in between; theirs is as good as ours.
            found = self.find_user(name)
            if found is None:
                raise
            return found
        return _to_user(row)

    def find_user(self, name_or_id: str) -> User | None:
        query = select(users).where((users.c.name == name_or_id) | (users.c.id == name_or_id))
        with self._engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        return None if row is None else _to_user(row)

    def has_admin(self) -> bool:
        query = select(users.c.id).where(users.c.role == Role.ADMIN.value).limit(1)
        with self._engine.connect() as connection:
            return connection.execute(query).first() is not None


class SqlTokenStore:
    """``TokenStore`` on an SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create_token(
        self, user_id: str, *, role: Role, ttl: timedelta | None = None
    ) -> IssuedToken:
        """A new token for the user; its plaintext is returned here and nowhere else.

        With ``ttl`` the token expires that long from now; without it, it never expires.
        """
        if ttl is not None and ttl <= timedelta(0):
            raise ValueError("a token's ttl must be positive; leave it out for no expiry")
        with self._engine.connect() as connection:
            user_row = (
                connection.execute(select(users).where(users.c.id == user_id)).mappings().first()
            )
        if user_row is None:
            raise NotFoundError(f"user {user_id!r} does not exist; create the user first")
        plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token_id = new_id("tok")
        created_at = utc_now()
        with self._engine.begin() as connection:
            connection.execute(
                api_tokens.insert(),
                {
                    "id": token_id,
                    "token_hash": hash_token(plaintext),
                    "user_id": user_id,
                    "role": Role(role).value,
                    "created_at": created_at,
                    "revoked_at": None,
                    "expires_at": None if ttl is None else created_at + ttl,
                },
            )
        return IssuedToken(
            token_id=token_id, plaintext=plaintext, user=_to_user(user_row), role=Role(role)
        )

    def verify_token(self, plaintext: str, *, max_age: timedelta | None = None) -> Principal | None:
        """Who the token belongs to, or None if it is unknown, revoked, expired or older than
        ``max_age``."""
        row = self._find_live(plaintext)
        if row is None:
            return None
        now = utc_now()
        if row.expires_at is not None and now >= row.expires_at:
            return None
        if max_age is not None and now - row.created_at > max_age:
            return None
        return Principal(
            user_id=row.user_id, user_name=row.name, role=Role(row.role), token_id=row.id
        )

    def expired_at(self, plaintext: str) -> datetime | None:
        """When a known, unrevoked token expired; None if it is valid, unknown or revoked."""
        row = self._find_live(plaintext)
        if row is None or row.expires_at is None or utc_now() < row.expires_at:
            return None
        expired: datetime = row.expires_at
        return expired

    def get_token(self, token_id: str) -> TokenRecord:
        """One token's record (no hash); NotFoundError if there is no such token."""
        with self._engine.connect() as connection:
            row = connection.execute(_records().where(api_tokens.c.id == token_id)).first()
        if row is None:
            raise NotFoundError(f"token {token_id!r} does not exist")
        return _to_record(row)

    def list_tokens(self, *, limit: int = 1000) -> list[TokenRecord]:
        """The newest ``limit`` tokens (revoked and expired ones too), newest first."""
        query = _records().order_by(api_tokens.c.created_at.desc(), api_tokens.c.id).limit(limit)
        with self._engine.connect() as connection:
            return [_to_record(row) for row in connection.execute(query)]

    def _find_live(self, plaintext: str) -> Any:
        """The unrevoked token row whose hash matches ``plaintext`` (compared in constant time)."""
        if not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > _MAX_TOKEN_CHARS:
            return None
        digest = hash_token(plaintext)
        query = (
            select(
                api_tokens.c.id,
                api_tokens.c.role,
                api_tokens.c.token_hash,
                api_tokens.c.created_at,
                api_tokens.c.expires_at,
                users.c.id.label("user_id"),
                users.c.name,
            )
            .join(users, users.c.id == api_tokens.c.user_id)
            .where(api_tokens.c.token_hash == digest, api_tokens.c.revoked_at.is_(None))
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None or not hmac.compare_digest(row.token_hash, digest):
            return None
        return row

    def revoke_token(self, token_id: str) -> None:
        statement = (
            update(api_tokens)
            .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=utc_now())
        )
        with self._engine.begin() as connection:
            if connection.execute(statement).rowcount == 0 and not self._exists(
                connection, token_id
            ):
                raise NotFoundError(f"token {token_id!r} does not exist")

    @staticmethod
    def _exists(connection: Any, token_id: str) -> bool:
        query = select(api_tokens.c.id).where(api_tokens.c.id == token_id)
        return connection.execute(query).first() is not None


def _records() -> Any:
    return select(
        api_tokens.c.id,
        api_tokens.c.user_id,
        users.c.name.label("user_name"),
        api_tokens.c.role,
        api_tokens.c.created_at,
        api_tokens.c.expires_at,
        api_tokens.c.revoked_at,
    ).join(users, users.c.id == api_tokens.c.user_id)


def _to_record(row: Any) -> TokenRecord:
    return TokenRecord(
        id=row.id,
        user_id=row.user_id,
        user_name=row.user_name,
        role=Role(row.role),
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )


def _to_user(row: Any) -> User:
    return User(
        id=row["id"], name=row["name"], role=Role(row["role"]), created_at=row["created_at"]
    )
