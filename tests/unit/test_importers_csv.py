"""Importers, CSV readers (Action Logger, SmartRPA, Fiori): mapping rules and bad records."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from taskmine.domain import Event
from taskmine.importers import ImportFormatError, RowError, import_file, iter_import

ACTION_LOGGER_HEADER = (
    "timeStamp,userID,targetApp,eventType,url,content,target.workbookName,target.sheetName,"
    "target.id,target.class,target.tagName,target.type,target.name,target.value,"
    "target.innerText,Task,idx"
)


def write_rows(path: Path, header: str, rows: list[list[str]], *, delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header.split(","))
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def action_row(**values: str) -> list[str]:
    columns = ACTION_LOGGER_HEADER.split(",")
    unknown = set(values) - {c.replace(".", "_") for c in columns}
    assert not unknown, unknown
    return [values.get(column.replace(".", "_"), "") for column in columns]


def only_event(path: Path) -> Event:
    result = import_file(path)
    assert result.errors == []
    assert len(result.events) == 1
    return result.events[0]


def test_copy_cell_becomes_copy_with_workbook_sheet_cell_path(tmp_path: Path) -> None:
    row = action_row(
        timeStamp="2019-10-21T00:10:09.640Z",
        userID="vleno",
        targetApp="Excel",
        eventType="copyCell",
        content="John",
        target_workbookName="StudentRecords.xlsx",
        target_sheetName="Sheet1",
        target_id="A2",
        target_value="John",
        Task="StudentRecord",
        idx="0",
    )
    event = only_event(write_rows(tmp_path / "sr.csv", ACTION_LOGGER_HEADER, [row]))
    assert event.kind == "copy"
    assert event.value == "John"
    assert event.app == "Excel"
    assert event.user_id == "vleno"
    assert event.window == "StudentRecords.xlsx - Sheet1"
    assert event.timestamp == datetime(2019, 10, 21, 0, 10, 9, 640000, tzinfo=UTC)
    assert event.element is not None
    assert (event.element.role, event.element.name) == ("cell", "A2")
    assert [(n.role, n.name) for n in event.element.path] == [
        ("document spreadsheet", "StudentRecords.xlsx"),
        ("page tab", "Sheet1"),
        ("cell", "A2"),
    ]
    # the duplicate of the copied value is not kept as if it described the element
    assert event.attrs == {"source_event_type": "copyCell"}


def test_ground_truth_columns_never_reach_the_event(tmp_path: Path) -> None:
    header = ",caseID,timeStamp,eventType,targetApp,Task,idx,lifecycle:transition,case:concept:name"
    rows = [["0", "7", "2020-01-01T00:00:00Z", "clickButton", "Chrome", "T", "3", "complete", "9"]]
    event = only_event(write_rows(tmp_path / "gt.csv", header, rows))
    dumped = event.model_dump_json()
    assert event.attrs == {"source_event_type": "clickButton"}
    for label in ('"7"', '"T"', '"3"', "complete", '"9"'):
        assert label not in dumped


def test_unmapped_columns_are_kept_in_attrs_under_their_names(tmp_path: Path) -> None:
    header = "timeStamp,eventType,targetApp,target.href,target.checked,extra"
    rows = [["2020-01-01T00:00:00Z", "clickLink", "Chrome", "https://x.test/a", "", "kept"]]
    event = only_event(write_rows(tmp_path / "a.csv", header, rows))
    assert event.attrs == {
        "source_event_type": "clickLink",
        "target.href": "https://x.test/a",
        "extra": "kept",
    }
    assert event.element is not None
    assert event.element.role == "link"


@pytest.mark.parametrize(
    ("tag", "input_type", "role"),
    [
        ("INPUT", "text", "text"),
        ("INPUT", "checkbox", "check box"),
        ("INPUT", "submit", "push button"),
        ("BUTTON", "", "push button"),
        ("A", "", "link"),
        ("SELECT", "", "combo box"),
        ("TEXTAREA", "", "text"),
        ("CUSTOM-WIDGET", "", "custom-widget"),
    ],
)
def test_role_comes_from_tag_and_input_type(
    tmp_path: Path, tag: str, input_type: str, role: str
) -> None:
    row = action_row(
        timeStamp="2020-01-01T00:00:00Z",
        targetApp="Chrome",
        eventType="clickButton",
        url="https://x.test",
        target_tagName=tag,
        target_type=input_type,
        target_name="field",
    )
    event = only_event(write_rows(tmp_path / "r.csv", ACTION_LOGGER_HEADER, [row]))
    assert event.element is not None
    assert event.element.role == role


def test_dom_id_is_automation_id_and_xpath_becomes_path(tmp_path: Path) -> None:
    header = "timeStamp,eventType,targetApp,target.id,target.css,target.tagName,x,y"
    xpath = "/*[name()='HTML']/*[name()='BODY'][1]/*[name()='DIV'][3]/*[name()='INPUT'][2]"
    rows = [
        ["2022-07-22T12:05:45.702Z", "click", "Fiori", xpath, "div > input", "INPUT", "6.0", "148"],
        ["2022-07-22T12:05:46.702Z", "click", "Fiori", "btnSave", "", "BUTTON", "1", "2"],
    ]
    result = import_file(write_rows(tmp_path / "TF_x.csv", header, rows))
    assert result.format == "fiori"
    first, second = result.events
    assert first.element is not None
    assert second.element is not None
    assert first.element.automation_id is None
    assert [(n.role, n.index) for n in first.element.path] == [
        ("document web", None),
        ("body", 0),
        ("panel", 2),
        ("text", 1),
    ]
    assert first.attrs["x"] == 6.0
    assert first.attrs["y"] == 148.0
    assert second.element.automation_id == "btnSave"
    assert second.element.path == ()


def test_naive_timestamps_are_taken_as_utc_and_flagged(tmp_path: Path) -> None:
    header = "timeStamp,eventType,targetApp"
    rows = [
        ["2021-06-23 12:54:52.993000", "copy", "Clipboard"],
        ["2019-02-22 06:25:04.111000+11:00", "copy", "Clipboard"],
    ]
    naive, offset = import_file(write_rows(tmp_path / "t.csv", header, rows)).events
    assert naive.timestamp == datetime(2021, 6, 23, 12, 54, 52, 993000, tzinfo=UTC)
    assert naive.attrs["timestamp_assumed_utc"] is True
    assert offset.timestamp == datetime(2019, 2, 21, 19, 25, 4, 111000, tzinfo=UTC)
    assert "timestamp_assumed_utc" not in offset.attrs


def test_missing_app_is_guessed_and_says_so(tmp_path: Path) -> None:
    header = "timeStamp,eventType,targetApp,url,target.workbookName"
    rows = [
        ["2020-01-01T00:00:00Z", "goToUrl", "", "www.webpage.com", ""],
        ["2020-01-01T00:00:01Z", "openFile", "", "", "data.xls"],
        ["2020-01-01T00:00:02Z", "clickButton", "", "", ""],
    ]
    web, sheet, unknown = import_file(write_rows(tmp_path / "g.csv", header, rows)).events
    assert (web.app, web.attrs["app_guessed_from"]) == ("browser", "url")
    assert (sheet.app, sheet.attrs["app_guessed_from"]) == ("Excel", "workbook")
    assert (unknown.app, unknown.attrs["app_guessed_from"]) == ("unknown", "nothing")


def test_user_falls_back_to_argument_then_default(tmp_path: Path) -> None:
    header = "timeStamp,eventType,targetApp,userID"
    rows = [
        ["2020-01-01T00:00:00Z", "copy", "X", "alice"],
        ["2020-01-01T00:00:01Z", "copy", "X", ""],
    ]
    path = write_rows(tmp_path / "u.csv", header, rows)
    first, second = import_file(path).events
    assert (first.user_id, second.user_id) == ("alice", "user-1")
    assert first.session_id == "u"  # the file name's stem
    _, given = import_file(path, user_id="bob", session_id="s9").events
    assert (given.user_id, given.session_id) == ("bob", "s9")


def test_password_field_values_are_never_imported(tmp_path: Path) -> None:
    typed = action_row(
        timeStamp="2020-01-01T00:00:00Z",
        targetApp="Chrome",
        eventType="editField",
        target_tagName="INPUT",
        target_type="password",
        target_value="hunter2",
    )
    pasted = action_row(
        timeStamp="2020-01-01T00:00:01Z",
        targetApp="Chrome",
        eventType="paste",
        content="hunter2",
        target_tagName="INPUT",
        target_type="password",
        target_value="hunter2x",
    )
    path = write_rows(tmp_path / "p.csv", ACTION_LOGGER_HEADER, [typed, pasted])
    for event in import_file(path).events:
        assert event.value is None
        assert "hunter2" not in event.model_dump_json()
        assert event.attrs["value_withheld"] == "password field"


def test_a_second_differing_value_is_kept_apart_from_element_attrs(tmp_path: Path) -> None:
    row = action_row(
        timeStamp="2020-02-25T01:54:01.890Z",
        targetApp="Excel",
        eventType="copyCell",
        content="3315",
        target_workbookName="reimbursement.xlsx",
        target_id="C5",
        target_value="01-3315-00-5691",
    )
    event = only_event(write_rows(tmp_path / "part.csv", ACTION_LOGGER_HEADER, [row]))
    assert event.value == "3315"
    assert event.attrs["other_values"] == {"target.value": "01-3315-00-5691"}
    assert "target.value" not in event.attrs


def test_semicolon_file_with_r_na_markers(tmp_path: Path) -> None:
    header = "timeStamp,userID,targetApp,eventType,target.class,target.value"
    rows = [["2019-03-20T04:36:59.755Z", "vleno", "Chrome", "editField", "NA", "NA"]]
    event = only_event(write_rows(tmp_path / "old.csv", header, rows, delimiter=";"))
    assert event.element is None or event.element.class_name is None
    assert "target.class" not in event.attrs
    assert event.value == "NA"  # in a value column "NA" may be what was typed


def test_event_id_is_the_record_number_even_across_multiline_fields(tmp_path: Path) -> None:
    header = "timeStamp,eventType,targetApp,content"
    rows = [
        ["2020-01-01T00:00:00Z", "copy", "Clipboard", "line one\nline two\nline three"],
        ["2020-01-01T00:00:01Z", "paste", "Chrome", "x"],
    ]
    events = import_file(write_rows(tmp_path / "m.csv", header, rows)).events
    assert [e.event_id for e in events] == ["0", "1"]
    assert events[0].value == "line one\nline two\nline three"


def test_broken_rows_report_their_line_and_the_rest_still_imports(tmp_path: Path) -> None:
    text = (
        "timeStamp,eventType,targetApp,content\n"
        '2020-01-01T00:00:00Z,copy,Clipboard,"two\nlines"\n'  # record 0, lines 2-3
        "2020-01-01T00:00:01Z,paste,Chrome\n"  # record 1, line 4: a field short
        "yesterday,paste,Chrome,x\n"  # record 2, line 5: bad timestamp
        "\n"  # line 6: blank, not a record
        "2020-01-01T00:00:03Z,,Chrome,x\n"  # record 3, line 7: no event type
        "2020-01-01T00:00:04Z,paste,Chrome,ok\n"  # record 4, line 8
    )
    path = tmp_path / "broken.csv"
    path.write_text(text, encoding="utf-8")
    items = list(iter_import(path))
    assert [type(item).__name__ for item in items] == [
        "Event",
        "RowError",
        "RowError",
        "RowError",
        "Event",
    ]
    errors = [item for item in items if isinstance(item, RowError)]
    assert [(e.line, e.row) for e in errors] == [(4, 1), (5, 2), (7, 3)]
    assert "3 fields but the header has 4" in errors[0].reason
    assert "yesterday" in errors[1].reason
    assert "event type" in errors[2].reason
    assert [e.event_id for e in items if isinstance(e, Event)] == ["0", "4"]


def test_binary_junk_and_huge_fields_become_row_errors(tmp_path: Path) -> None:
    good = b"2020-01-01T00:00:00Z,copy,Clipboard,ok\n"
    data = (
        b"timeStamp,eventType,targetApp,content\n"
        + good
        + b"2020-01-01T00:00:01Z,copy,Clipboard,\xff\xfe\xfa\n"
        + b"2020-01-01T00:00:02Z,copy,Clip\x00board,x\n"
        + b"2020-01-01T00:00:03Z,copy,Clipboard,"
        + b"a" * 150_000
        + b"\n"
        + good
    )
    path = tmp_path / "junk.csv"
    path.write_bytes(data)
    result = import_file(path)
    assert len(result.events) == 2
    assert [(e.line, e.row) for e in result.errors] == [(3, 1), (4, 2), (5, 3)]
    assert "UTF-8" in result.errors[0].reason
    assert "NUL" in result.errors[1].reason
    # the csv module's own limit or ours, whichever is lower: both say what was wrong
    assert "over the" in result.errors[2].reason
    assert "limit" in result.errors[2].reason
    assert [e.event_id for e in result.events] == ["0", "4"]


def test_a_quote_never_closed_does_not_swallow_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(
        "timeStamp,eventType,targetApp,content\n"
        '2020-01-01T00:00:00Z,copy,Clipboard,"unterminated\n'
        + "".join(f"2020-01-01T00:00:0{i % 10}Z,paste,Chrome,x\n" for i in range(5)),
        encoding="utf-8",
    )
    result = import_file(path)
    # The open quote swallows up to the end: one record, reported, nothing left unaccounted for.
    assert result.events == []
    assert len(result.errors) == 1
    assert result.errors[0].line == 2


def test_explicit_id_column_is_used_and_duplicates_are_reported(tmp_path: Path) -> None:
    header = "event_id,timeStamp,eventType,targetApp"
    rows = [
        ["a1", "2020-01-01T00:00:00Z", "copy", "X"],
        ["a1", "2020-01-01T00:00:01Z", "copy", "X"],
        ["b2", "2020-01-01T00:00:02Z", "copy", "X"],
    ]
    result = import_file(write_rows(tmp_path / "ids.csv", header, rows))
    assert [e.event_id for e in result.events] == ["a1", "b2"]
    assert [(e.line, e.row) for e in result.errors] == [(3, 1)]
    assert "used by an earlier record" in result.errors[0].reason


def test_header_without_required_columns_is_refused(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "h.csv", "time,action", [["1", "2"]])
    with pytest.raises(ImportFormatError, match="timestamp column"):
        import_file(path, fmt="action_logger")


def test_progress_reaches_the_file_size(tmp_path: Path) -> None:
    header = "timeStamp,eventType,targetApp"
    rows = [[f"2020-01-01T00:00:{i % 60:02d}Z", "copy", "X"] for i in range(20_000)]
    path = write_rows(tmp_path / "big.csv", header, rows)
    seen: list[tuple[int, int]] = []
    result = import_file(path, on_progress=lambda done, total: seen.append((done, total)))
    assert len(result.events) == 20_000
    assert len(seen) >= 2
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)
    assert 0 < seen[0][0] < path.stat().st_size


def test_own_field_limit_applies_when_the_csv_module_allows_more(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        "timeStamp,eventType,targetApp,content\n"
        f"2020-01-01T00:00:00Z,copy,Clipboard,{'b' * 120_000}\n"
        "2020-01-01T00:00:01Z,copy,Clipboard,ok\n",
        encoding="utf-8",
    )
    previous = csv.field_size_limit(10**9)  # process-wide; other code may have raised it too
    try:
        result = import_file(path)
    finally:
        csv.field_size_limit(previous)
    assert [(e.line, e.row) for e in result.errors] == [(2, 0)]
    assert "'content' holds 120,000 characters" in result.errors[0].reason
    assert [e.event_id for e in result.events] == ["1"]
