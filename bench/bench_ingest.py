"""Benchmark (ingest stage): events per second through the real HTTP API, SQLite and PostgreSQL.

Starts uvicorn (one process) on a loopback port against a fresh SQLite file, then against a
throw-away schema on the PostgreSQL server at 127.0.0.1:5432 (skipped if unreachable), and
POSTs generated canonical events in JSON-array batches of 1,000 with httpx. It prints events/s
for a single sequential client and for a few concurrent clients, plus the resend (all
duplicates) rate, as best and median of a few rounds (the machine is shared: the best round is
the least disturbed one). Target: >= 30,000 events/s on SQLite. Prints figures; never fails.

The server redacts every event before storage (``taskmine.api.ingest``); ``--no-redaction``
switches that off in the benchmark's server only, to measure what redaction costs under the
same machine load (``--backends sqlite`` skips PostgreSQL).

    uv run python bench/bench_ingest.py [--events 30000] [--rounds 3] [--clients 4]
        [--backends sqlite,postgresql] [--no-redaction]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import orjson

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taskmine.samples.generator import generate_events  # noqa: E402
from taskmine.settings import sqlite_url_for  # noqa: E402
from taskmine.storage import create_token, open_store  # noqa: E402

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BATCH = 1_000


def build_app():  # type: ignore[no-untyped-def]
    """uvicorn --factory entry: the app configured from TASKMINE_* environment variables."""
    from taskmine.api import create_app
    from taskmine.settings import load_settings

    if os.environ.get("TM_BENCH_NO_REDACTION") == "1":
        import taskmine.api.ingest as ingest

        ingest.redact_items = lambda items, indices, policy: (items, indices, [])
    return create_app(load_settings())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=30_000, help="events per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--no-redaction", action="store_true", help="A/B only: the server skips redaction"
    )
    args = parser.parse_args()
    if args.no_redaction:
        os.environ["TM_BENCH_NO_REDACTION"] = "1"
    backends = set(args.backends.split(","))
    batches = make_batches(args.events)
    print(
        f"{args.events} events per round in batches of {BATCH} (JSON arrays, uncompressed), "
        f"{args.rounds} rounds; machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
        f"server-side redaction {'OFF' if args.no_redaction else 'on'}"
    )
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory(prefix="tm-bench-") as scratch:
            url = sqlite_url_for(Path(scratch) / "bench.db")
            run_backend("sqlite", url, batches, rounds=args.rounds, clients=args.clients)
    if "postgresql" not in backends:
        return
    schema = create_pg_schema()
    if schema is None:
        print("postgresql: skipped (no server on 127.0.0.1:5432)")
        return
    try:
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
        run_backend("postgresql", url, batches, rounds=args.rounds, clients=args.clients)
    finally:
        drop_pg_schema(schema)


def make_batches(count: int) -> list[tuple[bytes, int]]:
    events = []
    seed = 0
    while len(events) < count:
        for event in generate_events(users=8, days=5, seed=seed):
            # Unique ids across seeds: the generator numbers events from 0 for every seed.
            events.append({**event.to_json_dict(), "event_id": f"s{seed}-{event.event_id}"})
        seed += 1
    events = events[:count]
    return [
        (orjson.dumps(events[i : i + BATCH]), len(events[i : i + BATCH]))
        for i in range(0, len(events), BATCH)
    ]


def run_backend(
    name: str, url: str, batches: list[tuple[bytes, int]], *, rounds: int, clients: int
) -> None:
    store = open_store(url)
    token = create_token(store, role="analyst", user="bench")
    owner = store.users.find_user("bench")
    assert owner is not None
    port = free_port()
    server = start_server(url, port)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
            post_all(
                client,
                store.projects.create_project("warm-up", owner_id=owner.id).id,
                batches[:3],
                clients=1,
            )
            rates: dict[str, list[float]] = {
                "1 client, new": [],
                f"{clients} clients, new": [],
                f"{clients} clients, resent": [],
            }
            for _ in range(rounds):
                # Each round writes into a fresh project, so "new" events really are new.
                fresh = store.projects.create_project("sequential", owner_id=owner.id).id
                rates["1 client, new"].append(post_all(client, fresh, batches, clients=1))
                fresh = store.projects.create_project("concurrent", owner_id=owner.id).id
                rates[f"{clients} clients, new"].append(
                    post_all(client, fresh, batches, clients=clients)
                )
                rates[f"{clients} clients, resent"].append(
                    post_all(client, fresh, batches, clients=clients)
                )
                assert store.events.count_events(fresh) == sum(count for _, count in batches)
        for label, values in rates.items():
            print(
                f"{name:>10}: {label:<22} best {max(values):>8,.0f} events/s, "
                f"median {statistics.median(values):>8,.0f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
        store.close()


def post_all(
    client: httpx.Client, project_id: str, batches: list[tuple[bytes, int]], *, clients: int
) -> float:
    path = f"/v1/projects/{project_id}/events:batch"

    def post(batch: tuple[bytes, int]) -> int:
        response = client.post(path, content=batch[0])
        response.raise_for_status()
        answer = response.json()
        if answer["rejected"]:
            raise RuntimeError(f"unexpected rejections: {answer['rejected'][:3]}")
        return int(answer["accepted"]) + int(answer["duplicates"])

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        done = sum(pool.map(post, batches))
    return done / (time.perf_counter() - started)


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TASKMINE_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable, "-m", "uvicorn", "bench_ingest:build_app", "--factory",
        "--app-dir", str(ROOT / "bench"), "--host", "127.0.0.1", "--port", str(port),
        "--workers", "1", "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=ROOT)


def wait_ready(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not become ready within 30 s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def create_pg_schema() -> str | None:
    import psycopg

    schema = f"tm_bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.OperationalError:
        return None
    return schema


def drop_pg_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


if __name__ == "__main__":
    main()
