"""Access control, route by route: every role x every route x {own, foreign, nonexistent}.

The expectations below are written from DESIGN.md §8 and the API brief, not read from the app's
policy table, so a policy change shows up here as a failure. The matrix must name every route
the app serves: a new route without an entry fails ``test_every_route_has_a_matrix_entry``.
A foreign project answers 404 exactly like a nonexistent one, and nothing about it changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from exporters.examples import build_example_candidate
from taskmine.api import create_app
from taskmine.governance import RequestStatus
from taskmine.pdd import add_comment, approve, draft_pdd
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import CandidateRef, Principal, Role, SqlStore, open_store
from tests.integration.fakes import IdleLauncher

ROLES = [role.value for role in Role]
EVERYONE = frozenset(ROLES)
BUILDERS = frozenset({"admin", "power_user", "analyst"})  # "analyst and up"
SCOPES = ("own", "foreign", "nonexistent")
MISSING_PROJECT = "prj_" + "0" * 32
MISSING_JOB = "job_" + "0" * 32
READERS = EVERYONE - {"agent", "workstation_user"}  # PDDs, exports: not recorders/recorded
REVIEWERS = frozenset({"admin", "business_owner"})
CANDIDATE_KEYS = ("c1", "c2", "c3", "c4", "c5", "c6", "c7")
SEEDED_AT = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
MANAGERS = frozenset({"manager"})
WORKSTATION = frozenset({"workstation_user"})
MISSING_REQUEST = "dreq_" + "0" * 32
# Each project's seeded data requests by state ("pending", "approved"); filled by ``world``.
DATA_REQUESTS: dict[str, dict[str, str]] = {}
# The id of the world's revoked token, the target of DELETE /v1/tokens/{token_id}.
REVOKED_TOKEN: dict[str, str] = {}


@dataclass(frozen=True)
class Rule:
    target: str  # "public", "caller" (no resource in the path), "project", "job", "candidate"
    allowed: frozenset[str]
    success: int
    owner_only: bool = False
    # The candidate a stateful PDD route acts on, so each route starts from its own state.
    candidate: str = "c1"


MATRIX: dict[tuple[str, str], Rule] = {
    ("GET", "/health"): Rule("public", EVERYONE, 200),
    ("GET", "/v1/health"): Rule("public", EVERYONE, 200),
    ("GET", "/v1/me"): Rule("caller", EVERYONE, 200),
    ("POST", "/v1/tokens"): Rule("caller", frozenset({"admin"}), 201),
    ("GET", "/v1/tokens"): Rule("caller", frozenset({"admin"}), 200),
    # Revokes the world's already revoked token (idempotent), never a caller's own.
    ("DELETE", "/v1/tokens/{token_id}"): Rule("caller", frozenset({"admin"}), 204),
    ("POST", "/v1/projects"): Rule("caller", BUILDERS, 201),
    ("GET", "/v1/projects"): Rule("caller", EVERYONE, 200),
    ("GET", "/v1/projects/{project_id}"): Rule("project", EVERYONE, 200),
    ("POST", "/v1/projects/{project_id}/shares"): Rule("project", BUILDERS, 201, owner_only=True),
    ("POST", "/v1/projects/{project_id}/events:batch"): Rule("project", BUILDERS | {"agent"}, 200),
    ("POST", "/v1/projects/{project_id}/mining-jobs"): Rule("project", BUILDERS, 202),
    ("GET", "/v1/mining-jobs/{job_id}"): Rule("job", EVERYONE, 200),
    ("POST", "/v1/mining-jobs/{job_id}:cancel"): Rule("job", BUILDERS, 202),
    ("GET", "/v1/projects/{project_id}/candidates"): Rule("project", EVERYONE, 200),
    ("GET", "/v1/candidates/{candidate_id}/pdd"): Rule("candidate", READERS, 200),
    ("GET", "/v1/candidates/{candidate_id}/pdd/versions"): Rule("candidate", READERS, 200),
    ("POST", "/v1/candidates/{candidate_id}/pdd/comments"): Rule(
        "candidate", BUILDERS | {"business_owner"}, 201, candidate="c2"
    ),
    ("POST", "/v1/candidates/{candidate_id}/pdd/comments/{comment_id}:resolve"): Rule(
        "candidate", BUILDERS | {"business_owner"}, 200, candidate="c3"
    ),
    ("POST", "/v1/candidates/{candidate_id}/pdd:submit"): Rule(
        "candidate", BUILDERS, 200, candidate="c4"
    ),
    ("POST", "/v1/candidates/{candidate_id}/pdd:request-changes"): Rule(
        "candidate", REVIEWERS, 200, candidate="c5"
    ),
    ("POST", "/v1/candidates/{candidate_id}/pdd:approve"): Rule(
        "candidate", REVIEWERS, 200, candidate="c6"
    ),
    ("POST", "/v1/candidates/{candidate_id}/pdd:reopen"): Rule(
        "candidate", REVIEWERS, 200, candidate="c7"
    ),
    ("GET", "/v1/candidates/{candidate_id}/exports/{target}"): Rule("candidate", READERS, 200),
    # Governance (issue 8, docs/governance.md). A "request" target is a data request of the
    # project: visible with the project (or to its approver / named users), else 404.
    ("POST", "/v1/projects/{project_id}/data-requests"): Rule("project", BUILDERS, 201),
    ("GET", "/v1/projects/{project_id}/data-requests"): Rule("project", EVERYONE, 200),
    ("GET", "/v1/data-requests"): Rule("caller", EVERYONE, 200),
    ("GET", "/v1/data-requests/{request_id}"): Rule("request", EVERYONE, 200),
    ("POST", "/v1/data-requests/{request_id}/decision"): Rule("request", MANAGERS, 200),
    ("PUT", "/v1/data-requests/{request_id}/consent"): Rule("request", WORKSTATION, 200),
    ("GET", "/v1/projects/{project_id}/policy"): Rule("project", EVERYONE, 200),
    ("PUT", "/v1/projects/{project_id}/policy/event-filters"): Rule(
        "project", frozenset({"admin", "analyst"}), 200
    ),
    ("PUT", "/v1/projects/{project_id}/policy/categories"): Rule(
        "project", frozenset({"admin", "power_user"}), 200
    ),
    ("PUT", "/v1/projects/{project_id}/policy/landscape"): Rule(
        "project", frozenset({"admin", "analyst"}), 200
    ),
    ("GET", "/v1/settings/retention"): Rule("caller", EVERYONE, 200),
    ("PUT", "/v1/settings/retention"): Rule("caller", frozenset({"admin"}), 200),
    ("POST", "/v1/retention:purge"): Rule("caller", frozenset({"admin"}), 200),
    ("GET", "/v1/projects/{project_id}/audit-log"): Rule("project", BUILDERS | {"manager"}, 200),
    ("GET", "/v1/audit-log"): Rule("caller", frozenset({"admin"}), 200),
    ("GET", "/v1/projects/{project_id}/analytics"): Rule(
        "project", EVERYONE - {"agent", "workstation_user"}, 200
    ),
}


def unique_event() -> list[dict[str, Any]]:
    return [
        {
            "event_id": uuid.uuid4().hex,
            "session_id": "s",
            "user_id": "u",
            "machine_id": "m",
            "timestamp": "2026-03-02T09:10:03.593Z",
            "kind": "click",
            "app": "excel.exe",
            "attrs": {},
        }
    ]


BODIES: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
    ("POST", "/v1/tokens"): lambda: {
        "json": {"user": f"minted-{uuid.uuid4().hex[:8]}", "role": "agent"}
    },
    ("POST", "/v1/projects"): lambda: {"json": {"name": "matrix"}},
    ("POST", "/v1/projects/{project_id}/shares"): lambda: {"json": {"user": "share-target"}},
    ("POST", "/v1/projects/{project_id}/events:batch"): lambda: {
        "content": orjson.dumps(unique_event()),
        "headers": {"Content-Type": "application/json"},
    },
    ("POST", "/v1/candidates/{candidate_id}/pdd/comments"): lambda: {
        "json": {"section": "steps", "text": "Is step 2 always needed?"}
    },
    ("POST", "/v1/candidates/{candidate_id}/pdd:request-changes"): lambda: {
        "json": {"section": "exceptions", "reason": "Name who handles them."}
    },
    ("POST", "/v1/candidates/{candidate_id}/pdd:reopen"): lambda: {
        "json": {"reason": "A new variant turned up."}
    },
    ("POST", "/v1/projects/{project_id}/data-requests"): lambda: {
        "json": {
            "users": ["workstation_user-user"],
            "purpose": "matrix",
            "approver": "manager-user",
            "starts_at": "2026-03-01T00:00:00Z",
            "ends_at": "2026-04-01T00:00:00Z",
        }
    },
    ("POST", "/v1/data-requests/{request_id}/decision"): lambda: {"json": {"decision": "approved"}},
    ("PUT", "/v1/data-requests/{request_id}/consent"): lambda: {"json": {"status": "consented"}},
    ("PUT", "/v1/projects/{project_id}/policy/event-filters"): lambda: {"json": {}},
    ("PUT", "/v1/projects/{project_id}/policy/categories"): lambda: {"json": {"rules": []}},
    ("PUT", "/v1/projects/{project_id}/policy/landscape"): lambda: {"json": {}},
    ("PUT", "/v1/settings/retention"): lambda: {"json": {}},
}


def result_with_candidates() -> dict[str, Any]:
    """A discovery result holding the example candidate under every key the matrix uses."""
    example = build_example_candidate()
    return {
        "schema": "taskmine.discovery/v1",
        "events": 0,
        "candidates": [
            example.model_copy(update={"id": key}).model_dump(mode="json") for key in CANDIDATE_KEYS
        ],
    }


def seed_pdds(store: SqlStore, project_id: str, *, by: Principal) -> None:
    """c3's PDD has a comment C1 to resolve; c7's is approved, ready to reopen."""
    example = build_example_candidate()
    draft = draft_pdd(example, generated_at=SEEDED_AT)
    seeded = {
        "c3": add_comment(draft, section="steps", author=by.user_name, text="?", at=SEEDED_AT),
        "c7": approve(draft, approver=by.user_name, role="business_owner", at=SEEDED_AT),
    }
    for key, pdd in seeded.items():
        ref = CandidateRef(project_id, 1, key)
        store.pdds.add_pdd_version(ref, document=draft.to_json_dict(), action="drafted", actor=by)
        store.pdds.add_pdd_version(ref, document=pdd.to_json_dict(), action="seeded", actor=by)


def seed_data_requests(
    store: SqlStore, project_id: str, *, by: Principal, approver: str, user: str
) -> None:
    """A pending request (to decide) and an approved one (to consent to) in the project."""
    made = {}
    for state in ("pending", "approved"):
        made[state] = store.governance.create_request(
            project_id,
            users=[user],
            apps=[],
            starts_at=SEEDED_AT,
            ends_at=SEEDED_AT + timedelta(days=30),
            purpose="matrix",
            approver=approver,
            actor=by,
        ).id
    store.governance.decide_request(
        made["approved"], decision=RequestStatus.APPROVED, note=None, actor=by
    )
    DATA_REQUESTS[project_id] = made


@dataclass
class World:
    app: Any
    client: TestClient
    store: SqlStore
    tokens: dict[str, str]
    own_project: dict[str, str]
    own_job: dict[str, str]
    foreign_project: str
    foreign_job: str
    revoked_token: str


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("authz")
    store = open_store(sqlite_url_for(folder / "authz.db"))
    app = create_app(Settings(data_dir=folder), store=store, launcher=IdleLauncher())
    lead = store.users.ensure_user("lead", role=Role.ANALYST)
    stranger = store.users.ensure_user("stranger", role=Role.ANALYST)
    seeder = Principal(lead.id, lead.name, Role.ANALYST, token_id="seed")
    store.users.ensure_user("share-target", role=Role.MANAGER)
    tokens: dict[str, str] = {}
    own_project: dict[str, str] = {}
    own_job: dict[str, str] = {}
    for role in ROLES:
        user = store.users.ensure_user(f"{role}-user", role=Role(role))
        tokens[role] = store.tokens.create_token(user.id, role=Role(role)).plaintext
        if role in BUILDERS:
            project = store.projects.create_project(f"{role}'s", owner_id=user.id)
        else:  # roles that cannot create projects get one shared with them
            project = store.projects.create_project(f"for {role}", owner_id=lead.id)
            store.projects.share_project(project.id, user_id=user.id)
        job = store.jobs.create_job(project.id)
        store.jobs.save_result(project.id, job.id, result_with_candidates())
        seed_pdds(store, project.id, by=seeder)
        seed_data_requests(
            store, project.id, by=seeder, approver="manager-user", user="workstation_user-user"
        )
        own_project[role], own_job[role] = project.id, job.id
    foreign = store.projects.create_project("not yours", owner_id=stranger.id)
    foreign_job = store.jobs.create_job(foreign.id)
    store.jobs.save_result(foreign.id, foreign_job.id, result_with_candidates())
    seed_pdds(store, foreign.id, by=seeder)
    seed_data_requests(store, foreign.id, by=seeder, approver="share-target", user="nobody")
    revoked = store.tokens.create_token(lead.id, role=Role.ADMIN)
    store.tokens.revoke_token(revoked.token_id)
    REVOKED_TOKEN["id"] = revoked.token_id
    yield World(
        app,
        TestClient(app),
        store,
        tokens,
        own_project,
        own_job,
        foreign.id,
        foreign_job.id,
        revoked.plaintext,
    )
    store.close()


def build_path(template: str, *, project_id: str, job_id: str, candidate: str = "c1") -> str:
    return (
        template.replace("{project_id}", project_id)
        .replace("{job_id}", job_id)
        .replace("{candidate_id}", f"{project_id}:1:{candidate}")
        .replace("{comment_id}", "C1")
        .replace("{target}", "bpmn")
        .replace("{request_id}", _request_for(template, project_id))
        .replace("{token_id}", REVOKED_TOKEN.get("id", "tok_missing"))
    )


def _request_for(template: str, project_id: str) -> str:
    # Consent needs an approved request; everything else acts on the pending one.
    state = "approved" if template.endswith("/consent") else "pending"
    return DATA_REQUESTS.get(project_id, {}).get(state, MISSING_REQUEST)


def targets(world: World, rule: Rule, role: str, scope: str) -> tuple[str, str]:
    if scope == "own":
        return world.own_project[role], world.own_job[role]
    if scope == "foreign":
        return world.foreign_project, world.foreign_job
    return MISSING_PROJECT, MISSING_JOB


def expected_status(rule: Rule, role: str, scope: str) -> int:
    if rule.target in ("project", "job", "candidate", "request") and scope != "own":
        return 404  # foreign and nonexistent look the same
    if role not in rule.allowed:
        return 403
    if rule.owner_only and role not in BUILDERS:  # builders own their project here; others don't
        return 403
    return rule.success


def snapshot_foreign(world: World) -> tuple[Any, ...]:
    store = world.store
    latest = store.jobs.get_latest_result(world.foreign_project)
    return (
        store.events.count_events(world.foreign_project),
        len(store.jobs.list_jobs(world.foreign_project)),
        store.projects.list_shares(world.foreign_project),
        None if latest is None else latest.version,
        store.projects.get_project(world.foreign_project),
        store.pdds.count_pdd_versions(world.foreign_project),
        len(store.pdds.list_exports(world.foreign_project)),
    )


def matrix_cases() -> Iterator[Any]:
    for (method, path), rule in MATRIX.items():
        scopes = SCOPES if rule.target in ("project", "job", "candidate", "request") else ("own",)
        for role in ROLES:
            for scope in scopes:
                yield pytest.param(method, path, role, scope, id=f"{method} {path} {role} {scope}")


def served_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every API route, included routers expanded the way FastAPI does."""
    served = set()
    for context in iter_route_contexts(app.routes):
        # The web pages (cookie sign-in, HTML) have their own matrix in test_web_authz.py.
        if isinstance(context.original_route, APIRoute) and not str(context.path).startswith(
            "/web"
        ):
            served |= {(method, str(context.path)) for method in context.methods or ()}
    return served


