"""The shared domain model: the canonical event and the discovery result. Pure data, no I/O."""

from taskmine.domain.events import (
    EVENT_SCHEMA,
    Bounds,
    Element,
    Event,
    EventKind,
    PathNode,
    format_timestamp,
)

__all__ = [
    "EVENT_SCHEMA",
    "Bounds",
    "Element",
    "Event",
    "EventKind",
    "PathNode",
    "format_timestamp",
]

from taskmine.domain.results import (
    DISCOVERY_SCHEMA,
    Candidate,
    DiscoveryResult,
    Occurrence,
    Roi,
    Scores,
    Step,
    Variant,
)

__all__ += [
    "DISCOVERY_SCHEMA",
    "Candidate",
    "DiscoveryResult",
    "Occurrence",
    "Roi",
    "Scores",
    "Step",
    "Variant",
]
