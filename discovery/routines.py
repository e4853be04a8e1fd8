"""Stage 3, mine: segments of all partitions -> routines with their occurrences.

Flow: concatenate the segments in a canonical order (so partition order cannot matter), code
signatures as dense integers, drop immediate repeats and rare signatures, group signatures into
routine types (``communities``), give each sighting of a shared signature the type of the task
it is bound to (``sharing``), cut each type's events into instances (``instances``), merge
pieces of one routine (``merging``), hand shared steps to the instance around them
(``attachment``), keep the signatures that are steps of the routine (present in enough
instances), and re-attach immediate repeats to the step they repeat. Every event lands in at most one occurrence; noise
inside an instance (signatures of other routines or no routine) is left out of it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from discovery.arrays import unique_inverse
from discovery.attachment import attach_shared_steps
from discovery.communities import (
    chunk_pair_stats,
    cut_repeat_free_chunks,
    detect_signature_communities,
)
from discovery.flat import trusted
from discovery.instances import split_instances
from discovery.merging import MAX_MERGE_ROUNDS, merge_chained_types
from discovery.parameters import DiscoveryParameters
from discovery.segments import Segment
from discovery.sharing import contextual_labels

IntArray = npt.NDArray[np.int64]
_FROZEN = ConfigDict(frozen=True, extra="forbid")


class RoutineOccurrence(BaseModel):
    """One instance: its events (in order) and the step index of each event."""

    model_config = _FROZEN
    user_id: str
    session_id: str
    event_ids: tuple[str, ...]
    steps: tuple[int, ...]
    times_ms: tuple[int, ...]


class Routine(BaseModel):
    """A mined routine: step signatures in canonical order, their texts, its occurrences."""

    model_config = _FROZEN
    signatures: tuple[int, ...]
    step_texts: tuple[str, ...]
    occurrences: tuple[RoutineOccurrence, ...]


def mine_routines(segments: Sequence[Segment], *, params: DiscoveryParameters) -> list[Routine]:
    """Routines repeated across all partitions' segments, in a canonical (content) order."""
    ordered = sorted(
        (segment for segment in segments if segment.event_ids),
        key=lambda s: (s.user_id, s.session_id, s.times_ms[0], s.event_ids[0]),
    )
    if not ordered:
        return []
    lengths = np.asarray([len(s.event_ids) for s in ordered], dtype=np.int64)
    segment_of = np.repeat(np.arange(len(ordered), dtype=np.int64), lengths)
    hashes = np.fromiter(
        (sig for s in ordered for sig in s.signatures), dtype=np.int64, count=int(lengths.sum())
    )
    times = np.fromiter(
        (t for s in ordered for t in s.times_ms), dtype=np.int64, count=int(lengths.sum())
    )
    uniques, codes = unique_inverse(hashes)
    codes = codes.astype(np.int64)
    same_segment = np.concatenate(([False], segment_of[1:] == segment_of[:-1]))
    repeat = same_segment & np.concatenate(([False], codes[1:] == codes[:-1]))
    counts = np.bincount(codes[~repeat], minlength=len(uniques))
    mined = np.flatnonzero(~repeat & (counts[codes] >= params.min_support))
    gap_score = _gap_scores(times, same_segment)
    m_codes = codes[mined]
    m_segments = segment_of[mined]
    chunks = cut_repeat_free_chunks(m_codes, m_segments)
    stats = chunk_pair_stats(m_codes, chunks, vocabulary_size=len(uniques), params=params)
    community = detect_signature_communities(stats, vocabulary_size=len(uniques), params=params)
    labels = contextual_labels(m_codes, m_segments, community, stats, params=params)

    # Types are merged on instances cut with one vote per step for the typical recurrence
    # distance, which reads a piece interrupted by another type's steps (a prefix whose
    # branches became types of their own) as long instances that hold those branches, so they
    # show up as nested; the merged types are then cut again with the typical distance of the
    # steps done in (nearly) every instance, and merged further if that reveals more nesting.
    def split(labels: np.ndarray, core_typical: bool) -> tuple[np.ndarray, np.ndarray]:
        return split_instances(
            m_codes, m_segments, labels, gap_score[mined], core_typical=core_typical, params=params
        )

    for core_typical in (False, True):
        instance_of, instance_type = split(labels, core_typical)
        for _ in range(MAX_MERGE_ROUNDS):
            merged = merge_chained_types(
                instance_of,
                instance_type,
                m_segments,
                types=int(community.max()) + 1,
                params=params,
            )
            if merged is None:
                break
            labels = np.where(labels >= 0, merged[np.maximum(labels, 0)], -1)
            community = np.where(community >= 0, merged[np.maximum(community, 0)], -1)
            instance_of, instance_type = split(labels, core_typical)
    # Shared steps: events left out of every instance join the instance around them.
    instance_of = attach_shared_steps(
        instance_of, instance_type, m_codes, labels, m_segments, gap_score[mined]
    )
    # Full-sequence instance per event: mined positions, then repeats inherit from the left.
    full_instance = np.full(len(codes), -1, dtype=np.int64)
    full_instance[mined] = instance_of
    full_instance = _inherit_for_repeats(full_instance, repeat)
    texts = {sig: text for s in ordered for sig, text in s.signature_texts.items()}
    routines = _assemble(
        full_instance,
        instance_type,
        codes,
        times,
        uniques,
        segment_of,
        ordered,
        texts=texts,
        params=params,
    )
    return sorted(routines, key=lambda r: (-len(r.occurrences), r.signatures))


