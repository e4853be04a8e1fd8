"""The end of the mining pipeline: the discovery result, schema ``taskmine.discovery/v1``.

What ``taskmine discover`` writes and what the API returns for a finished mining job. The fields
named in the design contract (DESIGN.md §3) are required and keep their meaning; the extra fields
(metrics, task map, step selectors) are additions a v1 reader may ignore.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from taskmine.domain.events import EventKind, PathNode, UtcTimestamp

DISCOVERY_SCHEMA = "taskmine.discovery/v1"

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Step(BaseModel):
    """One step of a routine: the action signature plus what exporters need to replay it."""

    model_config = _FROZEN
    kind: EventKind
    app: str
    role: str | None = None
    name: str | None = None
    automation_id: str | None = None
    class_name: str | None = None
    window: str | None = None
    url: str | None = None
    path: tuple[PathNode, ...] = ()
    # Where the typed/pasted value comes from: "constant", "varies" (an argument), or
    # "copied:<step index>" when it was copied from an earlier step of the routine.
    value_source: str | None = None
    example_value: str | None = None
    # Share of the routine's occurrences that contain this step (1.0 = always).
    support: float = 1.0
    example_event_ids: tuple[str, ...] = ()


class Occurrence(BaseModel):
    """One instance of a routine: the ids of its events (noise inside excluded)."""

    model_config = _FROZEN
    session_id: str
    user_id: str
    event_ids: tuple[str, ...]
    start: UtcTimestamp
    end: UtcTimestamp


class Variant(BaseModel):
    """One ordering of the routine's steps (indices into ``Candidate.steps``) and how often."""

    model_config = _FROZEN
    steps: tuple[int, ...]
    count: int


class Scores(BaseModel):
    model_config = _FROZEN
    automation_potential: float
    standardization: float
    rule_based: float
    volume: float = 0.0
    duration: float = 0.0


class Roi(BaseModel):
    model_config = _FROZEN
    hours_per_month: float
    fte: float
    build_days: float
    payback_months: float | None


class Candidate(BaseModel):
    """A routine worth considering for automation, with its evidence and its ranking figures."""

    model_config = _FROZEN
    id: str
    rank: int
    name: str
    steps: tuple[Step, ...]
    occurrences: tuple[Occurrence, ...]
    frequency: int
    users: int
    mean_duration_s: float
    variants: tuple[Variant, ...]
    scores: Scores
    roi: Roi
    metrics: dict[str, Any] = Field(default_factory=dict)
    task_map: dict[str, Any] = Field(default_factory=dict)


class DiscoveryResult(BaseModel):
    """A ranked list of candidates mined from ``events`` events."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    schema_: str = Field(default=DISCOVERY_SCHEMA, alias="schema")
    events: int
    candidates: tuple[Candidate, ...]
    metrics: dict[str, Any] = Field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)
