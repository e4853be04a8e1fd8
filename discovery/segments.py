"""Stage 2, segment: one (user, session) partition -> segments split at idle gaps and breaks.

A segment is a stretch of one partition's events with no idle gap, no idle event and no clock
jump backwards inside it. It carries only ids, signature ids and times (never whole events), so
a Temporal workflow can segment partitions in parallel and ship the segments to the miner. Events
are taken in the order given (the recorder's order); signature texts travel with the segment so
the miner can name steps without the vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from discovery.parameters import DiscoveryParameters
from discovery.vocabulary import SignatureNormaliser, Vocabulary
from taskmine.domain.events import Event, EventKind


class Segment(BaseModel):
    """A gap-free stretch of one partition: event ids, signature ids, times in epoch ms."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    user_id: str
    session_id: str
    event_ids: tuple[str, ...]
    signatures: tuple[int, ...]
    times_ms: tuple[int, ...]
    signature_texts: dict[int, str]


def segment_partition(
    events: Sequence[Event],
    *,
    vocabulary: Vocabulary,
    params: DiscoveryParameters,
    normaliser: SignatureNormaliser | None = None,
) -> list[Segment]:
    """Split one partition's events at idle gaps, idle events and backward clock jumps."""
    del params  # the idle threshold was learned globally into the vocabulary
    mapper = normaliser or vocabulary.normaliser()
    signature_of = mapper.signature
    idle_ms = vocabulary.idle_gap_s * 1000.0
    segments: list[Segment] = []
    ids: list[str] = []
    sigs: list[int] = []
    times: list[int] = []
    texts: dict[int, str] = {}
    last_time = -1
    last_user: str | None = None
    last_session: str | None = None
    idle = EventKind.IDLE
    for event in events:
        moment = int(event.timestamp.timestamp() * 1000)
        if (
            event.user_id != last_user
            or event.session_id != last_session
            or moment < last_time
            or moment - last_time > idle_ms
            or event.kind is idle
        ) and ids:
            segments.append(_make_segment(last_user, last_session, ids, sigs, times, texts))
            ids, sigs, times, texts = [], [], [], {}
        last_time, last_user, last_session = moment, event.user_id, event.session_id
        if event.kind is idle:
            continue
        text, signature = signature_of(event)
        ids.append(event.event_id)
        sigs.append(signature)
        times.append(moment)
        texts[signature] = text
    if ids:
        segments.append(_make_segment(last_user, last_session, ids, sigs, times, texts))
    return segments


def _make_segment(
    user_id: str | None,
    session_id: str | None,
    ids: list[str],
    sigs: list[int],
    times: list[int],
    texts: dict[int, str],
) -> Segment:
    # model_construct: the fields are built here from validated events; re-validating a
    # million ids would cost seconds for nothing.
    return Segment.model_construct(
        user_id=user_id or "",
        session_id=session_id or "",
        event_ids=tuple(ids),
        signatures=tuple(sigs),
        times_ms=tuple(times),
        signature_texts=texts,
    )
