"""Composition root, the running service: REST API + mining worker (+ embedded Temporal).

``run_server`` is ``taskmine serve``: it opens the store (printing an admin token on the first
start), starts a Temporal dev server under ``<data dir>/temporal`` unless
``TASKMINE_TEMPORAL_ADDRESS`` points at a cluster, runs an in-process worker and serves the API
with uvicorn until SIGINT / SIGTERM, then stops the pieces in reverse order. ``run_worker_only``
is ``taskmine worker`` (scale-out against a cluster). ``running_service`` runs the same service
in a background thread for the demo and tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn
from temporalio.client import Client
from temporalio.worker import Worker

from taskmine.settings import Settings
from taskmine.storage import SqlStore, create_token, ensure_admin_token, open_store
from taskmine.storage.sql_governance import run_retention_forever
from workflows.dev_server import DevServer, DevServerError, start_dev_server
from workflows.launcher import TemporalMiningLauncher
from workflows.worker import DEFAULT_TASK_QUEUE, activity_pool, build_worker, connect_client

STARTUP_TIMEOUT_S = 90.0
GC_GEN0_THRESHOLD = 50_000


@dataclass(frozen=True, slots=True)
class RunningService:
    """What ``running_service`` yields: where the API listens and how to call it."""

    base_url: str
    admin_token: str
    temporal_address: str
    task_queue: str
    data_dir: Path


def run_server(
    settings: Settings, *, host: str, port: int, dev_server: DevServer | None = None
) -> int:
    """``taskmine serve``: the API and a worker until SIGINT / SIGTERM; the exit code.

    ``dev_server``: an embedded Temporal server the caller already spawned (it waits for it)."""
    with _StopSignals() as signals:
        try:
            store, dev_server = _open(settings, dev_server)
        except (DevServerError, KeyboardInterrupt) as error:
            return _report("serve", error)
        try:
            token = ensure_admin_token(store)
            if token is not None:
                print("First start: an admin token (store it now, only its hash is kept):")
                print(token, flush=True)
            address = dev_server.address if dev_server else str(settings.temporal_address)
            service = _Service(settings, store, address, task_queue=_task_queue(settings))
            return asyncio.run(service.run(host=host, port=port, signals=signals))
        except (ConnectionError, OSError, KeyboardInterrupt) as error:
            return _report("serve", error)
        finally:
            signals.ignore()
            _close(store, dev_server)


def run_worker_only(settings: Settings, *, task_queue: str | None = None) -> int:
    """``taskmine worker``: a mining worker against ``settings.temporal_address`` only."""
    if not settings.temporal_address:
        print(
            "taskmine worker: set TASKMINE_TEMPORAL_ADDRESS to the Temporal frontend (host:port) "
            "that `taskmine serve` or your cluster uses; a lone worker starts no server",
            file=sys.stderr,
        )
        return 2
    with _StopSignals() as signals:
        store = open_store(settings.database_url)
        try:
            queue = task_queue or _task_queue(settings)
            service = _Service(settings, store, settings.temporal_address, task_queue=queue)
            return asyncio.run(service.run_worker(signals=signals))
        except (ConnectionError, KeyboardInterrupt) as error:
            return _report("worker", error)
        finally:
            signals.ignore()
            store.close()


@contextlib.contextmanager
def running_service(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    task_queue: str | None = None,
) -> Iterator[RunningService]:
    """The whole service in background threads, with a fresh admin token; stopped on exit."""
    store, dev_server = _open(settings)
    ready: list[RunningService] = []
    failed: list[BaseException] = []
    started = threading.Event()
    address = dev_server.address if dev_server else str(settings.temporal_address)
    service = _Service(settings, store, address, task_queue=task_queue or _task_queue(settings))
    token = create_token(store, role="admin", user="admin")

    def on_ready(base_url: str) -> None:
        info = RunningService(base_url, token, address, service.task_queue, settings.data_dir)
        ready.append(info)
        started.set()

    def main() -> None:
        try:
            asyncio.run(service.run(host=host, port=port, on_ready=on_ready))
        except BaseException as error:  # handed to the caller's thread below
            failed.append(error)
        finally:
            started.set()

    thread = threading.Thread(target=main, name="taskmine-service", daemon=True)
    thread.start()
    try:
        if not started.wait(STARTUP_TIMEOUT_S) or not ready:
            raise RuntimeError("the taskmine service did not start") from (
                failed[0] if failed else None
            )
        yield ready[0]
    finally:
        service.stop()
        thread.join(timeout=60)
        _close(store, dev_server)


class _Service:
    """One Temporal client, one worker and (for the API) one uvicorn server on one loop."""

    def __init__(self, settings: Settings, store: SqlStore, address: str, *, task_queue: str):
        self.settings = settings
        self.store = store
        self.address = address
        self.task_queue = task_queue
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stopping = threading.Event()

    async def run(
        self,
        *,
        host: str,
        port: int,
        signals: _StopSignals | None = None,
        on_ready: Callable[[str], None] | None = None,
    ) -> int:
        from taskmine.api import create_app  # not imported by a lone worker: it is heavy

        client = await self._connect()
        launcher = TemporalMiningLauncher(client, task_queue=self.task_queue, jobs=self.store.jobs)
        app = create_app(self.settings, store=self.store, launcher=launcher)
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server = _QuietSignalsServer(uvicorn.Config(app, log_level="warning", lifespan="on"))
        with listener, activity_pool() as pool:
            listener.bind((host, port))
            bound_host, bound_port = listener.getsockname()[:2]
            async with self._worker(client, pool):
                http = asyncio.create_task(server.serve(sockets=[listener]))
                stop = await self._arm(signals)
                listening = asyncio.create_task(server.listening.wait())
                await asyncio.wait({http, listening}, return_when=asyncio.FIRST_COMPLETED)
                listening.cancel()
                if http.done():
                    http.result()  # re-raise why uvicorn could not start
                    raise RuntimeError("the HTTP server stopped while starting")
                base_url = f"http://{bound_host}:{bound_port}"
                print(f"taskmine API on {base_url} (Temporal at {self.address})", flush=True)
                if on_ready is not None:
                    on_ready(base_url)
                # Retention is the API process's job: one purger per database, not per worker.
                purger = asyncio.create_task(
                    run_retention_forever(
                        self.store, interval_s=self.settings.retention_purge_interval_s
                    )
                )
                await stop.wait()
                purger.cancel()
                server.should_exit = True
                await http
        return 0

    async def run_worker(self, *, signals: _StopSignals | None = None) -> int:
        # As the API process does (taskmine.api.app): mining allocates millions of young,
        # acyclic objects, and CPython's default gen-0 threshold spends a third of it collecting.
        gc.set_threshold(max(gc.get_threshold()[0], GC_GEN0_THRESHOLD), *gc.get_threshold()[1:])
        client = await self._connect()
        with activity_pool() as pool:
            async with self._worker(client, pool):
                print(f"taskmine worker on task queue {self.task_queue!r} at {self.address}")
                await (await self._arm(signals)).wait()
        return 0

    def stop(self) -> None:
        """Ask the running service to shut down (any thread)."""
        self._stopping.set()
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    def _worker(self, client: Client, pool: ThreadPoolExecutor) -> Worker:
        return build_worker(
            client,
            store=self.store,
            jobs=self.store.jobs,
            blob_dir=self.settings.data_dir / "blobs",
            task_queue=self.task_queue,
            executor=pool,
        )

    async def _connect(self) -> Client:
        try:  # a frontend that is starting is waited for (``connect_client``)
            return await connect_client(self.address, namespace=self.settings.temporal_namespace)
        except RuntimeError as error:
            raise ConnectionError(
                f"cannot reach Temporal at {self.address} ({error}); start it or fix "
                "TASKMINE_TEMPORAL_ADDRESS"
            ) from error

    async def _arm(self, signals: _StopSignals | None) -> asyncio.Event:
        loop, stop = asyncio.get_running_loop(), asyncio.Event()
        self._loop, self._stop = loop, stop
        if self._stopping.is_set():
            stop.set()
        if signals is not None:
            signals.on_signal(lambda: loop.call_soon_threadsafe(stop.set))
        return stop


class _StopSignals:
    """SIGINT / SIGTERM for the whole life of a command: while starting they abort the start
    (``KeyboardInterrupt``, so ``finally`` blocks stop what already runs); once running they
    ask for an orderly stop; while stopping they are ignored, so cleanup always completes."""

    def __init__(self) -> None:
        self._callback: Callable[[], object] | None = None
        self._ignoring = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _StopSignals:
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def on_signal(self, callback: Callable[[], object]) -> None:
        self._callback = callback

    def ignore(self) -> None:
        self._ignoring = True

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        del frame
        if self._ignoring:
            return
        if self._callback is None:
            raise KeyboardInterrupt(f"stopped by signal {signal.Signals(signum).name}")
        self._callback()


class _QuietSignalsServer(uvicorn.Server):
    """uvicorn without its own signal handlers (the service decides when to stop, in order),
    telling when it listens."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.listening = asyncio.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self.listening.set()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _open(
    settings: Settings, spawned: DevServer | None = None
) -> tuple[SqlStore, DevServer | None]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        store = open_store(settings.database_url)
    except BaseException:
        if spawned is not None:
            spawned.stop()
        raise
    if settings.temporal_address:
        return store, None
    try:
        if spawned is None:
            return store, start_dev_server(settings.data_dir / "temporal")
        spawned.wait_until_listening()
        return store, spawned
    except BaseException:
        store.close()
        raise


def _close(store: SqlStore, dev_server: DevServer | None) -> None:
    store.close()
    if dev_server is not None:
        dev_server.stop()


def _report(command: str, error: BaseException) -> int:
    if isinstance(error, KeyboardInterrupt):
        print(f"taskmine {command}: interrupted while starting; stopped", file=sys.stderr)
        return 130
    print(f"taskmine {command}: {error}", file=sys.stderr)
    return 1


def _task_queue(settings: Settings) -> str:
    return settings.temporal_task_queue or DEFAULT_TASK_QUEUE
