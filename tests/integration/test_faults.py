"""Faults (issue 9 §7, ../shared/RELIABILITY.md §7 "outage-and-partition", "spool-quota"):

(a) ``taskmine serve`` is SIGKILLed while batches are in flight and stays down while the
    agents keep capturing into their spools; after the restart every event is stored exactly
    once (0 lost, 0 doubled) and the uploader's retry delays follow its backoff (first delay
    doubling up to the cap, full jitter). The fast variant shrinks the backoff and the outage;
    the slow one keeps the product's default backoff (1 s doubling to 60 s) and a two-minute
    outage, and measures the drain rate after recovery against the capture rate.
(b) the database is unavailable (PostgreSQL refusing connections, SQLite locked past its busy
    timeout): the API answers 503 with ``Retry-After`` and a JSON detail, never a 500 or a
    trace; the uploader waits exactly ``Retry-After``; everything works again once the
    database is back.
(c) the spool's quota is reached offline: the next write raises ``SpoolFull`` with a notice,
    nothing already spooled is lost, and it all uploads when the server is back.
"""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from bench import bench_load as bench
from recorder.sinks import SpoolSink
from recorder.spool import SpoolFull, SqliteSpool
from recorder.uploader import Backoff, Uploader
from taskmine.api import create_app
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import SqlStore, create_token, open_store
from tests.integration.fakes import IdleLauncher

ROOT = Path(__file__).resolve().parents[2]
PG_DSN = "host=127.0.0.1 port=5432 user=root dbname=test connect_timeout=3"
PG_URL = "postgresql+psycopg://root@127.0.0.1:5432/{database}"


# -- (a) the server killed mid-batch ----------------------------------------------------------


@dataclass(frozen=True)
class Outage:
    kills: int
    down_seconds: float
    backoff: Backoff
    capture_interval: float  # seconds between two captured events, per agent
    agents: int = 3


FAST = Outage(
    kills=1, down_seconds=2.0, backoff=Backoff(first=0.05, cap=0.8), capture_interval=0.01
)
REPEATED = Outage(
    kills=3, down_seconds=2.0, backoff=Backoff(first=0.05, cap=0.8), capture_interval=0.01
)
SLOW = Outage(kills=1, down_seconds=120.0, backoff=Backoff(), capture_interval=0.2)


