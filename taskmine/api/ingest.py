"""REST service, ingest stage: turns an upload body into canonical events, one verdict each.

Guarantees: one bad event never sinks the batch. Each event is validated on its own terms
(``taskmine.event/v1``) and a rejected one is reported with its index and a readable reason; a
malformed NDJSON line is rejected alone. Only a body whose top level cannot be parsed at all is
refused as a whole (400). Validation runs over the whole batch in one pydantic-core call; the
per-event reasons are read from that call's error list, so the common all-valid batch costs one
pass.

Every event is also redacted on the server (``INGEST_POLICY``): the recorder redacts at
source, but other platforms call this API directly, so every string (value, window, element
names and ids, each path node, URL, attrs keys and values) passes the privacy detectors again
and a password field never keeps a value. Ids (user, session, machine) are not redacted, as
consent and dedupe key on them: an event whose id holds personal data is rejected instead.
Redaction fails closed: an event whose redaction
raises is rejected with a reason that names no content, and nothing of it is stored. Redaction
works on the decoded JSON before validation (no model copies: the hot path); reasons are redacted
too, since a validation message can quote its input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from fastapi import HTTPException, status
from pydantic import TypeAdapter, ValidationError

from taskmine.domain import Event
from taskmine.privacy import CaptureLevel, PrivacyPolicy, redact_event_data, redact_text

NDJSON_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/jsonlines"})
JSON_TYPES = frozenset({"application/json", ""})
_EVENT_LIST = TypeAdapter(list[Event])
_MAX_REASON_CHARS = 500
# Each JSON object or array becomes a Python container of 60-200 bytes: 10^6 tiny "{}" items
# (or one event whose attrs hold them) under the byte limit would cost ~400 MiB before the
# event count refuses them. An event has a handful (element, path nodes, bounds, attrs); the
# budget is per event of the limit, not of the batch, so one deeply nested event still fits.
CONTAINERS_PER_EVENT = 64
# The server re-runs every detector on every string and drops password values. How much of a
# value to keep (masked or full) is the capturing agent's policy, applied at source: the server
# cannot tell a masked value from a full one, so it keeps what arrives, redacted.
INGEST_POLICY = PrivacyPolicy(default_capture=CaptureLevel.FULL)


@dataclass(slots=True)
class ParsedBatch:
    """The valid events of an upload (in upload order) and the rejected positions."""

    events: list[Event]
    rejected: list[tuple[int, str]] = field(default_factory=list)
    total: int = 0


def parse_batch(
    body: bytes,
    *,
    content_type: str,
    max_events: int,
    policy: PrivacyPolicy = INGEST_POLICY,
) -> ParsedBatch:
    """Decode a JSON-array or NDJSON upload, validate and redact every event on its own."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type in NDJSON_TYPES:
        # Counted before any line is parsed: 10^6 tiny lines under the byte limit would
        # otherwise become 10^6 Python objects before the event limit refuses them.
        if _has_more_lines_than(body, max_events):
            raise _too_many_events(f"more than {max_events}", max_events)
        _refuse_too_many_containers(body, max_events)
        indices, items, rejected = _decode_ndjson(body)
    elif media_type in JSON_TYPES or media_type.endswith("+json"):
        _refuse_too_many_containers(body, max_events)
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
        raise _too_many_events(str(total), max_events)
    items, indices, unredactable = redact_items(items, indices, policy=policy)
    events, invalid = _validate_each(items)
    rejected.extend((indices[position], reason) for position, reason in invalid)
    rejected.extend(unredactable)
    rejected.sort()
    return ParsedBatch(events=events, rejected=rejected, total=total)


def redact_items(
    items: list[Any], indices: list[int], *, policy: PrivacyPolicy
) -> tuple[list[Any], list[int], list[tuple[int, str]]]:
    """The decoded events redacted in place (before validation), and the ones that could not be.

    Returns the items still to validate, their upload positions, and (position, reason) for each
    event whose redaction raised: those are dropped whole (fail closed).
    """
    kept: list[Any] = []
    kept_indices: list[int] = []
    failed: list[tuple[int, str]] = []
    for index, item in zip(indices, items, strict=True):
        if isinstance(item, dict):
            try:
                redact_event_data(item, policy=policy)
            except Exception as error:  # fail closed: never store what could not be redacted
                failed.append(
                    (
                        index,
                        f"the event could not be redacted ({type(error).__name__}), so it was "
                        "not stored; report this to the taskmine maintainers",
                    )
                )
                continue
            personal = _ids_holding_personal_data(item, policy=policy)
            if personal:
                failed.append((index, _personal_id_reason(personal)))
                continue
        kept.append(item)
        kept_indices.append(index)
    return kept, kept_indices, failed


# Not redacted (consent, dedupe and partitioning key on them), so personal data in them would be
# stored as sent and travel in workflow payloads: such an event is refused instead.
_ID_FIELDS = ("user_id", "session_id", "machine_id")


def _ids_holding_personal_data(item: dict[str, Any], *, policy: PrivacyPolicy) -> list[str]:
    return [
        name
        for name in _ID_FIELDS
        if isinstance(value := item.get(name), str) and redact_text(value, policy=policy) != value
    ]


def _personal_id_reason(fields: list[str]) -> str:
    return (
        f"{' and '.join(fields)} {'holds' if len(fields) == 1 else 'hold'} personal data (an "
        "e-mail address, phone or id number), "
        "and ids are stored as sent; send a pseudonymous id instead (the recorder derives one "
        "per user and machine)"
    )


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


def _refuse_too_many_containers(body: bytes, max_events: int) -> None:
    """413 before parsing when ``body`` may hold more JSON objects and arrays than the budget.

    Counts brackets (inside strings too, which only over-counts) in two C-speed scans."""
    budget = CONTAINERS_PER_EVENT * max_events
    if body.count(b"{") + body.count(b"[") > budget:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"the batch holds more than {budget} JSON objects and arrays "
            f"({CONTAINERS_PER_EVENT} per event of the {max_events}-event limit); send fewer "
            "events per request",
        )


def _too_many_events(count: str, max_events: int) -> HTTPException:
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE,
        f"the batch has {count} events; at most {max_events} are accepted per request "
        "(TASKMINE_MAX_BATCH_EVENTS); split it into smaller batches",
    )


def _has_more_lines_than(body: bytes, limit: int) -> bool:
    """Whether ``body`` has more than ``limit`` non-blank lines (it stops looking past that)."""
    if body.count(b"\n") < limit:  # at most ``limit`` lines, blank or not
        return False
    count = start = 0
    while start < len(body):
        end = body.find(b"\n", start)
        end = len(body) if end < 0 else end
        if end > start and not body[start:end].isspace():
            count += 1
            if count > limit:
                return True
        start = end + 1
    return False


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
    # A reason can quote the input (``timestamp '...' is not RFC 3339``): redact it as well.
    reason = redact_text(reason, policy=INGEST_POLICY)
    if len(reason) <= _MAX_REASON_CHARS:
        return reason
    return reason[: _MAX_REASON_CHARS - 3] + "..."
