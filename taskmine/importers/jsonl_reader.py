"""Importers, stage 0: canonical JSON Lines (``taskmine.event/v1``, one object a line) to events.

Each non-blank line is one record, validated in full by the ``Event`` model. Fields a line
leaves out that the import knows (``session_id``, ``user_id``, ``machine_id``) are filled from
the import options, and a missing ``event_id`` becomes the record number, as for CSV; values
the line has always win. As in the CSV and XES importers, a timestamp outside 1970-2100 is the
line's error, not an event. An optional ``"schema": "taskmine.event/v1"`` key is accepted. A line
that is not JSON (for instance the partial last line of a recorder that was killed mid-write)
becomes a ``RowError``; the lines after it still import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
from pydantic import ValidationError

from taskmine.domain import EVENT_SCHEMA, Event
from taskmine.importers.lines import PLACEHOLDER, LineSource
from taskmine.importers.records import DEFAULT_USER_ID, ImportOptions, RecordError, RowError
from taskmine.importers.timestamps import check_plausible_time

ProgressCallback = Callable[[int, int], None]
_PROGRESS_EVERY = 8192


def read_jsonl_log(
    path: Path, *, options: ImportOptions, on_progress: ProgressCallback | None = None
) -> Iterator[Event | RowError]:
    """Events and row errors of one JSON Lines file, in file order."""
    total = path.stat().st_size
    defaults = {
        "session_id": options.session_id,
        "user_id": options.user_id or DEFAULT_USER_ID,
        "machine_id": options.machine_id,
    }
    seen: set[str] = set()
    with path.open("rb") as handle:
        source = LineSource(handle)
        record = 0
        for text in source:
            source.start_record()  # one line, one record: nothing carries over
            problems = source.take_problems()
            if problems:
                yield RowError(source.line, record, problems[0][1])
            elif text == PLACEHOLDER or not text.strip():
                continue  # a blank line is not a record
            else:
                yield _read_line(
                    text, line=source.line, record=record, defaults=defaults, seen=seen
                )
            record += 1
            if on_progress is not None and record % _PROGRESS_EVERY == 0:
                on_progress(source.bytes_read, total)
        if on_progress is not None:
            on_progress(source.bytes_read, total)


def _read_line(
    text: str, *, line: int, record: int, defaults: dict[str, str], seen: set[str]
) -> Event | RowError:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        return RowError(
            line, record, f"the line is not valid JSON ({error}); a truncated last line?"
        )
    if not isinstance(data, dict):
        return RowError(
            line, record, f"the line is a JSON {type(data).__name__}, not an event object"
        )
    schema = data.pop("schema", EVENT_SCHEMA)
    if schema != EVENT_SCHEMA:
        return RowError(
            line, record, f"schema {schema!r} is not {EVENT_SCHEMA}; convert the file first"
        )
    for key, value in defaults.items():
        data.setdefault(key, value)
    data.setdefault("event_id", str(record))
    try:
        event = Event.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"]) or "event"
        return RowError(line, record, f"{where}: {problem['msg']}")
    try:
        # Outside these years a time is a typo or an id; years before 1000 would not even
        # survive the event's own RFC 3339 form (atheris found "0787-03-02T08:28:08.350Z").
        check_plausible_time(event.timestamp, str(data["timestamp"]))
    except RecordError as error:
        return RowError(line, record, str(error))
    if event.event_id in seen:
        return RowError(
            line,
            record,
            f"event_id {event.event_id!r} is used by an earlier line; ids must be unique",
        )
    seen.add(event.event_id)
    return event
