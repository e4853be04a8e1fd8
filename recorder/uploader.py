"""Recorder, stage 4: upload the spool to ``POST /v1/projects/{id}/events:batch``.

Batches go out oldest first as a JSON array. The server answers
``{"accepted": n, "duplicates": n, "rejected": [{"index": i, "error": "..."}]}`` and dedupes on
``event_id``, so re-sending after a crash is safe: an event leaves the spool only once the
server acknowledged it, and is never lost in between.

Retry policy: connection errors, timeouts, 408, 429 (honouring ``Retry-After``) and 5xx are
retried with exponential backoff and full jitter (delay = U(0, min(60 s, 1 s * 2^n))). 400, 403,
413 (for a single event; a larger batch is split first) and 422 are not retried: the batch is
quarantined locally with the server's reason and reported. 401 and 404 mean the token or the
project is wrong: uploading stops with a message and the events stay pending.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from recorder.spool import SpooledEvent, SqliteSpool

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 429})
STOP_STATUSES = frozenset({401, 404})


class UploadStopped(Exception):
    """The server refused the token or the project: retrying cannot help until it is fixed."""


@dataclass
class UploadStats:
    sent: int = 0
    accepted: int = 0
    duplicates: int = 0
    quarantined: int = 0
    failures: int = 0  # consecutive retryable failures (0 when the last attempt worked)
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with full jitter (AWS architecture blog), capped."""

    first: float = 1.0
    factor: float = 2.0
    cap: float = 60.0

    def delay(self, failures: int, *, rand: Callable[[], float] = random.random) -> float:
        """Seconds to wait after ``failures`` consecutive failures (``failures`` >= 1)."""
        ceiling = min(self.cap, self.first * self.factor ** max(failures - 1, 0))
        return rand() * ceiling


class Uploader:
    """Moves spooled events to the server; ``drain`` for a loop, ``upload_batch`` for one step."""

    def __init__(
        self,
        spool: SqliteSpool,
        *,
        server: str,
        project: str,
        token: str | None,
        client: httpx.Client | None = None,
        batch_size: int = 200,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] | None = None,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.spool = spool
        self.url = f"{server.rstrip('/')}/v1/projects/{project}/events:batch"
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._client = client or httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0))
        self._headers = headers
        self.batch_size = batch_size
        self.backoff = backoff or Backoff()
        self._wakeup = threading.Event()
        self._sleep = sleep
        self._rand = rand
        self.stats = UploadStats()

    def upload_batch(self) -> float | None:
        """Send the oldest pending batch once. Returns None when done (or nothing to send),
        else the seconds to wait before the next attempt. Raises ``UploadStopped``."""
        batch = self.spool.pending(limit=self.batch_size)
        if not batch:
            return None
        body = b"[" + b",".join(item.body for item in batch) + b"]"
        try:
            response = self._client.post(self.url, content=body, headers=self._headers)
        except httpx.TransportError as error:
            return self._retry_later(f"server unreachable ({type(error).__name__})", None)
        self.stats.sent += len(batch)
        status = response.status_code
        if 200 <= status < 300:
            self._settle(batch, response)
            return 0.0
        if status in RETRY_STATUSES or status >= 500:
            return self._retry_later(f"HTTP {status}", response)
        reason = f"HTTP {status}: {response.text[:300]}"
        if status in STOP_STATUSES:
            self.stats.last_error = reason
            raise UploadStopped(
                f"the server answered {status} for {self.url}: check --server, --project and "
                "--token (the events stay in the spool and upload on the next start)"
            )
        if status == 413 and len(batch) > 1:
            self.batch_size = max(1, len(batch) // 2)  # smaller batches, not a retry of this one
            return 0.0
        self.spool.quarantine({item.event_id: reason for item in batch})
        self.stats.quarantined += len(batch)
        self.stats.last_error = reason
        log.warning(
            "server refused %d events for good (%s); quarantined in the spool", len(batch), reason
        )
        return 0.0

    def drain(self, *, stop: threading.Event | None = None, deadline: float | None = None) -> bool:
        """Upload until the spool is empty (True), ``stop`` is set or ``deadline`` passes."""
        while True:
            delay = self.upload_batch()
            if delay is None:
                return True
            if delay > 0:
                if deadline is not None and time.monotonic() + delay > deadline:
                    return False
                if self._wait(delay, stop):
                    return False
            elif stop is not None and stop.is_set():
                return False

    def run(self, stop: threading.Event, *, poll_seconds: float = 2.0) -> None:
        """Background loop: drain, then wait for new events or ``poll_seconds``; until ``stop``."""
        while not stop.is_set():
            try:
                self.drain(stop=stop)
            except UploadStopped as error:
                self.stats.last_error = str(error)
                log.error("%s", error)
                return
            self._wakeup.wait(poll_seconds)
            self._wakeup.clear()

    def notify(self) -> None:
        """Tell the background loop new events were spooled."""
        self._wakeup.set()

    def close(self) -> None:
        self._client.close()

    def _settle(self, batch: list[SpooledEvent], response: httpx.Response) -> None:
        try:
            answer: dict[str, Any] = response.json()
        except ValueError:
            answer = {}
        rejected = {}
        for item in answer.get("rejected") or []:
            index = item.get("index") if isinstance(item, dict) else None
            if isinstance(index, int) and 0 <= index < len(batch):
                rejected[batch[index].event_id] = str(item.get("error", "rejected"))
        if rejected:
            self.spool.quarantine(rejected)
            self.stats.quarantined += len(rejected)
            log.warning("server rejected %d events; quarantined in the spool", len(rejected))
        self.spool.acknowledge(item.event_id for item in batch if item.event_id not in rejected)
        self.stats.accepted += int(answer.get("accepted") or 0)
        self.stats.duplicates += int(answer.get("duplicates") or 0)
        self.stats.failures = 0
        self.stats.last_error = None

    def _retry_later(self, reason: str, response: httpx.Response | None) -> float:
        self.stats.failures += 1
        self.stats.last_error = reason
        delay = self.backoff.delay(self.stats.failures, rand=self._rand)
        retry_after = _retry_after_seconds(response)
        if retry_after is not None:
            delay = min(max(retry_after, 0.0), 3600.0)
        log.info("upload failed (%s); retrying in %.1f s", reason, delay)
        return max(delay, 1e-3)

    def _wait(self, seconds: float, stop: threading.Event | None) -> bool:
        """Sleep ``seconds`` (or until ``stop``); True if stopped."""
        if self._sleep is not None:
            self._sleep(seconds)
            return stop is not None and stop.is_set()
        if stop is None:
            time.sleep(seconds)
            return False
        return stop.wait(seconds)


def _retry_after_seconds(response: httpx.Response | None) -> float | None:
    if response is None:
        return None
    header = response.headers.get("Retry-After")
    if not header:
        return None
    try:
        return float(header)
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    return moment.timestamp() - time.time()
