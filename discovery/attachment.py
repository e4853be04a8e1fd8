"""Stage 3d, mine: shared steps: hand events left out of every instance to the one around them.

A signature belongs to one routine type (community), but UI elements are shared between tasks:
an "Apply" button or a name field is a step of several routines. Where such a signature is used
inside another routine, the type that owns it cannot make an instance of it (a lone step) or
makes only a *fragment* (an instance with fewer than half its type's typical number of distinct
steps) that overlaps or borders the other routine's instance. So, per segment:

1. a fragment that overlaps or borders an instance of another type, one that is no fragment, is
   dissolved: its events are left unassigned;
2. every unassigned event is handed to the instance around it: inside one instance's span it
   joins that instance; between two instances the run of unassigned events is cut at its most
   start-like position (the longest pause, as instance starts are found); before the first or
   after the last instance of a segment it joins that instance.

Nothing here decides what is a step: a routine's steps are still the signatures present in
enough of its instances (``routines``), so handed-over events of no step stay out of the
occurrence (noise inside an instance).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from discovery.arrays import unique_sorted

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def attach_shared_steps(
    instance_of: IntArray,
    instance_type: IntArray,
    codes: IntArray,
    labels: IntArray,
    segment_of: IntArray,
    gap_score: FloatArray,
) -> IntArray:
    """Instance per position after dissolving bordering fragments and handing over the rest."""
    if len(instance_of) == 0 or len(instance_type) == 0:
        return instance_of
    result = _dissolve_fragments(instance_of, instance_type, codes, segment_of)
    return _hand_over(result, segment_of, gap_score, labels >= 0)


def _dissolve_fragments(
    instance_of: IntArray, instance_type: IntArray, codes: IntArray, segment_of: IntArray
) -> IntArray:
    count = len(instance_type)
    assigned = np.flatnonzero(instance_of >= 0)
    if len(assigned) == 0:
        return instance_of
    owners = instance_of[assigned]
    vocabulary = int(codes.max()) + 1
    pairs = unique_sorted(owners * vocabulary + codes[assigned])
    distinct = np.bincount(pairs // vocabulary, minlength=count)
    fragment = np.zeros(count, dtype=bool)
    for kind in np.unique(instance_type).tolist():
        members = np.flatnonzero(instance_type == kind)
        typical = float(np.median(distinct[members]))
        fragment[members] = distinct[members] * 2 < typical
    if not fragment.any():
        return instance_of
    # Assigned positions in order; the neighbours of a fragment are the instances of the
    # assigned events just outside it and those interleaved with it.
    slots = np.arange(len(assigned))
    first = np.full(count, len(assigned), dtype=np.int64)
    last = np.full(count, -1, dtype=np.int64)
    np.minimum.at(first, owners, slots)
    np.maximum.at(last, owners, slots)
    segments = segment_of[assigned]
    result = instance_of.copy()
    for instance in np.flatnonzero(fragment).tolist():
        low, high = int(first[instance]), int(last[instance])
        if high < 0:
            continue
        around = set(owners[low : high + 1].tolist())
        for slot in (low - 1, high + 1):
            if 0 <= slot < len(assigned) and segments[slot] == segments[low]:
                around.add(int(owners[slot]))
        around.discard(instance)
        kind = instance_type[instance]
        if any(not fragment[other] and instance_type[other] != kind for other in around):
            result[instance_of == instance] = -1
    return result


def _hand_over(
    instance_of: IntArray,
    segment_of: IntArray,
    gap_score: FloatArray,
    routine_step: npt.NDArray[np.bool_],
) -> IntArray:
    """Each unassigned run goes to the instance around it, or is split between its neighbours
    at the most start-like position (ties: as late as possible)."""
    result = instance_of.copy()
    size = len(instance_of)
    free = instance_of < 0
    if not free.any() or free.all():
        return result
    starts = np.flatnonzero(free & np.concatenate(([True], ~free[:-1])))
    ends = np.flatnonzero(free & np.concatenate((~free[1:], [True])))
    for begin, end in zip(starts.tolist(), ends.tolist(), strict=True):
        first_segment, last_segment = segment_of[begin], segment_of[end]
        before, after = begin - 1, end + 1
        left = (
            int(instance_of[before]) if before >= 0 and segment_of[before] == first_segment else -1
        )
        right = (
            int(instance_of[after]) if after < size and segment_of[after] == last_segment else -1
        )
        if left < 0 and right < 0:
            continue
        if left == right:
            result[begin:after] = left
            continue
        # Between instances (or at a segment edge) only steps of some routine are handed over;
        # scattered other work stays out.
        run = np.arange(begin, after)
        run = run[routine_step[run]]
        if first_segment != last_segment:
            cut = after  # a segment break inside the run: each side keeps its own segment
            run_left = run[segment_of[run] == first_segment]
            run_right = run[segment_of[run] == last_segment]
        else:
            if right < 0:
                cut = after
            elif left < 0:
                cut = begin
            else:
                # Cut at the most start-like position (the longest pause; ties: latest).
                scores = gap_score[begin : after + 1]
                cut = begin + int(len(scores) - 1 - np.argmax(scores[::-1]))
            run_left, run_right = run[run < cut], run[run >= cut]
        if left >= 0:
            result[run_left] = left
        if right >= 0:
            result[run_right] = right
    return result
