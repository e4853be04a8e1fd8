"""REST service: the FastAPI application factory (``create_app``), DESIGN.md §8.

``create_app(settings)`` builds a self-contained app: its store, settings and mining launcher
live on ``app.state``, never in globals. Without an injected store the app opens the database
from the settings at start-up (running the migrations) and closes it at shutdown; without an
injected launcher it mines in-process (``InlineMiningLauncher``). Request bodies are capped,
every error is JSON, and the OpenAPI document includes the canonical event schema that the
ingest route reads by hand.
"""

from __future__ import annotations

import gc
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

import taskmine
from taskmine.api.errors import RequestIdMiddleware, install_error_handlers
from taskmine.api.inline_mining import InlineMiningLauncher
from taskmine.api.limits import AuthFailureLimitMiddleware, BodyLimitMiddleware
from taskmine.api.ports import MiningLauncher
from taskmine.api.routes import (
    analytics,
    candidates,
    events,
    governance,
    health,
    identity,
    mining,
    pdds,
    projects,
    web,
)
from taskmine.domain import Event
from taskmine.settings import Settings
from taskmine.storage import SqlStore, open_store

API_TITLE = "taskmine"
GC_GEN0_THRESHOLD = 50_000
API_DESCRIPTION = (
    "Automation discovery: upload recorded UI events, mine the routines worth automating, "
    "read the ranked candidates. Every route but /health needs `Authorization: Bearer <token>`."
)


def create_app(
    settings: Settings,
    *,
    store: SqlStore | None = None,
    launcher: MiningLauncher | None = None,
) -> FastAPI:
    """The REST API. Pass ``store`` / ``launcher`` to inject them (tests, the composition root)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        previous_gc = _tune_garbage_collector()
        owned = None
        if app.state.store is None:
            owned = await run_in_threadpool(open_store, settings.database_url)
            app.state.store = owned
        if app.state.launcher is None:
            app.state.launcher = InlineMiningLauncher(app.state.store)
        try:
            yield
        finally:
            if owned is not None:
                owned.close()
                app.state.store = None
            gc.set_threshold(*previous_gc)

    app = FastAPI(
        title=API_TITLE,
        version=taskmine.__version__,
        description=API_DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.launcher = (
        launcher if launcher is not None or store is None else InlineMiningLauncher(store)
    )
    for router in (
        health.router,
        identity.router,
        projects.router,
        events.router,
        mining.router,
        pdds.router,
        candidates.router,
        governance.router,
        analytics.router,
        web.router,
    ):
        app.include_router(router)
    install_error_handlers(app)
    app.add_middleware(AuthFailureLimitMiddleware)
    app.add_middleware(BodyLimitMiddleware, batch_limit=settings.max_body_bytes)
    app.add_middleware(RequestIdMiddleware)
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app


def render_openapi_json(app: FastAPI) -> str:
    """The OpenAPI document as committed in ``openapi/openapi.json`` (sorted, indented)."""
    return json.dumps(app.openapi(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _tune_garbage_collector() -> tuple[int, int, int]:
    """Collect young objects less often; returns the thresholds to restore at shutdown.

    Validating a 1,000-event batch allocates ~30,000 short-lived containers, none of them in
    reference cycles. With CPython's default (a gen-0 pass every 700 allocations) the cyclic
    collector took ~40% of ingest time (bench/bench_ingest.py); every 50,000 keeps it near 5%
    and costs a few MB of extra garbage between passes at most.
    """
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], GC_GEN0_THRESHOLD), previous[1], previous[2])
    return previous


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with ``Event`` (read by hand on ingest) among the components."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    event_schema = TypeAdapter(Event).json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in event_schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components["Event"] = event_schema
    _document_error_bodies(schema)
    app.openapi_schema = schema
    return schema


def _document_error_bodies(schema: dict[str, Any]) -> None:
    """Every error is ``{"detail": "..."}`` (see ``errors``); say so instead of FastAPI's list."""
    components = schema["components"]["schemas"]
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["Error"] = {
        "title": "Error",
        "type": "object",
        "properties": {"detail": {"type": "string", "description": "What went wrong, what to do."}},
        "required": ["detail"],
    }
    error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in schema["paths"].values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    response["content"] = error_content
            if "security" in operation:
                responses.setdefault(
                    "401",
                    {"description": "Missing, unknown or revoked token.", "content": error_content},
                )
