"""Importers, stage 0: XES event logs to events, streamed with lxml ``iterparse``.

Memory stays flat however large the file: each ``<event>`` is mapped as soon as its end tag is
read, then cleared and unlinked from its trace. Event attributes (``concept:name``,
``time:timestamp``, ``org:resource``, Bosco's ``source``/``Label``/``Value``/``Sheet``/...) go
through the same mapper as CSV columns; nested attribute children are flattened as
``parent/child``. Trace membership is the routine-instance ground truth, so trace attributes are
not copied, except a trace-level ``org:resource`` / ``case:creator``, which serves as the user of
the trace's events when an event names none. Event attributes that are ground truth
(``lifecycle:*``, ``case:*``, ``Task``, ...; see ``columns``) are skipped like CSV columns.

``event_id``: the event's ``identity:id`` when it has one, else the 0-based index of the event in
file order over the whole log (independent of ``concept:name`` and of trace boundaries).
A malformed document ends the import with one ``RowError`` at the line lxml reports; the events
before it are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from taskmine.domain import Event
from taskmine.importers.columns import USER, is_hidden_column
from taskmine.importers.mapping import RecordMapper
from taskmine.importers.records import MAX_FIELD_CHARS, ImportOptions, RecordError, RowError

ProgressCallback = Callable[[int, int], None]
_PROGRESS_EVERY = 4096
_TRACE_USER_KEYS = frozenset(USER)


def read_xes_log(
    path: Path, *, options: ImportOptions, on_progress: ProgressCallback | None = None
) -> Iterator[Event | RowError]:
    """Events and row errors of one XES file, in file order."""
    total = path.stat().st_size
    mapper = RecordMapper(options, track_ids=True)
    with path.open("rb") as handle:
        # Only <event> end tags call back into Python: the attributes below them are read
        # from the element, which keeps the per-event cost low.
        context = etree.iterparse(
            handle,
            events=("end",),
            tag="{*}event",
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
        )
        record = 0
        trace: etree._Element | None = None
        trace_user: str | None = None
        try:
            for _, element in context:
                parent = element.getparent()
                if parent is not None and parent is not trace:
                    trace, trace_user = parent, _read_trace_user(parent)
                    _drop_earlier_siblings(parent)
                yield _map_event(mapper, element, record, trace_user)
                record += 1
                element.clear(keep_tail=False)
                _drop_earlier_siblings(element)
                if on_progress is not None and record % _PROGRESS_EVERY == 0:
                    on_progress(handle.tell(), total)
        except etree.XMLSyntaxError as error:
            line = error.lineno or 1
            # At the end of the data libxml2 counts the empty line after the final newline,
            # a line the file does not have: name the last one the file does have.
            last = _count_lines(handle) if line > 1 else 1
            where = f"line {line}" if line <= last else f"the end of the file (line {last})"
            yield RowError(
                min(line, last),
                -1,
                f"the XML is malformed at {where} ({error.msg}); the rest of the file "
                "could not be read",
            )
    if on_progress is not None:
        on_progress(total, total)


def _map_event(
    mapper: RecordMapper,
    element: etree._Element,
    record: int,
    trace_user: str | None,
) -> Event | RowError:
    line = element.sourceline or 0
    fields: dict[str, str] = {}
    try:
        _collect_attributes(element, "", fields)
    except RecordError as error:
        return RowError(line, record, str(error))
    if trace_user is not None and not any(key in fields for key in USER):
        fields["org:resource"] = trace_user
    try:
        return mapper.map_record(fields, record)
    except RecordError as error:
        return RowError(line, record, str(error))


def _collect_attributes(element: etree._Element, prefix: str, fields: dict[str, str]) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        key = child.get("key")
        if key is None:
            continue  # XES attributes always have a key; anything else is not an attribute
        value = child.get("value")
        name = prefix + key
        if is_hidden_column(name):
            continue  # lifecycle and case labels are ground truth, never copied
        if value:
            if len(value) > MAX_FIELD_CHARS:
                raise RecordError(
                    f"attribute {name!r} holds {len(value):,} characters (the limit is "
                    f"{MAX_FIELD_CHARS:,}); is it embedded binary data?"
                )
            fields.setdefault(name, value)
        if len(child):
            _collect_attributes(child, name + "/", fields)


def _read_trace_user(trace: etree._Element) -> str | None:
    """A trace-level ``org:resource`` / ``case:creator``, read before the trace's events."""
    for child in trace:
        if _local_name(child.tag) == "event":
            break
        if child.get("key") in _TRACE_USER_KEYS:
            value = (child.get("value") or "").strip()
            if value:
                return value
    return None


def _drop_earlier_siblings(element: etree._Element) -> None:
    # Unlink what was already read (earlier events, trace attributes, earlier traces), so the
    # tree holds one event at a time however large the file is.
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _count_lines(handle: BinaryIO) -> int:
    """Physical lines of the whole file (a last line without a newline counts too)."""
    handle.seek(0)
    lines, last = 0, b"\n"
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        lines += chunk.count(b"\n")
        last = chunk[-1:]
    return max(lines + (last != b"\n"), 1)


@lru_cache(maxsize=256)
def _local_name(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