class InFlightClient(bench.TimedClient):  # type: ignore[misc, name-defined]
    """Counts POSTs in flight, so the test can kill the server while one is."""

    def __init__(self, samples: list[Any], in_flight: list[int], **kwargs: Any) -> None:
        super().__init__(samples, **kwargs)
        self.in_flight = in_flight

    def post(self, url: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        self.in_flight[0] += 1
        try:
            return super().post(url, **kwargs)
        finally:
            self.in_flight[0] -= 1


@dataclass
class CapturingAgent:
    """A recorder that captures at a fixed rate into its spool while its uploader runs."""

    user: str
    spool: SqliteSpool
    uploader: Uploader
    interval: float
    samples: list[Any]
    captured: list[str] = field(default_factory=list)
    delays: list[tuple[int, float]] = field(default_factory=list)  # (failures, delay)

    def capture(self, stop: threading.Event) -> None:
        n = 0
        while not stop.is_set():
            (event,) = bench.make_events(self.user, 1, start=n)
            self.spool.append(event)  # durable (synchronous=FULL) before it counts as captured
            self.captured.append(event.event_id)
            self.uploader.notify()
            n += 1
            time.sleep(self.interval)


def start_agents(
    deployment: Any, outage: Outage, scratch: Path, in_flight: list[int]
) -> list[CapturingAgent]:
    agents = []
    for user, token in zip(deployment.users, deployment.agent_tokens, strict=True):
        spool = SqliteSpool(scratch / f"{user}.sqlite3")  # the recorder default: FULL
        holder: list[CapturingAgent] = []
        samples: list[Any] = []

        def sleep(seconds: float, holder: list[CapturingAgent] = holder) -> None:
            agent = holder[0]
            agent.delays.append((agent.uploader.stats.failures, seconds))
            time.sleep(seconds)

        uploader = Uploader(
            spool,
            server=deployment.base_url,
            project=deployment.project_id,
            token=token,
            client=InFlightClient(samples, in_flight, timeout=httpx.Timeout(10.0, connect=2.0)),
            batch_size=200,
            backoff=outage.backoff,
            sleep=sleep,
        )
        holder.append(CapturingAgent(user, spool, uploader, outage.capture_interval, samples))
        agents.append(holder[0])
    return agents


def stored_ids(database_url: str, project_id: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT event_id FROM events WHERE project_id = :p"), {"p": project_id}
            )
            return [row[0] for row in rows]
    finally:
        engine.dispose()


def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.001) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.mark.temporal
@pytest.mark.parametrize(
    "outage",
    [
        pytest.param(FAST, id="fast"),
        pytest.param(REPEATED, id="repeated", marks=pytest.mark.slow),
        pytest.param(SLOW, id="two-minutes-default-backoff", marks=pytest.mark.slow),
    ],
)
def test_server_killed_mid_batch_loses_nothing_and_doubles_nothing(
    outage: Outage, tmp_path: Path, temporal_address: str
) -> None:
    server = bench.ServeProcess(tmp_path / "data", temporal_address=temporal_address)
    database_url = bench.sqlite_database_url(tmp_path / "data")
    server.start()
    in_flight = [0]
    stop_capture, stop_upload = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []
    try:
        deployment = bench.provision(
            server.base_url, database_url, agents=outage.agents, tag="kill"
        )
        agents = start_agents(deployment, outage, tmp_path / "spools", in_flight)
        for agent in agents:
            threads.append(threading.Thread(target=agent.capture, args=(stop_capture,)))
            threads.append(
                threading.Thread(
                    target=agent.uploader.run, args=(stop_upload,), kwargs={"poll_seconds": 0.05}
                )
            )
        for thread in threads:
            thread.start()
        back_at: list[float] = []
        restarts: list[float] = []
        for _ in range(outage.kills):
            time.sleep(0.5)
            assert wait_for(lambda: in_flight[0] > 0, 10.0), "no upload in flight to interrupt"
            server.kill(signal.SIGKILL)  # mid-batch: a POST is in flight right now
            time.sleep(outage.down_seconds)  # agents keep capturing into their spools
            restarts.append(server.start())
            back_at.append(time.monotonic())
        backlog = sum(agent.spool.counts()[0] for agent in agents)
        time.sleep(0.5)
        stop_capture.set()
        drained = wait_for(
            lambda: all(agent.spool.counts() == (0, 0) for agent in agents), 90.0, step=0.02
        )
        stop_upload.set()
        for agent in agents:
            agent.uploader.notify()
        for thread in threads:
            thread.join(timeout=30)

        captured = [event_id for agent in agents for event_id in agent.captured]
        samples = [sample for agent in agents for sample in agent.samples]
        stored = stored_ids(database_url, deployment.project_id)
        assert drained, [agent.spool.counts() for agent in agents]
        assert len(stored) == len(set(stored)), "an event was stored twice"
        assert set(stored) == set(captured), (
            f"lost {len(set(captured) - set(stored))}, extra {len(set(stored) - set(captured))}"
        )
        assert len(captured) > 100
        # The outage was seen (refused connections, or a request cut by the kill) ...
        failures = [sample for sample in samples if sample.outcome != "200"]
        assert failures, "the uploader never saw the server down"
        # ... and every retry delay followed the backoff: U(0, min(cap, first * 2^(n-1))).
        delays = [delay for agent in agents for delay in agent.delays]
        assert delays
        backoff = outage.backoff
        for failures_so_far, delay in delays:
            ceiling = min(backoff.cap, backoff.first * backoff.factor ** (failures_so_far - 1))
            assert 0 < delay <= ceiling + 1e-9, (failures_so_far, delay, ceiling)
        deepest = max(failures_so_far for failures_so_far, _ in delays)
        doublings_to_cap = 1
        while backoff.first * backoff.factor ** (doublings_to_cap - 1) < backoff.cap:
            doublings_to_cap += 1
        assert deepest >= doublings_to_cap, "the outage never reached the backoff cap"
        ratios = [
            delay / min(backoff.cap, backoff.first * backoff.factor ** (n - 1))
            for n, delay in delays
        ]
        if len(ratios) >= 10:  # full jitter: spread over (0, 1], not a fixed schedule
            assert min(ratios) < 0.5 < max(ratios), ratios
        # After the last restart, each agent was back within one capped delay (+ slack).
        last_back = back_at[-1]
        for agent in agents:
            first_ok = min(
                sample.started + sample.seconds
                for sample in agent.samples
                if sample.outcome == "200" and sample.started >= last_back - 0.001
            )
            assert first_ok - last_back <= backoff.cap + 2.0
        drain_rate = drain_figure(samples, last_back)
        capture_rate = outage.agents / outage.capture_interval
        print(
            f"\n[faults] {outage.kills} kills, {outage.down_seconds:.0f} s down each: "
            f"{len(captured)} captured, {len(stored)} stored, 0 lost, 0 doubled; backlog at "
            f"restart {backlog}; {len(failures)} failed requests; resent events the server "
            f"already had: {sum(agent.uploader.stats.duplicates for agent in agents)}; "
            f"deepest backoff step {deepest}; "
            f"drain {drain_rate:.0f} ev/s vs capture {capture_rate:.0f} ev/s "
            f"({drain_rate / capture_rate:.0f}x); restarts took "
            + ", ".join(f"{seconds:.1f} s" for seconds in restarts)
        )
        if outage is SLOW:
            assert drain_rate >= 20 * capture_rate
    finally:
        stop_capture.set()
        stop_upload.set()
        server.stop()


