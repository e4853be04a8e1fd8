"""Stage 2 (segment): partitions split at idle gaps, idle events and backward clock jumps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from discovery import DiscoveryParameters, learn_vocabulary, segment_partition
from taskmine.domain.events import Element, Event, EventKind

PARAMS = DiscoveryParameters()
ORIGIN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _events(offsets_s: list[float], *, kinds: list[EventKind] | None = None) -> list[Event]:
    return [
        Event(
            event_id=f"e{i}",
            session_id="s1",
            user_id="u1",
            machine_id="m1",
            timestamp=ORIGIN + timedelta(seconds=offset),
            kind=(kinds[i] if kinds else EventKind.CLICK),
            app="app.exe",
            element=Element(role="button", name="Go"),
        )
        for i, offset in enumerate(offsets_s)
    ]


def test_idle_gap_starts_new_segment() -> None:
    events = _events([0, 2, 4, 6, 4000, 4002, 4004])
    vocabulary = learn_vocabulary(events, params=PARAMS)
    segments = segment_partition(events, vocabulary=vocabulary, params=PARAMS)
    assert [s.event_ids for s in segments] == [("e0", "e1", "e2", "e3"), ("e4", "e5", "e6")]


def test_clock_jumping_back_starts_new_segment() -> None:
    events = _events([100, 102, 104, 10, 12])
    vocabulary = learn_vocabulary(events, params=PARAMS)
    segments = segment_partition(events, vocabulary=vocabulary, params=PARAMS)
    assert [len(s.event_ids) for s in segments] == [3, 2]


def test_idle_event_splits_and_is_left_out() -> None:
    kinds = [EventKind.CLICK, EventKind.CLICK, EventKind.IDLE, EventKind.CLICK]
    events = _events([0, 1, 2, 3], kinds=kinds)
    vocabulary = learn_vocabulary(events, params=PARAMS)
    segments = segment_partition(events, vocabulary=vocabulary, params=PARAMS)
    assert [s.event_ids for s in segments] == [("e0", "e1"), ("e3",)]


def test_segment_carries_signatures_and_their_texts() -> None:
    events = _events([0, 1, 2])
    vocabulary = learn_vocabulary(events, params=PARAMS)
    (segment,) = segment_partition(events, vocabulary=vocabulary, params=PARAMS)
    assert len(set(segment.signatures)) == 1
    assert set(segment.signature_texts) == set(segment.signatures)
