"""REST service: liveness and database reachability, the only routes without a token."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from taskmine.api.deps import StoreDep
from taskmine.api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
@router.get("/v1/health", response_model=Health)
def read_health(store: StoreDep) -> Health:
    with store.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return Health(status="ok", database=store.dialect)
