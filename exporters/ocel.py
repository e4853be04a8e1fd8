"""Exporters, process-mining logs: canonical events and candidates as an OCEL 2.0 JSON log.

Object types: ``session`` (one recording), ``user`` (pseudonymous), ``application`` (process
name) and ``routine-instance`` (one occurrence of a mined candidate). Every canonical event is
an OCEL event typed by its activity label (:func:`exporters.xes.label_event`) and related to
its session, user and application, and to the routine instance it belongs to (qualifiers say
how). Objects relate too: a session is ``recorded-by`` a user, a routine instance is
``observed-in`` a session and ``performed-by`` a user. The official OCEL 2.0 JSON schema types
attribute values as strings, so values are written as strings and their logical types
declared in ``eventTypes`` / ``objectTypes``. Typed values are not exported (see xes.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from exporters.xes import label_event
from taskmine.domain import Candidate, Event, format_timestamp

_EVENT_ATTRIBUTES = ["event_id", "kind", "window", "element_role", "element_name", "url"]
_OBJECT_TYPES = {
    "session": [{"name": "machine", "type": "string"}],
    "user": [],
    "application": [],
    "routine-instance": [
        {"name": "candidate", "type": "string"},
        {"name": "routine", "type": "string"},
        {"name": "rank", "type": "integer"},
        {"name": "duration_s", "type": "float"},
    ],
}


def render_ocel(events: Sequence[Event], candidates: Sequence[Candidate] | None = None) -> bytes:
    """An OCEL 2.0 JSON document relating events to sessions, users, apps and routine instances."""
    instance_of: dict[str, str] = {}
    objects: dict[str, dict[str, Any]] = {}
    for candidate in candidates or ():
        for number, occurrence in enumerate(candidate.occurrences, start=1):
            oid = f"routine:{candidate.id}#{number}"
            start = format_timestamp(occurrence.start)
            duration = (occurrence.end - occurrence.start).total_seconds()
            objects[oid] = {
                "id": oid,
                "type": "routine-instance",
                "attributes": [
                    {"name": "candidate", "value": candidate.id, "time": start},
                    {"name": "routine", "value": candidate.name, "time": start},
                    {"name": "rank", "value": str(candidate.rank), "time": start},
                    {"name": "duration_s", "value": f"{duration:.3f}", "time": start},
                ],
                "relationships": [
                    {"objectId": f"session:{occurrence.session_id}", "qualifier": "observed-in"},
                    {"objectId": f"user:{occurrence.user_id}", "qualifier": "performed-by"},
                ],
            }
            for event_id in occurrence.event_ids:
                instance_of.setdefault(event_id, oid)

    ocel_events = []
    event_types: dict[str, None] = {}
    for event in sorted(events, key=lambda e: e.timestamp):
        session, user, app = (
            f"session:{event.session_id}",
            f"user:{event.user_id}",
            f"application:{event.app}",
        )
        objects.setdefault(user, {"id": user, "type": "user"})
        objects.setdefault(app, {"id": app, "type": "application"})
        if session not in objects:
            objects[session] = {
                "id": session,
                "type": "session",
                "attributes": [
                    {
                        "name": "machine",
                        "value": event.machine_id,
                        "time": format_timestamp(event.timestamp),
                    }
                ],
                "relationships": [{"objectId": user, "qualifier": "recorded-by"}],
            }
        relationships = [
            {"objectId": session, "qualifier": "recorded-in"},
            {"objectId": user, "qualifier": "performed-by"},
            {"objectId": app, "qualifier": "in-application"},
        ]
        if event.event_id in instance_of:
            relationships.append({"objectId": instance_of[event.event_id], "qualifier": "step-of"})
        label = label_event(event)
        event_types[label] = None
        ocel_events.append(
            {
                "id": event.event_id,
                "type": label,
                "time": format_timestamp(event.timestamp),
                "attributes": _event_attributes(event),
                "relationships": relationships,
            }
        )
    # Occurrences may cite events that were not passed in: keep their objects consistent.
    for obj in objects.values():
        obj.setdefault("attributes", [])
        obj.setdefault("relationships", [])
    for obj in list(objects.values()):
        for rel in obj["relationships"]:
            kind, _, _ = rel["objectId"].partition(":")
            objects.setdefault(
                rel["objectId"],
                {"id": rel["objectId"], "type": kind, "attributes": [], "relationships": []},
            )
    document = {
        "objectTypes": [
            {"name": name, "attributes": attrs} for name, attrs in _OBJECT_TYPES.items()
        ],
        "eventTypes": [
            {"name": name, "attributes": [{"name": a, "type": "string"} for a in _EVENT_ATTRIBUTES]}
            for name in event_types
        ],
        "objects": list(objects.values()),
        "events": ocel_events,
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def _event_attributes(event: Event) -> list[dict[str, str]]:
    values = {
        "event_id": event.event_id,
        "kind": event.kind.value,
        "window": event.window,
        "element_role": event.element.role if event.element else None,
        "element_name": event.element.name if event.element else None,
        "url": event.url,
    }
    return [{"name": name, "value": value} for name, value in values.items() if value]
