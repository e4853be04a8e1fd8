"""Stages 1-2 fused for one process: learn the vocabulary and segment every partition from a
single pass over the events.

The result is exactly what ``learn_vocabulary`` followed by ``segment_partition`` on each
(user, session) partition gives (a test holds ``discover`` to that); it only avoids reading
every event twice, which matters at a million events. Signatures are computed once per
distinct field tuple, segment breaks with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from discovery.parameters import DiscoveryParameters
from discovery.scan import scan_events
from discovery.segments import Segment
from discovery.slots import SlotReader
from discovery.vocabulary import Vocabulary, vocabulary_from_scan
from taskmine.domain.events import Event


def learn_and_segment(
    events: Sequence[Event], *, params: DiscoveryParameters
) -> tuple[Vocabulary, list[Segment]]:
    """The vocabulary of ``events`` and the segments of all their partitions."""
    reader = SlotReader()
    scan = scan_events(events, reader)
    vocabulary = vocabulary_from_scan(scan, reader, params=params)
    normaliser = vocabulary.normaliser(reader=reader)
    texts: dict[int, str] = {}
    signature_of_tuple = np.empty(len(scan.tuples), dtype=np.int64)
    for index, ids in enumerate(scan.tuples):
        text, signature = normaliser.signature_of_ids(ids)
        signature_of_tuple[index] = signature
        texts[signature] = text
    # Partitions in key order, each in the order given (as ``split_partitions``).
    rank_of_partition = np.empty(len(scan.partitions), dtype=np.int64)
    rank_of_partition[sorted(range(len(scan.partitions)), key=scan.partitions.__getitem__)] = (
        np.arange(len(scan.partitions))
    )
    order = np.argsort(rank_of_partition[scan.partition_of], kind="stable")
    part = scan.partition_of[order]
    moments = (scan.seconds[order] * 1000).astype(np.int64)
    idle = scan.idle[order]
    steps = np.diff(moments)
    breaks = np.ones(len(order), dtype=bool)
    breaks[1:] = (
        (part[1:] != part[:-1]) | (steps < 0) | (steps > vocabulary.idle_gap_s * 1000.0) | idle[1:]
    )
    segment_of = np.cumsum(breaks) - 1
    kept = np.flatnonzero(~idle)
    if len(kept) == 0:
        return vocabulary, []
    kept_segments = segment_of[kept]
    bounds = np.flatnonzero(np.diff(kept_segments)) + 1
    ids_all = np.asarray([event.event_id for event in events], dtype=object)[order[kept]]
    sigs_all = signature_of_tuple[scan.tuple_of[order[kept]]]
    times_all = moments[kept]
    partition_all = part[kept]
    segments: list[Segment] = []
    for start, end in zip(
        np.concatenate(([0], bounds)).tolist(),
        np.concatenate((bounds, [len(kept)])).tolist(),
        strict=True,
    ):
        user_id, session_id = scan.partitions[int(partition_all[start])]
        signatures = sigs_all[start:end].tolist()
        # model_construct: built from validated events, as segment_partition does.
        segments.append(
            Segment.model_construct(
                user_id=user_id,
                session_id=session_id,
                event_ids=tuple(ids_all[start:end].tolist()),
                signatures=tuple(signatures),
                times_ms=tuple(times_all[start:end].tolist()),
                signature_texts={signature: texts[signature] for signature in signatures},
            )
        )
    return vocabulary, segments
