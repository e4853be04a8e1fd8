"""API fuzzing with schemathesis (issue 9 §3): the committed openapi/openapi.json against the app.

The app is ``create_app`` on a real, migrated SQLite store seeded with one user and token per
role, their projects (builders own one, the other roles get one shared with them), a project
nobody here may see, mining results with candidates, PDDs in every review state and data
requests. A ``flatmap_path_parameters`` hook swaps generated path ids for real ones half of the
time, so the fuzzer reaches the handlers behind the 404s, not only the 404s.

Every generated request runs schemathesis's default checks: no 5xx, status codes, content types,
headers and bodies as documented, invalid data rejected and valid data accepted. On top of that,
``exposure_checks`` looks for leaks in every response: no token hash or other user's plaintext
token ever, no stack trace, and every error is JSON ``{"detail": "..."}``.

Budget (this 2-core machine, loaded): ``FUZZ_EXAMPLES`` examples per operation with the admin
token (the builder that reaches every route), ``FUZZ_OTHER_EXAMPLES`` per operation for each of
the other roles, and a stateful run. ``bench/fuzz_api.py`` runs >= 1,000 per operation against a
running ``taskmine serve``.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from exporters.examples import build_example_candidate
from taskmine.api import create_app
from taskmine.governance import RequestStatus
from taskmine.pdd import add_comment, approve, draft_pdd
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import CandidateRef, Principal, Role, SqlStore, open_store
from taskmine.storage.schema import api_tokens
from tests.integration.fakes import IdleLauncher

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
ROLES = [role.value for role in Role]
BUILDER = "admin"
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ_OTHER_EXAMPLES = int(os.environ.get("FUZZ_OTHER_EXAMPLES", "20"))
FUZZ_STATEFUL_EXAMPLES = int(os.environ.get("FUZZ_STATEFUL_EXAMPLES", "100"))
SEEDED_AT = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
CANDIDATES = ("c1", "c2", "c3")
SCHEMA_VALIDATION_PREFIX = "the request is invalid: "  # taskmine.api.errors, on a 422
STACK_TRACE = re.compile(r"Traceback \(most recent call last\)|File \".*\", line \d+")

# Real values for path parameters, by parameter name; filled by the ``fuzz_world`` fixture.
REAL_IDS: dict[str, list[str]] = {}


# bench/fuzz_api.py points the same suite at a running `taskmine serve`: its URL and database.
FUZZ_BASE_URL = os.environ.get("FUZZ_BASE_URL")
FUZZ_DATABASE_URL = os.environ.get("FUZZ_DATABASE_URL")


@dataclass
class FuzzWorld:
    app: Any  # None when the suite targets FUZZ_BASE_URL
    store: SqlStore
    tokens: dict[str, str]
    secrets: set[str] = field(default_factory=set)  # plaintexts and hashes: must never appear
    seeded: sqlite3.Connection | None = None  # a copy of the database as seeded (SQLite only)

    def restore_seeded_state(self) -> None:
        """Put the database back as it was seeded (SQLite's online backup, under the app's own
        connections). The stateful phase needs it: its rules fill on what earlier calls
        answered, so a scenario replayed after others changed the data (a PDD approved, a token
        revoked) would draw different rules, which hypothesis reports as a flaky strategy."""
        database = self.store.engine.url.database
        if self.seeded is None or not database:
            return
        live = sqlite3.connect(database)
        try:
            self.seeded.backup(live)
        finally:
            live.close()


def _result_with_candidates() -> dict[str, Any]:
    example = build_example_candidate()
    return {
        "schema": "taskmine.discovery/v1",
        "events": 0,
        "candidates": [
            example.model_copy(update={"id": key}).model_dump(mode="json") for key in CANDIDATES
        ],
    }


def _seed_project(store: SqlStore, project_id: str, *, by: Principal) -> None:
    job = store.jobs.create_job(project_id)
    store.jobs.save_result(project_id, job.id, _result_with_candidates())
    REAL_IDS["job_id"].append(job.id)
    draft = draft_pdd(build_example_candidate(), generated_at=SEEDED_AT)
    states = {
        "c1": draft,
        "c2": add_comment(draft, section="steps", author=by.user_name, text="?", at=SEEDED_AT),
        "c3": approve(draft, approver=by.user_name, role="business_owner", at=SEEDED_AT),
    }
    for key, pdd in states.items():
        ref = CandidateRef(project_id, 1, key)
        store.pdds.add_pdd_version(ref, document=draft.to_json_dict(), action="drafted", actor=by)
        if pdd is not draft:
            store.pdds.add_pdd_version(ref, document=pdd.to_json_dict(), action="seeded", actor=by)
        REAL_IDS["candidate_id"].append(f"{project_id}:1:{key}")
    for decide in (False, True):
        request = store.governance.create_request(
            project_id,
            users=["workstation_user-user"],
            apps=[],
            starts_at=SEEDED_AT,
            ends_at=SEEDED_AT + timedelta(days=30),
            purpose="fuzz",
            approver="manager-user",
            actor=by,
        )
        if decide:
            store.governance.decide_request(
                request.id, decision=RequestStatus.APPROVED, note=None, actor=by
            )
        REAL_IDS["request_id"].append(request.id)


@pytest.fixture(scope="module")
def fuzz_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzWorld]:
    folder = tmp_path_factory.mktemp("fuzz")
    store = open_store(FUZZ_DATABASE_URL or sqlite_url_for(folder / "fuzz.db"))
    # One test client sends thousands of deliberately bad tokens, and thousands of requests
    # per token: lift the per-address and per-token limits (tests/integration/test_limits.py
    # covers the limiters themselves).
    settings = Settings(data_dir=folder, max_auth_failures=1_000_000, rate_limit_per_s=0)
    app = None if FUZZ_BASE_URL else create_app(settings, store=store, launcher=IdleLauncher())
    REAL_IDS.clear()
    for name in ("project_id", "job_id", "candidate_id", "request_id", "token_id"):
        REAL_IDS[name] = []
    REAL_IDS["comment_id"] = ["C1", "C2"]
    # Not "target": it is an enum the generator already draws from, and swapping in a valid
    # value would turn a negative case (a target outside the enum) into a positive one.
    lead = store.users.ensure_user("lead", role=Role.ANALYST)
    seeder = Principal(lead.id, lead.name, Role.ANALYST, token_id="seed")
    tokens: dict[str, str] = {}
    for role in ROLES:
        user = store.users.ensure_user(f"{role}-user", role=Role(role))
        tokens[role] = store.tokens.create_token(user.id, role=Role(role)).plaintext
        if role in ("admin", "power_user", "analyst"):
            project = store.projects.create_project(f"{role}'s", owner_id=user.id)
        else:
            project = store.projects.create_project(f"for {role}", owner_id=lead.id)
            store.projects.share_project(project.id, user_id=user.id)
        REAL_IDS["project_id"].append(project.id)
        _seed_project(store, project.id, by=seeder)
    stranger = store.users.ensure_user("stranger", role=Role.ANALYST)
    foreign = store.projects.create_project("nobody here may see this", owner_id=stranger.id)
    REAL_IDS["project_id"].append(foreign.id)
    _seed_project(store, foreign.id, by=seeder)
    stranger_token = store.tokens.create_token(stranger.id, role=Role.ANALYST).plaintext
    # Tokens the fuzzer may revoke (DELETE /v1/tokens/{token_id}): never one it calls with.
    for _ in range(3):
        REAL_IDS["token_id"].append(store.tokens.create_token(lead.id, role=Role.AGENT).token_id)
    world = FuzzWorld(app, store, tokens)
    with store.engine.connect() as connection:
        world.secrets |= {row.token_hash for row in connection.execute(api_tokens.select())}
    if store.engine.url.get_backend_name() == "sqlite" and store.engine.url.database:
        world.seeded = sqlite3.connect(":memory:")
        source = sqlite3.connect(store.engine.url.database)
        try:
            source.backup(world.seeded)
        finally:
            source.close()
    world.secrets |= {*tokens.values(), stranger_token}
    yield world
    if world.seeded is not None:
        world.seeded.close()
    store.close()


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx: schemathesis.SerializationContext, value: Any) -> bytes:
    """An NDJSON batch: a generated string as it is, else one JSON value a line."""
    if isinstance(value, str):
        return value.encode("utf-8")
    items = value if isinstance(value, list) else [value]
    return b"".join(json.dumps(item).encode("utf-8") + b"\n" for item in items)


@schemathesis.hook
def flatmap_path_parameters(
    context: schemathesis.HookContext, path_parameters: dict[str, Any]
) -> Any:
    """Half of the time, replace each generated path id with one that exists."""
    names = [name for name in path_parameters or {} if REAL_IDS.get(name)]
    if not names:
        return st.just(path_parameters)
    real = st.fixed_dictionaries({name: st.sampled_from(REAL_IDS[name]) for name in names})
    return st.one_of(st.just(path_parameters), real.map(lambda ids: {**path_parameters, **ids}))


# Loaded at import (the committed file, no app needed); each call names the app to send to.
schema = schemathesis.openapi.from_path(OPENAPI)


def check_exposure(world: FuzzWorld, role: str, response: Any) -> None:
    """No secret, no stack trace, and errors are ``{"detail": str}``."""
    text = response.content.decode("latin-1")  # exports are binary; secrets are ASCII
    own = world.tokens[role]
    leaked = [secret for secret in world.secrets if secret != own and secret in text]
    assert not leaked, f"{role} saw a token or token hash: {response.request.url}"
    assert not STACK_TRACE.search(text), f"a stack trace in {response.request.url}"
    if response.status_code >= 400 and text:
        body = json.loads(response.content)
        assert isinstance(body, dict), text
        assert isinstance(body.get("detail"), str), text


def positive_data_acceptance_but_semantic_422s(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis's check, except for a documented semantic 422 (e.g. "there is no user 'x'").

    The API answers 422 both for a body that breaks the schema ("the request is invalid: ...",
    from FastAPI's validation) and for a well-formed body naming something that does not exist
    or cannot be done; only the first on schema-valid data is a schema/code mismatch.
    """
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 422 and is_semantic_refusal(response.json()["detail"]):
            return None
        raise


