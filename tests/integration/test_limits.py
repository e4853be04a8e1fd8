"""Resource limits over HTTP: oversized and gzip-bomb batches, page caps, auth-failure floods."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from taskmine.api import create_app
from taskmine.api.limits import DEFAULT_MAX_AUTH_FAILURES, AuthFailureLimiter
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
