"""Access control of the web pages: every role x every page x {own, foreign, nonexistent}.

The pages sign in with the API's tokens (an HttpOnly cookie) and must answer like the API:
a project the user cannot see is a 404 page whether it exists or not, a missing right is a 403
page, and without a valid cookie every page sends the browser to the sign-in page. Expectations
are written out here, not read from the policy table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskmine.api import create_app
from taskmine.api.routes.web import COOKIE
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import Role, SqlStore, open_store

ROLES = [role.value for role in Role]
EVERYONE = frozenset(ROLES)
BUILDERS = frozenset({"admin", "power_user", "analyst"})
MISSING_PROJECT = "prj_" + "0" * 32
RESULT = {
    "schema": "taskmine.discovery/v1",
    "events": 0,
    "candidates": [
        {
            "id": "c1",
            "rank": 1,
            "name": "Enter invoice",
            "steps": [{"kind": "click", "app": "sap.exe", "name": "Save"}],
            "occurrences": [],
            "frequency": 3,
            "users": 1,
            "mean_duration_s": 12.0,
            "variants": [{"steps": [0], "count": 3}],
            "scores": {"automation_potential": 0.9, "standardization": 0.8, "rule_based": 0.7},
            "roi": {"hours_per_month": 2.0, "fte": 0.01, "build_days": 3.0, "payback_months": 4.0},
        }
    ],
}


@dataclass(frozen=True)
class PageRule:
    method: str
    path: str
    allowed: frozenset[str]
    success: int
    on_project: bool = True
    form: dict[str, str] | None = None


PAGES = [
    PageRule("GET", "/web/", EVERYONE, 200, on_project=False),
    PageRule("GET", "/web/data-requests", EVERYONE, 200, on_project=False),
    PageRule("GET", "/web/settings", EVERYONE, 200, on_project=False),
    PageRule("GET", "/web/projects/{p}", EVERYONE, 200),
    PageRule("GET", "/web/projects/{p}/candidates/c1", EVERYONE, 200),
    PageRule("GET", "/web/projects/{p}/analytics", EVERYONE - {"agent", "workstation_user"}, 200),
    PageRule("GET", "/web/projects/{p}/settings", EVERYONE, 200),
    PageRule("GET", "/web/projects/{p}/audit", BUILDERS | {"manager"}, 200),
    PageRule("POST", "/web/projects", BUILDERS, 303, on_project=False, form={"name": "n"}),
    PageRule("POST", "/web/projects/{p}/mining-jobs", BUILDERS, 303),
    PageRule(
        "POST",
        "/web/settings/retention",
        frozenset({"admin"}),
        303,
        on_project=False,
        form={"raw_events_days": "30", "mined_results_days": "10", "pdds_days": "10"},
    ),
    PageRule(
        "POST",
        "/web/projects/{p}/settings/categories",
        frozenset({"admin", "power_user"}),
        303,
        form={"rules": "Finance | sap* | |"},
    ),
    PageRule(
        "POST",
        "/web/projects/{p}/settings/event-filters",
        frozenset({"admin", "analyst"}),
        303,
        form={"drop_apps": "keepass*"},
    ),
]


class IdleLauncher:
    async def launch(self, *, project_id: str, job_id: str) -> None:
        return None


@dataclass
class World:
    client: TestClient
    store: SqlStore
    tokens: dict[str, str]
    own: dict[str, str]
    foreign: str


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("webauthz")
    store = open_store(sqlite_url_for(folder / "web.db"))
    app = create_app(Settings(data_dir=folder), store=store, launcher=IdleLauncher())
    lead = store.users.ensure_user("lead", role=Role.ANALYST)
    stranger = store.users.ensure_user("stranger", role=Role.ANALYST)
    tokens, own = {}, {}
    for role in ROLES:
        user = store.users.ensure_user(f"{role}-user", role=Role(role))
        tokens[role] = store.tokens.create_token(user.id, role=Role(role)).plaintext
        if role in BUILDERS:
            project = store.projects.create_project(f"{role}'s", owner_id=user.id)
        else:
            project = store.projects.create_project(f"for {role}", owner_id=lead.id)
            store.projects.share_project(project.id, user_id=user.id)
        store.jobs.save_result(project.id, store.jobs.create_job(project.id).id, RESULT)
        own[role] = project.id
    foreign = store.projects.create_project("Secret merger", owner_id=stranger.id)
    store.jobs.save_result(foreign.id, store.jobs.create_job(foreign.id).id, RESULT)
    yield World(TestClient(app, follow_redirects=False), store, tokens, own, foreign.id)
    store.close()


def cases() -> Iterator[Any]:
    for rule in PAGES:
        for role in ROLES:
            for scope in ("own", "foreign", "nonexistent") if rule.on_project else ("own",):
                yield pytest.param(
                    rule, role, scope, id=f"{rule.method} {rule.path} {role} {scope}"
                )


def call(world: World, rule: PageRule, *, project_id: str, cookie: str | None) -> Any:
    world.client.cookies.clear()
    if cookie is not None:
        world.client.cookies.set(COOKIE, cookie)
    path = rule.path.replace("{p}", project_id)
    if rule.method == "GET":
        return world.client.get(path)
    return world.client.post(path, data=rule.form or {})


@pytest.mark.parametrize(("rule", "role", "scope"), list(cases()))
def test_each_page_answers_like_the_api(
    world: World, rule: PageRule, role: str, scope: str
) -> None:
    project_id = {"own": world.own[role], "foreign": world.foreign}.get(scope, MISSING_PROJECT)
    response = call(world, rule, project_id=project_id, cookie=world.tokens[role])
    if scope != "own":
        expected = 404
    elif role not in rule.allowed:
        expected = 403
    else:
        expected = rule.success
    assert response.status_code == expected, response.text[:500]
    if expected == 404:
        assert "Secret merger" not in response.text
        assert "not found" in response.text
    if expected == 303:
        assert response.headers["location"].startswith("/web/")


@pytest.mark.parametrize("rule", PAGES, ids=lambda rule: f"{rule.method} {rule.path}")
@pytest.mark.parametrize("cookie", [None, "tm_" + "A" * 43, "garbage"])
def test_without_a_valid_cookie_every_page_sends_you_to_sign_in(
    world: World, rule: PageRule, cookie: str | None
) -> None:
    response = call(world, rule, project_id=world.own["admin"], cookie=cookie)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/web/login")


def test_pages_only_offer_what_the_role_may_do(world: World) -> None:
    def page(role: str, path: str) -> str:
        call_rule = PageRule("GET", path, EVERYONE, 200)
        response = call(world, call_rule, project_id=world.own[role], cookie=world.tokens[role])
        assert response.status_code == 200
        text: str = response.text
        return text

    assert "Run mining now" in page("analyst", "/web/projects/{p}")
    assert "Run mining now" not in page("manager", "/web/projects/{p}")
    assert "New project" in page("analyst", "/web/")
    assert "New project" not in page("business_owner", "/web/")
    assert "Save retention" in page("admin", "/web/settings")
    assert "Save retention" not in page("analyst", "/web/settings")
    assert "Save categories" in page("power_user", "/web/projects/{p}/settings")
    assert "Save categories" not in page("analyst", "/web/projects/{p}/settings")
    assert "New data request" in page("analyst", "/web/data-requests")
    assert "New data request" not in page("workstation_user", "/web/data-requests")


def test_sign_in_sets_an_http_only_strict_cookie_and_a_bad_token_is_refused(world: World) -> None:
    world.client.cookies.clear()
    refused = world.client.post("/web/login", data={"token": "tm_nope", "next": "/web/"})
    assert refused.status_code == 401
    assert "unknown or revoked" in refused.text
    signed_in = world.client.post(
        "/web/login", data={"token": world.tokens["analyst"], "next": "https://evil.example/"}
    )
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == "/web/"  # never an open redirect
    cookie = signed_in.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
    world.client.cookies.clear()