def is_semantic_refusal(detail: str) -> bool:
    """A 422 for a rule JSON Schema cannot state, not for a type or range it does state.

    Route-level refusals ("there is no user 'x'") do not carry the validation prefix; model
    rules ("ends_at must be after starts_at") are pydantic "Value error"s. A type or range
    error ("Input should be a valid integer") on schema-valid data is a real mismatch.
    """
    if not detail.startswith(SCHEMA_VALIDATION_PREFIX):
        return True
    problems = detail.removeprefix(SCHEMA_VALIDATION_PREFIX).split("; ")
    return all(": Value error, " in problem for problem in problems)


def batch_rejections_are_reported(ctx: Any, response: Any, case: Any) -> bool | None:
    """events:batch takes what it can (issue 9 §5): an invalid event is a 200 that reports it.

    So for the ingest route schemathesis's negative_data_rejection is replaced by this: a
    schema-violating batch is either refused (4xx) or answered with at least one rejection.
    """
    mode = getattr(getattr(getattr(case, "meta", None), "generation", None), "mode", None)
    if mode is None or mode.is_positive or response.status_code != 200:
        return None
    body = response.json()
    assert body["rejected"] or body["accepted"] == 0, f"a bad batch went unreported: {body}"
    return None


def checks_for(case: Any) -> tuple[list[Any], list[Any]]:
    """(excluded, additional) checks: schemathesis's defaults with the two changes above."""
    excluded, additional = [positive_data_acceptance], [positive_data_acceptance_but_semantic_422s]
    if case.operation.path.endswith("/events:batch"):
        excluded.append(negative_data_rejection)
        additional.append(batch_rejections_are_reported)
    return excluded, additional


