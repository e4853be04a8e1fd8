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
from taskmine.api.limits import AuthFailureLimiter, AuthFailureLimitMiddleware, BodyLimitMiddleware
from taskmine.api.ports import MiningLauncher
from taskmine.api.rate_limit import RequestRateLimiter, RequestRateLimitMiddleware
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
    web_common,
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
    app.add_middleware(
        AuthFailureLimitMiddleware,
        limiter=AuthFailureLimiter(max_failures=settings.max_auth_failures),
    )
    app.add_middleware(BodyLimitMiddleware, batch_limit=settings.max_body_bytes)
    if settings.rate_limit_per_s > 0 and settings.rate_limit_burst > 0:
        # Outside the body limit and the routes: a throttled request costs no parsing.
        app.add_middleware(
            RequestRateLimitMiddleware,
            limiter=RequestRateLimiter(
                per_second=settings.rate_limit_per_s, burst=settings.rate_limit_burst
            ),
            cookie_name=web_common.COOKIE,
        )
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
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    response["content"] = error_content
            # The answers every route of its kind can give (deps, limits, errors), so clients
            # and the schemathesis suite know them: issue 9.
            common = []
            if "security" in operation:
                common += [("401", _UNAUTHENTICATED), ("403", _FORBIDDEN), ("429", _THROTTLED)]
            parameters = operation.get("parameters", [])
            if "{" in path or any(p.get("in") == "query" and p.get("required") for p in parameters):
                common.append(("404", _NOT_FOUND))  # a path id, or a required ?project=...
            if "requestBody" in operation:
                common += [("400", _NOT_JSON), ("413", _TOO_LARGE)]
            for code, description in common:
                responses.setdefault(code, {"description": description, "content": error_content})
            if "429" in responses:
                responses["429"].setdefault("headers", {"Retry-After": _RETRY_AFTER})


_UNAUTHENTICATED = "Missing, unknown, revoked or expired token."
_FORBIDDEN = "The token's role (or not owning the project) does not allow this."
_THROTTLED = (
    "Too many requests with this token (TASKMINE_RATE_LIMIT_PER_S, TASKMINE_RATE_LIMIT_BURST) "
    "or too many failed authentications from this client; wait Retry-After seconds."
)
_RETRY_AFTER = {
    "description": "Whole seconds to wait before the next request.",
    "schema": {"type": "integer", "minimum": 1},
}
_NOT_FOUND = "No such resource, or it is not shared with you (the same answer for both)."
_NOT_JSON = "The body is not what the content type says (e.g. not valid JSON)."
_TOO_LARGE = "The body is over the size limit."
