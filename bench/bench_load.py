"""Benchmark (load): many recorder agents uploading to one ``taskmine serve`` over loopback.

Each simulated agent is the product's own client: a ``recorder.spool.SqliteSpool`` file filled
with M events of its workstation user, drained by ``recorder.uploader.Uploader`` (batches of
200, retries with exponential backoff and full jitter, ``Retry-After`` honoured) on its own
thread, all against one ``taskmine serve`` subprocess on 127.0.0.1, first on SQLite, then on a
scratch PostgreSQL database (``taskmine_load_<hex>``, dropped afterwards).

Uploads go through governance as a real deployment would (docs/governance.md): an analyst
creates the project and shares it with each agent's recorder account, a data request names
every workstation user, the manager approves it, each user consents; the agents then upload
with ``agent`` tokens, so the consent check is on the measured path.

Printed per run: sustained events/s (events acknowledged / wall time of the upload phase),
p50 / p99 latency of the ``events:batch`` requests, errors (transport errors, 5xx / 429
answers, quarantined events), and exactly-once: the database holds exactly the distinct
event ids sent (counted in SQL), then every spool is refilled with the same events and
resent: all duplicates, count unchanged. ``--sweep`` repeats with more agents to find the
knee (throughput stops growing while p99 keeps rising); each level uses a fresh project on
the same server. Bounded: ``--events`` per agent and ``--max-seconds`` per upload phase.

    .venv/bin/python bench/bench_load.py                       # 50 agents x 1000 events
    .venv/bin/python bench/bench_load.py --sweep 10,25,50,100,200 --total-events 100000
    .venv/bin/python bench/bench_load.py --backend sqlite --agents 5 --events 200

The machine is shared with the server (``os.cpu_count()`` is printed): client threads and
the server compete for the same cores, so figures are a floor for a dedicated server.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from recorder.spool import SqliteSpool  # noqa: E402
from recorder.uploader import Backoff, Uploader, UploadStopped  # noqa: E402
from taskmine.domain import Element, Event, EventKind, PathNode  # noqa: E402

PG_HOST = "127.0.0.1"
PG_ADMIN_DSN = f"host={PG_HOST} port=5432 user=root dbname=test connect_timeout=3"
PG_URL_TEMPLATE = f"postgresql+psycopg://root@{PG_HOST}:5432/{{database}}"
STARTUP_TIMEOUT_S = 120.0
TOKEN_LINE = re.compile(r"^(tm_\S+)$", re.MULTILINE)
_KINDS = (EventKind.CLICK, EventKind.TYPE, EventKind.FOCUS, EventKind.KEY, EventKind.CLICK)


# -- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServeProcess:
    """``taskmine serve`` as a subprocess in its own process group (so a kill takes all of it)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        database_url: str | None = None,
        temporal_address: str | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        for name in ("TASKMINE_DATABASE_URL", "TASKMINE_TEMPORAL_ADDRESS"):
            self.env.pop(name, None)
        if database_url:
            self.env["TASKMINE_DATABASE_URL"] = database_url
        if temporal_address:
            self.env["TASKMINE_TEMPORAL_ADDRESS"] = temporal_address
        self.log_path = data_dir / "serve.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.admin_token: str | None = None
        self.starts = 0

    def start(self, *, timeout: float = STARTUP_TIMEOUT_S) -> float:
        """Start and wait until ``/health`` answers; the seconds it took."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = self.log_path.open("ab")
        command = [sys.executable, "-m", "taskmine.cli", "serve", "--data-dir", str(self.data_dir)]
        command += ["--port", str(self.port), "--host", "127.0.0.1"]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.starts += 1
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"taskmine serve exited: {self.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.base_url}/health", timeout=1.0).status_code == 200:
                    break
            time.sleep(0.05)
        else:
            self.kill()
            raise RuntimeError(
                f"taskmine serve did not start in {timeout:.0f} s: {self.log_tail()}"
            )
        if self.admin_token is None:
            text = self.log_path.read_bytes()[offset:].decode(errors="replace")
            found = TOKEN_LINE.search(text)
            self.admin_token = found.group(1) if found else None
        return time.monotonic() - started

    def kill(self, signum: int = signal.SIGKILL) -> None:
        """Signal the whole process group (serve and an embedded Temporal dev server)."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """Orderly stop (SIGTERM, as an operator would), SIGKILL if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, chars: int = 2000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""