# Routes whose target comes from the query string, not the path; their matrix lives beside them.
TESTED_ELSEWHERE = {
    ("GET", "/v1/me/recording-permission"): "tests/integration/test_governance.py",
}


def test_every_route_has_a_matrix_entry(world: World) -> None:
    assert served_routes(world.app) - set(TESTED_ELSEWHERE) == set(MATRIX), (
        "add the new route to MATRIX (and BODIES if it takes a body)"
    )


@pytest.mark.parametrize(("method", "path", "role", "scope"), list(matrix_cases()))
def test_role_and_scope_decide_the_answer(
    world: World, method: str, path: str, role: str, scope: str
) -> None:
    rule = MATRIX[(method, path)]
    project_id, job_id = targets(world, rule, role, scope)
    before = snapshot_foreign(world)
    request = BODIES.get((method, path), dict)()
    headers = {"Authorization": f"Bearer {world.tokens[role]}", **request.pop("headers", {})}
    target = build_path(path, project_id=project_id, job_id=job_id, candidate=rule.candidate)
    response = world.client.request(method, target, headers=headers, **request)
    assert response.status_code == expected_status(rule, role, scope), response.text
    if response.status_code >= 400:
        assert isinstance(response.json()["detail"], str)
    assert snapshot_foreign(world) == before  # no foreign write ever lands