def call_and_validate(case: Any, world: FuzzWorld, role: str) -> Any:
    # The schema comes from the committed file; its probes (e.g. ignored_auth) send to its app.
    if world.app is None:
        case.operation.base_url = FUZZ_BASE_URL
    else:
        case.operation.schema.app = case.operation.app = world.app
    headers = {"Authorization": f"Bearer {world.tokens[role]}"}
    if case.operation.schema.is_security_param_negated(case):
        headers = {}  # a case about a missing or bad token: send it as generated (401 expected)
    excluded, additional = checks_for(case)
    response = case.call_and_validate(
        headers=headers, excluded_checks=excluded, additional_checks=additional
    )
    check_exposure(world, role, response)
    return response


FUZZ_SETTINGS = {
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
    "phases": [Phase.explicit, Phase.generate],
    "derandomize": True,
    "database": None,
    "print_blob": True,
}


@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, **FUZZ_SETTINGS)
def test_the_api_conforms_to_its_schema_for_a_builder(case: Any, fuzz_world: FuzzWorld) -> None:
    call_and_validate(case, fuzz_world, BUILDER)


OTHER_ROLES = [role for role in ROLES if role != BUILDER]


@schema.parametrize()
@settings(max_examples=FUZZ_OTHER_EXAMPLES, **FUZZ_SETTINGS)
@pytest.mark.parametrize("role", OTHER_ROLES)
def test_the_api_conforms_to_its_schema_for_every_other_role(
    case: Any, fuzz_world: FuzzWorld, role: str
) -> None:
    call_and_validate(case, fuzz_world, role)


