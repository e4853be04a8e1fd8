"""REST service: every error leaves as JSON ``{"detail": "..."}``; no stack trace ever does.

A request id is given to each request (or taken from a sane ``X-Request-ID``) and returned in
the ``X-Request-ID`` header. An unexpected exception is logged server-side with that id and
the client gets a 500 that quotes it, so an operator can find the trace without the client
ever seeing it.
"""

from __future__ import annotations

import logging
import re
import uuid

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from taskmine.api.unavailable import install_unavailable_handler
from taskmine.storage import ConflictError, NotFoundError

logger = logging.getLogger("taskmine.api")

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Tags each request with an id (scope state) and echoes it as ``X-Request-ID``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        header = (REQUEST_ID_HEADER.lower().encode(), request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        await self.app(scope, receive, send_with_id)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _answer_http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _answer_invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(NotFoundError, _answer_not_found)  # type: ignore[arg-type]
    app.add_exception_handler(ConflictError, _answer_conflict)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _answer_unexpected)
    install_unavailable_handler(app, fallback=_answer_unexpected)  # database down: 503


async def _answer_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
    detail = error.detail if isinstance(error.detail, str) else str(error.detail)
    if error.status_code == status.HTTP_404_NOT_FOUND and detail == "Not Found":
        detail = f"no route {request.method} {request.url.path}; see /docs for the API"
    headers = error.headers
    if error.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        allowed = _allowed_methods(request)
        detail = f"{request.method} is not allowed on {request.url.path}; use {allowed}"
        # Starlette's Allow names the first route's methods only; a path served by several
        # routes (GET and POST /v1/tokens) must list them all (RFC 9110 §15.5.6).
        headers = {**(headers or {}), "Allow": allowed}
    if error.status_code == status.HTTP_400_BAD_REQUEST and detail == _FASTAPI_PARSE_ERROR:
        detail = "the request body could not be parsed; send JSON matching the schema in /docs"
    return JSONResponse({"detail": detail}, status_code=error.status_code, headers=headers)


_FASTAPI_PARSE_ERROR = "There was an error parsing the body"


def _allowed_methods(request: Request) -> str:
    probe = {**request.scope, "method": "NO-SUCH-METHOD"}  # a path match is then PARTIAL
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(probe)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


async def _answer_invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()))
        problems.append(f"{where}: {item.get('msg', 'invalid')}")
    detail = "the request is invalid: " + "; ".join(problems) + ". Fix these fields and resend."
    return JSONResponse({"detail": detail}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _answer_not_found(request: Request, error: NotFoundError) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=status.HTTP_404_NOT_FOUND)


async def _answer_conflict(request: Request, error: ConflictError) -> JSONResponse:
    return JSONResponse({"detail": str(error)}, status_code=status.HTTP_409_CONFLICT)


async def _answer_unexpected(request: Request, error: Exception) -> JSONResponse:
    request_id = read_request_id(request)
    logger.exception(
        "unhandled error in %s %s [request %s]", request.method, request.url.path, request_id
    )
    return JSONResponse(
        {
            "detail": f"internal error (request id {request_id}); retry later, and if it "
            "persists give this request id to the operator"
        },
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        headers={REQUEST_ID_HEADER: request_id},
    )


def read_request_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("request_id") or "unknown")


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _SAFE_REQUEST_ID.match(text) else None
    return None
