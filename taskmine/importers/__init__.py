"""Importers, stage 0 (events in): academic UI-log formats to canonical ``taskmine.event/v1``.

Formats (``FORMATS``): canonical JSON Lines, Action Logger CSV (Leno et al.; also Bosco's
segmented CSVs), SmartRPA CSV, the Abb & Rehse SAP Fiori CSVs, and XES. ``detect_format``
sniffs the extension and first bytes; ``iter_import`` streams ``Event`` / ``RowError`` items in
file order; ``import_file`` collects them and reports progress in bytes.

Guarantees: every record of the file comes out as exactly one ``Event`` or one ``RowError``
(never dropped silently); ground-truth columns never reach an event; every event has passed the
``Event`` model's validation. Defaults where the source is silent:
- ``event_id``: the source's id column (``event_id``, ``identity:id``, ...) if any, else the
  0-based record number (CSV: data records, header excluded, a multi-line record counts once;
  XES: the event's index in file order; JSON Lines: the non-blank line's index);
- ``session_id``: the ``session_id`` argument, else the file name without its extension;
- ``user_id``: the record's ``userID`` / ``org:resource`` / ``case:creator``, else the
  ``user_id`` argument, else ``"user-1"``; ``machine_id``: the argument (``"imported"``);
- timestamps: converted to UTC; naive ones are taken as UTC and flagged with
  ``attrs["timestamp_assumed_utc"] = True``;
- ``app``: ``targetApp`` (Bosco: ``source``), else guessed ("browser" when there is a URL,
  "Excel" when there is a workbook) and flagged with ``attrs["app_guessed_from"]``;
- ``attrs``: ``source_event_type`` always; other non-empty columns under their own names;
  a second value column that differs from ``value`` under ``attrs["other_values"]``.
How each field is mapped: ``columns`` (which column feeds what), ``kinds`` (event types),
``elements`` (roles, XPath and Excel paths), ``mapping`` (the record -> event rules).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from taskmine.domain import Event
from taskmine.importers.csv_reader import read_csv_log
from taskmine.importers.detection import check_format
from taskmine.importers.detection import detect_format as _detect_format
from taskmine.importers.jsonl_reader import read_jsonl_log
from taskmine.importers.records import (
    DEFAULT_MACHINE_ID,
    FORMATS,
    ImportFormatError,
    ImportOptions,
    ImportResult,
    RowError,
)
from taskmine.importers.xes_reader import read_xes_log

__all__ = [
    "FORMATS",
    "ImportFormatError",
    "ImportResult",
    "RowError",
    "detect_format",
    "import_file",
    "iter_import",
]

ProgressCallback = Callable[[int, int], None]


def detect_format(path: Path) -> str:
    """The format of ``path``, one of ``FORMATS``; ``ImportFormatError`` says why not."""
    return _detect_format(Path(path))


def iter_import(
    path: Path,
    *,
    fmt: str | None = None,
    session_id: str | None = None,
    user_id: str | None = None,
    machine_id: str = DEFAULT_MACHINE_ID,
) -> Iterator[Event | RowError]:
    """Stream the file's events and row errors in file order (constant memory).

    The format is checked (or detected) right away; a file whose header the format cannot
    read raises ``ImportFormatError`` when iteration starts."""
    path = Path(path)
    return _iter_records(
        path,
        fmt=check_format(fmt) if fmt is not None else detect_format(path),
        session_id=session_id,
        user_id=user_id,
        machine_id=machine_id,
    )


def import_file(
    path: Path,
    *,
    fmt: str | None = None,
    on_progress: ProgressCallback | None = None,
    **kw: Any,
) -> ImportResult:
    """All events and row errors of the file; ``on_progress(bytes_read, total_bytes)``."""
    path = Path(path)
    chosen = check_format(fmt) if fmt is not None else detect_format(path)
    result = ImportResult(format=chosen)
    events, errors = result.events, result.errors
    for item in _iter_records(path, fmt=chosen, on_progress=on_progress, **kw):
        if isinstance(item, RowError):
            errors.append(item)
        else:
            events.append(item)
    return result


def _iter_records(
    path: Path,
    *,
    fmt: str,
    session_id: str | None = None,
    user_id: str | None = None,
    machine_id: str = DEFAULT_MACHINE_ID,
    on_progress: ProgressCallback | None = None,
) -> Iterator[Event | RowError]:
    if not path.is_file():
        raise ImportFormatError(f"{path} does not exist or is not a file")
    options = ImportOptions(
        session_id=session_id or _session_from_name(path),
        user_id=user_id,
        machine_id=machine_id,
    )
    if fmt == "jsonl":
        yield from read_jsonl_log(path, options=options, on_progress=on_progress)
    elif fmt == "xes":
        yield from read_xes_log(path, options=options, on_progress=on_progress)
    else:
        yield from read_csv_log(path, fmt=fmt, options=options, on_progress=on_progress)


def _session_from_name(path: Path) -> str:
    # The stem is stable across re-imports of the same file, so re-importing is idempotent.
    return (path.stem.strip() or "imported")[:200]
