"""Unit tests of the ingest stage's body handling: decoding, per-event verdicts, size guards."""

from __future__ import annotations

import gzip
import zlib
from typing import Any

import orjson
import pytest
from fastapi import HTTPException

from taskmine.api.ingest import parse_batch
from taskmine.api.limits import inflate_gzip


def event(index: int, **changes: Any) -> dict[str, Any]:
    base = {
        "event_id": f"e{index}",
        "session_id": "s1",
        "user_id": "u1",
        "machine_id": "m1",
        "timestamp": f"2026-03-02T09:10:{index % 60:02d}.593Z",
        "kind": "click",
        "app": "excel.exe",
        "window": "Book1.xlsx",
        "element": {"role": "button", "name": "Save", "path": [{"role": "window", "index": 0}]},
        "attrs": {},
    }
    base.update(changes)
    return base


def test_a_valid_json_array_yields_every_event_in_order() -> None:
    batch = parse_batch(
        orjson.dumps([event(i) for i in range(5)]), content_type="application/json", max_events=10
    )
    assert [e.event_id for e in batch.events] == ["e0", "e1", "e2", "e3", "e4"]
    assert batch.rejected == []
    assert batch.total == 5


def test_bad_events_are_rejected_with_their_index_and_the_rest_kept() -> None:
    items = [
        event(0),
        event(1, timestamp="2026-03-02T09:10:00"),  # no time zone
        event(2, kind="hover"),  # not a known kind
        "not an object",
        event(4, unknown_field=1),
        event(5),
    ]
    batch = parse_batch(
        orjson.dumps(items), content_type="application/json; charset=utf-8", max_events=10
    )
    assert [e.event_id for e in batch.events] == ["e0", "e5"]
    reasons = dict(batch.rejected)
    assert sorted(reasons) == [1, 2, 3, 4]
    assert "timestamp" in reasons[1]
    assert "time zone" in reasons[1]
    assert reasons[2].startswith("kind:")
    assert "valid dictionary" in reasons[3]
    assert "unknown_field" in reasons[4]


def test_an_event_whose_ids_hold_personal_data_is_rejected_and_the_rest_kept() -> None:
    items = [
        event(0, user_id="jane.doe@corp.example.com"),
        event(1, machine_id="+44 20 7946 0958", session_id="4111 1111 1111 1111"),
        event(2, user_id="vleno", machine_id="WS-0042"),  # plain account and host names
    ]
    batch = parse_batch(orjson.dumps(items), content_type="application/json", max_events=10)
    assert [e.event_id for e in batch.events] == ["e2"]
    reasons = dict(batch.rejected)
    assert reasons[0].startswith("user_id holds personal data")
    assert reasons[1].startswith("session_id and machine_id hold personal data")
    assert "pseudonymous" in reasons[1]
    assert all("jane" not in reason and "4111" not in reason for reason in reasons.values())


def test_ndjson_rejects_malformed_lines_alone_and_indexes_by_line() -> None:
    lines = [
        orjson.dumps(event(0)),
        b"{not json",
        b"",
        orjson.dumps(event(3)),
        orjson.dumps(event(4, app=7)),
    ]
    body = b"\n".join(lines) + b"\n"
    batch = parse_batch(body, content_type="application/x-ndjson", max_events=10)
    assert [e.event_id for e in batch.events] == ["e0", "e3"]
    reasons = dict(batch.rejected)
    assert sorted(reasons) == [1, 4]
    assert reasons[1].startswith("line 2 is not valid JSON")
    assert reasons[4].startswith("app:")
    assert batch.total == 4  # the blank line is not an event


def test_an_unparseable_json_body_is_a_400_that_says_what_to_send() -> None:
    with pytest.raises(HTTPException) as caught:
        parse_batch(b'[{"event_id": ', content_type="application/json", max_events=10)
    assert caught.value.status_code == 400
    assert "not valid JSON" in caught.value.detail
    assert "application/x-ndjson" in caught.value.detail


def test_a_json_object_instead_of_an_array_is_refused() -> None:
    with pytest.raises(HTTPException) as caught:
        parse_batch(orjson.dumps(event(0)), content_type="application/json", max_events=10)
    assert caught.value.status_code == 422
    assert "not an array" in caught.value.detail


def test_more_events_than_the_limit_is_a_413_naming_the_limit() -> None:
    with pytest.raises(HTTPException) as caught:
        parse_batch(
            orjson.dumps([event(i) for i in range(4)]),
            content_type="application/json",
            max_events=3,
        )
    assert caught.value.status_code == 413
    assert "4 events" in caught.value.detail
    assert "at most 3" in caught.value.detail


@pytest.mark.parametrize("content_type", ["application/json", "application/x-ndjson"])
def test_more_json_containers_than_the_budget_is_a_413_before_parsing(content_type: str) -> None:
    nested = orjson.dumps([event(0, attrs={"cells": [{} for _ in range(700)]})])
    if content_type == "application/x-ndjson":
        nested = nested[1:-1]
    with pytest.raises(HTTPException) as refused:
        parse_batch(nested, content_type=content_type, max_events=10)  # budget: 640
    assert refused.value.status_code == 413
    assert "640 JSON objects and arrays" in str(refused.value.detail)
    # the budget is per event of the limit: the same event alone in a larger batch is fine
    batch = parse_batch(nested, content_type=content_type, max_events=20)
    assert len(batch.events) == 1


def test_an_unknown_content_type_is_a_415() -> None:
    with pytest.raises(HTTPException) as caught:
        parse_batch(b"a,b\n", content_type="text/csv", max_events=10)
    assert caught.value.status_code == 415


def test_gzip_bodies_inflate_including_several_members() -> None:
    payload = orjson.dumps([event(i) for i in range(20)])
    assert inflate_gzip(gzip.compress(payload), limit=len(payload)) == payload
    two_members = gzip.compress(payload[:100]) + gzip.compress(payload[100:])
    assert inflate_gzip(two_members, limit=len(payload)) == payload


def test_a_gzip_bomb_stops_at_the_decoded_limit() -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MiB in ~64 KiB
    assert len(bomb) < 100_000
    with pytest.raises(HTTPException) as caught:
        inflate_gzip(bomb, limit=1024 * 1024)
    assert caught.value.status_code == 413
    assert "inflates to more than 1048576 bytes" in caught.value.detail


def test_corrupt_or_truncated_gzip_is_a_400() -> None:
    good = gzip.compress(b"[]" * 1000)
    for broken in (b"not gzip at all", good[: len(good) // 2]):
        with pytest.raises(HTTPException) as caught:
            inflate_gzip(broken, limit=1 << 20)
        assert caught.value.status_code == 400


def test_zlib_is_not_mistaken_for_gzip() -> None:
    with pytest.raises(HTTPException) as caught:
        inflate_gzip(zlib.compress(b"[]"), limit=1 << 20)
    assert caught.value.status_code == 400
