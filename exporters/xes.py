"""Exporters, process-mining logs: canonical events as an IEEE 1849 (XES) event log.

Declares the standard concept / time / lifecycle / org extensions and writes one trace per
recording session (``concept:name`` = session id), or, given candidates, one trace per mined
routine occurrence (``concept:name`` = ``<candidate id>#<n>``), so a process-mining tool sees
the routine's instances as cases. Each event carries ``concept:name`` (the activity label from
:func:`label_event`), ``time:timestamp``, ``lifecycle:transition=complete``, ``org:resource``
(the pseudonymous user) and taskmine attributes (event id, app, window, element, url). Typed
values are not exported: they may carry business data the log's readers should not see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from lxml import etree

from taskmine.domain import Candidate, Event, format_timestamp

NS_XES = "http://www.xes-standard.org/"
_EXTENSIONS = [
    ("Concept", "concept", "http://www.xes-standard.org/concept.xesext"),
    ("Time", "time", "http://www.xes-standard.org/time.xesext"),
    ("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"),
    ("Organizational", "org", "http://www.xes-standard.org/org.xesext"),
]


def label_event(event: Event) -> str:
    """The activity label of an event: action, element and app (``click 'Save' (excel.exe)``)."""
    element = event.element
    target = ""
    if element is not None and (element.name or element.role):
        target = f" '{element.name}'" if element.name else f" [{element.role}]"
    return f"{event.kind.value}{target} ({event.app})"


def render_xes(events: Sequence[Event], *, candidates: Sequence[Candidate] | None = None) -> bytes:
    """An XES 1849-2016 log: traces per session, or per candidate occurrence when given."""
    root = etree.Element(f"{{{NS_XES}}}log", nsmap={None: NS_XES})
    root.set("xes.version", "1849-2016")
    for name, prefix, uri in _EXTENSIONS:
        ext = etree.SubElement(root, f"{{{NS_XES}}}extension")
        ext.set("name", name)
        ext.set("prefix", prefix)
        ext.set("uri", uri)
    trace_globals = etree.SubElement(root, f"{{{NS_XES}}}global", scope="trace")
    _attr(trace_globals, "string", "concept:name", "")
    event_globals = etree.SubElement(root, f"{{{NS_XES}}}global", scope="event")
    _attr(event_globals, "string", "concept:name", "")
    _attr(event_globals, "date", "time:timestamp", "1970-01-01T00:00:00.000Z")
    _attr(event_globals, "string", "lifecycle:transition", "complete")
    classifier = etree.SubElement(root, f"{{{NS_XES}}}classifier")
    classifier.set("name", "Activity")
    classifier.set("keys", "concept:name")
    _attr(root, "string", "concept:name", "taskmine UI log")
    _attr(root, "string", "lifecycle:model", "standard")

    for name, trace_events, extra in _build_traces(events, candidates):
        trace = etree.SubElement(root, f"{{{NS_XES}}}trace")
        _attr(trace, "string", "concept:name", name)
        for key, value in extra.items():
            _attr(trace, "string", key, value)
        for event in trace_events:
            _append_event(trace, event)
    data: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)
    return data


def _build_traces(
    events: Sequence[Event], candidates: Sequence[Candidate] | None
) -> Iterable[tuple[str, list[Event], dict[str, str]]]:
    if candidates is None:
        by_session: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            by_session[event.session_id].append(event)
        for session, session_events in by_session.items():
            yield (
                session,
                _in_time_order(session_events),
                {"taskmine:user": session_events[0].user_id},
            )
        return
    by_id = {event.event_id: event for event in events}
    for candidate in candidates:
        for number, occurrence in enumerate(candidate.occurrences, start=1):
            found = [by_id[i] for i in occurrence.event_ids if i in by_id]
            extra = {
                "taskmine:candidate": candidate.id,
                "taskmine:routine": candidate.name,
                "taskmine:session": occurrence.session_id,
                "taskmine:user": occurrence.user_id,
            }
            yield f"{candidate.id}#{number}", _in_time_order(found), extra


def _in_time_order(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: e.timestamp)  # stable: ties keep recorded order


def _append_event(trace: etree._Element, event: Event) -> None:
    node = etree.SubElement(trace, f"{{{NS_XES}}}event")
    _attr(node, "string", "concept:name", label_event(event))
    _attr(node, "date", "time:timestamp", format_timestamp(event.timestamp))
    _attr(node, "string", "lifecycle:transition", "complete")
    _attr(node, "string", "org:resource", event.user_id)
    _attr(node, "string", "taskmine:event_id", event.event_id)
    _attr(node, "string", "taskmine:kind", event.kind.value)
    _attr(node, "string", "taskmine:app", event.app)
    optional = {
        "taskmine:window": event.window,
        "taskmine:url": event.url,
        "taskmine:element_role": event.element.role if event.element else None,
        "taskmine:element_name": event.element.name if event.element else None,
        "taskmine:automation_id": event.element.automation_id if event.element else None,
    }
    for key, value in optional.items():
        if value:
            _attr(node, "string", key, value)


def _attr(parent: etree._Element, kind: str, key: str, value: str) -> None:
    el = etree.SubElement(parent, f"{{{NS_XES}}}{kind}")
    el.set("key", key)
    el.set("value", value)
