"""REST service, ingest stage: turns an upload body into canonical events, one verdict each.

Guarantees: one bad event never sinks the batch. Each event is validated on its own terms
(``taskmine.event/v1``) and a rejected one is reported with its index and a readable reason; a
malformed NDJSON line is rejected alone. Only a body whose top level cannot be parsed at all is
refused as a whole (400). Validation runs over the whole batch in one pydantic-core call; the
per-event reasons are read from that call's error list, so the common all-valid batch costs one
pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from fastapi import HTTPException, status
from pydantic import TypeAdapter, ValidationError

from taskmine.domain import Event

NDJSON_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/jsonlines"})
JSON_TYPES = frozenset({"application/json", ""})
_EVENT_LIST = TypeAdapter(list[Event])
_MAX_REASON_CHARS = 500


@dataclass(slots=True)
class ParsedBatch:
    """The valid events of an upload (in upload order) and the rejected positions."""

    events: list[Event]
    rejected: list[tuple[int, str]] = field(default_factory=list)
    total: int = 0


def parse_batch(body: bytes, *, content_type: str, max_events: int) -> ParsedBatch:
    """Decode a JSON-array or NDJSON upload and validate every event on its own."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type in NDJSON_TYPES:
        indices, items, rejected = _decode_ndjson(body)
    elif media_type in JSON_TYPES or media_type.endswith("+json"):
        items = _decode_json_array(body)
        indices = list(range(len(items)))
        rejected = []
    else:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"Content-Type {content_type!r} is not accepted here; send a JSON array with "
            "Content-Type: application/json or NDJSON with Content-Type: application/x-ndjson",
        )
    total = len(items) + len(rejected)
    if total > max_events:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"the batch has {total} events; at most {max_events} are accepted per request "
            "(TASKMINE_MAX_BATCH_EVENTS); split it into smaller batches",
        )
    events, invalid = _validate_each(items)
    rejected.extend((indices[position], reason) for position, reason in invalid)
    rejected.sort()
    return ParsedBatch(events=events, rejected=rejected, total=total)


def _decode_json_array(body: bytes) -> list[Any]:
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            f"the body is not valid JSON ({error}); send a JSON array of taskmine.event/v1 "
            "objects, or NDJSON with Content-Type: application/x-ndjson",
        ) from None
    if not isinstance(document, list):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"the body is a JSON {type(document).__name__}, not an array; wrap the events in "
            "[...] (one event is a batch of one)",
        )
    return document


def _decode_ndjson(body: bytes) -> tuple[list[int], list[Any], list[tuple[int, str]]]:
    """Parsed lines with their (0-based) line numbers, and the lines that are not JSON."""
    indices: list[int] = []
    items: list[Any] = []
    rejected: list[tuple[int, str]] = []
    for line_number, line in enumerate(body.split(b"\n")):
        if not line.strip():
            continue  # blank lines (and the final newline) carry no event
        try:
            items.append(orjson.loads(line))
        except orjson.JSONDecodeError as error:
            rejected.append((line_number, f"line {line_number + 1} is not valid JSON ({error})"))
            continue
        indices.append(line_number)
    return indices, items, rejected


def _validate_each(items: list[Any]) -> tuple[list[Event], list[tuple[int, str]]]:
    """Valid events in order, and (position, reason) for each invalid one."""
    try:
        return _EVENT_LIST.validate_python(items), []
    except ValidationError as error:
        reasons = _group_reasons(error)
    kept = [item for position, item in enumerate(items) if position not in reasons]
    # Events are validated independently, so what passed above passes again.
    events = _EVENT_LIST.validate_python(kept)
    return events, sorted(reasons.items())


def _group_reasons(error: ValidationError) -> dict[int, str]:
    grouped: dict[int, list[str]] = {}
    for detail in error.errors(include_url=False, include_input=False):
        location = detail["loc"]
        position = location[0]
        if not isinstance(position, int):  # pragma: no cover - a list's errors start with an index
            raise error
        field_path = ".".join(str(part) for part in location[1:])
        message = detail["msg"]
        grouped.setdefault(position, []).append(
            f"{field_path}: {message}" if field_path else f"the event: {message}"
        )
    return {position: _shorten("; ".join(messages)) for position, messages in grouped.items()}


def _shorten(reason: str) -> str:
    if len(reason) <= _MAX_REASON_CHARS:
        return reason
    return reason[: _MAX_REASON_CHARS - 3] + "..."
