"""Stage 1-2 helper: one pass over the events into integer arrays (no per-event objects kept).

Each event becomes: the index of its distinct field tuple (interned slot/value pair ids), its
partition, its time and whether it is an idle marker. Learning the vocabulary and cutting
segments then work on these arrays with numpy; the Python loop here is the only per-event one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from discovery.slots import PairIds, SlotReader
from taskmine.domain.events import Event, EventKind

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class EventScan:
    """Per-event arrays of one pass, plus the distinct field tuples and partitions."""

    tuple_of: IntArray
    partition_of: IntArray
    seconds: FloatArray
    idle: npt.NDArray[np.bool_]
    tuples: list[PairIds]
    partitions: list[tuple[str, str]]


def scan_events(events: Sequence[Event], reader: SlotReader) -> EventScan:
    """Read every event once."""
    by_value: dict[PairIds, int] = {}
    tuples: list[PairIds] = []
    # Most events repeat an (app, kind, element, window, url) seen before: one lookup gives
    # their tuple (events with attributes or a pressed key are read in full).
    by_parts: dict[tuple[object, ...], tuple[object, int]] = {}
    partitions: dict[tuple[str, str], int] = {}
    tuple_of: list[int] = []
    partition_of: list[int] = []
    seconds: list[float] = []
    idle: list[bool] = []
    last_user: str | None = None
    last_session: str | None = None
    partition = -1
    idle_kind = EventKind.IDLE
    key_kind = EventKind.KEY
    read_ids = reader.read_ids
    for event in events:
        kind = event.kind
        element = event.element
        key = None
        if not event.attrs and kind != key_kind:
            key = (event.app, kind, id(element), event.window, event.url)
            known = by_parts.get(key)
            if known is not None and known[0] is element:
                tuple_of.append(known[1])
                key = None
            else:
                known = None
        else:
            known = None
        if known is None:
            ids = read_ids(event)
            index = by_value.get(ids)
            if index is None:
                index = by_value[ids] = len(tuples)
                tuples.append(ids)
            tuple_of.append(index)
            if key is not None:
                by_parts[key] = (element, index)
        if event.user_id != last_user or event.session_id != last_session:
            last_user, last_session = event.user_id, event.session_id
            partition = partitions.setdefault((last_user, last_session), len(partitions))
        partition_of.append(partition)
        seconds.append(event.timestamp.timestamp())
        idle.append(kind is idle_kind)
    return EventScan(
        tuple_of=np.asarray(tuple_of, dtype=np.int64),
        partition_of=np.asarray(partition_of, dtype=np.int64),
        seconds=np.asarray(seconds, dtype=np.float64),
        idle=np.asarray(idle, dtype=bool),
        tuples=tuples,
        partitions=list(partitions),
    )


def count_value_runs(scan: EventScan, reader: SlotReader) -> IntArray:
    """Sightings per interned (slot, value) pair, counted in runs per partition: a value seen again in its
    slot before any other value there (a title over ten events, a cell copied in a loop)
    counts once."""
    lengths_of_tuple = np.asarray([len(t) for t in scan.tuples], dtype=np.int64)
    flat_of_tuple = np.asarray([i for t in scan.tuples for i in t], dtype=np.int64)
    starts_of_tuple = np.concatenate(([0], np.cumsum(lengths_of_tuple)[:-1]))
    lengths = lengths_of_tuple[scan.tuple_of]
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    within = np.arange(len(owner), dtype=np.int64) - np.repeat(
        np.cumsum(lengths) - lengths, lengths
    )
    pairs = flat_of_tuple[starts_of_tuple[scan.tuple_of][owner] + within]
    slot_index: dict[str, int] = {}
    slot_of_pair = np.asarray(
        [slot_index.setdefault(slot, len(slot_index)) for slot, _ in reader.pairs], dtype=np.int64
    )
    slots_of = slot_of_pair[pairs]
    part = scan.partition_of[owner]
    events = max(len(lengths), 1)
    partitions = max(len(scan.partitions), 1)
    # Sort by (slot, partition, event) with one int64 key (``np.lexsort`` is much slower).
    order = np.argsort((slots_of * partitions + part) * events + owner)
    pairs, slots_of, part = pairs[order], slots_of[order], part[order]
    new = np.ones(len(pairs), dtype=bool)
    new[1:] = (slots_of[1:] != slots_of[:-1]) | (part[1:] != part[:-1]) | (pairs[1:] != pairs[:-1])
    return np.bincount(pairs[new], minlength=len(reader.pairs)).astype(np.int64)


def positive_gaps(scan: EventScan) -> FloatArray:
    """Pauses between consecutive events of one partition (in the order given), seconds."""
    steps = np.diff(scan.seconds)
    same = scan.partition_of[1:] == scan.partition_of[:-1]
    return np.asarray(steps[same & (steps > 0)], dtype=np.float64)
