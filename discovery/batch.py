"""Stages 1-2 fused for one process: learn the vocabulary and segment every partition from a
single pass over the events.

The result is exactly what ``learn_vocabulary`` followed by ``segment_partition`` on each
(user, session) partition gives (a test holds ``discover`` to that); it only avoids reading
every event twice, which matters at a million events. Signatures are computed once per
distinct field tuple, segment breaks with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from discovery.flat import LogFacts
from discovery.parameters import DiscoveryParameters
from discovery.scan import scan_events
from discovery.segments import Segment
from discovery.slots import PairIds, SlotReader
from discovery.vocabulary import SEPARATOR, Vocabulary, signature_id, vocabulary_and_forms
from taskmine.domain.events import Event


@dataclass(frozen=True, slots=True)
class Batch:
    """Stages 1-2 of one log, plus the log-wide counts ranking needs."""

    vocabulary: Vocabulary
    segments: list[Segment]
    facts: LogFacts


def learn_and_segment(
    events: Sequence[Event], *, params: DiscoveryParameters
) -> tuple[Vocabulary, list[Segment]]:
    """The vocabulary of ``events`` and the segments of all their partitions."""
    batch = prepare_batch(events, params=params)
    return batch.vocabulary, batch.segments


def prepare_batch(events: Sequence[Event], *, params: DiscoveryParameters) -> Batch:
    """``learn_and_segment`` plus the observed days and users of ``events``."""
    reader = SlotReader()
    scan = scan_events(events, reader)
    facts = LogFacts(
        observed_days=len(np.unique(np.floor_divide(scan.seconds, 86400.0))),
        users=len({user for user, _ in scan.partitions}),
    )
    vocabulary, normalised = vocabulary_and_forms(scan, reader, params=params)
    signature_of_tuple, texts = _tuple_signatures(scan.tuples, reader, vocabulary, normalised)
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
        return Batch(vocabulary, [], facts)
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
    return Batch(vocabulary, segments, facts)


def _tuple_signatures(
    tuples: Sequence[PairIds],
    reader: SlotReader,
    vocabulary: Vocabulary,
    normalised: Sequence[str | None],
) -> tuple[npt.NDArray[np.int64], dict[int, str]]:
    """Signature id per distinct field tuple and the text of each signature. Pairs normalise
    to few distinct forms: each tuple is mapped to its form ids, and only distinct form
    sequences are joined and hashed."""
    normaliser = None
    form_ids: dict[str, int] = {}
    form_of_pair: list[int] = []
    for index, (slot, value) in enumerate(reader.pairs):
        form = normalised[index]
        if form is None:  # a pair never seen in an event (not expected): normalise it here
            normaliser = normaliser or vocabulary.normaliser()
            form = normaliser.normalise(slot, value)
        form_of_pair.append(form_ids.setdefault(slot + "=" + form, len(form_ids)))
    form_texts = list(form_ids)
    lookup = form_of_pair.__getitem__
    by_forms: dict[tuple[int, ...], int] = {}
    texts: dict[int, str] = {}
    signature_of_tuple = np.empty(len(tuples), dtype=np.int64)
    for index, ids in enumerate(tuples):
        key = tuple(map(lookup, ids))
        signature = by_forms.get(key)
        if signature is None:
            text = SEPARATOR.join([form_texts[form] for form in key])
            signature = by_forms[key] = signature_id(text)
            texts[signature] = text
        signature_of_tuple[index] = signature
    return signature_of_tuple, texts
