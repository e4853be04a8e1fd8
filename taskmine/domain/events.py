"""Stage 0 of the pipeline: the canonical UI event, schema ``taskmine.event/v1``.

One object per UI action. The recorder produces it, the API ingests it, importers convert other
UI-log formats to it and discovery consumes it. The model is frozen and strict: a string field
never silently accepts a number, an unknown field is an error, and a timestamp must carry a time
zone (it is normalised to UTC and written back as RFC 3339 with milliseconds and ``Z``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

EVENT_SCHEMA = "taskmine.event/v1"


class EventKind(StrEnum):
    CLICK = "click"
    DOUBLE_CLICK = "double_click"
    RIGHT_CLICK = "right_click"
    TYPE = "type"
    KEY = "key"
    FOCUS = "focus"
    APP_SWITCH = "app_switch"
    WINDOW_OPEN = "window_open"
    WINDOW_CLOSE = "window_close"
    SCROLL = "scroll"
    SELECT = "select"
    COPY = "copy"
    PASTE = "paste"
    NAVIGATE = "navigate"
    IDLE = "idle"
    OTHER = "other"


def format_timestamp(moment: datetime) -> str:
    """RFC 3339 UTC with millisecond precision: ``2026-03-02T09:10:03.593Z``."""
    utc = moment.astimezone(UTC)
    # Not strftime("%Y"): glibc writes year 787 as "787", which RFC 3339 readers refuse.
    return f"{utc.year:04d}-" + utc.strftime("%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _parse_timestamp(value: Any) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"timestamp {value!r} is not RFC 3339") from None
    else:
        raise ValueError(f"timestamp must be an RFC 3339 string, got {type(value).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamp {value!r} has no time zone; send UTC with a trailing Z")
    return moment.astimezone(UTC)


UtcTimestamp = Annotated[
    datetime,
    BeforeValidator(_parse_timestamp),
    PlainSerializer(format_timestamp, return_type=str, when_used="always"),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "examples": ["2026-03-02T09:10:03.593Z"]}
    ),
]

_FROZEN = ConfigDict(frozen=True, extra="forbid", strict=True)


class PathNode(BaseModel):
    """One level of the element's accessibility path, from the window down."""

    model_config = _FROZEN
    role: str
    name: str | None = None
    index: int | None = None


class Bounds(BaseModel):
    """Screen rectangle of the element, in pixels."""

    model_config = _FROZEN
    x: int
    y: int
    width: int
    height: int


class Element(BaseModel):
    """The UI element acted on, as the accessibility tree describes it."""

    model_config = _FROZEN
    role: str | None = None
    name: str | None = None
    automation_id: str | None = None
    class_name: str | None = None
    # JSON carries arrays; strict mode alone would insist on a Python tuple.
    path: tuple[PathNode, ...] = Field(default=(), strict=False)
    bounds: Bounds | None = None


class Event(BaseModel):
    """A canonical UI event, ``taskmine.event/v1``."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=True,
        json_schema_extra={"$id": "https://taskmine.dev/schemas/taskmine.event/v1.json"},
        title="taskmine.event/v1",
    )

    event_id: str = Field(min_length=1, max_length=200)
    session_id: str = Field(min_length=1, max_length=200)
    user_id: str = Field(min_length=1, max_length=200)
    machine_id: str = Field(max_length=200)
    timestamp: UtcTimestamp
    # An enum value arrives as its JSON string; lax here, still limited to the enum's values.
    kind: EventKind = Field(strict=False)
    app: str = Field(max_length=500)
    window: str | None = Field(default=None, max_length=4000)
    element: Element | None = None
    value: str | None = Field(default=None, max_length=100_000)
    url: str | None = Field(default=None, max_length=8000)
    attrs: dict[str, Any] = Field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        """The event as plain JSON types (what JSON Lines and the API carry)."""
        return self.model_dump(mode="json")
