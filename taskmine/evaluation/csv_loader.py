"""Evaluation adapter: a minimal reader of the labelled academic UI-log CSVs into canonical events.

Used only until (or where) ``taskmine.importers.import_file`` cannot read a file. Each data row
becomes one ``Event`` whose ``event_id`` is the 0-based data-row number, so ground truth can be
joined by row. Ground-truth columns are never copied into the events.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from taskmine.domain.events import Element, Event, EventKind

GROUND_TRUTH_COLUMNS = frozenset({"Task", "idx", "caseID", "case:concept:name"})

_KIND_WORDS: tuple[tuple[str, EventKind], ...] = (
    ("right_click", EventKind.RIGHT_CLICK),
    ("double", EventKind.DOUBLE_CLICK),
    ("copy", EventKind.COPY),
    ("paste", EventKind.PASTE),
    ("edit", EventKind.TYPE),
    ("insert", EventKind.TYPE),
    ("type", EventKind.TYPE),
    ("input", EventKind.TYPE),
    ("click", EventKind.CLICK),
    ("submit", EventKind.CLICK),
    ("select", EventKind.SELECT),
    ("getcell", EventKind.SELECT),
    ("getrange", EventKind.SELECT),
    ("navigate", EventKind.NAVIGATE),
    ("gotourl", EventKind.NAVIGATE),
    ("tab", EventKind.NAVIGATE),
    ("open", EventKind.WINDOW_OPEN),
    ("close", EventKind.WINDOW_CLOSE),
)


def read_csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and data rows of a CSV whose fields may contain newlines."""
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = [dict(row) for row in reader]
        return list(reader.fieldnames or []), rows


def load_csv_events(path: Path) -> list[Event]:
    """Canonical events of one labelled CSV, ``event_id`` = 0-based data-row number."""
    _, rows = read_csv_rows(path)
    return [_row_to_event(index, row) for index, row in enumerate(rows)]


def _pick(row: dict[str, str], names: Sequence[str]) -> str | None:
    for name in names:
        value = (row.get(name) or "").strip()
        if value and value.lower() not in {"nan", "none"}:
            return value
    return None


def _parse_time(text: str | None, fallback: int) -> datetime:
    if not text:
        return datetime.fromtimestamp(fallback, tz=UTC)
    cleaned = text.strip().replace(" ", "T", 1)
    if cleaned.endswith("Z"):
        cleaned = cleaned[:-1] + "+00:00"
    moment = datetime.fromisoformat(cleaned)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _to_kind(event_type: str) -> EventKind:
    lowered = event_type.lower()
    for word, kind in _KIND_WORDS:
        if word in lowered:
            return kind
    return EventKind.OTHER


def _row_to_event(index: int, row: dict[str, str]) -> Event:
    event_type = _pick(row, ["eventType", "concept:name"]) or "other"
    app = _pick(row, ["targetApp", "source", "category"]) or "unknown"
    workbook = _pick(row, ["target.workbookName", "FileName"])
    sheet = _pick(row, ["target.sheetName", "Sheet"])
    window = " - ".join(part for part in (workbook, sheet) if part) or _pick(row, ["title"])
    name = _pick(row, ["target.name", "Label", "target.innerText", "tag_innerText"])
    automation_id = _pick(row, ["target.id", "Column"])
    element = Element(
        role=_pick(row, ["target.tagName", "tag_type", "target.type"]),
        name=name,
        automation_id=automation_id,
        class_name=_pick(row, ["target.class", "target.className", "target.css"]),
    )
    user = _pick(row, ["userID", "org:resource"]) or "unknown"
    return Event(
        event_id=str(index),
        session_id=f"{user}-session",
        user_id=user,
        machine_id="",
        timestamp=_parse_time(_pick(row, ["timeStamp", "time:timestamp"]), index),
        kind=_to_kind(event_type),
        app=app,
        window=window,
        element=element,
        value=_pick(row, ["target.value", "Value", "content", "clipboard_content"]),
        url=_pick(row, ["url", "Url"]),
        attrs={"event_type": event_type},
    )
