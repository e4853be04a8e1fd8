"""Resource limits over HTTP: oversized and gzip-bomb batches, page caps, auth-failure floods,
request bursts per token (429 + Retry-After, honoured by the recorder's uploader)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from recorder.spool import SqliteSpool
from recorder.uploader import Uploader
from taskmine.api import create_app
from taskmine.api.limits import DEFAULT_MAX_AUTH_FAILURES, AuthFailureLimiter
from taskmine.api.rate_limit import RequestRateLimiter, RequestRateLimitMiddleware
from taskmine.domain import Event
from taskmine.samples.generator import generate_events
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import create_token, open_store

MAX_BODY = 64 * 1024


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    store = open_store(sqlite_url_for(tmp_path / "limits.db"))
    settings = Settings(data_dir=tmp_path, max_batch_events=50, max_body_bytes=MAX_BODY)
    app = create_app(settings, store=store)
    with TestClient(app) as client:
        token = create_token(store, role="admin", user="root")
        headers = {"Authorization": f"Bearer {token}"}
        project = client.post("/v1/projects", json={"name": "p"}, headers=headers).json()["id"]
        yield {"client": client, "headers": headers, "project": project, "store": store}
    store.close()


def post(world: dict[str, Any], body: bytes, **headers: str) -> Any:
    return world["client"].post(
        f"/v1/projects/{world['project']}/events:batch",
        content=body,
        headers={**world["headers"], "Content-Type": "application/json", **headers},
    )


def test_a_gzip_bomb_is_refused_with_413_at_the_decoded_limit(world) -> None:
    bomb = gzip.compress(b"[" + b" " * (50 * 1024 * 1024) + b"]")
    assert len(bomb) < MAX_BODY
    response = post(world, bomb, **{"Content-Encoding": "gzip"})
    assert response.status_code == 413
    assert "inflates" in response.json()["detail"]


def test_an_oversized_body_and_too_many_events_are_413(world) -> None:
    assert post(world, b"[" + b" " * (MAX_BODY + 10) + b"]").status_code == 413
    events = [e.to_json_dict() for e in generate_events(users=1, days=1, seed=1)][:51]
    small = [{"event_id": e["event_id"]} for e in events]
    response = post(world, orjson.dumps(small))
    assert response.status_code == 413
    assert "at most 50" in response.json()["detail"]


def test_a_huge_page_size_is_capped(world) -> None:
    client, headers, project = world["client"], world["headers"], world["project"]
    response = client.get(f"/v1/projects/{project}/audit-log?limit=1000000000", headers=headers)
    assert response.status_code == 200
    assert len(response.json()) <= 1000


def test_repeated_auth_failures_get_429_with_retry_after(world) -> None:
    client = world["client"]
    bad = {"Authorization": "Bearer tm_" + "A" * 43}
    for _ in range(DEFAULT_MAX_AUTH_FAILURES):
        assert client.get("/v1/me", headers=bad).status_code == 401
    limited = client.get("/v1/me", headers=bad)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert "Retry-After" in limited.json()["detail"]
    # Even a good token from that address waits: the limit is per client, not per token.
    assert client.get("/v1/me", headers=world["headers"]).status_code == 429


def test_the_auth_failure_window_slides() -> None:
    now = [0.0]
    limiter = AuthFailureLimiter(max_failures=3, window_s=10, clock=lambda: now[0])
    for _ in range(3):
        assert limiter.retry_after("a") is None
        limiter.record_failure("a")
        now[0] += 1
    assert limiter.retry_after("a") == 7  # failures at 0, 1, 2 s; the first leaves at 10 s
    assert limiter.retry_after("b") is None
    now[0] = 10.5
    assert limiter.retry_after("a") is None


def test_tokens_expire_past_max_age_and_revocation_is_immediate(world) -> None:
    store = world["store"]
    user = store.users.ensure_user("old", role="analyst")
    issued = store.tokens.create_token(user.id, role="analyst")
    assert store.tokens.verify_token(issued.plaintext) is not None
    assert store.tokens.verify_token(issued.plaintext, max_age=timedelta(seconds=-1)) is None
    assert store.tokens.verify_token(issued.plaintext, max_age=timedelta(days=1)) is not None
    assert store.tokens.verify_token("tm_" + "x" * 10_000) is None
    store.tokens.revoke_token(issued.token_id)
    assert store.tokens.verify_token(issued.plaintext) is None


# -- request bursts per credential -------------------------------------------------------------


def test_a_token_bucket_refills_at_its_rate_and_says_how_long_to_wait() -> None:
    now = [0.0]
    limiter = RequestRateLimiter(per_second=0.4, burst=2, clock=lambda: now[0])
    assert limiter.acquire("a") is None
    assert limiter.acquire("a") is None
    assert limiter.acquire("a") == 3  # one request needs 1 / 0.4 = 2.5 s: rounded up
    assert limiter.acquire("b") is None  # another key has its own bucket
    now[0] = 2.5
    assert limiter.acquire("a") is None
    assert limiter.acquire("a") == 3
    now[0] = 1000.0
    for _ in range(2):  # refilled to the burst, never beyond
        assert limiter.acquire("a") is None
    assert limiter.acquire("a") is not None


def test_the_rate_limiter_tracks_a_bounded_number_of_keys() -> None:
    limiter = RequestRateLimiter(per_second=1, burst=1, max_keys=100, clock=lambda: 0.0)
    for n in range(10_000):
        limiter.acquire(f"k{n}")
    assert limiter.tracked_keys == 100
    assert limiter.acquire("k9999") is not None  # recently seen: still tracked, still empty
    assert limiter.acquire("k0") is None  # forgotten long ago: a full bucket again


@pytest.fixture
def throttled(tmp_path: Path) -> Iterator[dict[str, Any]]:
    store = open_store(sqlite_url_for(tmp_path / "rate.db"))
    settings = Settings(data_dir=tmp_path, rate_limit_per_s=0.01, rate_limit_burst=3)
    with TestClient(create_app(settings, store=store)) as client:
        tokens = [create_token(store, role="admin", user=f"u{n}") for n in range(2)]
        yield {"client": client, "tokens": tokens}
    store.close()


def test_a_burst_over_the_limit_gets_429_with_retry_after_per_token(throttled) -> None:
    client, (first, second) = throttled["client"], throttled["tokens"]
    one = {"Authorization": f"Bearer {first}"}
    assert [client.get("/v1/me", headers=one).status_code for _ in range(3)] == [200] * 3
    limited = client.get("/v1/me", headers=one)
    assert limited.status_code == 429
    wait = int(limited.headers["Retry-After"])
    assert 1 <= wait <= 100  # one request needs 1 / 0.01 s
    assert f"wait {wait} s" in limited.json()["detail"]
    # A body sent with a refused request does not break the connection or get parsed.
    refused = client.post("/v1/projects", json={"name": "x" * 5000}, headers=one)
    assert refused.status_code == 429
    other = {"Authorization": f"Bearer {second}"}
    assert client.get("/v1/me", headers=other).status_code == 200  # its own bucket
    for _ in range(20):
        assert client.get("/health").status_code == 200  # never limited


def test_the_sign_in_cookie_has_its_own_bucket(throttled) -> None:
    client, (first, _) = throttled["client"], throttled["tokens"]
    codes = [
        client.get("/v1/me", headers={"Cookie": f"other=1; taskmine_token={first}"}).status_code
        for _ in range(4)
    ]
    assert codes[-1] == 429
    client.cookies.clear()
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {first}"}).status_code == 200


def test_a_rate_limit_of_zero_turns_the_limiter_off(tmp_path: Path) -> None:
    store = open_store(sqlite_url_for(tmp_path / "off.db"))
    settings = Settings(data_dir=tmp_path, rate_limit_per_s=0, rate_limit_burst=1)
    with TestClient(create_app(settings, store=store)) as client:
        headers = {"Authorization": f"Bearer {create_token(store, role='admin', user='u')}"}
        assert {client.get("/v1/me", headers=headers).status_code for _ in range(50)} == {200}
    store.close()


def test_an_uploader_over_the_limit_waits_retry_after_and_every_event_lands_once(
    tmp_path: Path,
) -> None:
    store = open_store(sqlite_url_for(tmp_path / "upload.db"))
    now = [0.0]
    app = create_app(Settings(data_dir=tmp_path, rate_limit_per_s=0), store=store)
    # The product's middleware, on a clock the uploader's sleep advances: no real waiting.
    limiter = RequestRateLimiter(per_second=0.5, burst=2, clock=lambda: now[0])
    app.add_middleware(RequestRateLimitMiddleware, limiter=limiter)
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    with TestClient(app) as client:
        token = create_token(store, role="admin", user="rec")
        headers = {"Authorization": f"Bearer {token}"}
        project = client.post("/v1/projects", json={"name": "p"}, headers=headers).json()["id"]
        spool = SqliteSpool(tmp_path / "spool.sqlite3")
        for n in range(60):
            spool.append(_event(n))
        uploader = Uploader(
            spool,
            server="http://testserver",
            project=project,
            token=token,
            client=client,
            batch_size=10,
            sleep=sleep,
        )
        assert uploader.drain()
        spool.close()
    # 6 batches, the first takes the second token of the burst: 5 more, one every 2 s.
    assert waits == [2.0] * 5
    assert uploader.stats.accepted == 60
    assert uploader.stats.duplicates == 0
    assert store.events.count_events(project) == 60
    store.close()


def _event(n: int) -> Event:
    return Event(
        event_id=f"s1:{n}",
        session_id="s1",
        user_id="u1",
        machine_id="m1",
        timestamp=datetime(2026, 3, 2, 9, 0, n % 60, tzinfo=UTC),
        kind="click",
        app="form-app",
    )
