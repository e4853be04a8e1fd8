"""Recorder, test and local-trial support: a minimal ingest server on 127.0.0.1.

Speaks the two routes the agent uses: ``POST /v1/projects/{id}/events:batch`` (validates each
event against ``taskmine.event/v1``, dedupes on ``event_id``, answers accepted / duplicates /
rejected) and ``GET /v1/me/recording-permission``. It keeps every request body so tests can
grep what went over the wire. Failures can be scripted (``fail_next``) to exercise retries.
Not the product server (``taskmine.api``); a stand-in with the same contract.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pydantic import ValidationError

from taskmine.domain import Event


class IngestStub:
    """Start with ``start()``; ``url`` is where it listens; ``stop()`` shuts it down."""

    def __init__(self, *, port: int = 0, approved: bool = True, token: str | None = None) -> None:
        self.events: dict[str, dict[str, Any]] = {}
        self.receipts: Counter[str] = Counter()  # how many times each event_id was received
        self.bodies: list[bytes] = []
        self.approved = approved
        self.token = token
        self.fail_next: list[tuple[int, dict[str, str]]] = []  # (status, headers) to answer next
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._port = int(self._server.server_address[1])
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def port(self) -> int:
        return self._port

    def start(self) -> IngestStub:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Take the server down (the port closes; what it stored is kept)."""
        self._server.shutdown()
        self._server.server_close()

    def restart(self) -> IngestStub:
        """Bring the server back up on the same port, with what it stored before."""
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), self._handler())
        return self.start()

    def ingest(self, body: bytes) -> tuple[int, dict[str, Any]]:
        try:
            items = json.loads(body)
        except ValueError:
            return 400, {"detail": "body is not JSON"}
        if not isinstance(items, list):
            return 422, {"detail": "body must be a JSON array of events"}
        accepted = duplicates = 0
        rejected = []
        with self._lock:
            self.bodies.append(body)
            for index, item in enumerate(items):
                try:
                    event = Event.model_validate(item)
                except ValidationError as error:
                    rejected.append({"index": index, "error": str(error.errors()[0]["msg"])})
                    continue
                self.receipts[event.event_id] += 1
                if event.event_id in self.events:
                    duplicates += 1
                else:
                    self.events[event.event_id] = item
                    accepted += 1
        return 200, {"accepted": accepted, "duplicates": duplicates, "rejected": rejected}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _answer(
                self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                if (
                    stub.token is None
                    or self.headers.get("Authorization") == f"Bearer {stub.token}"
                ):
                    return True
                self._answer(401, {"detail": "bad token"})
                return False

            def do_GET(self) -> None:
                if not self._authorised():
                    return
                if self.path.split("?")[0] == "/v1/me/recording-permission" and stub.approved:
                    self._answer(200, {"approved": True})
                else:
                    self._answer(404, {"detail": "not found"})

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not self._authorised():
                    return
                if not (
                    self.path.startswith("/v1/projects/") and self.path.endswith("/events:batch")
                ):
                    self._answer(404, {"detail": "not found"})
                    return
                with stub._lock:
                    failure = stub.fail_next.pop(0) if stub.fail_next else None
                if failure is not None:
                    self._answer(failure[0], {"detail": "scripted failure"}, failure[1])
                    return
                status, payload = stub.ingest(body)
                self._answer(status, payload)

        return Handler