def _gap_scores(times: IntArray, same_segment: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """Robust z-score of the log pause before each event (0 at segment starts)."""
    gaps = np.diff(times, prepend=times[0]).astype(np.float64)
    logs = np.log(np.maximum(gaps, 1.0))
    inside = same_segment
    if not inside.any():
        return np.zeros(len(times))
    median = float(np.median(logs[inside]))
    mad = float(np.median(np.abs(logs[inside] - median))) * 1.4826
    scores = (logs - median) / max(mad, 0.25)
    scores[~inside] = 0.0
    return scores


def _inherit_for_repeats(instance: IntArray, repeat: npt.NDArray[np.bool_]) -> IntArray:
    """An immediate repeat belongs to whatever instance the event it repeats belongs to."""
    result = instance.copy()
    positions = np.arange(len(instance))
    anchor = np.where(repeat, -1, positions)
    anchor = np.maximum.accumulate(anchor)
    result[repeat] = instance[anchor[repeat]]
    return result


def _assemble(
    instance_of: IntArray,
    instance_type: IntArray,
    codes: IntArray,
    times: IntArray,
    uniques: IntArray,
    segment_of: IntArray,
    ordered: Sequence[Segment],
    *,
    texts: dict[int, str],
    params: DiscoveryParameters,
) -> list[Routine]:
    member = np.flatnonzero(instance_of >= 0)
    if len(member) == 0:
        return []
    # Events grouped by routine type, then instance, in time order inside each instance.
    order = np.lexsort((member, instance_of[member], instance_type[instance_of[member]]))
    positions = member[order]
    kinds = instance_type[instance_of[positions]]
    event_ids = np.asarray([e for s in ordered for e in s.event_ids], dtype=object)
    routines: list[Routine] = []
    bounds = np.flatnonzero(np.diff(kinds)) + 1
    for block in np.split(positions, bounds):
        routine = _build_routine(
            block,
            instance_of[block],
            codes,
            times,
            uniques,
            event_ids,
            segment_of,
            ordered,
            texts=texts,
            params=params,
        )
        if routine is not None:
            routines.append(routine)
    return routines


def _build_routine(
    positions: IntArray,
    instances: IntArray,
    codes: IntArray,
    times: IntArray,
    uniques: IntArray,
    event_ids: npt.NDArray[np.object_],
    segment_of: IntArray,
    ordered: Sequence[Segment],
    *,
    texts: dict[int, str],
    params: DiscoveryParameters,
) -> Routine | None:
    """One routine from its instances' events (``positions`` grouped by ``instances``)."""
    starts = np.flatnonzero(np.concatenate(([True], instances[1:] != instances[:-1])))
    count = len(starts)
    if count < params.min_occurrences:
        return None
    lengths = np.diff(np.concatenate((starts, [len(positions)])))
    instance_number = np.repeat(np.arange(count), lengths)
    rank = np.arange(len(positions)) - np.repeat(starts, lengths)
    scale = np.repeat(np.maximum(lengths - 1, 1), lengths).astype(np.float64)
    local = codes[positions]
    size = int(local.max()) + 1
    # First sighting of each code in each instance: presence and mean relative position.
    key = instance_number * size + local
    by_key = np.argsort(key, kind="stable")
    first = by_key[np.concatenate(([True], key[by_key][1:] != key[by_key][:-1]))]
    presence = np.bincount(local[first], minlength=size)
    position_sum = np.bincount(local[first], weights=rank[first] / scale[first], minlength=size)
    needed = max(2, params.step_share * count)
    steps = [int(code) for code in np.flatnonzero(presence >= needed)]
    if len(steps) < params.min_steps:
        return None
    steps.sort(key=lambda code: (position_sum[code] / presence[code], int(uniques[code])))
    step_index = np.full(size, -1, dtype=np.int64)
    step_index[np.asarray(steps, dtype=np.int64)] = np.arange(len(steps))
    step_of = step_index[local]
    keep = step_of >= 0
    distinct = np.bincount(instance_number[first][step_of[first] >= 0], minlength=count)
    keep &= distinct[instance_number] >= params.min_steps
    kept_instances = instance_number[keep]
    kept_positions = positions[keep]
    kept_steps = step_of[keep]
    splits = np.flatnonzero(np.diff(kept_instances)) + 1
    id_groups = np.split(event_ids[kept_positions], splits)
    step_groups = np.split(kept_steps, splits)
    time_groups = np.split(times[kept_positions], splits)
    segment_first = (
        segment_of[kept_positions[np.concatenate(([0], splits))]]
        if len(kept_positions)
        else np.empty(0, dtype=np.int64)
    )
    occurrences: list[RoutineOccurrence] = []
    for ids, steps_of, stamps, segment_index in zip(
        id_groups, step_groups, time_groups, segment_first.tolist(), strict=True
    ):
        segment = ordered[segment_index]
        # trusted: built from validated segments; re-validating costs seconds at scale.
        occurrences.append(
            trusted(
                RoutineOccurrence,
                user_id=segment.user_id,
                session_id=segment.session_id,
                event_ids=tuple(ids.tolist()),
                steps=tuple(steps_of.tolist()),
                times_ms=tuple(stamps.tolist()),
            )
        )
    if len(occurrences) < params.min_occurrences:
        return None
    signatures = tuple(int(uniques[code]) for code in steps)
    return Routine(
        signatures=signatures,
        step_texts=tuple(texts[sig] for sig in signatures),
        occurrences=tuple(occurrences),
    )
