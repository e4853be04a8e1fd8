"""Importer and ingest regressions: minimised inputs that bench/fuzz_atheris.py found breaking a
guarantee (a crash other than ``ImportFormatError``, a position outside the file)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from test_fuzz_importers import GOOD_EVENT

from taskmine.api.ingest import parse_batch
from taskmine.domain import Event
from taskmine.importers import ImportFormatError, RowError, detect_format, iter_import

XES_EVENT = (
    b'<event><string key="concept:name" value="copy"/>'
    b'<date key="time:timestamp" value="2019-02-19T03:38:31.823+11:00"/></event>\n'
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (b"<log>\n<trace>\n", 2),  # libxml2 said line 3: the empty line after the last newline
        (b"<log>\n<trace>\n" + XES_EVENT + b"\n\n", 5),
        (b"\n\n", 2),
        (b"<log>\n<trace>", 2),  # no final newline: the last line is a real line
    ],
)
def test_truncated_xes_reports_a_line_the_file_has(tmp_path: Path, data: bytes, lines: int) -> None:
    items = list(iter_import(write(tmp_path, "log.xes", data), fmt="xes"))
    error = items[-1]
    assert isinstance(error, RowError)
    assert error.row == -1
    assert error.line == lines
    assert all(isinstance(item, Event) for item in items[:-1])
    assert len(items) - 1 == data.count(b"<event>")


def test_truncated_xes_says_the_error_is_at_the_end_of_the_file(tmp_path: Path) -> None:
    (error,) = iter_import(write(tmp_path, "log.xes", b"<log>\n<trace>\n"), fmt="xes")
    assert isinstance(error, RowError)
    assert "end of the file (line 2)" in error.reason


@pytest.mark.parametrize(
    "data",
    [
        b"a\rb\n",  # found by atheris: csv.Error escaped detect_format
        b"timeStamp,eventType\rx\n2020-02-25T00:36:21.105Z,copyCell\n",
    ],
)
def test_a_carriage_return_inside_the_header_is_a_format_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "log.csv", data)
    with pytest.raises(ImportFormatError, match="line endings"):
        detect_format(path)
    with pytest.raises(ImportFormatError, match="line endings"):
        list(iter_import(path))


@pytest.fixture
def default_csv_field_limit() -> Iterator[int]:
    """The csv module's own limit; it is process-wide and other tests raise it."""
    previous = csv.field_size_limit(131_072)
    try:
        yield 131_072
    finally:
        csv.field_size_limit(previous)


@pytest.mark.parametrize("quote", [b"", b'"'])
def test_a_header_cell_over_the_csv_field_limit_is_a_format_error(
    tmp_path: Path, quote: bytes, default_csv_field_limit: int
) -> None:
    data = quote + b"x" * (default_csv_field_limit + 1) + quote + b",timeStamp,eventType\n"
    path = write(tmp_path, "log.csv", data)
    with pytest.raises(ImportFormatError, match="header cell is over") as refused:
        list(iter_import(path, fmt="action_logger"))
    assert len(str(refused.value)) < 500
    with pytest.raises(ImportFormatError) as undetected:
        detect_format(path)
    assert len(str(undetected.value)) < 2000  # names huge columns by a prefix only


def test_a_refused_header_names_long_columns_by_a_prefix(tmp_path: Path) -> None:
    path = write(tmp_path, "log.csv", b"y" * 5000 + b",eventType\n")
    with pytest.raises(ImportFormatError, match="timestamp column") as refused:
        list(iter_import(path, fmt="action_logger"))
    assert len(str(refused.value)) < 1000


@pytest.mark.parametrize(
    "stamp", ["0787-03-02T08:28:08.350Z", "1969-12-31T23:59:59Z", "2100-01-01T00:00:00Z"]
)
def test_a_jsonl_time_outside_1970_2100_is_the_lines_error(tmp_path: Path, stamp: str) -> None:
    # atheris: year 787 was imported, and its own JSON form ("787-03-02...") did not parse back.
    good = {**GOOD_EVENT, "event_id": "ok"}
    lines = [orjson.dumps({**GOOD_EVENT, "timestamp": stamp}), orjson.dumps(good)]
    items = list(iter_import(write(tmp_path, "log.jsonl", b"\n".join(lines)), fmt="jsonl"))
    error, event = items
    assert isinstance(error, RowError)
    assert (error.line, error.row) == (1, 0)
    assert "1970-2100" in error.reason
    assert isinstance(event, Event)
    assert event.event_id == "ok"


def test_an_event_with_an_unparseable_url_port_is_redacted_not_rejected() -> None:
    # redact_url read urlsplit(url).port outside its try: the valid event was rejected.
    body = orjson.dumps([{**GOOD_EVENT, "url": "http://h:1:2/"}])
    batch = parse_batch(body, content_type="application/json", max_events=10)
    assert batch.rejected == []
    assert len(batch.events) == 1


def test_an_accepted_batch_event_reads_back_from_its_own_json() -> None:
    # format_timestamp wrote %Y unpadded: year 787 became "787-03-02T...Z", unreadable.
    body = orjson.dumps([{**GOOD_EVENT, "timestamp": "0787-03-02T08:28:08.350Z"}])
    batch = parse_batch(body, content_type="application/json", max_events=10)
    for event in batch.events:
        assert Event.model_validate_json(event.model_dump_json()) == event
