"""REST service: request-rate limit per credential (a token bucket), answered with 429.

Guarantees: one credential cannot take the server from the others. Each bearer token or
sign-in cookie (keyed by a hash, never the secret itself; the client address when a request
carries neither) has a bucket of ``burst`` requests refilled at ``per_second``; a request
that finds its bucket empty is answered 429 with ``Retry-After`` (whole seconds, rounded up)
and a JSON ``detail``, before any route, database look-up or body parsing runs. ``/health``
is never limited. Memory is bounded: at most ``max_keys`` buckets are tracked, the least
recently used are forgotten first (a forgotten key starts again with a full bucket).

A request with a made-up token gets a fresh bucket, so rotating fake tokens does not hit this
limit; it hits ``AuthFailureLimitMiddleware`` (``limits``) instead, which counts 401s per
client address.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import orjson
from fastapi import status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from taskmine.settings import DEFAULT_RATE_LIMIT_BURST, DEFAULT_RATE_LIMIT_PER_S

MAX_TRACKED_KEYS = 10_000
UNLIMITED_PATHS = frozenset({"/health", "/v1/health"})
# A refused request's body is read and dropped up to this size (so the client, still sending,
# reads the 429 instead of a reset connection); past it the connection is closed.
_MAX_DRAINED_BYTES = 1024 * 1024


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RequestRateLimiter:
    """Token buckets per key, least-recently-used eviction past ``max_keys``."""

    def __init__(
        self,
        *,
        per_second: float = DEFAULT_RATE_LIMIT_PER_S,
        burst: int = DEFAULT_RATE_LIMIT_BURST,
        max_keys: int = MAX_TRACKED_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_second <= 0 or burst < 1:
            raise ValueError("per_second must be > 0 and burst >= 1 (or use no limiter)")
        self.per_second = per_second
        self.burst = burst
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def acquire(self, key: str) -> int | None:
        """Take one request from ``key``'s bucket: None if allowed, else seconds to wait."""
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
            elapsed = max(now - bucket.updated, 0.0)
            bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.per_second)
            bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return max(1, math.ceil((1.0 - bucket.tokens) / self.per_second))

    @property
    def tracked_keys(self) -> int:
        return len(self._buckets)


class RequestRateLimitMiddleware:
    """Answers 429 + ``Retry-After`` when a credential's bucket is empty (see the module)."""

    def __init__(
        self, app: ASGIApp, *, limiter: RequestRateLimiter, cookie_name: str = "taskmine_token"
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.cookie_name = cookie_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        wait = self.limiter.acquire(rate_key(scope, cookie_name=self.cookie_name))
        if wait is None:
            await self.app(scope, receive, send)
            return
        drained = await _drain_body(receive)
        await _send_429(send, wait, limiter=self.limiter, close=not drained)


def rate_key(scope: Scope, *, cookie_name: str) -> str:
    """The bucket's key: a hash of the bearer token or sign-in cookie, else the client address."""
    credential = b""
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            credential = value
            break
        if name == b"cookie" and not credential:
            credential = _cookie_value(value, cookie_name.encode())
    if credential:
        return "c:" + hashlib.blake2b(credential, digest_size=16).hexdigest()
    return "a:" + str((scope.get("client") or ("unknown", 0))[0])


def _cookie_value(header: bytes, name: bytes) -> bytes:
    for part in header.split(b";"):
        key, _, value = part.strip().partition(b"=")
        if key == name:
            return value
    return b""


async def _drain_body(receive: Receive) -> bool:
    """Read and drop the request body; False if it was larger than worth reading."""
    size = 0
    while True:
        message: Message = await receive()
        if message["type"] != "http.request":
            return False
        size += len(message.get("body", b""))
        if size > _MAX_DRAINED_BYTES:
            return False
        if not message.get("more_body", False):
            return True


async def _send_429(
    send: Send, retry_after: int, *, limiter: RequestRateLimiter, close: bool
) -> None:
    body = orjson.dumps(
        {
            "detail": (
                f"too many requests with this credential (at most {limiter.per_second:g} per "
                f"second, bursts of {limiter.burst}); wait {retry_after} s (Retry-After) "
                "before sending again"
            )
        }
    )
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(retry_after).encode()),
    ]
    if close:
        headers.append((b"connection", b"close"))
    await send(
        {
            "type": "http.response.start",
            "status": status.HTTP_429_TOO_MANY_REQUESTS,
            "headers": headers,
        }
    )
    await send({"type": "http.response.body", "body": body})
