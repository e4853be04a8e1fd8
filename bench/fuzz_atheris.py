"""Importer fuzzing (issue 9 §5): atheris (libFuzzer, coverage-guided) on the CSV, XES and JSON
Lines importers and the events:batch body, asserting the import guarantees, not only "no crash".

    .venv/bin/python bench/fuzz_atheris.py csv --seconds 300
    .venv/bin/python bench/fuzz_atheris.py xes|jsonl|batch-json|batch-ndjson --seconds 300
    .venv/bin/python bench/fuzz_atheris.py csv --reproduce crash-<sha1>   # one input, traceback

One target per input kind. The seed corpus is built in a temp dir from small valid inputs made
here (``taskmine.samples`` events and hand-written Action Logger / SmartRPA / XES records). The
run is a child process so that its libFuzzer statistics can be read and summarised at the end;
``-timeout`` caps the time of one input (a hang is a failure like a crash). Each harness
(``check_<kind>``) asserts, on every input:
- only the documented refusal escapes: ``ImportFormatError`` before the first record (files),
  an ``HTTPException`` 400 / 413 / 422 with the status the body deserves (batches);
- every rejected record carries a position inside the input (line, record index, event index),
  records are numbered without gaps, and accepted + rejected accounts for every record that an
  independent reading of the input (the ``csv`` module, a full lxml parse, a line split) finds;
- every record that is plainly good is kept, every record that is plainly bad is rejected, and
  every kept event survives a JSON round trip; ground-truth columns never reach an event.
Crash inputs land in ``--artifacts`` (default: a temp dir, printed); libFuzzer stops at the first.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

CHILD_ENV = "TASKMINE_FUZZ_TARGET"
SCRATCH_ENV = "TASKMINE_FUZZ_SCRATCH"
MAX_EVENTS = 50  # batch limit in the harness: small, so the 413 path is reachable
# A value the importers must accept as it is: no quotes, slashes, colons or line breaks.
_PLAIN = re.compile(r"[A-Za-z0-9 ._@-]{0,40}")
_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9:._-]{0,30}")
_ISO = re.compile(r"(19[7-9][1-9]|20\d\d)-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)")
_CSV_TYPES = frozenset({"clickButton", "copyCell", "editField", "paste", "navigate_to"})
# The importers take times outside these years for a parsing accident (documented).
_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_INSTRUMENTED = ["taskmine.importers", "taskmine.api.ingest", "taskmine.domain", "taskmine.privacy"]


# ---------------------------------------------------------------------------------------------
# Harnesses: one input in, an AssertionError out if a guarantee is broken.


def check_csv(data: bytes) -> None:
    """Action Logger / SmartRPA / Fiori CSV through ``iter_import``."""
    from taskmine.importers import detect_format

    path = _scratch("log.csv", data)
    try:
        fmt = detect_format(path)
    except _import_format_error():
        fmt = "action_logger"
    items = _import(path, "action_logger" if fmt in ("xes", "jsonl") else fmt)
    if items is None:
        return
    lines = _physical_lines(data)
    header = _csv_header(data)
    from taskmine.importers.columns import EVENT_ID, find_column, is_hidden_column

    has_ids = header is not None and find_column(header, EVENT_ID) is not None
    _check_items(items, lines=lines, numbered=not has_ids)
    for item in items:
        if _is_event(item):
            leaked = [key for key in item.attrs if is_hidden_column(key)]
            assert not leaked, f"ground-truth columns reached the event: {leaked}"
    expected = _csv_records(data)
    if expected is None:
        return  # binary junk in the body: only the per-item checks apply
    assert len(items) == len(expected), (
        f"{len(items)} items for the {len(expected)} records the csv module reads"
    )
    for index, (item, (start, verdict)) in enumerate(zip(items, expected, strict=True)):
        if not _is_event(item):
            assert item.line == start, f"record {index} starts at line {start}, not {item.line}"
        if verdict == "bad":
            assert not _is_event(item), f"record {index} (line {start}) is malformed but imported"
        elif verdict == "good" and not has_ids:
            assert _is_event(item), f"plainly good record {index} (line {start}) rejected: {item}"


def check_xes(data: bytes) -> None:
    """XES through ``iter_import``, against a full (non-streaming) parse of the same bytes."""
    path = _scratch("log.xes", data)
    items = _import(path, "xes")
    if items is None:
        return
    lines = _physical_lines(data)
    terminal = [item for item in items if not _is_event(item) and item.row == -1]
    assert len(terminal) <= 1, "more than one end-of-document error"
    if terminal:
        assert items[-1] is terminal[0], "records after the end-of-document error"
        assert 1 <= terminal[0].line <= max(lines, 1), (
            f"malformed-XML error at line {terminal[0].line} of {lines}"
        )
        records = items[:-1]
    else:
        records = items
    events = _xes_events(data)
    # Without an id attribute anywhere, an event's id is its index in file order.
    _check_items(records, lines=lines, numbered=events is not None and not events[1])
    if events is None:
        assert terminal, "lxml cannot parse the document, yet the import reported no error"
        return
    assert not terminal, f"a well-formed document was reported malformed: {terminal[0]}"
    found = events[0]
    assert len(records) == len(found), f"{len(records)} items for {len(found)} <event>s"
    for index, (item, (line, good)) in enumerate(zip(records, found, strict=True)):
        if not _is_event(item):
            assert item.line == line, f"event {index} is at line {line}, not {item.line}"
        assert _is_event(item) or not good, f"plainly good <event> {index} rejected: {item}"


def check_jsonl(data: bytes) -> None:
    """Canonical JSON Lines through ``iter_import``, each line judged by the ``Event`` model."""
    path = _scratch("log.jsonl", data)
    items = _import(path, "jsonl")
    assert items is not None, "a JSON Lines import refused the whole file"
    _check_items(items, lines=_physical_lines(data), numbered=False)
    expected = _jsonl_records(data, session_id="log")
    assert len(items) == len(expected), f"{len(items)} items for {len(expected)} lines"
    for index, (item, (line, good)) in enumerate(zip(items, expected, strict=True)):
        if not _is_event(item):
            assert item.line == line, f"record {index} is on line {line}, not {item.line}"
        assert _is_event(item) == good, f"line {line}: expected {'event' if good else 'error'}"


def check_batch_json(data: bytes) -> None:
    """A JSON-array events:batch body through ``parse_batch``."""
    import orjson

    try:
        document: Any = orjson.loads(data)
    except orjson.JSONDecodeError:
        _expect_refusal(data, "application/json", 400)
        return
    if not isinstance(document, list):
        _expect_refusal(data, "application/json", 422)
        return
    if len(document) > MAX_EVENTS:
        _expect_refusal(data, "application/json", 413)
        return
    _check_batch(data, "application/json", list(enumerate(document)))


def check_batch_ndjson(data: bytes) -> None:
    """An NDJSON events:batch body through ``parse_batch``: one verdict per non-blank line."""
    import orjson

    records: list[tuple[int, Any]] = []
    for number, line in enumerate(data.split(b"\n")):
        if line.strip():
            try:
                records.append((number, orjson.loads(line)))
            except orjson.JSONDecodeError:
                records.append((number, _NOT_JSON))
    if len(records) > MAX_EVENTS:
        _expect_refusal(data, "application/x-ndjson", 413)
        return
    _check_batch(data, "application/x-ndjson", records)


@dataclass(frozen=True, slots=True)
class Target:
    check: Callable[[bytes], None]
    seeds: Callable[[], Iterator[bytes]]


# ---------------------------------------------------------------------------------------------
# Seed corpora: small valid inputs, built here (never copied from the shared datasets).

_AL_HEADER = (
    "timeStamp,userID,targetApp,eventType,url,content,target.workbookName,target.sheetName,"
    "target.id,target.tagName,target.type,target.name,target.value,Task"
)
_AL_ROWS = (
    "2020-02-25T00:36:16.639Z,vleno,Chrome,navigate_to,https://form.example.com/2004,,,,,,,,,R",
    "2020-02-25T00:36:21.105Z,vleno,Excel,copyCell,,John Doe,reimb.xlsx,Students,A2,,,,John,R",
    "2020-02-25T00:36:24.001Z,vleno,Chrome,clickTextField,https://form.example.com/2004,,,,"
    'first_3,input,text,"Name, first",,R',
    "2020-02-25T00:36:25.500Z,vleno,Chrome,paste,https://form.example.com/2004,John Doe,,,"
    "first_3,input,text,,John Doe,R",
    '2020-02-25T00:36:29.010Z,vleno,Chrome,editField,,,,,pw,input,password,Password,"s3cr,et",R',
    "2020-02-25T00:36:31.777Z,vleno,Chrome,clickButton,,,,,/html/body/form/button[2],button,,"
    "Submit,,R",
)
_SMARTRPA = (
    "case:concept:name,category,application,concept:name,time:timestamp,org:resource,"
    "tag_type,tag_innerText,xpath_full,clipboard_content,mouse_coord\n"
    "1,Browser,Chrome,clickButton,2021-06-23 12:54:52.993000,alice,submit,Save,"
    '/html/body/div[1]/button,,"310,220"\n'
    "1,MicrosoftOffice,Excel,copy,2021-06-23 12:54:58.100000+02:00,alice,,,,42.50,\n"
    "2,OperatingSystem,Explorer,created,1624452900,alice,,,,,\n"
)
_FIORI = (
    "timeStamp;eventType;target.id;target.css;x;y;target.value\n"
    "2022-01-10T09:00:00.000Z;click;__button1;sapMBtn;512;300;\n"
    "2022-01-10T09:00:02.250Z;input;__input0-inner;sapMInputBaseInner;;;4711\n"
)
_BOSCO = (
    "eventType;timeStamp;source;Label;Value;Sheet;caseID\n"
    "insertValue;2019-02-19T03:38:31.823+11:00;Excel;amount;12.5;Sheet1;7\n"
    "NA;2019-02-19T03:38:33.000+11:00;Chrome;NA;NA;NA;7\n"
)


def seed_csv() -> Iterator[bytes]:
    rows = list(_AL_ROWS)
    yield (_AL_HEADER + "\n" + "\n".join(rows) + "\n").encode()
    yield ("\ufeff" + _AL_HEADER + "\r\n" + "\r\n".join(rows[:3]) + "\r\n").encode()
    yield (
        _AL_HEADER + "\n" + rows[0] + "\n2020-02-25T00:36:40.000Z,vleno,Notepad,editField,,"
        '"two\nlines",,,,textarea,,Notes,,R\n\n' + rows[1]
    ).encode()
    yield (_AL_HEADER + "\nnot a time,vleno,Excel,copyCell,,x,,,A2,,,,,R\n" + rows[1]).encode()
    yield (
        "event_id," + _AL_HEADER + "\n" + "\n".join(f"id{n},{r}" for n, r in enumerate(rows))
    ).encode()
    yield _SMARTRPA.encode()
    yield _FIORI.encode()
    yield _BOSCO.encode()
    yield _samples_as_csv().encode()


def _samples_as_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["timeStamp", "userID", "targetApp", "eventType", "url", "target.name"])
    kinds = {"click": "clickButton", "type": "editField", "copy": "copyCell", "paste": "paste"}
    for event in _sample_events(8):
        name = event.element.name if event.element else ""
        stamp = event.timestamp.isoformat()
        writer.writerow(
            [
                stamp,
                event.user_id,
                event.app,
                kinds.get(event.kind, event.kind),
                event.url or "",
                name,
            ]
        )
    return out.getvalue()


_XES_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<log xes.version="1.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">\n'
    '<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>\n'
    '<global scope="event"><string key="concept:name" value="__INVALID__"/></global>\n'
)


def _xes_event(name: str, stamp: str, *extra: str) -> str:
    return (
        f'<event><string key="concept:name" value="{name}"/>'
        f'<date key="time:timestamp" value="{stamp}"/>' + "".join(extra) + "</event>\n"
    )


def seed_xes() -> Iterator[bytes]:
    copy = _xes_event(
        "copyCell",
        "2019-02-19T03:38:31.823+11:00",
        '<string key="source" value="Excel"/>',
        '<string key="Value" value="12.5"/>',
        '<string key="lifecycle:transition" value="complete"/>',
    )
    click = _xes_event(
        "clickButton",
        "2019-02-19T03:38:35.000Z",
        '<string key="source" value="Chrome"/>',
        '<string key="Label" value="Save"><string key="lang" value="en"/></string>',
    )
    trace = '<trace><string key="concept:name" value="1"/><string key="org:resource" value="bo"/>'
    yield (_XES_HEAD + trace + copy + click + "</trace>\n</log>\n").encode()
    yield (
        _XES_HEAD + "<trace>" + copy + _xes_event("paste", "yesterday") + "</trace></log>"
    ).encode()
    ids = _xes_event("click", "2019-02-19T03:39:00Z", '<id key="identity:id" value="a-1"/>')
    yield (
        _XES_HEAD + "<trace>" + ids + ids + "</trace><trace>" + click + "</trace></log>"
    ).encode()
    yield (_XES_HEAD + "<trace>" + copy + "<event><string key=").encode()  # truncated
    body = "".join(
        _xes_event(
            event.kind, event.timestamp.isoformat(), f'<string key="source" value="{event.app}"/>'
        )
        for event in _sample_events(6)
    )
    yield (_XES_HEAD + "<trace>" + body + "</trace></log>\n").encode()


def seed_jsonl() -> Iterator[bytes]:
    lines = [event.model_dump_json().encode() for event in _sample_events(6)]
    yield b"\n".join(lines[:3]) + b"\n"
    yield b'{"schema": "taskmine.event/v1", "timestamp": "2026-03-02T09:10:03.593Z", "kind": "click", "app": "a"}\n'
    yield lines[3] + b"\n\n" + lines[3] + b"\n" + lines[4][:60]  # duplicate id, truncated line
    yield (
        b'{"timestamp": "2026-03-02T09:10:03Z", "kind": "teleport", "app": "a"}\n[1, 2]\n'
        + lines[5]
    )


def seed_batch_json() -> Iterator[bytes]:
    import orjson

    events = [event.to_json_dict() for event in _sample_events(4)]
    yield orjson.dumps(events[:1])
    yield orjson.dumps(events[1:4])
    yield orjson.dumps([events[0], {**events[1], "timestamp": "yesterday"}, "x", {"event_id": "e"}])
    yield b"[]"


def seed_batch_ndjson() -> Iterator[bytes]:
    import orjson

    lines = [orjson.dumps(event.to_json_dict()) for event in _sample_events(4)]
    yield b"\n".join(lines[:2]) + b"\n"
    yield lines[2] + b"\r\n\r\n" + lines[3][:50] + b"\n" + b'{"kind": "click"}'
    yield b"\n".join([lines[0], b"[1]", b"null", lines[1]])


def _sample_events(count: int) -> list[Any]:
    from itertools import islice

    from taskmine.samples.generator import generate_events

    return list(islice(generate_events(users=1, days=1, seed=11), count))


TARGETS = {
    "csv": Target(check_csv, seed_csv),
    "xes": Target(check_xes, seed_xes),
    "jsonl": Target(check_jsonl, seed_jsonl),
    "batch-json": Target(check_batch_json, seed_batch_json),
    "batch-ndjson": Target(check_batch_ndjson, seed_batch_ndjson),
}


# ---------------------------------------------------------------------------------------------
# Running: the parent builds the corpus, runs the child (the fuzz loop) and summarises.


def main() -> int:
    child = os.environ.get(CHILD_ENV)
    if child:
        return _fuzz_in_this_process(child)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--seconds", type=int, default=60, help="total fuzzing time")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take")
    parser.add_argument("--max-len", type=int, default=4096, help="largest input, in bytes")
    parser.add_argument("--corpus", type=Path, help="keep the corpus here (default: temp dir)")
    parser.add_argument("--artifacts", type=Path, help="crash inputs go here (default: temp)")
    parser.add_argument("--reproduce", type=Path, nargs="+", help="run these inputs, no fuzzing")
    args = parser.parse_args()
    target = TARGETS[args.target]
    if args.reproduce:
        for path in args.reproduce:
            target.check(path.read_bytes())
            print(f"{path}: every property holds")
        return 0
    with tempfile.TemporaryDirectory(prefix="taskmine-fuzz-") as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        for number, seed in enumerate(target.seeds()):
            (corpus / f"seed-{number:02d}").write_bytes(seed)
        artifacts = args.artifacts or Path(tempfile.gettempdir()) / "taskmine-fuzz" / args.target
        artifacts.mkdir(parents=True, exist_ok=True)
        flags = [
            f"-max_total_time={args.seconds}",
            f"-timeout={args.timeout}",
            f"-max_len={args.max_len}",
            "-rss_limit_mb=2048",
            "-print_final_stats=1",
            f"-artifact_prefix={artifacts}/",
        ]
        return _run_child(args.target, [*flags, str(corpus)], seconds=args.seconds, scratch=scratch)


def _run_child(target: str, argv: list[str], *, seconds: int, scratch: str) -> int:
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, __file__, *argv],
        env={**os.environ, CHILD_ENV: target, SCRATCH_ENV: scratch},
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    assert process.stderr is not None
    stats: dict[str, str] = {}
    crashes: list[str] = []
    for line in process.stderr:
        sys.stderr.write(line)
        if match := re.match(r"#\d+\s+(INITED|DONE)\s+cov: (\d+) ft: (\d+) corp: (\d+)", line):
            stats[match[1]] = f"cov {match[2]}, ft {match[3]}, corpus {match[4]}"
        elif match := re.match(r"stat::(\w+):\s+(\d+)", line):
            stats[match[1]] = match[2]
        elif match := re.search(r"Test unit written to (\S+)", line):
            crashes.append(match[1])
    code = process.wait()
    wall = time.monotonic() - started
    print(
        f"target {target}: {stats.get('number_of_executed_units', '?')} executions in "
        f"{wall:.0f} s (budget {seconds} s), {stats.get('average_exec_per_sec', '?')} exec/s; "
        f"seeds {stats.get('INITED', '?')}; end {stats.get('DONE', 'n/a')}; "
        f"peak RSS {stats.get('peak_rss_mb', '?')} MB; slowest input "
        f"{stats.get('slowest_unit_time_sec', '?')} s; crashes {len(crashes)} {crashes}; "
        f"exit {code}"
    )
    return code


def _fuzz_in_this_process(target: str) -> int:
    import atheris

    with atheris.instrument_imports(include=_INSTRUMENTED):
        if target.startswith("batch"):
            import taskmine.api.ingest
        else:
            import taskmine.importers  # noqa: F401
    check = TARGETS[target].check
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
    return 0  # not reached: libFuzzer exits


# ---------------------------------------------------------------------------------------------
# Oracles and shared checks.

_NOT_JSON = object()


def _import(path: Path, fmt: str) -> list[Any] | None:
    """The items of the import, or ``None`` if the whole file was refused before any item."""
    from taskmine.importers import iter_import

    items: list[Any] = []
    try:
        for item in iter_import(path, fmt=fmt):
            items.append(item)
    except _import_format_error():
        assert not items, "ImportFormatError raised after records were already yielded"
        return None
    return items


def _check_items(items: list[Any], *, lines: int, numbered: bool) -> None:
    """Types, positions and numbering: record ``i`` is the ``i``-th item; events round-trip."""
    from taskmine.domain import Event
    from taskmine.importers import RowError

    for index, item in enumerate(items):
        if isinstance(item, RowError):
            assert 1 <= item.line <= lines, f"row error at line {item.line} of {lines}: {item}"
            assert item.row == index, f"row error numbered {item.row} at position {index}"
            assert isinstance(item.reason, str), "a reason that is not text"
            assert item.reason.strip(), "an empty reason"
        else:
            assert isinstance(item, Event), f"an importer yielded {type(item).__name__}"
            if numbered:
                assert item.event_id == str(index), f"event {item.event_id!r} at {index}"
            # The wire form is stable (timestamps travel at millisecond precision, by design).
            wire = item.model_dump_json()
            assert Event.model_validate_json(wire).model_dump_json() == wire, "no round trip"


def _is_event(item: Any) -> bool:
    from taskmine.domain import Event

    return isinstance(item, Event)


def _physical_lines(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def _csv_header(data: bytes) -> list[str] | None:
    from taskmine.importers.detection import read_header

    first = data.split(b"\n", 1)[0]
    try:
        return read_header(first.decode("utf-8").lstrip("\ufeff"))[0]
    except UnicodeDecodeError:
        return None


def _csv_records(data: bytes) -> list[tuple[int, str]] | None:
    """``(first line, "good" | "bad" | "unknown")`` per record, as the ``csv`` module reads the
    body; ``None`` when a line is binary junk (the importer replaces it, the csv module can't)."""
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    lines = [line for line in lines if line]
    if not lines:
        return []
    from taskmine.importers.detection import read_header

    header, delimiter = read_header(lines[0].lstrip("\ufeff"))
    consumed = [1]

    def counted() -> Iterator[str]:
        for line in lines[1:]:
            consumed[0] += 1
            yield line

    reader = csv.reader(counted(), delimiter=delimiter, strict=False)
    records: list[tuple[int, str]] = []
    while True:
        start = consumed[0] + 1
        try:
            row = next(reader)
        except StopIteration:
            return records
        except csv.Error:
            records.append((start, "bad"))
            continue
        if row:
            records.append((start, _csv_verdict(header, row)))


def _csv_verdict(header: list[str], row: list[str]) -> str:
    from taskmine.importers.columns import EVENT_TYPE, TIMESTAMP, find_column

    if len(row) != len(header):
        return "bad"
    stamp, kind = find_column(header, TIMESTAMP), find_column(header, EVENT_TYPE)
    if stamp is None or kind is None or len(set(header)) != len(header):
        return "unknown"
    fields = dict(zip(header, row, strict=True))
    if not all(_PLAIN.fullmatch(cell) for name, cell in fields.items() if name != stamp):
        return "unknown"
    good = _is_plain_time(fields[stamp]) and fields[kind] in _CSV_TYPES
    return "good" if good else "unknown"


def _is_plain_time(text: str) -> bool:
    if not _ISO.fullmatch(text):
        return False
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _xes_events(data: bytes) -> tuple[list[tuple[int, bool]], bool] | None:
    """``(line, plainly good)`` per ``<event>`` in end-tag order and whether any element has an
    event-id key, or ``None`` if the document is not well-formed."""
    from lxml import etree

    from taskmine.importers.columns import EVENT_ID

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    events = [
        (element.sourceline or 0, _xes_plainly_good(element))
        for _, element in etree.iterwalk(root, events=("end",), tag="{*}event")
    ]
    return events, any(element.get("key") in EVENT_ID for element in root.iter())


def _xes_plainly_good(event: Any) -> bool:
    from taskmine.importers.columns import EVENT_ID, USER

    keys: dict[str, str] = {}
    for child in event:
        if not isinstance(child.tag, str):
            continue
        key, value = child.get("key"), child.get("value") or ""
        if key is None or len(child) or key in EVENT_ID or key in keys:
            return False
        if not _PLAIN_KEY.fullmatch(key) or not (_PLAIN.fullmatch(value) or _ISO.fullmatch(value)):
            return False
        keys[key] = value
    parent = event.getparent()
    long_trace_user = parent is not None and any(
        child.get("key") in USER and len((child.get("value") or "").strip()) > 200
        for child in parent
    )
    name, stamp = keys.get("concept:name", ""), keys.get("time:timestamp", "")
    return bool(name.strip()) and _is_plain_time(stamp) and not long_trace_user


def _jsonl_records(data: bytes, *, session_id: str) -> list[tuple[int, bool]]:
    """``(line, valid)`` per record: a line that is binary junk, or not blank."""
    import orjson
    from pydantic import ValidationError

    from taskmine.domain import EVENT_SCHEMA, Event

    pieces = data.split(b"\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    records: list[tuple[int, bool]] = []
    seen: set[str] = set()
    first = True
    for number, raw in enumerate(pieces, start=1):
        if b"\x00" in raw:
            records.append((number, False))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            records.append((number, False))
            continue
        if first:
            first, text = False, text.removeprefix("\ufeff")
        if not text.strip():
            continue
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            records.append((number, False))
            continue
        if not isinstance(value, dict) or value.pop("schema", EVENT_SCHEMA) != EVENT_SCHEMA:
            records.append((number, False))
            continue
        defaults = {"session_id": session_id, "user_id": "user-1", "machine_id": "imported"}
        value = {**defaults, "event_id": str(len(records)), **value}
        try:
            event = Event.model_validate(value)
        except ValidationError:
            records.append((number, False))
            continue
        plausible = _EARLIEST <= event.timestamp < _LATEST
        records.append((number, plausible and event.event_id not in seen))
        if plausible:
            seen.add(event.event_id)
    return records


def _expect_refusal(data: bytes, media: str, status: int) -> None:
    from fastapi import HTTPException

    from taskmine.api.ingest import parse_batch

    refusal: HTTPException | None = None
    try:
        parse_batch(data, content_type=media, max_events=MAX_EVENTS)
    except HTTPException as error:
        refusal = error
    assert refusal is not None, f"a body that deserves {status} was accepted"
    assert refusal.status_code == status, f"refused with {refusal.status_code}, not {status}"
    assert str(refusal.detail).strip(), "a refusal without a reason"


def _check_batch(data: bytes, media: str, records: list[tuple[int, Any]]) -> None:
    """Every record accepted or rejected once, at its own index; valid ones kept."""
    from fastapi import HTTPException
    from pydantic import ValidationError

    from taskmine.api.ingest import parse_batch
    from taskmine.domain import Event

    try:
        batch = parse_batch(data, content_type=media, max_events=MAX_EVENTS)
    except HTTPException as error:
        raise AssertionError(f"a decodable batch was refused whole: {error.status_code}") from None
    assert batch.total == len(records), f"total {batch.total} for {len(records)} records"
    indices = [index for index, _ in batch.rejected]
    assert indices == sorted(set(indices)), f"rejected indices repeat or are unsorted: {indices}"
    positions = {index for index, _ in records}
    assert set(indices) <= positions, f"rejected indices outside the body: {indices}"
    assert len(batch.events) + len(indices) == batch.total, "accepted + rejected != total"
    reasons = dict(batch.rejected)
    for index, value in records:
        valid = isinstance(value, dict)
        if valid:
            try:
                Event.model_validate(value)
            except ValidationError:
                valid = False
        assert (index not in reasons) == valid, (
            f"record {index}: {'valid but rejected: ' + reasons[index] if valid else 'invalid but kept'}"
        )
        if index in reasons:
            assert reasons[index].strip(), "an empty reason"
            assert len(reasons[index]) <= 500, "a reason over 500 characters"
            assert "could not be redacted" not in reasons[index], "redaction raised"
    assert all(isinstance(event, Event) for event in batch.events)


_SCRATCH: list[Path] = []


def _scratch(name: str, data: bytes) -> Path:
    """A file holding ``data``, in one reused per-process dir (in memory where possible)."""
    if not _SCRATCH:
        # libFuzzer ends the child with exit(), past atexit: the parent gives it a dir it removes.
        base = os.environ.get(SCRATCH_ENV) or ("/dev/shm" if os.path.isdir("/dev/shm") else None)
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="taskmine-fuzz-", dir=base)))
        atexit.register(shutil.rmtree, _SCRATCH[0], ignore_errors=True)
    path = _SCRATCH[0] / name
    path.write_bytes(data)
    return path


def _import_format_error() -> type[Exception]:
    from taskmine.importers import ImportFormatError

    return ImportFormatError


if __name__ == "__main__":
    sys.exit(main())
