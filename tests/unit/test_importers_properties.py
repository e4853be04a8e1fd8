"""Importers, properties: garbage never crashes an import, and every record comes out once."""

from __future__ import annotations

import csv
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taskmine.domain import Event
from taskmine.importers import RowError, iter_import

HEADER = b"timeStamp,userID,targetApp,eventType,url,content,target.id,target.tagName,Task\n"
GOOD_ROW = "2020-02-25T00:36:21.105Z,vleno,Excel,copyCell,,John,A2,,Reimbursement"
CSV_CHARS = st.sampled_from(list(',"\n\t;xyzAZ09:-. \\\u00e9\u2028'))

text_lines = st.one_of(
    st.just(GOOD_ROW),
    st.text(alphabet=CSV_CHARS, max_size=60),
    st.text(max_size=40).filter(lambda t: "\r" not in t and "\x00" not in t),
    st.builds(lambda cut: GOOD_ROW[:cut], st.integers(0, len(GOOD_ROW))),
)
byte_lines = st.one_of(text_lines.map(lambda t: t.encode("utf-8")), st.binary(max_size=40))
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def import_bytes(name: str, data: bytes) -> list[Event | RowError]:
    with TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(iter_import(path))


def check_every_record_once(items: list[Event | RowError], *, lines: int) -> None:
    # Events carry their record number as event_id (no id column / key in these inputs).
    rows = [item.row if isinstance(item, RowError) else int(item.event_id) for item in items]
    assert rows == list(range(len(items)))
    for item in items:
        if isinstance(item, RowError):
            assert 1 <= item.line <= lines
            assert item.reason
        else:
            assert isinstance(item, Event)
            assert Event.model_validate_json(item.model_dump_json()) == item
            assert "Reimbursement" not in item.model_dump_json()  # the Task label


@FAST
@given(st.lists(byte_lines, max_size=25))
def test_garbage_csv_lines_never_crash_and_each_record_comes_out_once(body: list[bytes]) -> None:
    data = HEADER + b"\n".join(body) + b"\n"
    items = import_bytes("garbage.csv", data)
    check_every_record_once(items, lines=data.count(b"\n"))


@FAST
@given(st.lists(text_lines, max_size=25))
def test_record_count_matches_the_csv_module(body: list[str]) -> None:
    text = HEADER.decode() + "\n".join(body) + "\n"
    items = import_bytes("text.csv", text.encode("utf-8"))
    expected = 0
    reader = csv.reader(_lines(text)[1:])
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            row = ["error"]
        expected += bool(row)
    assert len(items) == expected
    check_every_record_once(items, lines=text.count("\n"))


@FAST
@given(st.lists(byte_lines, max_size=25))
def test_garbage_jsonl_lines_never_crash(body: list[bytes]) -> None:
    good = b'{"timestamp": "2026-03-02T09:10:03.593Z", "kind": "click", "app": "a"}'
    data = b"\n".join([good, *body])
    items = import_bytes("garbage.jsonl", data)
    check_every_record_once(items, lines=data.count(b"\n") + 1)
    assert isinstance(items[0], Event)


def _lines(text: str) -> list[str]:
    # Physical lines split on "\n" only, as the importer reads them.
    return [line + "\n" for line in text.split("\n")[:-1]]
