"""Spool and uploader: acknowledgement, quarantine and the retry policy, against real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from recorder.localserver import IngestStub
from recorder.spool import SqliteSpool
from recorder.uploader import Backoff, Uploader, UploadStopped
from taskmine.domain import Event


def make_event(n: int, *, session: str = "s1") -> Event:
    return Event(
        event_id=f"{session}:{n}",
        session_id=session,
        user_id="u1",
        machine_id="m1",
        timestamp=datetime(2026, 3, 2, 9, 0, n % 60, tzinfo=UTC),
        kind="click",
        app="form-app",
    )


@pytest.fixture
def spool(tmp_path: Path) -> SqliteSpool:
    spool = SqliteSpool(tmp_path / "spool.sqlite3")
    yield spool
    spool.close()


@pytest.fixture
def server() -> IngestStub:
    stub = IngestStub(token="t").start()
    yield stub
    stub.stop()


def test_spool_keeps_one_copy_per_event_id_and_survives_reopening(tmp_path: Path) -> None:
    spool = SqliteSpool(tmp_path / "s.sqlite3")
    assert spool.append(make_event(1))
    assert not spool.append(make_event(1))
    spool.append(make_event(2))
    spool.close()
    reopened = SqliteSpool(tmp_path / "s.sqlite3")
    assert [item.event_id for item in reopened.pending(limit=10)] == ["s1:1", "s1:2"]
    assert reopened._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert reopened._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    reopened.close()


def test_drain_uploads_everything_once_and_empties_the_spool(
    spool: SqliteSpool, server: IngestStub
) -> None:
    for n in range(450):
        spool.append(make_event(n))
    uploader = Uploader(spool, server=server.url, project="p1", token="t", batch_size=200)
    assert uploader.drain()
    assert len(server.events) == 450
    assert len(server.bodies) == 3
    assert spool.counts() == (0, 0)
    assert uploader.stats.accepted == 450


def test_resending_after_a_lost_acknowledgement_is_deduplicated(
    spool: SqliteSpool, server: IngestStub
) -> None:
    for n in range(5):
        spool.append(make_event(n))
    server.ingest(b"[" + b",".join(i.body for i in spool.pending(limit=3)) + b"]")  # ack lost
    uploader = Uploader(spool, server=server.url, project="p1", token="t")
    uploader.drain()
    assert len(server.events) == 5
    assert uploader.stats.duplicates == 3
    assert max(server.receipts.values()) == 2


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503])
def test_retryable_statuses_back_off_then_succeed(
    spool: SqliteSpool, server: IngestStub, status: int
) -> None:
    spool.append(make_event(1))
    server.fail_next = [(status, {}), (status, {})]
    waits: list[float] = []
    uploader = Uploader(
        spool, server=server.url, project="p1", token="t", sleep=waits.append, rand=lambda: 1.0
    )
    assert uploader.drain()
    assert waits == [1.0, 2.0]  # full jitter with rand() = 1: the ceiling itself
    assert list(server.events) == ["s1:1"]


def test_retry_after_is_honoured_on_429(spool: SqliteSpool, server: IngestStub) -> None:
    spool.append(make_event(1))
    server.fail_next = [(429, {"Retry-After": "7"})]
    waits: list[float] = []
    Uploader(spool, server=server.url, project="p1", token="t", sleep=waits.append).drain()
    assert waits == [7.0]


def test_connection_errors_are_retried_with_capped_exponential_backoff(spool: SqliteSpool) -> None:
    spool.append(make_event(1))
    waits: list[float] = []
    uploader = Uploader(
        spool,
        server="http://127.0.0.1:9",
        project="p1",
        token="t",
        sleep=waits.append,
        rand=lambda: 1.0,
    )
    for _ in range(9):
        delay = uploader.upload_batch()
        assert delay is not None
        waits.append(delay)
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert spool.counts() == (1, 0)


def test_full_jitter_stays_below_the_ceiling() -> None:
    backoff = Backoff()
    assert backoff.delay(3, rand=lambda: 0.5) == 2.0
    assert backoff.delay(30, rand=lambda: 0.999) < 60


@pytest.mark.parametrize("status", [400, 403, 422])
def test_permanent_refusals_are_quarantined_not_retried(
    spool: SqliteSpool, server: IngestStub, status: int
) -> None:
    spool.append(make_event(1))
    spool.append(make_event(2))
    server.fail_next = [(status, {})]
    uploader = Uploader(spool, server=server.url, project="p1", token="t", sleep=pytest.fail)
    assert uploader.drain()
    assert spool.counts() == (0, 2)
    assert all(str(status) in (reason or "") for _, reason in spool.quarantined())
    assert server.events == {}


def test_413_splits_the_batch_before_quarantining(spool: SqliteSpool, server: IngestStub) -> None:
    for n in range(4):
        spool.append(make_event(n))
    server.fail_next = [(413, {})]
    uploader = Uploader(spool, server=server.url, project="p1", token="t", batch_size=4)
    assert uploader.drain()
    assert len(server.events) == 4
    assert spool.counts() == (0, 0)


def test_items_rejected_in_a_batch_are_quarantined_and_the_rest_acknowledged(
    spool: SqliteSpool,
) -> None:
    for n in range(3):
        spool.append(make_event(n))

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json={"accepted": 2, "duplicates": 0, "rejected": [{"index": 1, "error": "bad kind"}]},
        )

    client = httpx.Client(transport=httpx.MockTransport(answer))
    Uploader(spool, server="http://x", project="p1", token="t", client=client).drain()
    assert spool.quarantined() == [("s1:1", "bad kind")]
    assert spool.counts() == (0, 1)


def test_a_wrong_token_stops_uploading_and_keeps_the_events(
    spool: SqliteSpool, server: IngestStub
) -> None:
    spool.append(make_event(1))
    uploader = Uploader(spool, server=server.url, project="p1", token="wrong")
    with pytest.raises(UploadStopped, match="--token"):
        uploader.drain()
    assert spool.counts() == (1, 0)
