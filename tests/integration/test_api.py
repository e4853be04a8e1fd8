"""The REST API over HTTP (FastAPI TestClient) on a real SQLite store: ingest, projects, mining,
error bodies. Access control by role is covered route by route in test_api_authz.py.
"""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from taskmine.api import InlineMiningLauncher, create_app
from taskmine.domain import DiscoveryResult
from taskmine.samples.generator import generate_events
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import SqlStore, create_token, open_store

TRACEBACK_MARKERS = ("Traceback", 'File "', '.py", line', "sqlalchemy", "psycopg", "pydantic_core")


class ResultWritingLauncher:
    """Stands in for Temporal: completes the job at once with a canned discovery result."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.calls: list[tuple[str, str]] = []

    async def launch(self, *, project_id: str, job_id: str) -> None:
        self.calls.append((project_id, job_id))
        result = {
            "schema": "taskmine.discovery/v1",
            "events": self.store.events.count_events(project_id),
            "candidates": [],
        }
        self.store.jobs.update_job(job_id, status="running", progress=0.5)
        version = self.store.jobs.save_result(project_id, job_id, result)
        self.store.jobs.update_job(
            job_id,
            status="completed",
            counts={"events": result["events"], "result_version": version},
        )


class World:
    def __init__(self, tmp_path: Path, **settings: Any) -> None:
        self.settings = Settings(data_dir=tmp_path, **settings)
        self.store = open_store(sqlite_url_for(tmp_path / "api.db"))
        self.launcher = ResultWritingLauncher(self.store)
        self.app = create_app(self.settings, store=self.store, launcher=self.launcher)
        self.client = TestClient(self.app)
        self.analyst = self.headers("analyst", "ana")
        self.admin = self.headers("admin", "root")

    def headers(self, role: str, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {create_token(self.store, role=role, user=user)}"}

    def new_project(self, headers: dict[str, str] | None = None, **settings: Any) -> str:
        body: dict[str, Any] = {"name": "invoices"}
        if settings:
            body["settings"] = settings
        response = self.client.post("/v1/projects", json=body, headers=headers or self.analyst)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    def post_batch(self, project_id: str, body: bytes, **headers: str) -> Any:
        return self.client.post(
            f"/v1/projects/{project_id}/events:batch",
            content=body,
            headers={**self.analyst, "Content-Type": "application/json", **headers},
        )


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    built = World(tmp_path, max_batch_events=200, max_body_bytes=256 * 1024)
    yield built
    built.store.close()


def events_json(count: int, *, start: int = 0) -> list[dict[str, Any]]:
    return [
        {
            "event_id": f"e{i}",
            "session_id": "s1",
            "user_id": "u1",
            "machine_id": "m1",
            "timestamp": f"2026-03-02T09:{(i // 60) % 60:02d}:{i % 60:02d}.000Z",
            "kind": "type",
            "app": "excel.exe",
            "window": "Book1.xlsx",
            "element": {"role": "cell", "name": f"A{i}"},
            "value": str(i),
            "attrs": {},
        }
        for i in range(start, start + count)
    ]


def assert_clean_error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"detail"}
    assert isinstance(body["detail"], str)
    assert body["detail"]
    for marker in TRACEBACK_MARKERS:
        assert marker not in response.text
    return str(body["detail"])


# --- ingest -----------------------------------------------------------------------------------


def test_a_json_array_batch_is_stored(world: World) -> None:
    project = world.new_project()
    response = world.post_batch(project, orjson.dumps(events_json(20)))
    assert response.status_code == 200
    assert response.json() == {"accepted": 20, "duplicates": 0, "rejected": []}
    assert world.store.events.count_events(project) == 20


def test_resending_the_same_batch_answers_all_duplicates(world: World) -> None:
    project = world.new_project()
    body = orjson.dumps(events_json(30))
    world.post_batch(project, body)
    response = world.post_batch(project, body)
    assert response.json() == {"accepted": 0, "duplicates": 30, "rejected": []}
    assert world.store.events.count_events(project) == 30


def test_bad_events_are_rejected_by_index_and_the_rest_land(world: World) -> None:
    project = world.new_project()
    items: list[Any] = events_json(6)
    items[1]["timestamp"] = "yesterday"
    items[4] = {"event_id": "x"}
    response = world.post_batch(project, orjson.dumps(items))
    answer = response.json()
    assert response.status_code == 200
    assert (answer["accepted"], answer["duplicates"]) == (4, 0)
    assert [r["index"] for r in answer["rejected"]] == [1, 4]
    assert "RFC 3339" in answer["rejected"][0]["error"]
    assert "session_id: Field required" in answer["rejected"][1]["error"]
    assert world.store.events.count_events(project) == 4


def test_ndjson_lands_every_good_line_and_rejects_bad_ones(world: World) -> None:
    project = world.new_project()
    lines = [orjson.dumps(item) for item in events_json(5)]
    lines.insert(2, b'{"event_id": "broken"')
    response = world.post_batch(
        project, b"\n".join(lines) + b"\n", **{"Content-Type": "application/x-ndjson"}
    )
    answer = response.json()
    assert (answer["accepted"], answer["duplicates"]) == (5, 0)
    assert [r["index"] for r in answer["rejected"]] == [2]
    assert "not valid JSON" in answer["rejected"][0]["error"]


def test_gzip_bodies_are_accepted_for_json_and_ndjson(world: World) -> None:
    project = world.new_project()
    as_array = gzip.compress(orjson.dumps(events_json(10)))
    as_lines = gzip.compress(b"\n".join(orjson.dumps(item) for item in events_json(10, start=10)))
    first = world.post_batch(project, as_array, **{"Content-Encoding": "gzip"})
    second = world.post_batch(
        project, as_lines, **{"Content-Encoding": "gzip", "Content-Type": "application/x-ndjson"}
    )
    assert first.json()["accepted"] == 10
    assert second.json()["accepted"] == 10
    assert world.store.events.count_events(project) == 20


def test_more_events_than_the_batch_limit_is_a_413(world: World) -> None:
    project = world.new_project()
    detail = assert_clean_error(world.post_batch(project, orjson.dumps(events_json(201))), 413)
    assert "at most 200" in detail
    assert world.store.events.count_events(project) == 0


def test_a_body_over_the_byte_limit_is_a_413_declared_or_streamed(world: World) -> None:
    project = world.new_project()
    big = b"[" + b" " * (300 * 1024) + b"]"
    detail = assert_clean_error(world.post_batch(project, big), 413)
    assert "262144 bytes" in detail

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams in
        yield b"["
        for _ in range(40):
            yield b" " * 8192
        yield b"]"

    streamed = world.client.post(
        f"/v1/projects/{project}/events:batch",
        content=chunks(),
        headers={**world.analyst, "Content-Type": "application/json"},
    )
    assert_clean_error(streamed, 413)


def test_a_gzip_bomb_is_refused_without_inflating_it(world: World) -> None:
    project = world.new_project()
    bomb = gzip.compress(b"[" + b" " * (50 * 1024 * 1024) + b"]", compresslevel=9)
    assert len(bomb) < 256 * 1024  # it passes the wire limit; only the decoded size is too big
    detail = assert_clean_error(
        world.post_batch(project, bomb, **{"Content-Encoding": "gzip"}), 413
    )
    assert "inflates to more than" in detail


def test_an_unparseable_body_is_a_400_and_nothing_lands(world: World) -> None:
    project = world.new_project()
    detail = assert_clean_error(world.post_batch(project, b'[{"event_id": "e1",'), 400)
    assert "not valid JSON" in detail
    assert_clean_error(
        world.post_batch(project, b"\x1f\x8b garbage", **{"Content-Encoding": "gzip"}), 400
    )
    assert_clean_error(world.post_batch(project, b"[]", **{"Content-Encoding": "br"}), 415)
    assert world.store.events.count_events(project) == 0


def test_small_json_routes_refuse_bodies_over_one_mib(world: World) -> None:
    big_name = "x" * (2 * 1024 * 1024)
    response = world.client.post("/v1/projects", json={"name": big_name}, headers=world.analyst)
    assert_clean_error(response, 413)


# --- errors -----------------------------------------------------------------------------------


def test_an_unexpected_failure_is_a_generic_500_with_a_request_id(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    project = world.new_project()

    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")

    world.store.events.add_events = explode  # type: ignore[method-assign]
    client = TestClient(world.app, raise_server_exceptions=False)
    response = client.post(
        f"/v1/projects/{project}/events:batch",
        content=orjson.dumps(events_json(1)),
        headers={**world.analyst, "Content-Type": "application/json", "X-Request-ID": "req-42"},
    )
    detail = assert_clean_error(response, 500)
    assert "hunter2" not in response.text
    assert "req-42" in detail
    assert response.headers["X-Request-ID"] == "req-42"
    assert any("req-42" in record.getMessage() for record in caplog.records)  # logged server-side


def test_validation_errors_are_one_readable_detail_string(world: World) -> None:
    response = world.client.post("/v1/projects", json={"name": ""}, headers=world.analyst)
    detail = assert_clean_error(response, 422)
    assert "body.name" in detail
    unknown = world.client.get("/v1/nowhere", headers=world.analyst)
    assert "no route" in assert_clean_error(unknown, 404)


# --- projects, tokens -------------------------------------------------------------------------


def test_project_settings_carry_the_roi_parameters(world: World) -> None:
    project = world.new_project(
        roi={
            "hourly_cost": 72.5,
            "working_days_per_month": 20,
            "build_days_per_step": 0.2,
            "build_days_per_app": 1.5,
        }
    )
    read = world.client.get(f"/v1/projects/{project}", headers=world.analyst).json()
    assert read["settings"]["roi"]["hourly_cost"] == 72.5
    assert read["settings"]["roi"]["build_days_per_app"] == 1.5
    assert world.store.discovery_parameters(project)["roi"]["working_days_per_month"] == 20
    bad = world.client.post(
        "/v1/projects",
        json={"name": "x", "settings": {"discovery": {"min_support": 1}}},
        headers=world.analyst,
    )
    assert "min_support" in assert_clean_error(bad, 422)


def test_sharing_makes_a_project_visible_to_that_user_only(world: World) -> None:
    project = world.new_project()
    manager = world.headers("manager", "mia")
    outsider = world.headers("manager", "otto")
    assert world.client.get(f"/v1/projects/{project}", headers=manager).status_code == 404
    shared = world.client.post(
        f"/v1/projects/{project}/shares", json={"user": "mia"}, headers=world.analyst
    )
    assert shared.status_code == 201
    assert shared.json() == {"project_id": project, "users": ["mia"]}
    assert world.client.get(f"/v1/projects/{project}", headers=manager).status_code == 200
    assert [p["id"] for p in world.client.get("/v1/projects", headers=manager).json()] == [project]
    assert world.client.get("/v1/projects", headers=outsider).json() == []
    nobody = world.client.post(
        f"/v1/projects/{project}/shares", json={"user": "ghost"}, headers=world.analyst
    )
    assert "no user 'ghost'" in assert_clean_error(nobody, 422)


def test_an_admin_token_mints_tokens_that_work(world: World) -> None:
    response = world.client.post(
        "/v1/tokens", json={"user": "rec-7", "role": "agent"}, headers=world.admin
    )
    assert response.status_code == 201
    minted = response.json()
    assert minted["token"].startswith("tm_")
    me = world.client.get("/v1/me", headers={"Authorization": f"Bearer {minted['token']}"})
    assert me.json() == {"user_id": minted["user_id"], "user": "rec-7", "role": "agent"}


def test_health_needs_no_token(world: World) -> None:
    for path in ("/health", "/v1/health"):
        response = world.client.get(path)
        assert response.json() == {"status": "ok", "database": "sqlite"}


# --- mining -----------------------------------------------------------------------------------


def test_a_mining_job_reports_progress_and_its_result_becomes_the_candidates(world: World) -> None:
    project = world.new_project()
    world.post_batch(project, orjson.dumps(events_json(12)))
    missing = world.client.get(f"/v1/projects/{project}/candidates", headers=world.analyst)
    assert "no discovery result yet" in assert_clean_error(missing, 404)
    started = world.client.post(f"/v1/projects/{project}/mining-jobs", headers=world.analyst)
    assert started.status_code == 202
    job_id = started.json()["job_id"]
    assert world.launcher.calls == [(project, job_id)]
    job = world.client.get(f"/v1/mining-jobs/{job_id}", headers=world.analyst).json()
    assert (job["status"], job["progress"], job["counts"]["events"], job["error"]) == (
        "completed",
        1.0,
        12,
        None,
    )
    candidates = world.client.get(f"/v1/projects/{project}/candidates", headers=world.analyst)
    assert candidates.json() == {"schema": "taskmine.discovery/v1", "events": 12, "candidates": []}
    assert candidates.headers["X-Job-Id"] == job_id


def test_the_inline_launcher_mines_uploaded_events_with_discovery(world: World) -> None:
    pytest.importorskip("discovery.pipeline", reason="the discovery package is not installed")
    world.app.state.launcher = InlineMiningLauncher(world.store)
    project = world.new_project()
    upload = [e.to_json_dict() for e in generate_events(users=3, days=2, seed=11)][:200]
    assert world.post_batch(project, orjson.dumps(upload)).json()["accepted"] == len(upload)
    job_id = world.client.post(f"/v1/projects/{project}/mining-jobs", headers=world.analyst).json()[
        "job_id"
    ]
    job = world.client.get(f"/v1/mining-jobs/{job_id}", headers=world.analyst).json()
    assert job["status"] == "completed", job
    assert job["counts"]["events"] == len(upload)
    result = world.client.get(f"/v1/projects/{project}/candidates", headers=world.analyst).json()
    parsed = DiscoveryResult.model_validate(result)
    assert parsed.events == len(upload)
    assert job["counts"]["candidates"] == len(parsed.candidates)


def test_a_discovery_failure_fails_the_job_with_a_readable_error(world: World) -> None:
    def broken_discover(events: Any, **kwargs: Any) -> Any:
        raise ValueError(f"cannot mine {len(events)} events: no sessions")

    world.app.state.launcher = InlineMiningLauncher(world.store, discover=broken_discover)
    project = world.new_project()
    world.post_batch(project, orjson.dumps(events_json(3)))
    job_id = world.client.post(f"/v1/projects/{project}/mining-jobs", headers=world.analyst).json()[
        "job_id"
    ]
    job = world.client.get(f"/v1/mining-jobs/{job_id}", headers=world.analyst).json()
    assert (job["status"], job["error"]) == ("failed", "cannot mine 3 events: no sessions")
    assert job["finished_at"] is not None
    assert (
        world.client.get(f"/v1/projects/{project}/candidates", headers=world.analyst).status_code
        == 404
    )


def test_an_app_without_an_injected_store_opens_and_migrates_its_own(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / f"fresh-{uuid.uuid4().hex[:6]}")
    with TestClient(create_app(settings)) as client:
        assert client.get("/health").json()["database"] == "sqlite"
        assert client.get("/v1/me").status_code == 401
    assert (settings.data_dir / "taskmine.db").exists()


class UnreachableEngineLauncher:
    """Leaves jobs queued, and its workflow engine is down when asked to cancel."""

    async def launch(self, *, project_id: str, job_id: str) -> None:
        return None

    async def cancel(self, job_id: str, *, by: str, reason: str) -> bool:
        raise ConnectionError("Temporal is unreachable (connection refused)")


def test_cancelling_while_the_workflow_engine_is_down_is_503_and_changes_nothing(
    tmp_path: Path,
) -> None:
    store = open_store(sqlite_url_for(tmp_path / "api.db"))
    app = create_app(Settings(data_dir=tmp_path), store=store, launcher=UnreachableEngineLauncher())
    analyst = {"Authorization": f"Bearer {create_token(store, role='analyst', user='ana')}"}
    with TestClient(app) as client:
        project = client.post("/v1/projects", json={"name": "p"}, headers=analyst).json()["id"]
        job_id = client.post(f"/v1/projects/{project}/mining-jobs", headers=analyst).json()[
            "job_id"
        ]
        answer = client.post(f"/v1/mining-jobs/{job_id}:cancel", headers=analyst)
        assert answer.status_code == 503, answer.text
        assert answer.headers["Retry-After"] == "5"
        assert "Temporal is unreachable" in answer.json()["detail"]
        job = client.get(f"/v1/mining-jobs/{job_id}", headers=analyst).json()
        assert (job["status"], job["stage"]) == ("running", "queued")
    store.close()
