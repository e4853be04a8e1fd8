"""Stand-ins shared by the API tests, for what cannot or need not run in them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from typing import TypeVar

Server = TypeVar("Server", bound=ThreadingHTTPServer)


class IdleLauncher:
    """Accepts mining jobs and runs none: for tests about who may start a job, or about the
    API itself, not about mining."""

    async def launch(self, *, project_id: str, job_id: str) -> None:
        return None


@contextmanager
def serving(server: Server, *, before_shutdown: threading.Event | None = None) -> Iterator[Server]:
    """``server`` answering on its own thread until the block ends (a local fake endpoint).

    ``before_shutdown`` is set first, to release handlers that a test holds (a hanging
    endpoint), so that shutting down does not wait for them."""
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        if before_shutdown is not None:
            before_shutdown.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
