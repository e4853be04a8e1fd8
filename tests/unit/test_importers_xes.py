"""Importers, XES: streaming, ids, trace labels kept out, and a malformed tail."""

from __future__ import annotations

from pathlib import Path

from taskmine.domain import Event
from taskmine.importers import RowError, import_file, iter_import

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
\t<global scope="event">
\t\t<string key="concept:name" value="__INVALID__"/>
\t</global>
\t<string key="concept:name" value="whole log"/>
"""


def trace(case: str, events: str, resource: str | None = None) -> str:
    extra = f'\t\t<string key="org:resource" value="{resource}"/>\n' if resource else ""
    return (
        f'\t<trace>\n\t\t<string key="concept:name" value="{case}"/>\n'
        f'\t\t<string key="description" value="instance with id {case}"/>\n{extra}{events}\t</trace>\n'
    )


def event(name: str, stamp: str, *attrs: str) -> str:
    body = "".join(f"\t\t\t{a}\n" for a in attrs)
    return (
        f'\t\t<event>\n\t\t\t<string key="concept:name" value="{name}"/>\n'
        f'\t\t\t<string key="lifecycle:transition" value="complete"/>\n'
        f'\t\t\t<date key="time:timestamp" value="{stamp}"/>\n{body}\t\t</event>\n'
    )


def test_events_map_like_bosco_logs_and_trace_labels_stay_out(tmp_path: Path) -> None:
    path = tmp_path / "log1.xes"
    path.write_text(
        HEAD
        + trace(
            "CASE-1",
            event(
                "openFile",
                "2019-02-19T03:38:31.823+11:00",
                '<string key="source" value="Excel"/>',
                '<string key="Sheet" value="Sheet1"/>',
                '<string key="FileName" value="data.xls"/>',
            )
            + event(
                "copy",
                "2019-02-19T03:39:18.815+11:00",
                '<string key="source" value="Excel"/>',
                '<string key="Value" value="Au 58124829 XT"/>',
                '<string key="Column" value="B"/>',
                '<string key="Row" value="1"/>',
            ),
        )
        + trace(
            "CASE-2",
            event(
                "insertValue",
                "2019-02-19T03:40:00.000+11:00",
                '<string key="source" value="Web"/>',
                '<string key="Label" value="username"/>',
                '<string key="Value" value="Frank01"/>',
            ),
            resource="clerk7",
        )
        + "</log>\n",
        encoding="utf-8",
    )
    result = import_file(path)
    assert result.format == "xes"
    assert result.errors == []
    opened, copied, typed = result.events
    assert [e.event_id for e in result.events] == ["0", "1", "2"]
    assert (opened.kind, opened.app, opened.window) == ("window_open", "Excel", "data.xls - Sheet1")
    assert opened.timestamp.isoformat() == "2019-02-18T16:38:31.823000+00:00"
    assert (copied.kind, copied.value) == ("copy", "Au 58124829 XT")
    assert copied.element is not None
    assert copied.element.name == "B1"
    assert (typed.kind, typed.value, typed.user_id) == ("type", "Frank01", "clerk7")
    assert typed.element is not None
    assert typed.element.name == "username"
    assert opened.user_id == "user-1"
    assert opened.session_id == "log1"
    for item in result.events:
        dumped = item.model_dump_json()
        assert "CASE-" not in dumped
        assert "instance with id" not in dumped
        assert "complete" not in dumped
        assert "whole log" not in dumped
        assert set(item.attrs) <= {"source_event_type"}


def test_identity_id_nested_attributes_and_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "ids.xes"
    path.write_text(
        HEAD
        + trace(
            "1",
            event(
                "click",
                "2020-01-01T00:00:00Z",
                '<id key="identity:id" value="ev-a"/>',
                '<list key="keys"><string key="first" value="ctrl"/></list>',
            )
            + event("click", "2020-01-01T00:00:01Z", '<id key="identity:id" value="ev-a"/>')
            + event("click", "2020-01-01T00:00:02Z"),
        )
        + "</log>\n",
        encoding="utf-8",
    )
    items = list(iter_import(path))
    first, duplicate, positional = items
    assert isinstance(first, Event)
    assert first.event_id == "ev-a"
    assert first.attrs["keys/first"] == "ctrl"
    assert isinstance(duplicate, RowError)
    assert "used by an earlier record" in duplicate.reason
    assert duplicate.row == 1
    assert isinstance(positional, Event)
    assert positional.event_id == "2"


def test_bad_events_report_the_line_of_their_event_tag(tmp_path: Path) -> None:
    text = HEAD + trace(
        "1",
        event("click", "2020-01-01T00:00:00Z")
        + event("click", "not a time")
        + '\t\t<event>\n\t\t\t<date key="time:timestamp" value="2020-01-01T00:00:00Z"/>\n'
        "\t\t</event>\n",
    )
    path = tmp_path / "bad.xes"
    path.write_text(text + "</log>\n", encoding="utf-8")
    lines = text.splitlines()
    event_lines = [number for number, line in enumerate(lines, 1) if line.strip() == "<event>"]
    result = import_file(path)
    assert len(result.events) == 1
    assert [(e.line, e.row) for e in result.errors] == [(event_lines[1], 1), (event_lines[2], 2)]
    assert "not a time" in result.errors[0].reason
    assert "event type" in result.errors[1].reason


def test_import_streams_and_keeps_events_before_a_malformed_tail(tmp_path: Path) -> None:
    count = 10_000
    body = "".join(
        trace(
            str(t),
            "".join(event("clickButton", f"2020-01-01T00:{t % 60:02d}:00Z") for _ in range(10)),
        )
        for t in range(count // 10)
    )
    text = HEAD + body + "\t<trace>\n\t\t<event>\n\t\t\t<string key=broken\n"
    path = tmp_path / "big.xes"
    path.write_text(text, encoding="utf-8")
    progress: list[int] = []
    result = import_file(path, on_progress=lambda done, total: progress.append(done))
    # A parser that loaded the whole document would have failed before yielding anything.
    assert len(result.events) == count
    assert len(result.errors) == 1
    assert result.errors[0].line == len(text.splitlines())
    assert "malformed" in result.errors[0].reason
    assert [e.event_id for e in result.events[-2:]] == [str(count - 2), str(count - 1)]
    # Progress arrives while parsing, not once at the end.
    assert any(0 < done < path.stat().st_size for done in progress)
