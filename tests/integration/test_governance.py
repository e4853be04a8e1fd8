"""Governance over HTTP on real databases (SQLite file and the PostgreSQL server): data requests,
approval, consent, recording only with both, withdrawal deleting the user's data, retention
purging expired rows, event filters, and the audit log of all of it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from taskmine.api import create_app
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import SqlStore, create_token, open_store
from taskmine.storage.ports import Principal, Role
from taskmine.storage.schema import discovery_results, events, pdd_documents
from tests.integration.fakes import IdleLauncher

WINDOW = {"starts_at": "2026-03-01T00:00:00Z", "ends_at": "2026-04-01T00:00:00Z"}


@dataclass
class World:
    store: SqlStore
    client: TestClient
    headers: dict[str, dict[str, str]]

    def post(self, who: str, path: str, body: Any) -> Any:
        return self.client.post(path, json=body, headers=self.headers[who])

    def put(self, who: str, path: str, body: Any) -> Any:
        return self.client.put(path, json=body, headers=self.headers[who])

    def get(self, who: str, path: str) -> Any:
        return self.client.get(path, headers=self.headers[who])

    def upload(self, who: str, project_id: str, batch: list[dict[str, Any]]) -> dict[str, Any]:
        response = self.client.post(
            f"/v1/projects/{project_id}/events:batch",
            content=orjson.dumps(batch),
            headers={**self.headers[who], "Content-Type": "application/json"},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def new_project(self) -> str:
        response = self.post("analyst", "/v1/projects", {"name": f"p-{uuid.uuid4().hex[:6]}"})
        assert response.status_code == 201, response.text
        project_id: str = response.json()["id"]
        # The recorder uploads into a project shared with its token's user.
        shared = self.post("analyst", f"/v1/projects/{project_id}/shares", {"user": "recorder-1"})
        assert shared.status_code == 201, shared.text
        return project_id

    def new_request(self, project_id: str, **overrides: Any) -> str:
        body = {
            "users": ["u01", "u02"],
            "apps": [],
            "purpose": "find invoice routines",
            "approver": "mia",
            **WINDOW,
            **overrides,
        }
        response = self.post("analyst", f"/v1/projects/{project_id}/data-requests", body)
        assert response.status_code == 201, response.text
        request_id: str = response.json()["id"]
        return request_id


NAMES = {
    "admin": ("root", "admin"),
    "analyst": ("ana", "analyst"),
    "manager": ("mia", "manager"),
    "other_manager": ("max", "manager"),
    "u01": ("u01", "workstation_user"),
    "u02": ("u02", "workstation_user"),
    "u09": ("u09", "workstation_user"),
    "agent": ("recorder-1", "agent"),
    "power_user": ("pat", "power_user"),
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    if request.param == "sqlite":
        url = sqlite_url_for(tmp_path / "gov.db")
    else:
        url = request.getfixturevalue("postgres_schema_factory")()
    store = open_store(url)
    app = create_app(Settings(data_dir=tmp_path), store=store, launcher=IdleLauncher())
    headers = {
        key: {"Authorization": f"Bearer {create_token(store, role=role, user=name)}"}
        for key, (name, role) in NAMES.items()
    }
    yield World(store, TestClient(app), headers)
    store.close()


def event(user: str, n: int, *, app: str = "excel.exe", **fields: Any) -> dict[str, Any]:
    return {
        "event_id": f"{user}-{n}-{uuid.uuid4().hex[:6]}",
        "session_id": f"s-{user}",
        "user_id": user,
        "machine_id": "m1",
        "timestamp": f"2026-03-02T09:{n // 60:02d}:{n % 60:02d}.000Z",
        "kind": "click",
        "app": app,
        "attrs": {},
        **fields,
    }


def approve_and_consent(world: World, request_id: str, *users: str) -> None:
    decided = world.post(
        "manager", f"/v1/data-requests/{request_id}/decision", {"decision": "approved"}
    )
    assert decided.status_code == 200, decided.text
    for user in users:
        consent = world.put(
            user, f"/v1/data-requests/{request_id}/consent", {"status": "consented"}
        )
        assert consent.status_code == 200, consent.text


def test_recording_is_accepted_only_after_approval_and_consent(world: World) -> None:
    project = world.new_project()
    request_id = world.new_request(project)

    pending = world.upload("agent", project, [event("u01", 1)])
    assert pending["accepted"] == 0
    assert "not approved by a manager" in pending["rejected"][0]["error"]

    world.post("manager", f"/v1/data-requests/{request_id}/decision", {"decision": "approved"})
    unconsented = world.upload("agent", project, [event("u01", 2)])
    assert "has not consented" in unconsented["rejected"][0]["error"]

    world.put("u01", f"/v1/data-requests/{request_id}/consent", {"status": "consented"})
    mixed = world.upload("agent", project, [event("u01", 3), event("u02", 4), event("u77", 5)])
    assert mixed["accepted"] == 1
    reasons = {item["index"]: item["error"] for item in mixed["rejected"]}
    assert set(reasons) == {1, 2}
    assert "'u02' has not consented" in reasons[1]
    assert "no data request names user 'u77'" in reasons[2]
    assert world.store.events.count_events(project) == 1


def test_events_outside_the_window_or_the_apps_are_rejected(world: World) -> None:
    project = world.new_project()
    request_id = world.new_request(project, apps=["excel.exe", "sap*"])
    approve_and_consent(world, request_id, "u01")
    outside = event("u01", 1)
    outside["timestamp"] = "2026-05-02T09:00:00.000Z"
    result = world.upload(
        "agent",
        project,
        [event("u01", 2, app="saplogon.exe"), outside, event("u01", 3, app="chrome.exe")],
    )
    assert result["accepted"] == 1
    errors = [item["error"] for item in result["rejected"]]
    assert "outside data request" in errors[0]
    assert "'chrome.exe' is not among the apps" in errors[1]


def test_an_analyst_import_skips_consent_but_not_the_filters(world: World) -> None:
    project = world.new_project()
    filters = {
        "drop_apps": ["keepass*"],
        "drop_url_patterns": ["*bank.example*"],
        "drop_kinds": ["key"],
    }
    response = world.put("admin", f"/v1/projects/{project}/policy/event-filters", filters)
    # The admin does not see the analyst's project: 404, like any foreign project.
    assert response.status_code == 404
    response = world.put("analyst", f"/v1/projects/{project}/policy/event-filters", filters)
    assert response.status_code == 200, response.text
    batch = [
        event("u01", 1),
        event("u01", 2, app="KeePassXC"),
        event("u01", 3, app="chrome", url="https://www.bank.example/login"),
        event("u01", 4, kind="key"),
    ]
    result = world.upload("analyst", project, batch)
    assert result["accepted"] == 1
    assert [item["index"] for item in result["rejected"]] == [1, 2, 3]
    assert all(
        item["error"].startswith("filtered by project policy") for item in result["rejected"]
    )


def test_pausing_stops_recording_and_withdrawal_removes_the_users_data(world: World) -> None:
    project = world.new_project()
    request_id = world.new_request(project)
    approve_and_consent(world, request_id, "u01", "u02")
    assert world.upload("agent", project, [event("u01", n) for n in range(5)])["accepted"] == 5
    assert world.upload("agent", project, [event("u02", n) for n in range(3)])["accepted"] == 3
    job = world.store.jobs.create_job(project)
    occurrences = [
        {"session_id": "s", "user_id": user, "event_ids": ["x"], "start": "a", "end": "b"}
        for user in ("u01", "u02")
    ]
    world.store.jobs.save_result(
        project,
        job.id,
        {
            "schema": "taskmine.discovery/v1",
            "events": 8,
            "candidates": [
                {"id": "c1", "rank": 1, "occurrences": occurrences, "frequency": 2, "users": 2},
                {"id": "c2", "rank": 2, "occurrences": occurrences[:1], "frequency": 1},
            ],
        },
    )

    world.put("u01", f"/v1/data-requests/{request_id}/consent", {"status": "paused"})
    paused = world.upload("agent", project, [event("u01", 9)])
    assert "paused recording" in paused["rejected"][0]["error"]

    withdrawn = world.put("u01", f"/v1/data-requests/{request_id}/consent", {"status": "withdrawn"})
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["events_deleted"] == 5
    with world.store.engine.connect() as connection:
        left = connection.execute(
            select(events.c.user_id, func.count())
            .where(events.c.project_id == project)
            .group_by(events.c.user_id)
        ).all()
    assert dict(left) == {"u02": 3}  # the rows are gone from the database, u02's stay
    result = world.store.jobs.get_latest_result(project)
    assert result is not None
    assert [c["id"] for c in result.result["candidates"]] == ["c1"]
    assert {o["user_id"] for o in result.result["candidates"][0]["occurrences"]} == {"u02"}
    after = world.upload("agent", project, [event("u01", 10)])
    assert "withdrew consent" in after["rejected"][0]["error"]
    again = world.put("u01", f"/v1/data-requests/{request_id}/consent", {"status": "consented"})
    assert again.status_code == 409


def test_only_the_named_manager_decides_and_only_named_users_consent(world: World) -> None:
    project = world.new_project()
    request_id = world.new_request(project)
    path = f"/v1/data-requests/{request_id}"
    # Not shared with max, not naming max or u09: the request does not exist for them.
    assert world.get("other_manager", path).status_code == 404
    assert world.get("u09", path).status_code == 404
    assert (
        world.post("other_manager", f"{path}/decision", {"decision": "approved"}).status_code == 404
    )
    assert world.put("u09", f"{path}/consent", {"status": "consented"}).status_code == 404
    # The analyst sees it but is not a manager; u01 is named but cannot approve.
    assert world.post("analyst", f"{path}/decision", {"decision": "approved"}).status_code == 403
    assert world.post("u01", f"{path}/decision", {"decision": "approved"}).status_code == 403
    # Consent before approval is refused with a reason; the manager's list shows the request.
    early = world.put("u01", f"{path}/consent", {"status": "consented"})
    assert early.status_code == 409
    assert "once a manager has approved it" in early.json()["detail"]
    assert [r["id"] for r in world.get("manager", "/v1/data-requests").json()] == [request_id]
    assert [r["id"] for r in world.get("u01", "/v1/data-requests").json()] == [request_id]
    assert world.get("u09", "/v1/data-requests").json() == []
    assert world.post("manager", f"{path}/decision", {"decision": "rejected"}).status_code == 200
    final = world.post("manager", f"{path}/decision", {"decision": "approved"})
    assert final.status_code == 409


def test_the_approver_must_be_a_manager(world: World) -> None:
    project = world.new_project()
    body = {"users": ["u01"], "purpose": "x", "approver": "ana", **WINDOW}
    response = world.post("analyst", f"/v1/projects/{project}/data-requests", body)
    assert response.status_code == 422
    assert "must be an existing manager" in response.json()["detail"]


def test_the_audit_log_records_every_approval_consent_share_and_deletion(world: World) -> None:
    project = world.new_project()
    request_id = world.new_request(project)
    approve_and_consent(world, request_id, "u01")
    world.upload("agent", project, [event("u01", 1)])
    world.post("analyst", f"/v1/projects/{project}/shares", {"user": "mia"})
    world.put("u01", f"/v1/data-requests/{request_id}/consent", {"status": "withdrawn"})
    log = world.get("analyst", f"/v1/projects/{project}/audit-log")
    assert log.status_code == 200, log.text
    actions = [entry["action"] for entry in reversed(log.json())]
    assert actions == [
        "project.shared",
        "data_request.created",
        "data_request.approved",
        "consent.consented",
        "project.shared",
        "consent.withdrawn",
        "events.deleted",
    ]
    deletion = log.json()[0]
    assert deletion["details"]["events"] == 1
    assert deletion["actor_name"] == "u01"
    assert world.get("analyst", "/v1/audit-log").status_code == 403
    everything = world.get("admin", "/v1/audit-log").json()
    assert {entry["action"] for entry in everything} >= set(actions)
    assert world.get("agent", f"/v1/projects/{project}/audit-log").status_code == 403
    assert world.get("u01", f"/v1/projects/{project}/audit-log").status_code == 404


def test_the_retention_purge_deletes_expired_rows_and_keeps_the_rest(world: World) -> None:
    store = world.store
    project = world.new_project()
    assert world.upload("analyst", project, [event("u01", n) for n in range(4)])["accepted"] == 4
    now = datetime(2026, 12, 1, tzinfo=UTC)
    # The first run stamps the rows it has not seen; nothing is old enough yet.
    assert store.governance.purge_expired(now=now) == {
        "raw_events": 0,
        "mined_results": 0,
        "pdds": 0,
    }
    old_job, new_job = store.jobs.create_job(project), store.jobs.create_job(project)
    result = {"schema": "taskmine.discovery/v1", "events": 4, "candidates": []}
    old_version = store.jobs.save_result(project, old_job.id, result)
    store.jobs.save_result(project, new_job.id, result)
    actor = Principal(user_id="", user_name="ana", role=Role.ANALYST, token_id="")
    with store.engine.begin() as connection:
        connection.execute(
            update(discovery_results)
            .where(discovery_results.c.version == old_version)
            .values(created_at=now - timedelta(days=11))
        )
        connection.execute(
            pdd_documents.insert(),
            [
                {
                    "project_id": project,
                    "result_version": old_version + 1,
                    "candidate_key": "c1",
                    "version": 1,
                    "status": "draft",
                    "action": "drafted",
                    "document": {},
                    "actor_id": None,
                    "actor_name": actor.user_name,
                    "actor_role": "analyst",
                    "created_at": now - timedelta(days=12),
                }
            ],
        )
        # Two of the four events were first seen 31 days ago, two a day ago.
        seqs = list(connection.execute(select(events.c.seq).order_by(events.c.seq)).scalars())
        connection.execute(
            update(events)
            .where(events.c.seq.in_(seqs[:2]))
            .values(retained_since=now - timedelta(days=31))
        )
    counts = store.governance.purge_expired(now=now)
    assert counts == {"raw_events": 2, "mined_results": 1, "pdds": 1}
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(events)).scalar_one() == 2
        assert connection.execute(select(func.count()).select_from(pdd_documents)).scalar_one() == 0
        versions = connection.execute(select(discovery_results.c.version)).scalars().all()
    assert versions == [old_version + 1]
    # Retention is admin-settable; a shorter period purges on the next run.
    assert world.put("analyst", "/v1/settings/retention", {"raw_events_days": 1}).status_code == 403
    response = world.put("admin", "/v1/settings/retention", {"raw_events_days": 1})
    assert response.json() == {"raw_events_days": 1, "mined_results_days": 10, "pdds_days": 10}
    assert store.governance.purge_expired(now=now + timedelta(days=2))["raw_events"] == 2
    purged = world.client.post("/v1/retention:purge", headers=world.headers["admin"])
    assert purged.status_code == 200
    audit = [entry["action"] for entry in world.get("admin", "/v1/audit-log").json()]
    assert "retention.purged" in audit
    assert "retention.updated" in audit


def test_analytics_apply_the_current_categories_and_hide_users_below_k(world: World) -> None:
    project = world.new_project()
    batch = [
        event(f"u0{n}", s, app=app)
        for n in range(1, 4)
        for s, app in ((0, "sap.exe"), (30, "excel.exe"), (60, "excel.exe"))
    ]
    assert world.upload("analyst", project, batch)["accepted"] == 9
    rules = {"rules": [{"category": "Finance", "app": "sap*"}]}
    assert (
        world.put("analyst", f"/v1/projects/{project}/policy/categories", rules).status_code == 403
    )
    world.post("analyst", f"/v1/projects/{project}/shares", {"user": "root"})
    assert world.put("admin", f"/v1/projects/{project}/policy/categories", rules).status_code == 200
    summary = world.get("analyst", f"/v1/projects/{project}/analytics").json()
    categories = {c["category"]: c["active_s"] for c in summary["per_category"]}
    assert categories == {"Finance": 90.0, "uncategorised": 90.0}
    assert summary["users"] == 3
    assert summary["per_user"] is None
    landscape = {"k_anonymity": 3, "approved_apps": ["excel.exe"]}
    assert (
        world.put("analyst", f"/v1/projects/{project}/policy/landscape", landscape).status_code
        == 200
    )
    summary = world.get("analyst", f"/v1/projects/{project}/analytics").json()
    assert [u["user_id"] for u in summary["per_user"]] == ["u01", "u02", "u03"]
    assert [a["app"] for a in summary["unapproved_apps"]] == ["sap.exe"]
    assert world.get("agent", f"/v1/projects/{project}/analytics").status_code == 403


def _current_window() -> dict[str, str]:
    now = datetime.now(UTC)
    return {
        "starts_at": (now - timedelta(days=1)).isoformat(),
        "ends_at": (now + timedelta(days=30)).isoformat(),
    }


def test_the_recorder_may_start_only_once_its_user_is_approved_and_consented(
    world: World,
) -> None:
    from recorder.consent import check_recording_permission

    project_id = world.new_project()
    request_id = world.new_request(project_id, **_current_window())
    path = f"/v1/me/recording-permission?project={project_id}"

    def agent_asks(tmp: Path) -> bool:
        # The recorder's own check, through the real app (TestClient is an httpx.Client).
        permission = check_recording_permission(
            "http://testserver",
            token=world.headers["agent"]["Authorization"].split()[1],
            project=project_id,
            user="u01",
            cache=tmp / "permission.json",
            client=world.client,
        )
        return permission.approved

    pending = world.get("u01", path).json()
    assert pending["approved"] is False
    assert "not approved" in pending["reason"]

    approve_and_consent(world, request_id, "u01")
    mine = world.get("u01", path).json()
    assert mine["approved"] is True
    assert mine["request_id"] == request_id
    assert world.get("u02", path).json()["approved"] is False  # named, but has not consented
    assert world.get("u09", path).json()["approved"] is False  # not named at all
    assert world.get("agent", f"{path}&user=u01").json()["approved"] is True
    assert world.get("agent", f"{path}&user=u09").json()["approved"] is False

    scratch = Path(world.store.engine.url.database or "/tmp").parent
    assert agent_asks(scratch) is True
    world.put("u01", f"/v1/data-requests/{request_id}/consent", {"status": "paused"})
    assert world.get("u01", path).json()["approved"] is False
    assert agent_asks(scratch) is False


def test_recording_permission_of_a_foreign_project_is_not_found(world: World) -> None:
    project_id = world.post("analyst", "/v1/projects", {"name": "not shared"}).json()["id"]
    answer = world.get("agent", f"/v1/me/recording-permission?project={project_id}&user=u01")
    assert answer.status_code == 404
    missing_user = world.get("analyst", f"/v1/me/recording-permission?project={project_id}")
    assert missing_user.status_code == 422
    anonymous = world.client.get(f"/v1/me/recording-permission?project={project_id}&user=u01")
    assert anonymous.status_code == 401
    for role in ("manager", "analyst", "admin"):  # not shared with them: same 404 as the agent
        other = world.get(role, f"/v1/me/recording-permission?project={project_id}&user=u01")
        assert other.status_code == (404 if role != "analyst" else 200), (role, other.text)


def test_a_filter_added_after_upload_holds_for_the_next_mining_run(world: World) -> None:
    project = world.new_project()
    batch = [event("u01", n) for n in range(4)] + [
        event("u01", 10 + n, app="KeePassXC") for n in range(3)
    ]
    assert world.upload("analyst", project, batch)["accepted"] == 7
    mined = [e.app for page in world.store.iter_event_pages(project, page_size=2) for e in page]
    assert mined.count("KeePassXC") == 3

    filters = {"drop_apps": ["keepass*"], "drop_url_patterns": [], "drop_kinds": []}
    response = world.put("analyst", f"/v1/projects/{project}/policy/event-filters", filters)
    assert response.status_code == 200, response.text
    mined = [e.app for page in world.store.iter_event_pages(project, page_size=2) for e in page]
    assert mined == ["excel.exe"] * 4
    assert world.store.events.count_events(project) == 7  # stored rows stay; mining skips them


def test_changing_the_rules_of_a_mined_project_starts_a_new_mining_job(world: World) -> None:
    project = world.new_project()
    world.upload("analyst", project, [event("u01", n) for n in range(3)])
    filters = {"drop_apps": ["keepass*"], "drop_url_patterns": [], "drop_kinds": []}
    never_mined = world.put("analyst", f"/v1/projects/{project}/policy/event-filters", filters)
    assert "X-Mining-Job-Id" not in never_mined.headers
    first = world.store.jobs.create_job(project)
    world.store.jobs.save_result(
        project, first.id, {"schema": "taskmine.discovery/v1", "events": 3, "candidates": []}
    )
    shared = world.post("analyst", f"/v1/projects/{project}/shares", {"user": "pat"})
    assert shared.status_code == 201, shared.text
    for who, route, body in (
        ("analyst", "event-filters", filters),
        ("power_user", "categories", {"rules": [{"category": "Finance", "app": "excel*"}]}),
    ):
        response = world.put(who, f"/v1/projects/{project}/policy/{route}", body)
        assert response.status_code == 200, response.text
        job_id = response.headers["X-Mining-Job-Id"]
        assert job_id in {job.id for job in world.store.jobs.list_jobs(project)}
