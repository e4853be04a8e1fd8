"""REST service: who am I, and (admins) tokens for others. Plaintext tokens are shown once.

Admins create tokens (with an optional lifetime, else ``TASKMINE_TOKEN_TTL_DAYS``), list them
(never their plaintext or hash) and revoke them by id; a revoked or expired token answers 401 at
once, since nothing is cached.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from taskmine.api.authz import Action
from taskmine.api.deps import PrincipalDep, SettingsDep, StoreDep, require
from taskmine.api.models import Me, TokenCreate, TokenCreated, TokenPublic
from taskmine.storage import Principal, Role
from taskmine.storage.sql_audit import record_audit
from taskmine.storage.sql_auth import TokenRecord

router = APIRouter(prefix="/v1", tags=["identity"])

MAX_TOKEN_LISTING = 1000
MIN_TOKEN_TTL = timedelta(seconds=1)


def _require_token_admin(principal: PrincipalDep) -> Principal:
    # Listing and revoking tokens is the same right as creating them: admins only.
    if principal.role is not Role.ADMIN:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"a {principal.role.value} token may not list or revoke API tokens; "
            "this needs one of: admin",
        )
    return principal


TokenAdmin = Annotated[Principal, Depends(_require_token_admin)]


@router.get("/me", response_model=Me)
def read_me(principal: PrincipalDep) -> Me:
    return Me(user_id=principal.user_id, user=principal.user_name, role=principal.role)


@router.post(
    "/tokens",
    response_model=TokenCreated,
    status_code=status.HTTP_201_CREATED,
    dependencies=[require(Action.CREATE_TOKEN)],
)
def create_token(
    body: TokenCreate, store: StoreDep, settings: SettingsDep, principal: PrincipalDep
) -> TokenCreated:
    days = settings.token_ttl_days if body.ttl_days is None else body.ttl_days
    # Under a second (e.g. ttl_days=1e-300) is a second: the token is born about to expire.
    ttl = max(timedelta(days=days), MIN_TOKEN_TTL) if days > 0 else None
    user = store.users.ensure_user(body.user, role=body.role)
    issued = store.tokens.create_token(user.id, role=body.role, ttl=ttl)
    record = store.tokens.get_token(issued.token_id)
    record_audit(
        store,
        actor=principal,
        action="token.created",
        target_type="token",
        target_id=issued.token_id,
        details={"user": user.name, "role": issued.role.value, "expires_at": _iso(record)},
    )
    return TokenCreated(
        token=issued.plaintext,
        token_id=issued.token_id,
        user_id=user.id,
        user=user.name,
        role=issued.role,
        expires_at=record.expires_at,
    )


@router.get("/tokens", response_model=list[TokenPublic])
def list_tokens(
    _: TokenAdmin,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=MAX_TOKEN_LISTING)] = 100,
) -> list[TokenPublic]:
    """The newest tokens, revoked and expired ones included: ids to revoke, never secrets."""
    return [to_token_public(record) for record in store.tokens.list_tokens(limit=limit)]


@router.delete(
    "/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={404: {"description": "No token has this id."}},
)
def revoke_token(token_id: str, principal: TokenAdmin, store: StoreDep) -> Response:
    """Revoke a token at once (again is fine: 204); its holder gets 401 from the next request."""
    record = store.tokens.get_token(token_id)  # 404 before anything changes
    store.tokens.revoke_token(token_id)
    record_audit(
        store,
        actor=principal,
        action="token.revoked",
        target_type="token",
        target_id=token_id,
        details={"user": record.user_name, "role": record.role.value},
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _iso(record: TokenRecord) -> str | None:
    return None if record.expires_at is None else record.expires_at.isoformat()


def to_token_public(record: TokenRecord) -> TokenPublic:
    return TokenPublic(
        token_id=record.id,
        user_id=record.user_id,
        user=record.user_name,
        role=record.role,
        created_at=record.created_at,
        expires_at=record.expires_at,
        revoked_at=record.revoked_at,
    )
