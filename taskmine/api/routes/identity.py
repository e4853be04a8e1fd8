"""REST service: who am I, and (admins) tokens for others. Plaintext tokens are shown once."""

from __future__ import annotations

from fastapi import APIRouter, status

from taskmine.api.authz import Action
from taskmine.api.deps import PrincipalDep, StoreDep, require
from taskmine.api.models import Me, TokenCreate, TokenCreated

router = APIRouter(prefix="/v1", tags=["identity"])


@router.get("/me", response_model=Me)
def read_me(principal: PrincipalDep) -> Me:
    return Me(user_id=principal.user_id, user=principal.user_name, role=principal.role)


@router.post(
    "/tokens",
    response_model=TokenCreated,
    status_code=status.HTTP_201_CREATED,
    dependencies=[require(Action.CREATE_TOKEN)],
)
def create_token(body: TokenCreate, store: StoreDep) -> TokenCreated:
    user = store.users.ensure_user(body.user, role=body.role)
    issued = store.tokens.create_token(user.id, role=body.role)
    return TokenCreated(
        token=issued.plaintext,
        token_id=issued.token_id,
        user_id=user.id,
        user=user.name,
        role=issued.role,
    )
