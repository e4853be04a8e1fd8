"""Importers, canonical JSON Lines: round trip, defaults, and lines that are not events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

from taskmine.domain import Element, Event, EventKind, PathNode
from taskmine.importers import RowError, import_file, iter_import


def make_events(count: int) -> list[Event]:
    start = datetime(2026, 3, 2, 9, 10, 3, 593000, tzinfo=UTC)
    kinds = list(EventKind)
    return [
        Event(
            event_id=f"e{i}",
            session_id=f"s{i % 3}",
            user_id=f"u{i % 2}",
            machine_id="pc-7",
            timestamp=start + timedelta(milliseconds=1234 * i),
            kind=kinds[i % len(kinds)],
            app="excel.exe" if i % 2 else "chrome.exe",
            window=None if i % 4 == 0 else f"Book{i}.xlsx - Excel",
            element=None
            if i % 5 == 0
            else Element(
                role="cell",
                name=f"B{i}",
                automation_id=f"id-{i}" if i % 3 else None,
                path=(PathNode(role="window", name="Book"), PathNode(role="cell", index=i)),
            ),
            value="ünïcødé\nline" if i % 7 == 0 else None,
            url=f"https://x.test/{i}?q=1" if i % 2 == 0 else None,
            attrs={"duration_ms": i, "nested": {"a": [1, 2]}, "flag": i % 2 == 0},
        )
        for i in range(count)
    ]


def write_jsonl(path: Path, events: list[Event]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(e.to_json_dict()) + b"\n" for e in events))
    return path


def test_round_trip_gives_back_equal_events(tmp_path: Path) -> None:
    events = make_events(50)
    result = import_file(write_jsonl(tmp_path / "rec.jsonl", events))
    assert result.format == "jsonl"
    assert result.errors == []
    assert result.events == events
    assert [e.to_json_dict() for e in result.events] == [e.to_json_dict() for e in events]


def test_missing_identity_fields_are_filled_from_the_import(tmp_path: Path) -> None:
    path = tmp_path / "bare.ndjson"
    path.write_text(
        '{"timestamp": "2026-03-02T09:10:03.593Z", "kind": "click", "app": "gedit"}\n'
        '{"event_id": "x", "session_id": "own", "user_id": "u9", "machine_id": "m",'
        ' "timestamp": "2026-03-02T09:10:04Z", "kind": "key", "app": "gedit"}\n',
        encoding="utf-8",
    )
    filled, own = import_file(path, user_id="alice", machine_id="pc").events
    assert (filled.event_id, filled.session_id, filled.user_id, filled.machine_id) == (
        "0",
        "bare",
        "alice",
        "pc",
    )
    assert (own.event_id, own.session_id, own.user_id, own.machine_id) == ("x", "own", "u9", "m")


def test_bad_lines_are_reported_and_the_rest_imports(tmp_path: Path) -> None:
    good = make_events(3)
    lines = [orjson.dumps(e.to_json_dict()) for e in good]
    bad_kind = orjson.dumps({**good[1].to_json_dict(), "event_id": "k", "kind": "teleport"})
    other_schema = orjson.dumps({**good[1].to_json_dict(), "schema": "taskmine.event/v2"})
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b"\n".join(
            [
                lines[0],
                b"",  # blank: not a record
                b"[1, 2]",
                bad_kind,
                other_schema,
                b'{"event_id": "e0", "session_id": "s", "user_id": "u", "machine_id": "m",'
                b' "timestamp": "2026-03-02T09:10:04Z", "kind": "key", "app": "gedit"}',
                lines[1],
                lines[2][:40],  # a recorder killed mid-write leaves a partial last line
            ]
        )
    )
    items = list(iter_import(path))
    errors = [item for item in items if isinstance(item, RowError)]
    assert [e.event_id for e in items if isinstance(e, Event)] == ["e0", "e1"]
    assert [(e.line, e.row) for e in errors] == [(3, 1), (4, 2), (5, 3), (6, 4), (8, 6)]
    assert "not an event object" in errors[0].reason
    assert errors[1].reason.startswith("kind:")
    assert "taskmine.event/v2" in errors[2].reason
    assert "used by an earlier line" in errors[3].reason
    assert "not valid JSON" in errors[4].reason


def test_naive_timestamps_are_refused_in_canonical_files(tmp_path: Path) -> None:
    path = tmp_path / "naive.jsonl"
    path.write_text(
        '{"event_id": "1", "timestamp": "2026-03-02T09:10:03", "kind": "click", "app": "a"}\n',
        encoding="utf-8",
    )
    result = import_file(path)
    assert result.events == []
    assert "time zone" in result.errors[0].reason
