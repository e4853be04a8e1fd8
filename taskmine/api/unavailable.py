"""REST service: a database that is down or busy answers 503 + ``Retry-After``, not 500.

When PostgreSQL refuses connections (restarting, failed over, ``ALLOW_CONNECTIONS false``,
network cut) or an SQLite file stays locked past the busy timeout, is read-only or the disk
is full, SQLAlchemy raises ``OperationalError`` (or ``InterfaceError`` on a dead connection,
``TimeoutError`` when the pool is exhausted). Those are transient for the client: it should
come back later, and the recorder's uploader does (it retries 5xx and honours
``Retry-After``). So they leave as ``503 {"detail": ...}`` with ``Retry-After`` and the
request id, and one warning line is logged without the SQL statement or its parameters
(they may carry event text).

Not everything called ``OperationalError`` is transient: SQLite reports a missing table or a
syntax error with the same class. Those are bugs and keep the ordinary 500 path.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy import exc

logger = logging.getLogger("taskmine.api")

RETRY_AFTER_SECONDS = 5
_SQLITE_TRANSIENT = (
    "database is locked",
    "database table is locked",
    "unable to open database file",
    "disk i/o error",
    "readonly database",
    "database or disk is full",
    "locking protocol",
)

Fallback = Callable[[Request, Exception], Awaitable[JSONResponse]]


def install_unavailable_handler(app: FastAPI, *, fallback: Fallback) -> None:
    """Answer transient database errors with 503; hand any other to ``fallback`` (the 500)."""

    async def answer(request: Request, error: Exception) -> JSONResponse:
        if not is_transient_database_error(error):
            return await fallback(request, error)
        return answer_unavailable(request, error)

    for kind in (exc.OperationalError, exc.InterfaceError, exc.TimeoutError):
        app.add_exception_handler(kind, answer)  # type: ignore[arg-type]


def is_transient_database_error(error: BaseException) -> bool:
    """True for "the database is down / busy / full", False for bugs (bad SQL, no table)."""
    if isinstance(error, exc.TimeoutError):  # the connection pool is exhausted
        return True
    if not isinstance(error, exc.DBAPIError):
        return False
    if error.connection_invalidated or isinstance(error, exc.InterfaceError):
        return True
    original = error.orig
    module = type(original).__module__
    if module.startswith("sqlite3"):
        message = str(original).lower()
        return any(marker in message for marker in _SQLITE_TRANSIENT)
    # psycopg: OperationalError is connection failure, admin shutdown, too many connections,
    # serialization failure / deadlock (class 40), lock timeouts: all worth retrying.
    return isinstance(error, exc.OperationalError)


def answer_unavailable(request: Request, error: Exception) -> JSONResponse:
    from taskmine.api.errors import REQUEST_ID_HEADER, read_request_id

    request_id = read_request_id(request)
    original = getattr(error, "orig", None) or error
    summary = str(original).strip().splitlines()[0][:200] if str(original).strip() else ""
    logger.warning(
        "database unavailable in %s %s [request %s]: %s: %s",
        request.method,
        request.url.path,
        request_id,
        type(original).__name__,
        summary,
    )
    return JSONResponse(
        {
            "detail": f"the database is unavailable right now (request id {request_id}); "
            f"retry in {RETRY_AFTER_SECONDS} s"
        },
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS), REQUEST_ID_HEADER: request_id},
    )
