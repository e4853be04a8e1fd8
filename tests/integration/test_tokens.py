"""Token expiry and revocation (issue 9 §8), in the store and through the API, on both backends.

Every test runs on SQLite (a temp file) and on the PostgreSQL server on 127.0.0.1:5432 (its own
schema, dropped afterwards; skipped when the server is unreachable). Expiry is made to happen by
moving a token's ``expires_at`` into the past in the database, so no test sleeps.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, select, update

from taskmine.api import create_app
from taskmine.settings import Settings, load_settings, sqlite_url_for
from taskmine.storage import NotFoundError, Role, SqlStore, build_engine, open_store
from taskmine.storage.migrate import head_revision, read_schema_revision, upgrade_schema
from taskmine.storage.schema import api_tokens, users
from taskmine.storage.sql_auth import hash_token

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def fresh_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return sqlite_url_for(tmp_path / f"{uuid.uuid4().hex}.db")
    return request.getfixturevalue("postgres_schema_factory")()  # type: ignore[no-any-return]


@pytest.fixture(scope="module", params=BACKENDS)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SqlStore]:
    opened = open_store(fresh_url(request.param, tmp_path_factory.mktemp("tok"), request))
    yield opened
    opened.close()


def new_user(store: SqlStore, role: Role = Role.AGENT) -> str:
    return store.users.ensure_user(f"{role.value}-{uuid.uuid4().hex[:8]}", role=role).id


def expire(store: SqlStore, token_id: str, *, ago: timedelta = timedelta(seconds=1)) -> datetime:
    moment = datetime.now(UTC) - ago
    with store.engine.begin() as connection:
        connection.execute(
            update(api_tokens).where(api_tokens.c.id == token_id).values(expires_at=moment)
        )
    return moment


# --- the store ----------------------------------------------------------------------------------


def test_a_token_with_a_ttl_verifies_until_it_expires(store: SqlStore) -> None:
    issued = store.tokens.create_token(new_user(store), role=Role.AGENT, ttl=timedelta(days=7))
    record = store.tokens.get_token(issued.token_id)
    assert record.expires_at is not None
    assert timedelta(days=7) - (record.expires_at - record.created_at) < timedelta(seconds=1)
    assert store.tokens.verify_token(issued.plaintext) is not None
    assert store.tokens.expired_at(issued.plaintext) is None
    moment = expire(store, issued.token_id)
    assert store.tokens.verify_token(issued.plaintext) is None
    expired = store.tokens.expired_at(issued.plaintext)
    assert expired is not None
    assert abs(expired - moment) < timedelta(milliseconds=1)


def test_a_token_without_a_ttl_never_expires(store: SqlStore) -> None:
    issued = store.tokens.create_token(new_user(store), role=Role.AGENT)
    assert store.tokens.get_token(issued.token_id).expires_at is None
    assert store.tokens.verify_token(issued.plaintext) is not None
    assert store.tokens.expired_at(issued.plaintext) is None


def test_a_zero_or_negative_ttl_is_refused(store: SqlStore) -> None:
    for ttl in (timedelta(0), timedelta(seconds=-5)):
        with pytest.raises(ValueError, match="positive"):
            store.tokens.create_token(new_user(store), role=Role.AGENT, ttl=ttl)


def test_revoked_and_unknown_tokens_are_not_called_expired(store: SqlStore) -> None:
    issued = store.tokens.create_token(new_user(store), role=Role.AGENT, ttl=timedelta(hours=1))
    expire(store, issued.token_id)
    store.tokens.revoke_token(issued.token_id)
    assert store.tokens.verify_token(issued.plaintext) is None
    assert store.tokens.expired_at(issued.plaintext) is None  # revoked wins: no detail leaks
    assert store.tokens.expired_at("tm_" + "A" * 43) is None
    assert store.tokens.expired_at("not ours") is None
    revoked_at = store.tokens.get_token(issued.token_id).revoked_at
    store.tokens.revoke_token(issued.token_id)  # again: no error, the first time stays
    assert store.tokens.get_token(issued.token_id).revoked_at == revoked_at
    with pytest.raises(NotFoundError):
        store.tokens.revoke_token("tok_missing")
    with pytest.raises(NotFoundError):
        store.tokens.get_token("tok_missing")


def test_token_listings_carry_no_secret(store: SqlStore) -> None:
    issued = store.tokens.create_token(new_user(store), role=Role.MANAGER, ttl=timedelta(days=1))
    listed = {record.id: record for record in store.tokens.list_tokens()}
    record = listed[issued.token_id]
    assert record.role is Role.MANAGER
    text = repr(record)
    assert issued.plaintext not in text
    assert hash_token(issued.plaintext) not in text
    assert not hasattr(record, "token_hash")
    assert len(store.tokens.list_tokens(limit=1)) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0004_keeps_existing_tokens_valid_and_unexpiring(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    engine = build_engine(fresh_url(backend, tmp_path, request))
    try:
        upgrade_schema(engine, revision="0003_governance")
        created = datetime(2026, 1, 1, tzinfo=UTC)
        plaintext = "tm_" + "B" * 43
        with engine.begin() as connection:
            connection.execute(
                insert(users).values(id="usr_old", name="old", role="agent", created_at=created)
            )
            connection.exec_driver_sql(
                "INSERT INTO api_tokens (id, token_hash, user_id, role, created_at) "
                f"VALUES ('tok_old', '{hash_token(plaintext)}', 'usr_old', 'agent', "
                "'2026-01-01 00:00:00')"
            )
        upgrade_schema(engine)
        assert read_schema_revision(engine) == head_revision()
        with engine.connect() as connection:
            expires = connection.execute(
                select(api_tokens.c.expires_at).where(api_tokens.c.id == "tok_old")
            ).scalar_one()
        assert expires is None
        assert SqlStore(engine).tokens.verify_token(plaintext) is not None
    finally:
        engine.dispose()


# --- the API ------------------------------------------------------------------------------------


class Api:
    def __init__(self, store: SqlStore, settings: Settings) -> None:
        self.store = store
        self.client = TestClient(create_app(settings, store=store))
        admin = store.users.ensure_user(f"admin-{uuid.uuid4().hex[:8]}", role=Role.ADMIN)
        self.admin = store.tokens.create_token(admin.id, role=Role.ADMIN)

    def call(self, method: str, path: str, token: str | None = None, **kwargs: object) -> object:
        headers = {"Authorization": f"Bearer {token or self.admin.plaintext}"}
        return self.client.request(method, path, headers=headers, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def api(store: SqlStore, tmp_path: Path) -> Api:
    return Api(store, Settings(data_dir=tmp_path))


def test_post_tokens_takes_a_ttl_and_the_token_expires_with_a_401_that_says_so(api: Api) -> None:
    made = api.call(
        "POST", "/v1/tokens", json={"user": "ttl-agent", "role": "agent", "ttl_days": 2}
    )
    assert made.status_code == 201, made.text
    body = made.json()
    expires = datetime.fromisoformat(body["expires_at"])
    assert abs(expires - (datetime.now(UTC) + timedelta(days=2))) < timedelta(minutes=1)
    assert api.call("GET", "/v1/me", body["token"]).status_code == 200
    expire(api.store, body["token_id"])
    refused = api.call("GET", "/v1/me", body["token"])
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert "expired at" in refused.json()["detail"]
    assert body["token"] not in refused.text


def test_the_default_ttl_setting_applies_and_ttl_zero_means_never(
    store: SqlStore, tmp_path: Path
) -> None:
    api = Api(store, Settings(data_dir=tmp_path, token_ttl_days=30))
    default = api.call("POST", "/v1/tokens", json={"user": "d", "role": "analyst"}).json()
    expires = datetime.fromisoformat(default["expires_at"])
    assert abs(expires - (datetime.now(UTC) + timedelta(days=30))) < timedelta(minutes=1)
    never = api.call("POST", "/v1/tokens", json={"user": "n", "role": "analyst", "ttl_days": 0})
    assert never.json()["expires_at"] is None
    unset = Api(store, Settings(data_dir=tmp_path))
    assert (
        unset.call("POST", "/v1/tokens", json={"user": "u", "role": "agent"}).json()["expires_at"]
        is None
    )


@pytest.mark.parametrize("ttl", [-1, 36_501, "soon", True])
def test_a_bad_ttl_is_a_422(api: Api, ttl: object) -> None:
    response = api.call("POST", "/v1/tokens", json={"user": "x", "role": "agent", "ttl_days": ttl})
    assert response.status_code == 422
    assert "ttl_days" in response.json()["detail"]


def test_an_admin_revokes_a_token_and_its_holder_is_refused_at_once(api: Api) -> None:
    made = api.call("POST", "/v1/tokens", json={"user": "leaver", "role": "analyst"}).json()
    assert api.call("GET", "/v1/me", made["token"]).status_code == 200
    revoked = api.call("DELETE", f"/v1/tokens/{made['token_id']}")
    assert revoked.status_code == 204
    assert revoked.content == b""
    refused = api.call("GET", "/v1/me", made["token"])
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert api.call("DELETE", f"/v1/tokens/{made['token_id']}").status_code == 204  # idempotent
    missing = api.call("DELETE", "/v1/tokens/tok_missing")
    assert missing.status_code == 404
    assert "tok_missing" in missing.json()["detail"]
    listed = {row["token_id"]: row for row in api.call("GET", "/v1/tokens").json()}
    assert listed[made["token_id"]]["revoked_at"] is not None
    audit = api.call("GET", "/v1/audit-log").json()
    mine = {entry["action"] for entry in audit if entry["target_id"] == made["token_id"]}
    assert mine == {"token.created", "token.revoked"}


@pytest.mark.parametrize("role", [role for role in Role if role is not Role.ADMIN])
def test_only_admins_list_or_revoke_tokens(api: Api, role: Role) -> None:
    other = api.store.tokens.create_token(new_user(api.store, role), role=role)
    listing = api.call("GET", "/v1/tokens", other.plaintext)
    assert listing.status_code == 403
    assert "admin" in listing.json()["detail"]
    revoking = api.call("DELETE", f"/v1/tokens/{api.admin.token_id}", other.plaintext)
    assert revoking.status_code == 403
    assert api.call("GET", "/v1/me").status_code == 200  # the admin's token still works


def test_the_token_listing_never_shows_a_plaintext_or_a_hash(api: Api) -> None:
    made = api.call("POST", "/v1/tokens", json={"user": "quiet", "role": "agent"}).json()
    listing = api.call("GET", "/v1/tokens", params={"limit": 1000})
    assert listing.status_code == 200
    for secret in (made["token"], api.admin.plaintext):
        assert secret not in listing.text
        assert hash_token(secret) not in listing.text
    assert {"token", "token_hash"}.isdisjoint(listing.json()[0])
    assert api.call("GET", "/v1/tokens", params={"limit": 0}).status_code == 422


def test_the_ttl_setting_reads_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKMINE_TOKEN_TTL_DAYS", "90")
    assert load_settings().token_ttl_days == 90
    monkeypatch.setenv("TASKMINE_TOKEN_TTL_DAYS", "-1")
    with pytest.raises(ValueError, match="token_ttl_days"):
        load_settings()