def sqlite_database_url(data_dir: Path) -> str:
    from taskmine.settings import Settings

    return str(Settings(data_dir=data_dir).database_url)


@contextlib.contextmanager
def scratch_postgres_database() -> Iterator[str | None]:
    """A fresh PostgreSQL database ``taskmine_load_<hex>`` (its SQLAlchemy URL), dropped after;
    None if no server answers on 127.0.0.1:5432."""
    import psycopg

    name = f"taskmine_load_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN_DSN, autocommit=True)
    except psycopg.OperationalError:
        yield None
        return
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield PG_URL_TEMPLATE.format(database=name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


# -- governance set-up: who may upload whom ----------------------------------------------------


@dataclass
class Deployment:
    """A project whose agents may upload: one recorder token per workstation user."""

    base_url: str
    project_id: str
    users: list[str]
    agent_tokens: list[str]
    admin_token: str
    analyst_token: str
    setup_seconds: float = 0.0


def provision(
    base_url: str, database_url: str, *, agents: int, tag: str, admin_token: str | None = None
) -> Deployment:
    """Tokens (created in the store, as ``taskmine token create`` does) and, over the API, a
    project shared with every recorder, one data request naming every user, approved by the
    manager and consented to by each user."""
    from taskmine.storage import create_token, open_store

    started = time.monotonic()
    users = [f"{tag}-u{index:03d}" for index in range(agents)]
    store = open_store(database_url)
    try:
        admin = admin_token or create_token(store, role="admin", user="load-admin")
        analyst = create_token(store, role="analyst", user=f"{tag}-analyst")
        manager_name = f"{tag}-manager"
        manager = create_token(store, role="manager", user=manager_name)
        user_tokens = [create_token(store, role="workstation_user", user=user) for user in users]
        agent_tokens = [
            create_token(store, role="agent", user=f"{tag}-recorder{index:03d}")
            for index in range(agents)
        ]
    finally:
        store.close()
    with httpx.Client(base_url=base_url, timeout=30.0) as client:

        def call(method: str, path: str, token: str, body: Any, expect: int) -> Any:
            response = client.request(
                method, path, json=body, headers={"Authorization": f"Bearer {token}"}
            )
            if response.status_code != expect:
                raise RuntimeError(f"{method} {path}: {response.status_code} {response.text}")
            return response.json()

        project = call("POST", "/v1/projects", analyst, {"name": f"load {tag}"}, 201)["id"]
        for index in range(agents):
            body = {"user": f"{tag}-recorder{index:03d}"}
            call("POST", f"/v1/projects/{project}/shares", analyst, body, 201)
        now = datetime.now(UTC)
        request = {
            "users": users,
            "apps": [],
            "starts_at": (now - timedelta(days=1)).isoformat(),
            "ends_at": (now + timedelta(days=1)).isoformat(),
            "purpose": "load test",
            "approver": manager_name,
        }
        request_id = call("POST", f"/v1/projects/{project}/data-requests", analyst, request, 201)[
            "id"
        ]
        decision = {"decision": "approved"}
        call("POST", f"/v1/data-requests/{request_id}/decision", manager, decision, 200)
        for token in user_tokens:
            consent = {"status": "consented"}
            call("PUT", f"/v1/data-requests/{request_id}/consent", token, consent, 200)
    return Deployment(
        base_url, project, users, agent_tokens, admin, analyst, time.monotonic() - started
    )


# -- the events and the agents -----------------------------------------------------------------


def make_events(
    user: str, count: int, *, start: int = 0, session: str | None = None
) -> list[Event]:
    """``count`` plausible UI events of ``user`` (ids ``<user>-<n>``), in time order."""
    base = datetime.now(UTC) - timedelta(hours=1)
    session_id = session or f"{user}-s1"
    out = []
    for n in range(start, start + count):
        kind = _KINDS[n % len(_KINDS)]
        element = Element(
            role="button" if kind is EventKind.CLICK else "edit",
            name=f"Field {n % 17}",
            automation_id=f"fld{n % 17}",
            path=(PathNode(role="window", name="Invoices - Excel"), PathNode(role="pane")),
        )
        out.append(
            Event(
                event_id=f"{user}-{n}",
                session_id=session_id,
                user_id=user,
                machine_id=f"{user}-m",
                timestamp=base + timedelta(milliseconds=250 * n),
                kind=kind,
                app="excel.exe",
                window=f"Invoice {n % 40} - Excel",
                element=element,
                value=f"amount {n % 1000}.00" if kind is EventKind.TYPE else None,
                url=None,
                attrs={"n": n},
            )
        )
    return out


@dataclass
class RequestSample:
    started: float
    seconds: float
    outcome: str  # "200", "503", ..., or the transport error's class name
    events: int


class TimedClient(httpx.Client):
    """httpx.Client that records every POST (wall time, status), for latency figures."""

    def __init__(self, samples: list[RequestSample], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.samples = samples

    def post(self, url: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        content = kwargs.get("content") or b""
        events = content.count(b'"event_id"') if isinstance(content, bytes) else 0
        started = time.monotonic()
        try:
            response = super().post(url, **kwargs)
        except httpx.TransportError as error:
            self.samples.append(
                RequestSample(started, time.monotonic() - started, type(error).__name__, events)
            )
            raise
        self.samples.append(
            RequestSample(started, time.monotonic() - started, str(response.status_code), events)
        )
        return response


@dataclass
class SimAgent:
    """One recorder: its spool file and its uploader (the product's classes)."""

    spool: SqliteSpool
    uploader: Uploader
    event_ids: list[str] = field(default_factory=list)
    error: str | None = None
    finished: bool = False

    def spool_events(self, events: Sequence[Event]) -> int:
        written = sum(1 for event in events if self.spool.append(event))
        self.event_ids.extend(event.event_id for event in events)
        return written

    def close(self) -> None:
        self.uploader.close()
        self.spool.close()


def make_agent(
    path: Path,
    deployment: Deployment,
    token: str,
    samples: list[RequestSample],
    *,
    batch_size: int = 200,
    backoff: Backoff | None = None,
    synchronous: str = "FULL",
    sleep: Any = None,
) -> SimAgent:
    spool = SqliteSpool(path, synchronous=synchronous)  # type: ignore[arg-type]
    client = TimedClient(samples, timeout=httpx.Timeout(30.0, connect=5.0))
    uploader = Uploader(
        spool,
        server=deployment.base_url,
        project=deployment.project_id,
        token=token,
        client=client,
        batch_size=batch_size,
        backoff=backoff,
        sleep=sleep,
    )
    return SimAgent(spool, uploader)


def drain_all(agents: Sequence[SimAgent], *, max_seconds: float) -> float:
    """Every agent drains its spool on its own thread; the wall seconds it took."""
    deadline = time.monotonic() + max_seconds
    stop = threading.Event()

    def run(agent: SimAgent) -> None:
        try:
            agent.finished = agent.uploader.drain(stop=stop, deadline=deadline)
        except UploadStopped as error:
            agent.error = str(error)
        except Exception as error:  # reported, never silently lost
            agent.error = f"{type(error).__name__}: {error}"

    threads = [threading.Thread(target=run, args=(agent,), daemon=True) for agent in agents]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0) + 35)
    stop.set()
    return time.monotonic() - started


def count_stored(database_url: str, project_id: str) -> tuple[int, int]:
    """(rows, distinct event ids) of the project, counted in SQL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events WHERE project_id = :p"),
                {"p": project_id},
            ).one()
    finally:
        engine.dispose()
    return int(row[0]), int(row[1])


# -- one run -----------------------------------------------------------------------------------


@dataclass
class LoadResult:
    backend: str
    agents: int
    events_sent: int
    accepted: int
    duplicates: int
    quarantined: int
    seconds: float
    requests: int
    p50_ms: float
    p99_ms: float
    errors: dict[str, int]
    stored: int
    distinct: int
    resend_accepted: int
    resend_duplicates: int
    resend_seconds: float
    stored_after_resend: int
    unfinished: int
    agent_errors: list[str]

    @property
    def rate(self) -> float:
        return self.accepted / self.seconds if self.seconds else 0.0

    @property
    def exactly_once(self) -> bool:
        return (
            self.stored == self.distinct == self.events_sent
            and self.accepted == self.events_sent
            and self.resend_accepted == 0
            and self.resend_duplicates == self.events_sent
            and self.stored_after_resend == self.stored
        )


def run_load(
    server: ServeProcess,
    database_url: str,
    *,
    backend: str,
    agents: int,
    events_per_agent: int,
    max_seconds: float,
    scratch: Path,
    batch_size: int = 200,
    spool_sync: str = "NORMAL",
    resend: bool = True,
    backoff: Backoff | None = None,
) -> LoadResult:
    tag = f"l{uuid.uuid4().hex[:6]}"
    deployment = provision(
        server.base_url, database_url, agents=agents, tag=tag, admin_token=server.admin_token
    )
    samples: list[RequestSample] = []
    fleet = []
    for index, (user, token) in enumerate(
        zip(deployment.users, deployment.agent_tokens, strict=True)
    ):
        agent = make_agent(
            scratch / tag / f"agent{index:03d}.sqlite3",
            deployment,
            token,
            samples,
            batch_size=batch_size,
            synchronous=spool_sync,
            backoff=backoff,
        )
        agent.spool_events(make_events(user, events_per_agent))
        fleet.append(agent)
    seconds = drain_all(fleet, max_seconds=max_seconds)
    upload_samples = list(samples)
    stored, distinct = count_stored(database_url, deployment.project_id)
    accepted = sum(agent.uploader.stats.accepted for agent in fleet)
    duplicates = sum(agent.uploader.stats.duplicates for agent in fleet)
    quarantined = sum(agent.spool.counts()[1] for agent in fleet)
    unfinished = sum(1 for agent in fleet if not agent.finished)
    agent_errors = [agent.error for agent in fleet if agent.error]
    resend_accepted = resend_duplicates = 0
    resend_seconds = 0.0
    stored_after = stored
    if resend:
        again = []
        for index, (user, token) in enumerate(
            zip(deployment.users, deployment.agent_tokens, strict=True)
        ):
            agent = make_agent(
                scratch / tag / f"resend{index:03d}.sqlite3",
                deployment,
                token,
                [],
                batch_size=batch_size,
                synchronous=spool_sync,
                backoff=backoff,
            )
            agent.spool_events(make_events(user, events_per_agent))
            again.append(agent)
        resend_seconds = drain_all(again, max_seconds=max_seconds)
        resend_accepted = sum(agent.uploader.stats.accepted for agent in again)
        resend_duplicates = sum(agent.uploader.stats.duplicates for agent in again)
        unfinished += sum(1 for agent in again if not agent.finished)
        agent_errors += [agent.error for agent in again if agent.error]
        stored_after, _ = count_stored(database_url, deployment.project_id)
        for agent in again:
            agent.close()
    for agent in fleet:
        agent.close()
    latencies = sorted(sample.seconds * 1000 for sample in upload_samples)
    errors: dict[str, int] = {}
    for sample in upload_samples:
        if sample.outcome != "200":
            errors[sample.outcome] = errors.get(sample.outcome, 0) + 1
    return LoadResult(
        backend=backend,
        agents=agents,
        events_sent=agents * events_per_agent,
        accepted=accepted,
        duplicates=duplicates,
        quarantined=quarantined,
        seconds=seconds,
        requests=len(upload_samples),
        p50_ms=percentile(latencies, 50),
        p99_ms=percentile(latencies, 99),
        errors=errors,
        stored=stored,
        distinct=distinct,
        resend_accepted=resend_accepted,
        resend_duplicates=resend_duplicates,
        resend_seconds=resend_seconds,
        stored_after_resend=stored_after,
        unfinished=unfinished,
        agent_errors=agent_errors,
    )


def percentile(sorted_values: Sequence[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    if len(sorted_values) == 1:
        return sorted_values[0]
    return float(statistics.quantiles(sorted_values, n=100, method="inclusive")[int(pct) - 1])


def describe(result: LoadResult) -> str:
    errors = ", ".join(f"{k}: {v}" for k, v in sorted(result.errors.items())) or "none"
    verdict = "EXACTLY ONCE" if result.exactly_once else "NOT EXACTLY ONCE"
    resend_rate = result.events_sent / result.resend_seconds if result.resend_seconds else 0.0
    lines = [
        f"{result.backend:>10} | {result.agents:>4} agents | {result.events_sent:>7} events | "
        f"{result.rate:>8.0f} ev/s | p50 {result.p50_ms:>6.1f} ms | p99 {result.p99_ms:>7.1f} ms | "
        f"{result.requests} requests in {result.seconds:.1f} s | errors: {errors}",
        f"{'':>10} | stored {result.stored} rows, {result.distinct} distinct ids, "
        f"{result.events_sent} sent; accepted {result.accepted}, duplicates {result.duplicates}, "
        f"quarantined {result.quarantined}; resend: accepted {result.resend_accepted}, "
        f"duplicates {result.resend_duplicates} ({resend_rate:.0f} ev/s), "
        f"rows after {result.stored_after_resend} -> {verdict}",
    ]
    if result.unfinished or result.agent_errors:
        lines.append(
            f"{'':>10} | {result.unfinished} agents did not finish in time; "
            f"errors: {result.agent_errors[:3]}"
        )
    return "\n".join(lines)


def knee(results: Sequence[LoadResult]) -> str:
    """The first level after which throughput grows < 10 % while p99 grows > 50 %."""
    for before, after in itertools.pairwise(results):
        if after.rate < before.rate * 1.10 and after.p99_ms > before.p99_ms * 1.5:
            return (
                f"knee at ~{before.agents} agents: {before.rate:.0f} ev/s; at {after.agents} "
                f"agents {after.rate:.0f} ev/s with p99 {before.p99_ms:.0f} -> "
                f"{after.p99_ms:.0f} ms"
            )
    best = max(results, key=lambda result: result.rate)
    return f"no knee in the sweep; best {best.rate:.0f} ev/s at {best.agents} agents"


# -- main --------------------------------------------------------------------------------------


def run_backend(backend: str, database_url: str | None, args: argparse.Namespace) -> bool:
    with tempfile.TemporaryDirectory(prefix=f"tm-load-{backend}-") as scratch_dir:
        scratch = Path(scratch_dir)
        data_dir = scratch / "data"
        server = ServeProcess(
            data_dir, database_url=database_url, temporal_address=args.temporal_address
        )
        url = database_url or sqlite_database_url(data_dir)
        took = server.start()
        print(f"{backend}: taskmine serve up on {server.base_url} in {took:.1f} s")
        ok = True
        try:
            levels = args.sweep or [args.agents]
            results = []
            for agents in levels:
                per_agent = -(-args.total_events // agents) if args.total_events else args.events
                result = run_load(
                    server,
                    url,
                    backend=backend,
                    agents=agents,
                    events_per_agent=per_agent,
                    max_seconds=args.max_seconds,
                    scratch=scratch,
                    batch_size=args.batch_size,
                    spool_sync=args.spool_sync,
                    resend=not args.no_resend,
                )
                print(describe(result), flush=True)
                ok = ok and result.exactly_once
                results.append(result)
            if len(results) > 1:
                print(f"{backend}: {knee(results)}")
        finally:
            server.stop()
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=50, help="concurrent agents (no sweep)")
    parser.add_argument(
        "--sweep",
        type=lambda text: [int(part) for part in text.split(",") if part],
        default=None,
        help="comma-separated agent counts, e.g. 10,25,50,100,200",
    )
    parser.add_argument("--events", type=int, default=1000, help="events per agent")
    parser.add_argument(
        "--total-events",
        type=int,
        default=None,
        help="events per run shared by the agents (overrides --events; keeps sweep levels "
        "equally long)",
    )
    parser.add_argument("--batch-size", type=int, default=200, help="uploader batch size")
    parser.add_argument("--max-seconds", type=float, default=300.0, help="cap per upload phase")
    parser.add_argument("--backend", choices=("both", "sqlite", "postgresql"), default="both")
    parser.add_argument(
        "--spool-sync",
        choices=("FULL", "NORMAL"),
        default="NORMAL",
        help="spool fsync while pre-filling (the fill is not timed; FULL is the recorder default)",
    )
    parser.add_argument("--no-resend", action="store_true", help="skip the all-duplicates pass")
    parser.add_argument(
        "--temporal-address",
        default=None,
        help="use this Temporal frontend instead of the embedded dev server",
    )
    args = parser.parse_args(argv)
    biggest = max(args.sweep or [args.agents])
    if (args.total_events or biggest * args.events) > 2_000_000 or biggest > 1000:
        parser.error("bounded: at most 2,000,000 events and 1,000 agents per run")
    load = os.getloadavg()[0]
    size = f"{args.total_events} events per run" if args.total_events else f"{args.events} events"
    print(
        f"load test: {args.sweep or args.agents} agents x {size}, batches of "
        f"{args.batch_size}, loopback; machine: {os.cpu_count()} cores, load {load:.2f}"
    )
    ok = True
    if args.backend in ("both", "sqlite"):
        ok = run_backend("sqlite", None, args) and ok
    if args.backend in ("both", "postgresql"):
        with scratch_postgres_database() as url:
            if url is None:
                print("postgresql: skipped (no server on 127.0.0.1:5432)")
            else:
                ok = run_backend("postgresql", url, args) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
