"""REST service: request size limits, before and after decompression.

Guarantees: no request body larger than its limit is ever held in memory. A ``Content-Length``
over the limit is refused before the body is read; a body without one (chunked) is counted as
it streams in and cut off at the limit; a gzip body is inflated in bounded steps, so a small
"gzip bomb" stops at the decoded limit instead of filling the memory. Every refusal is a 413
with a JSON ``detail`` that says what the limit is and what to do.

Repeated authentication failures are rate-limited per client address
(``AuthFailureLimitMiddleware``): past ``max_failures`` 401 answers to requests that presented a
credential within ``window_s`` seconds, that client gets 429 with ``Retry-After`` until the
oldest failure leaves the window. Tokens are 256 random bits, so this is not what keeps them
secret; it stops floods of bad tokens from costing database look-ups and filling logs.
"""

from __future__ import annotations

import math
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Callable

import orjson
from fastapi import HTTPException, Request, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_AUTH_FAILURES = 120
DEFAULT_AUTH_WINDOW_S = 60.0
_MAX_TRACKED_CLIENTS = 10_000
# Small JSON bodies (projects, tokens, shares) never need more than this.
MAX_JSON_BODY_BYTES = 1024 * 1024
_INFLATE_STEP = 1024 * 1024


class BodyTooLargeError(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(status.HTTP_413_CONTENT_TOO_LARGE, detail)


class BodyLimitMiddleware:
    """Caps every request body: ``batch_limit`` on ingest routes, 1 MiB elsewhere."""

    def __init__(self, app: ASGIApp, *, batch_limit: int) -> None:
        self.app = app
        self.batch_limit = batch_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.batch_limit if _is_batch_route(scope) else MAX_JSON_BODY_BYTES
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await _send_413(send, _too_large_message(limit))
            return
        received = 0

        async def receive_capped() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException: FastAPI re-raises it from body reading, and the
                    # exception handlers turn it into the JSON 413.
                    raise BodyTooLargeError(_too_large_message(limit))
            return message

        await self.app(scope, receive_capped, send)


class AuthFailureLimiter:
    """Sliding-window count of authentication failures per client (bounded memory)."""

    def __init__(
        self,
        *,
        max_failures: int = DEFAULT_MAX_AUTH_FAILURES,
        window_s: float = DEFAULT_AUTH_WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def retry_after(self, client: str) -> int | None:
        """Seconds ``client`` must wait, or None when it may try again now."""
        failures = self._failures.get(client)
        if failures is None:
            return None
        self._expire(failures)
        if len(failures) < self.max_failures:
            return None
        return max(1, math.ceil(failures[0] + self.window_s - self._clock()))

    def record_failure(self, client: str) -> None:
        failures = self._failures.get(client)
        if failures is None:
            failures = self._failures[client] = deque(maxlen=self.max_failures)
            while len(self._failures) > _MAX_TRACKED_CLIENTS:
                self._failures.popitem(last=False)  # forget the longest-tracked client
        else:
            self._failures.move_to_end(client)
        failures.append(self._clock())

    def _expire(self, failures: deque[float]) -> None:
        horizon = self._clock() - self.window_s
        while failures and failures[0] <= horizon:
            failures.popleft()


class AuthFailureLimitMiddleware:
    """Answers 429 + ``Retry-After`` to a client with too many recent authentication failures."""

    def __init__(self, app: ASGIApp, *, limiter: AuthFailureLimiter | None = None) -> None:
        self.app = app
        self.limiter = limiter or AuthFailureLimiter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.limiter.retry_after(client)
        if wait is not None:
            await _send_429(send, wait)
            return
        presented = any(
            name in (b"authorization", b"cookie") for name, _ in scope.get("headers", ())
        )

        async def send_watching(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 401 and presented:
                self.limiter.record_failure(client)
            await send(message)

        await self.app(scope, receive, send_watching)


async def read_body(request: Request, *, limit: int) -> bytes:
    """The raw request body, refusing more than ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLargeError(_too_large_message(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def inflate_gzip(data: bytes, *, limit: int) -> bytes:
    """Decompress a gzip body (several members allowed), refusing more than ``limit`` bytes."""
    output = bytearray()
    pending = data
    while pending:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(pending, _INFLATE_STEP)
            while True:
                output += chunk
                if len(output) > limit:
                    raise BodyTooLargeError(
                        f"the gzip body inflates to more than {limit} bytes, the most one "
                        "request may carry decoded; send fewer events per batch"
                    )
                if not inflater.unconsumed_tail:
                    break
                chunk = inflater.decompress(inflater.unconsumed_tail, _INFLATE_STEP)
            output += inflater.flush()
        except zlib.error as error:
            raise HTTPException(
                status.HTTP_400_BAD_REQUEST,
                f"the body is not valid gzip ({error}); send gzip data with "
                "Content-Encoding: gzip, or drop that header for a plain body",
            ) from None
        if not inflater.eof:
            raise HTTPException(
                status.HTTP_400_BAD_REQUEST,
                "the gzip body is truncated; resend the whole batch",
            )
        pending = inflater.unused_data
    if len(output) > limit:
        raise BodyTooLargeError(
            f"the gzip body inflates to more than {limit} bytes; send fewer events per batch"
        )
    return bytes(output)


def _is_batch_route(scope: Scope) -> bool:
    return str(scope.get("path", "")).endswith("/events:batch")


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _too_large_message(limit: int) -> str:
    return (
        f"the request body is larger than {limit} bytes, the most this route accepts; "
        "split the upload into smaller batches"
    )


async def _send_413(send: Send, detail: str) -> None:
    body = orjson.dumps({"detail": detail})
    await send(
        {
            "type": "http.response.start",
            "status": status.HTTP_413_CONTENT_TOO_LARGE,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _send_429(send: Send, retry_after: int) -> None:
    body = orjson.dumps(
        {
            "detail": (
                "too many failed authentication attempts from this address; wait "
                f"{retry_after} s (Retry-After) and check the token you send"
            )
        }
    )
    await send(
        {
            "type": "http.response.start",
            "status": status.HTTP_429_TOO_MANY_REQUESTS,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry_after).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
