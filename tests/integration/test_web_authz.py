"""Access control of the web pages: every role x every page x {own, foreign, nonexistent}.

The pages sign in with the API's tokens (an HttpOnly cookie) and must answer like the API:
a project the user cannot see is a 404 page whether it exists or not, a missing right is a 403
page, and without a valid cookie every page sends the browser to the sign-in page. Every POST
also needs the session's CSRF token. Expectations are written out here, not read from the
policy table. The PDD review actions each get a candidate of their own (``c2`` ... ``c7``), so
every role starts from a fresh draft whatever ran before.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskmine.api import create_app
from taskmine.api.routes.web import COOKIE
from taskmine.api.routes.web_common import csrf_token_for
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import Role, SqlStore, open_store
from tests.integration.fakes import IdleLauncher

ROLES = [role.value for role in Role]
EVERYONE = frozenset(ROLES)
BUILDERS = frozenset({"admin", "power_user", "analyst"})
READERS = EVERYONE - {"agent", "workstation_user"}  # PDDs and exports
COMMENTERS = BUILDERS | {"business_owner"}
REVIEWERS = frozenset({"admin", "business_owner"})
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
# One candidate per PDD review action, so each starts from a fresh draft.
for number in range(2, 8):
    extra = copy.deepcopy(RESULT["candidates"][0])  # type: ignore[index]
    extra.update(id=f"c{number}", rank=number, name=f"Enter invoice {number}")
    RESULT["candidates"].append(extra)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PageRule:
    method: str
    path: str
    allowed: frozenset[str]
    success: int
    on_project: bool = True
    form: dict[str, str] | None = None
    # Puts the own project's PDD into the state the action needs, as the role itself.
    prepare: Callable[[World, str, str], None] | None = None


def comment_first(world: World, role: str, project_id: str) -> None:
    post_as(
        world,
        role,
        f"/web/candidates/{project_id}:1:c3/pdd/comments",
        section="steps",
        text="Which field is the invoice number?",
    )


def approve_first(world: World, role: str, project_id: str) -> None:
    post_as(world, role, f"/web/candidates/{project_id}:1:c7/pdd/approve", note="fine")


def post_as(world: World, role: str, path: str, **form: str) -> None:
    world.client.cookies.clear()
    world.client.cookies.set(COOKIE, world.tokens[role])
    answer = world.client.post(path, data={**form, "csrf": csrf_token_for(world.tokens[role])})
    assert answer.status_code == 303, answer.text[:500]


PDD_FORMATS = ("docx", "md", "html")
EXPORTS = ("uipath", "power-automate", "bpmn", "xes", "ocel")

PAGES = [
    PageRule("GET", "/web/", EVERYONE, 200, on_project=False),
    PageRule("GET", "/web/data-requests", EVERYONE, 200, on_project=False),
    PageRule("GET", "/web/settings", EVERYONE, 200, on_project=False),
    PageRule("GET", "/web/projects/{p}", EVERYONE, 200),
    PageRule("GET", "/web/projects/{p}/candidates/c1", EVERYONE, 200),
    PageRule("GET", "/web/projects/{p}/analytics", EVERYONE - {"agent", "workstation_user"}, 200),
    PageRule("GET", "/web/projects/{p}/settings", EVERYONE, 200),
    PageRule("GET", "/web/projects/{p}/audit", BUILDERS | {"manager"}, 200),
    PageRule("GET", "/web/candidates/{p}:1:c1/pdd", READERS, 200),
    PageRule("GET", "/web/candidates/{p}:latest:c1/pdd", READERS, 200),
    *(
        PageRule("GET", f"/web/candidates/{{p}}:1:c1/pdd/download/{f}", READERS, 200)
        for f in PDD_FORMATS
    ),
    *(PageRule("GET", f"/web/candidates/{{p}}:1:c1/exports/{t}", READERS, 200) for t in EXPORTS),
    PageRule(
        "POST",
        "/web/candidates/{p}:1:c2/pdd/comments",
        COMMENTERS,
        303,
        form={"section": "steps", "text": "Step 3 is done twice?"},
    ),
    PageRule(
        "POST",
        "/web/candidates/{p}:1:c3/pdd/comments/C1/resolve",
        COMMENTERS,
        303,
        prepare=comment_first,
    ),
    PageRule("POST", "/web/candidates/{p}:1:c4/pdd/submit", BUILDERS, 303),
    PageRule(
        "POST",
        "/web/candidates/{p}:1:c5/pdd/request-changes",
        REVIEWERS,
        303,
        form={"section": "metrics", "reason": "Volumes look low"},
    ),
    PageRule("POST", "/web/candidates/{p}:1:c6/pdd/approve", REVIEWERS, 303, form={"note": "ok"}),
    PageRule(
        "POST",
        "/web/candidates/{p}:1:c7/pdd/reopen",
        REVIEWERS,
        303,
        form={"reason": "New variant found"},
        prepare=approve_first,
    ),
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
    return world.client.post(path, data={**(rule.form or {}), "csrf": csrf_token_for(cookie or "")})


@pytest.mark.parametrize(("rule", "role", "scope"), list(cases()))
def test_each_page_answers_like_the_api(
    world: World, rule: PageRule, role: str, scope: str
) -> None:
    project_id = {"own": world.own[role], "foreign": world.foreign}.get(scope, MISSING_PROJECT)
    if rule.prepare is not None and scope == "own" and role in rule.allowed:
        rule.prepare(world, role, project_id)
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
        assert "Something went wrong" not in response.text
    if expected == 200 and "/download/" in rule.path:
        assert response.headers["content-disposition"].startswith("attachment;")
    if expected == 200 and "/exports/" in rule.path and rule.path.endswith(("uipath", "automate")):
        assert zipfile.ZipFile(io.BytesIO(response.content)).namelist()


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


def page_text(world: World, role: str, path: str) -> str:
    call_rule = PageRule("GET", path, EVERYONE, 200)
    response = call(world, call_rule, project_id=world.own[role], cookie=world.tokens[role])
    assert response.status_code == 200, response.text[:300]
    text: str = response.text
    return text


def test_pdd_review_offers_each_role_only_its_actions(world: World) -> None:
    review = "/web/candidates/{p}:1:c1/pdd"
    owner = page_text(world, "business_owner", review)
    assert "Approve version" in owner
    assert "Request changes" in owner
    assert "Add comment" in owner
    assert "Submit for review" not in owner
    analyst = page_text(world, "analyst", review)
    assert "Submit for review" in analyst
    assert "Add comment" in analyst
    assert "Approve version" not in analyst
    manager = page_text(world, "manager", review)
    for control in ("Submit for review", "Approve version", "Add comment", "Resolve</button>"):
        assert control not in manager
    assert "Process Design Document" in manager or "Document control" in manager


def test_candidate_page_links_downloads_only_for_roles_that_may_download(world: World) -> None:
    candidate = "/web/projects/{p}/candidates/c1"
    manager = page_text(world, "manager", candidate)
    assert "Open the PDD review" in manager
    assert "/pdd/download/docx" in manager
    assert "/exports/uipath" in manager
    for role in ("workstation_user", "agent"):
        text = page_text(world, role, candidate)
        assert "Open the PDD review" not in text
        assert "/download/" not in text
        assert "/exports/" not in text


@pytest.mark.parametrize(
    "path",
    ["/web/projects", "/web/candidates/{p}:1:c1/pdd/comments", "/web/settings/retention"],
)
@pytest.mark.parametrize("csrf", [None, "", "0" * 64, "other-session"])
def test_a_post_without_this_sessions_csrf_token_is_refused(
    world: World, path: str, csrf: str | None
) -> None:
    world.client.cookies.clear()
    world.client.cookies.set(COOKIE, world.tokens["admin"])
    form = {
        "name": "forged",
        "section": "steps",
        "text": "forged",
        "raw_events_days": "1",
        "mined_results_days": "1",
        "pdds_days": "1",
    }
    if csrf == "other-session":
        form["csrf"] = csrf_token_for(world.tokens["analyst"])
    elif csrf is not None:
        form["csrf"] = csrf
    before = len(world.store.audit.list_entries(limit=10_000))
    response = world.client.post(path.replace("{p}", world.own["admin"]), data=form)
    assert response.status_code == 403
    assert "CSRF" in response.text
    assert len(world.store.audit.list_entries(limit=10_000)) == before
    assert world.store.governance.get_retention().raw_events_days != 1


def test_every_form_of_a_page_carries_the_sessions_csrf_token(world: World) -> None:
    token = csrf_token_for(world.tokens["admin"])
    for path in ("/web/", "/web/settings", "/web/projects/{p}", "/web/candidates/{p}:1:c1/pdd"):
        text = page_text(world, "admin", path)
        forms = text.count('method="post"') - 1  # the sign-out form needs no token
        assert forms >= 1, path
        assert text.count(f'name="csrf" value="{token}"') == forms, path


def test_a_review_form_from_a_stale_page_or_with_no_text_changes_nothing(world: World) -> None:
    path = f"/web/candidates/{world.own['admin']}:1:c1/pdd/comments"
    world.client.cookies.clear()
    world.client.cookies.set(COOKIE, world.tokens["admin"])
    csrf = csrf_token_for(world.tokens["admin"])
    world.client.get(f"/web/candidates/{world.own['admin']}:1:c1/pdd")  # drafts version 1
    stale = world.client.post(
        path, data={"section": "steps", "text": "stale-zq7", "expected_version": "99", "csrf": csrf}
    )
    assert stale.status_code == 409
    assert "read it again" in stale.text
    empty = world.client.post(path, data={"section": "steps", "text": "   ", "csrf": csrf})
    assert empty.status_code == 422
    unknown = world.client.post(path, data={"section": "nowhere", "text": "x", "csrf": csrf})
    assert unknown.status_code == 422
    assert "unknown section" in unknown.text
    page = world.client.get(f"/web/candidates/{world.own['admin']}:1:c1/pdd").text
    assert "stale-zq7" not in page