def drain_figure(samples: list[Any], since: float) -> float:
    """Events per second acknowledged by the successful uploads in the first second of
    uploads after ``since`` (the backlog drains then; later requests carry only new events)."""
    ok = sorted(
        (sample for sample in samples if sample.outcome == "200" and sample.started >= since),
        key=lambda sample: sample.started,
    )
    if not ok:
        return 0.0
    start = ok[0].started
    window = [sample for sample in ok if sample.started < start + 1.0]
    end = max(sample.started + sample.seconds for sample in window)
    return sum(sample.events for sample in window) / max(end - start, 1e-3)


# -- (b) the database unavailable -------------------------------------------------------------


@dataclass
class Api:
    client: TestClient
    store: SqlStore
    analyst: dict[str, str]
    project_id: str

    def upload(self, events: list[dict[str, Any]]) -> httpx.Response:
        return self.client.post(
            f"/v1/projects/{self.project_id}/events:batch", json=events, headers=self.analyst
        )


def make_api(database_url: str, data_dir: Path) -> Api:
    store = open_store(database_url)
    app = create_app(Settings(data_dir=data_dir), store=store, launcher=IdleLauncher())
    client = TestClient(app, raise_server_exceptions=False)
    analyst = {"Authorization": f"Bearer {create_token(store, role='analyst', user='ana')}"}
    created = client.post("/v1/projects", json={"name": "faults"}, headers=analyst)
    assert created.status_code == 201, created.text
    return Api(client, store, analyst, created.json()["id"])


def event_dicts(prefix: str, count: int) -> list[dict[str, Any]]:
    return [event.to_json_dict() for event in bench.make_events(prefix, count)]


def assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["content-type"].startswith("application/json")
    detail = response.json()["detail"]
    assert "database is unavailable" in detail
    assert "Traceback" not in response.text
    assert "sqlalchemy" not in response.text.lower()


def uploader_through(api: Api, spool: SqliteSpool, sleep: Callable[[float], None]) -> Uploader:
    token = api.analyst["Authorization"].removeprefix("Bearer ")
    return Uploader(
        spool,
        server=str(api.client.base_url),
        project=api.project_id,
        token=token,
        client=api.client,
        batch_size=100,
        sleep=sleep,
    )


def check_outage_and_recovery(
    api: Api, database_url: str, outage: contextlib.AbstractContextManager[None], tmp: Path
) -> None:
    """While ``outage`` holds: 503 + Retry-After, and the uploader waits what it says; then
    the upload completes, exactly once."""
    spool = SqliteSpool(tmp / "spool.sqlite3")
    for event in bench.make_events("db", 250):
        spool.append(event)
    waits: list[float] = []
    with contextlib.ExitStack() as during:
        during.enter_context(outage)
        assert_unavailable(api.upload(event_dicts("direct", 3)))

        def sleep(seconds: float) -> None:
            waits.append(seconds)
            if len(waits) == 2:
                during.close()  # the database comes back while the uploader waits

        uploader = uploader_through(api, spool, sleep)
        assert uploader.drain(deadline=time.monotonic() + 60)
    assert waits == [5.0, 5.0], waits  # Retry-After honoured, not the jittered backoff
    assert spool.counts() == (0, 0)
    ids = stored_ids(database_url, api.project_id)
    assert len(ids) == len(set(ids)) == 250
    again = api.upload(event_dicts("direct", 3))
    assert again.status_code == 200
    assert again.json()["accepted"] == 3
    spool.close()