def test_the_answer_for_a_foreign_project_is_the_same_as_for_a_missing_one(world: World) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['admin']}"}
    foreign = world.client.get(f"/v1/projects/{world.foreign_project}", headers=headers)
    missing = world.client.get(f"/v1/projects/{MISSING_PROJECT}", headers=headers)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["detail"].replace(world.foreign_project, "X") == missing.json()[
        "detail"
    ].replace(MISSING_PROJECT, "X")


def test_a_caller_lists_only_projects_it_may_see(world: World) -> None:
    for role in ROLES:
        listed = world.client.get(
            "/v1/projects", headers={"Authorization": f"Bearer {world.tokens[role]}"}
        ).json()
        ids = {project["id"] for project in listed}
        assert world.own_project[role] in ids
        assert world.foreign_project not in ids


def credential_cases() -> Iterator[Any]:
    for (method, path), rule in MATRIX.items():
        if rule.target == "public":
            continue
        for credential in ("none", "not bearer", "unknown", "revoked"):
            yield pytest.param(method, path, credential, id=f"{method} {path} {credential}")


@pytest.mark.parametrize(("method", "path", "credential"), list(credential_cases()))
def test_a_missing_bad_or_revoked_token_is_a_401(
    world: World, method: str, path: str, credential: str
) -> None:
    headers = {
        "none": {},
        "not bearer": {"Authorization": f"Basic {world.tokens['admin']}"},
        "unknown": {"Authorization": "Bearer tm_" + "A" * 43},
        "revoked": {"Authorization": f"Bearer {world.revoked_token}"},
    }[credential]
    request = BODIES.get((method, path), dict)()
    headers = {**headers, **request.pop("headers", {})}
    target = build_path(path, project_id=world.own_project["admin"], job_id=world.own_job["admin"])
    before = snapshot_foreign(world)
    response = world.client.request(method, target, headers=headers, **request)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "token" in response.json()["detail"]
    assert snapshot_foreign(world) == before


def test_health_answers_without_a_token(world: World) -> None:
    assert world.client.get("/health").status_code == 200
    assert world.client.get("/v1/health").status_code == 200
