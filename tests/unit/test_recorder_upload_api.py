"""The uploader against the real REST API (``taskmine.api.create_app`` on a SQLite store): a
spool uploaded twice (the acknowledgement "lost" in between) is stored once, and the permission
check reads the API's answer on /v1/me/recording-permission (no data request) as "not approved"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from recorder.consent import check_recording_permission
from recorder.spool import SqliteSpool
from recorder.uploader import Uploader
from taskmine.api import create_app
from taskmine.domain import Event
from taskmine.settings import Settings, sqlite_url_for
from taskmine.storage import create_token, open_store


def make_event(n: int) -> Event:
    return Event(
        event_id=f"s1:{n}",
        session_id="s1",
        user_id="u1",
        machine_id="m1",
        timestamp=datetime(2026, 3, 2, 9, 0, n % 60, tzinfo=UTC),
        kind="click",
        app="form-app",
    )


def test_the_real_api_stores_a_twice_uploaded_spool_once(tmp_path: Path) -> None:
    store = open_store(sqlite_url_for(tmp_path / "api.db"))
    try:
        client = TestClient(create_app(Settings(data_dir=tmp_path), store=store))
        token = create_token(store, role="analyst", user="ana")
        headers = {"Authorization": f"Bearer {token}"}
        project = client.post("/v1/projects", json={"name": "recorder"}, headers=headers).json()[
            "id"
        ]
        first, second = SqliteSpool(tmp_path / "a.sqlite3"), SqliteSpool(tmp_path / "b.sqlite3")
        for n in range(30):
            first.append(make_event(n))
            second.append(make_event(n))  # the same events, as if the ack had been lost
        for spool in (first, second):
            uploader = Uploader(
                spool,
                server="http://testserver",
                project=project,
                token=token,
                client=client,
                batch_size=7,
            )
            assert uploader.drain()
            assert spool.counts() == (0, 0)
        assert uploader.stats.duplicates == 30
        assert store.events.count_events(project) == 30
        permission = check_recording_permission(
            "http://testserver",
            token=token,
            project=project,
            user="u01",
            cache=tmp_path / "perm.json",
            client=client,
        )
        assert not permission.approved
        assert "no data request names user 'u01'" in permission.reason
    finally:
        store.close()