def test_sqlite_locked_answers_503_then_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The store waits SQLITE_BUSY_TIMEOUT_MS (10 s) for a lock; shrink it so the test is fast.
    monkeypatch.setattr("taskmine.storage.engine.SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "taskmine.db"
    api = make_api(sqlite_url_for(path), tmp_path)

    @contextlib.contextmanager
    def locked() -> Iterator[None]:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()

    try:
        check_outage_and_recovery(api, sqlite_url_for(path), locked(), tmp_path)
    finally:
        api.store.close()


@pytest.fixture
def scratch_pg_database() -> Iterator[tuple[str, Any]]:
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_DSN, autocommit=True)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 is unreachable ({error})")
    name = f"taskmine_faults_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name, admin
    finally:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.postgres
def test_postgres_refusing_connections_answers_503_then_recovers(
    scratch_pg_database: tuple[str, Any], tmp_path: Path
) -> None:
    name, admin = scratch_pg_database
    url = PG_URL.format(database=name)
    api = make_api(url, tmp_path)

    @contextlib.contextmanager
    def down() -> Iterator[None]:
        # As in a restart or failover: open connections die, new ones are refused.
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        try:
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')

    try:
        check_outage_and_recovery(api, url, down(), tmp_path)
    finally:
        api.store.close()


def test_a_database_bug_is_still_a_500_not_a_503(tmp_path: Path) -> None:
    path = tmp_path / "taskmine.db"
    api = make_api(sqlite_url_for(path), tmp_path)
    try:
        with sqlite3.connect(path) as connection:
            connection.execute("DROP TABLE events")  # "no such table": a bug, not an outage
        response = api.upload(event_dicts("bug", 1))
        assert response.status_code == 500, response.text
        assert "Retry-After" not in response.headers
        assert "Traceback" not in response.text
    finally:
        api.store.close()


# -- (c) the spool quota ----------------------------------------------------------------------


def test_spool_quota_offline_stops_capture_and_keeps_every_spooled_event(tmp_path: Path) -> None:
    path = tmp_path / "spool.sqlite3"
    events = bench.make_events("quota", 100)
    spool = SqliteSpool(path, max_events=40)
    sink = SpoolSink(spool)  # what the recorder agent writes to (no server: offline)
    written = []
    for event in events[:40]:
        sink.write(event)
        written.append(event.event_id)
    with pytest.raises(SpoolFull) as full:
        sink.write(events[40])  # the 41st: capture stops here
    notice = str(full.value)
    assert "full" in notice
    assert "capture stopped" in notice
    assert "Nothing spooled is lost" in notice
    assert len(written) == 40
    assert sink.written == 40
    assert spool.counts() == (40, 0)
    spool.close()

    # Restarted while still offline: the quota is counted from disk, still full, all kept.
    spool = SqliteSpool(path, max_events=40)
    assert spool.usage()[0] == 40
    with pytest.raises(SpoolFull):
        spool.append(events[40])
    assert [item.event_id for item in spool.pending(limit=100)] == written

    # The server is back: every spooled event uploads; space frees; capture may resume.
    api = make_api(sqlite_url_for(tmp_path / "taskmine.db"), tmp_path)
    try:
        uploader = uploader_through(api, spool, lambda seconds: None)
        assert uploader.drain(deadline=time.monotonic() + 30)
        assert spool.usage() == (0, 0)
        assert sorted(stored_ids(sqlite_url_for(tmp_path / "taskmine.db"), api.project_id)) == (
            sorted(written)
        )
        assert spool.append(events[40])
    finally:
        api.store.close()
        spool.close()


def test_spool_byte_quota_counts_bodies_and_frees_on_acknowledge(tmp_path: Path) -> None:
    events = bench.make_events("bytes", 10)
    probe = SqliteSpool(tmp_path / "probe.sqlite3", max_bytes=None)
    probe.append(events[0])
    size = probe.usage()[1]
    probe.close()
    spool = SqliteSpool(tmp_path / "spool.sqlite3", max_bytes=int(size * 3.5))
    for event in events[:3]:
        assert spool.append(event)
    with pytest.raises(SpoolFull, match="bytes"):
        spool.append(events[3])
    spool.quarantine({events[0].event_id: "HTTP 422"})  # quarantined still counts
    with pytest.raises(SpoolFull):
        spool.append(events[3])
    spool.acknowledge([events[1].event_id])
    assert spool.append(events[3])
    assert spool.counts() == (2, 1)
    spool.close()
