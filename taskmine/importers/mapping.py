"""Importers, stage 0: one source record (column -> text) to one canonical ``Event``.

Shared by every tabular format (Action Logger, SmartRPA, Fiori, Bosco's CPN CSVs) and by XES,
whose event attributes carry the same names. The mapper knows the union of their column names;
a record uses whichever it has. Guarantees:
- the caller drops hidden columns (``columns.is_hidden_column``: ground truth, pandas indexes);
- every other non-empty column either feeds a canonical field or lands in ``attrs`` under its
  original name, and ``attrs["source_event_type"]`` always keeps the source's event type;
- value columns not chosen as ``value`` and saying something else go to
  ``attrs["other_values"]`` (a dict: still data, never mistaken for element identity); screen
  coordinates (``x``, ``y``, ``mouse_coord``) are kept as numbers; a password field's value is
  never imported (``attrs["value_withheld"]``);
- every event is fully validated by pydantic (``Event.model_validate``) before it leaves here:
  measured, that is faster than ``model_construct`` once elements are cached and shared.
Defaults (documented in the package docstring): ``event_id`` = record number unless the source
has an id; ``user_id`` = the record's user column, else the caller's, else ``"user-1"``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import ValidationError

from taskmine.domain import Element, Event, EventKind
from taskmine.importers.columns import (
    APP,
    CLASS,
    CLIPBOARD_FIRST,
    EVENT_ID,
    EVENT_TYPE,
    FIELD_FIRST,
    INPUT_TYPE,
    NAME,
    SHEET,
    TAG,
    TIMESTAMP,
    TITLE,
    URL,
    USER,
    VALUE_COLUMNS,
    WORKBOOK,
    XPATH,
)
from taskmine.importers.elements import (
    ElementCache,
    build_cell_path,
    cell_from_column_row,
    guess_role,
    is_xpath,
    normalise_cell,
    parse_xpath,
)
from taskmine.importers.kinds import map_event_kind
from taskmine.importers.records import DEFAULT_USER_ID, ImportOptions, RecordError
from taskmine.importers.timestamps import parse_source_timestamp

_CLIPBOARD_KINDS = frozenset({EventKind.COPY, EventKind.PASTE})
_COORDINATES = ("x", "y", "mouse_coord")
_SHARED_LENGTH = 200  # longer texts are rarely repeated; not worth a lookup
_SHARED_LIMIT = 100_000
_LIMITS = {"app": 500, "window": 4000, "url": 8000, "value": 100_000}


class RecordMapper:
    """Maps the records of one file; holds the per-file caches and the ids already used."""

    def __init__(
        self,
        options: ImportOptions,
        *,
        columns: Iterable[str] | None = None,
        default_app: str | None = None,
        track_ids: bool = False,
    ) -> None:
        """``columns``: the header, when every record has the same columns (CSV); aliases the
        header lacks are then never looked up, which is most of the per-record work saved."""
        self.options = options
        self.default_app = default_app
        self.elements = ElementCache()
        # Only sources with their own ids can repeat one; record numbers are unique already.
        self.seen_ids: set[str] | None = set() if track_ids else None
        present = None if columns is None else frozenset(columns)

        def keep(aliases: tuple[str, ...]) -> tuple[str, ...]:
            return aliases if present is None else tuple(a for a in aliases if a in present)

        self._event_type, self._timestamp, self._event_id = (
            keep(EVENT_TYPE),
            keep(TIMESTAMP),
            keep(EVENT_ID),
        )
        self._user, self._url, self._app = keep(USER), keep(URL), keep(APP)
        self._workbook, self._sheet, self._title = keep(WORKBOOK), keep(SHEET), keep(TITLE)
        self._tag, self._input_type, self._name = keep(TAG), keep(INPUT_TYPE), keep(NAME)
        self._class, self._xpath = keep(CLASS), keep(XPATH)
        self._clipboard_first, self._field_first = keep(CLIPBOARD_FIRST), keep(FIELD_FIRST)
        self._strings: dict[str, str] = {}
        self._cells = present is None or "target.id" in present or {"Column", "Row"} <= present

    def map_record(self, fields: dict[str, str], record: int) -> Event:
        """The event of one record; ``fields`` holds its non-empty, non-hidden columns and is
        consumed. Raises ``RecordError`` saying what was wrong."""
        share = self._share
        event_type = _take(fields, self._event_type)
        if event_type is None:
            raise RecordError("the event type (eventType / concept:name) is empty")
        stamp = _take(fields, self._timestamp)
        if stamp is None:
            raise RecordError("the timestamp (timeStamp / time:timestamp) is empty")
        moment, assumed_utc = parse_source_timestamp(stamp)
        kind = map_event_kind(event_type)
        attrs: dict[str, object] = {"source_event_type": share(event_type)}
        if assumed_utc:
            attrs["timestamp_assumed_utc"] = True
        event_id = self._choose_event_id(fields, record)
        user = share(_take(fields, self._user) or self.options.user_id or DEFAULT_USER_ID)
        url = _take(fields, self._url)
        url = url and share(url)
        workbook = _take(fields, self._workbook)
        sheet = _take(fields, self._sheet)
        app = _take(fields, self._app) or self.default_app
        app = app and share(app)
        if app is None:
            app, attrs["app_guessed_from"] = _guess_app(url, workbook or sheet)
        window = " - ".join(part for part in (workbook, sheet) if part) or _take(
            fields, self._title
        )
        element, withheld = self._build_element(fields, event_type, app, workbook, sheet)
        value = None
        if withheld:
            for column in VALUE_COLUMNS:
                fields.pop(column, None)
            attrs["value_withheld"] = "password field"
        else:
            order = self._clipboard_first if kind in _CLIPBOARD_KINDS else self._field_first
            value = _take_value(fields, order)
            others = {column: fields.pop(column) for column in order if column in fields}
            if others:
                # Still data, not element identity: kept, but nested where no one mistakes
                # it for a property of the element (discovery reads only flat string attrs).
                attrs["other_values"] = others
        _check_lengths(app=app, window=window, url=url, value=value)
        _type_coordinates(fields, attrs)
        for name, text in fields.items():
            attrs[name] = share(text) if len(text) < _SHARED_LENGTH else text
        try:
            event = Event.model_validate(
                {
                    "event_id": event_id,
                    "session_id": self.options.session_id,
                    "user_id": user,
                    "machine_id": self.options.machine_id,
                    "timestamp": moment,
                    "kind": kind,
                    "app": app,
                    "window": window and share(window),
                    "element": element,
                    "value": value,
                    "url": url,
                    "attrs": attrs,
                }
            )
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise RecordError(f"{where}: {problem['msg']}") from None
        if self.seen_ids is not None:
            self.seen_ids.add(event_id)  # only once imported: a failed record claims no id
        return event

    def _share(self, text: str) -> str:
        """One string object per distinct value: a log repeats its apps, URLs, users and attrs
        on every row, and each row would otherwise keep its own copy in memory."""
        strings = self._strings
        known = strings.get(text)
        if known is None:
            if len(strings) >= _SHARED_LIMIT:
                strings.clear()
            known = strings[text] = text
        return known

    def _choose_event_id(self, fields: dict[str, str], record: int) -> str:
        explicit = _take(fields, self._event_id)
        event_id = explicit if explicit is not None else str(record)
        if self.seen_ids is not None and event_id in self.seen_ids:
            raise RecordError(
                f"event id {event_id!r} is used by an earlier record; ids must be unique"
            )
        return event_id

    def _build_element(
        self,
        fields: dict[str, str],
        event_type: str,
        app: str,
        workbook: str | None,
        sheet: str | None,
    ) -> tuple[Element | None, bool]:
        """``(element or None, value must be withheld)``."""
        tag = _take(fields, self._tag)
        input_type = _take(fields, self._input_type)
        cell = None
        if self._cells and (workbook or sheet or "excel" in app.lower()):
            cell = self._take_cell(fields)
        if cell is not None:
            path = build_cell_path(workbook, sheet, cell)
            element = self.elements.build(
                "cell",
                cell,
                automation_id=None,
                class_name=_take_class(fields, self._class),
                path=path,
                path_key=("cell", workbook, sheet, cell),
            )
            return element, False
        automation_id, path, path_key = None, (), None
        target_id = fields.get("target.id", "").strip()
        for column, locator in (("target.id", target_id), *_xpath_columns(fields, self._xpath)):
            if not locator or not is_xpath(locator):
                continue
            parsed = parse_xpath(locator)
            if parsed is not None:
                del fields[column]
                automation_id, path = parsed
                path_key = locator
                break
        if target_id and "target.id" in fields and not is_xpath(target_id):
            del fields["target.id"]
            automation_id = target_id
        role = guess_role(tag, input_type, event_type)
        name = _take(fields, self._name)
        class_name = _take_class(fields, self._class)
        if not (role or name or automation_id or class_name or path):
            return None, False
        element = self.elements.build(
            role,
            name,
            automation_id=automation_id,
            class_name=class_name,
            path=path,
            path_key=path_key,
        )
        return element, role == "password text"

    @staticmethod
    def _take_cell(fields: dict[str, str]) -> str | None:
        column, row = fields.get("Column"), fields.get("Row")
        if column and row:
            cell = cell_from_column_row(column, row)
            if cell is not None:
                del fields["Column"], fields["Row"]
                return cell
        target_id = fields.get("target.id")
        if target_id:
            cell = normalise_cell(target_id)
            if cell is not None:
                del fields["target.id"]
                return cell
        return None


def _take(fields: dict[str, str], aliases: tuple[str, ...]) -> str | None:
    """Remove and return the first alias with visible text (stripped); others stay for attrs."""
    for alias in aliases:
        raw = fields.get(alias)
        if raw is not None:
            text = raw.strip()
            if text:
                del fields[alias]
                return text
    return None


def _take_value(fields: dict[str, str], aliases: tuple[str, ...]) -> str | None:
    """Like ``_take`` but verbatim (spaces are part of what was typed). Other value columns that
    repeat the same text are dropped too: a copied cell's value sits in both ``content`` and
    ``target.value``, and a data value left in attrs would look like part of the element."""
    value = None
    for alias in aliases:
        raw = fields.get(alias)
        if raw is None:
            continue
        if value is None:
            value = raw
        elif raw.strip() != value.strip():
            continue
        del fields[alias]
    return value


def _type_coordinates(fields: dict[str, str], attrs: dict[str, object]) -> None:
    # Screen positions are numbers that change with every click; kept as numbers.
    for column in _COORDINATES:
        raw = fields.get(column)
        if raw is None:
            continue
        try:
            numbers = [float(part) for part in raw.split(",")]
        except ValueError:
            continue  # not a coordinate after all: stays a string in attrs
        if not all(math.isfinite(number) for number in numbers):
            continue  # "nan" / "inf" would not survive JSON
        del fields[column]
        attrs[column] = numbers[0] if len(numbers) == 1 else numbers


def _take_class(fields: dict[str, str], aliases: tuple[str, ...]) -> str | None:
    # A CSS class cannot start with a digit; L1.csv's target.class holds the row number.
    for alias in aliases:
        raw = fields.get(alias)
        if raw is not None and raw.strip() and not raw.lstrip()[0].isdigit():
            del fields[alias]
            return raw.strip()
    return None


def _xpath_columns(fields: dict[str, str], aliases: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(column, fields[column].strip()) for column in aliases if column in fields]


def _guess_app(url: str | None, spreadsheet: str | None) -> tuple[str, str]:
    if url:
        return "browser", "url"
    if spreadsheet:
        return "Excel", "workbook"
    return "unknown", "nothing"


def _check_lengths(**values: str | None) -> None:
    for field, text in values.items():
        if text is not None and len(text) > _LIMITS[field]:
            raise RecordError(
                f"the {field} is {len(text):,} characters long; taskmine keeps at most "
                f"{_LIMITS[field]:,} (is a column shifted?)"
            )