def test_stateful_sequences_conform(fuzz_world: FuzzWorld) -> None:
    """schemathesis's stateful phase: chains of calls linked through the ids they return."""
    stateful_schema = schemathesis.openapi.from_path(OPENAPI)
    stateful_schema.app = fuzz_world.app
    if FUZZ_BASE_URL:
        stateful_schema.config.update(base_url=FUZZ_BASE_URL)
    machine = stateful_schema.as_state_machine()
    token = fuzz_world.tokens[BUILDER]

    class Builder(machine):  # type: ignore[misc, valid-type]
        def setup(self) -> None:
            fuzz_world.restore_seeded_state()  # every scenario starts from the same data

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            if case.operation.schema.is_security_param_negated(case):
                return {}
            return {"headers": {"Authorization": f"Bearer {token}"}}

        def after_call(self, response: Any, case: Any) -> None:
            check_exposure(fuzz_world, BUILDER, response)

        def validate_response(
            self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            excluded, additional = checks_for(case)
            case.validate_response(
                response,
                excluded_checks=excluded,
                additional_checks=[*(additional_checks or []), *additional],
                transport_kwargs=kwargs,
            )

    Builder.run(
        settings=settings(
            max_examples=FUZZ_STATEFUL_EXAMPLES,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
    )


# --- property-level exposure and mass assignment (deterministic) --------------------------------


def bearer(world: FuzzWorld, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[role]}"}


def readable_paths(document: dict[str, Any]) -> list[str]:
    """Every GET route with real ids in place of its parameters."""
    paths = []
    for template, operations in document["paths"].items():
        if "get" not in operations or template.startswith("/web"):
            continue
        path = template
        for name in re.findall(r"{(\w+)}", template):
            path = path.replace("{" + name + "}", REAL_IDS.get(name, ["bpmn"])[0])  # target
        paths.append(path)
    return paths


def test_no_role_reads_a_token_hash_or_anyone_elses_token(fuzz_world: FuzzWorld) -> None:
    client = TestClient(fuzz_world.app)
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    first_project = REAL_IDS["project_id"][0]
    checked = 0
    for role in ROLES:
        for path in readable_paths(document):
            query = {"project": first_project} if path.endswith("recording-permission") else {}
            response = client.get(path, headers=bearer(fuzz_world, role), params=query)
            check_exposure(fuzz_world, role, response)
            checked += 1
        shared = client.post(
            f"/v1/projects/{first_project}/shares",
            headers=bearer(fuzz_world, role),
            json={"user": "manager-user"},
        )
        check_exposure(fuzz_world, role, shared)
        assert set(shared.json()) <= {"project_id", "users", "detail"}
    assert checked >= len(ROLES) * 20


def test_a_new_token_is_shown_once_and_never_listed(fuzz_world: FuzzWorld) -> None:
    client = TestClient(fuzz_world.app)
    made = client.post(
        "/v1/tokens", headers=bearer(fuzz_world, "admin"), json={"user": "once", "role": "agent"}
    ).json()
    listing = client.get("/v1/tokens", headers=bearer(fuzz_world, "admin"), params={"limit": 1000})
    assert made["token_id"] in listing.text
    assert made["token"] not in listing.text
    assert not {"token", "token_hash"} & {key for row in listing.json() for key in row}


@pytest.mark.parametrize(
    "extra",
    [{"owner_id": "usr_someone_else"}, {"role": "admin"}, {"id": "prj_chosen"}, {"owner": "x"}],
)
def test_a_project_body_cannot_set_its_owner_role_or_id(
    fuzz_world: FuzzWorld, extra: dict[str, str]
) -> None:
    client = TestClient(fuzz_world.app)
    response = client.post(
        "/v1/projects", headers=bearer(fuzz_world, "analyst"), json={"name": "mine", **extra}
    )
    assert response.status_code == 422
    assert next(iter(extra)) in response.json()["detail"]
    owned = client.get("/v1/projects", headers=bearer(fuzz_world, "analyst")).json()
    assert all(project["name"] != "mine" for project in owned)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/tokens", {"user": "u", "role": "agent", "user_id": "usr_admin"}),
        ("POST", "/v1/tokens", {"user": "u", "role": "agent", "token": "tm_chosen"}),
        ("POST", "/v1/projects/{project_id}/shares", {"user": "manager-user", "role": "admin"}),
        ("PUT", "/v1/settings/retention", {"owner_id": "x"}),
    ],
)
def test_extra_fields_are_refused_everywhere(
    fuzz_world: FuzzWorld, method: str, path: str, body: dict[str, str]
) -> None:
    client = TestClient(fuzz_world.app)
    target = path.replace("{project_id}", REAL_IDS["project_id"][0])
    response = client.request(method, target, headers=bearer(fuzz_world, "admin"), json=body)
    assert response.status_code == 422, response.text
    assert "Extra inputs are not permitted" in response.json()["detail"]


def test_a_share_does_not_change_anyones_role(fuzz_world: FuzzWorld) -> None:
    client = TestClient(fuzz_world.app)
    before = fuzz_world.store.users.find_user("manager-user")
    client.post(
        f"/v1/projects/{REAL_IDS['project_id'][0]}/shares",
        headers=bearer(fuzz_world, "admin"),
        json={"user": "manager-user"},
    )
    assert fuzz_world.store.users.find_user("manager-user") == before
    me = client.get("/v1/me", headers=bearer(fuzz_world, "manager")).json()
    assert me["role"] == "manager"
