"""Importers, stage 0: tabular UI logs (Action Logger, SmartRPA, Fiori, Bosco CSV) to events.

Streams the file with the ``csv`` module (fields may hold newlines, so a record can span lines)
and yields, in file order, one ``Event`` or one ``RowError`` per record: a wrong field count,
an unparseable timestamp, a missing event type, binary junk or an over-long field each make a
``RowError`` with the record's first line, and the next record imports normally. Blank lines
are not records. The record number (0-based, header excluded) is the event id unless the file
has an id column; the delimiter (``,`` ``;`` tab ``|``) is taken from the header line.
R's ``NA`` marker (Leno's older logs) counts as empty in every column but the value columns,
where "NA" could be what was typed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from taskmine.domain import Event
from taskmine.importers.columns import (
    EVENT_ID,
    EVENT_TYPE,
    TIMESTAMP,
    VALUE_COLUMNS,
    find_column,
    is_hidden_column,
)
from taskmine.importers.detection import read_header
from taskmine.importers.lines import LineSource
from taskmine.importers.mapping import RecordMapper
from taskmine.importers.records import (
    MAX_FIELD_CHARS,
    ImportFormatError,
    ImportOptions,
    RecordError,
    RowError,
)

ProgressCallback = Callable[[int, int], None]
_PROGRESS_EVERY = 8192
_DEFAULT_APPS = {"fiori": "Fiori"}
# Stands in for the name of a hidden (ground-truth) column; no real header can contain NUL.
_HIDDEN = "\x00hidden"


def read_csv_log(
    path: Path,
    *,
    fmt: str,
    options: ImportOptions,
    on_progress: ProgressCallback | None = None,
) -> Iterator[Event | RowError]:
    """Events and row errors of one CSV UI log, in file order."""
    total = path.stat().st_size
    with path.open("rb") as handle:
        source = LineSource(handle)
        lines = iter(source)
        header_line = next(lines, None)
        if header_line is None or not header_line.strip():
            raise ImportFormatError(
                f"{path.name} has no header line; the first line must name the columns"
            )
        header_problems = source.take_problems()
        if header_problems:
            raise ImportFormatError(
                f"{path.name}: the header line is unreadable: {header_problems[0][1]}"
            )
        _check_line_endings(path, header_line)
        try:
            header, delimiter = read_header(header_line)
        except ImportFormatError as error:
            raise ImportFormatError(f"{path.name}: {error}") from None
        _check_columns(path, header, fmt)
        names = [_HIDDEN if is_hidden_column(name) else name for name in header]
        na_columns = frozenset(name for name in header if name not in VALUE_COLUMNS)
        mapper = RecordMapper(
            options,
            columns=[name for name in names if name != _HIDDEN],
            default_app=_DEFAULT_APPS.get(fmt),
            track_ids=find_column(header, EVENT_ID) is not None,
        )
        # Lenient like pandas: the Action Logger wrote unescaped quotes inside quoted fields.
        reader = csv.reader(lines, delimiter=delimiter, strict=False)
        width = len(header)
        record = 0
        while True:
            source.start_record()
            start = source.line + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                source.take_problems()
                yield RowError(start, record, _describe_csv_error(error))
                record += 1
                continue
            problems = source.take_problems()
            if source.exhausted and source.line > start and _quote_left_open(source, delimiter):
                problems.append(
                    (
                        start,
                        "a quote opened in this record is never closed, so the rest of the "
                        f"file (lines {start}-{source.line}) was read as one field; fix the quoting",
                    )
                )
            if not row and not problems:
                continue  # a blank line is not a record
            if problems:
                bad_line, reason = problems[0]
                where = "" if bad_line == start else f" (at line {bad_line})"
                yield RowError(start, record, reason + where)
            elif len(row) != width:
                yield RowError(
                    start,
                    record,
                    f"the record has {len(row)} fields but the header has {width}; "
                    "check the delimiters and quotes on this line",
                )
            else:
                long_possible = source.record_bytes > MAX_FIELD_CHARS
                yield _map_row(mapper, names, na_columns, row, start, record, long_possible)
            record += 1
            if on_progress is not None and record % _PROGRESS_EVERY == 0:
                on_progress(source.bytes_read, total)
        if on_progress is not None:
            on_progress(source.bytes_read, total)


def _map_row(
    mapper: RecordMapper,
    names: list[str],
    na_columns: frozenset[str],
    row: list[str],
    line: int,
    record: int,
    long_possible: bool,
) -> Event | RowError:
    fields = {name: value for name, value in zip(names, row, strict=True) if value}
    fields.pop(_HIDDEN, None)
    if long_possible:  # only a record this long can hold an over-long field
        for name, value in fields.items():
            if len(value) > MAX_FIELD_CHARS:
                return RowError(
                    line,
                    record,
                    f"column {name!r} holds {len(value):,} characters, over the limit of "
                    f"{MAX_FIELD_CHARS:,}; is it binary data or a shifted column?",
                )
    if "NA" in row:
        for name in [name for name, value in fields.items() if value == "NA"]:
            if name in na_columns:
                del fields[name]
    try:
        return mapper.map_record(fields, record)
    except RecordError as error:
        return RowError(line, record, str(error))


def _quote_left_open(source: LineSource, delimiter: str) -> bool:
    """Whether the record that ran into the end of the file did so inside an open quote."""
    try:
        for _ in csv.reader(source.record_lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def _describe_csv_error(error: csv.Error) -> str:
    if "field limit" in str(error):
        return (
            f"a field is over the CSV parser's limit of {csv.field_size_limit():,} characters; "
            "is it binary data, or a quote that is never closed?"
        )
    return f"the CSV record cannot be parsed ({error}); check the quotes in it"


def _check_columns(path: Path, header: list[str], fmt: str) -> None:
    missing = [
        f"a {what} column ({' or '.join(aliases)})"
        for what, aliases in (("timestamp", TIMESTAMP), ("event type", EVENT_TYPE))
        if find_column(header, aliases) is None
    ]
    if missing:
        raise ImportFormatError(
            f"{path.name} cannot be read as {fmt}: its header lacks {' and '.join(missing)}; "
            f"found columns: {', '.join(name[:40] for name in header[:15])}"
        )


def _check_line_endings(path: Path, header_line: str) -> None:
    if "\r" in header_line.rstrip("\r\n"):
        raise ImportFormatError(
            f"{path.name} uses old Mac line endings (CR only); convert them to LF or CRLF first"
        )
