"""Stage 3a', mine: shared steps: which routine type each sighting of a signature serves.

Community detection gives every signature one routine type (or none), but UI elements are
shared between tasks: every task may end on one "OK" button, two may start with one search
field. Such a signature is either left out of every type (a hub, no strong edge: unattached) or
given to one of its types, and then its sightings in the other tasks make that type look as if
it went on or started again there, gluing tasks together or cutting them in the wrong place.

So each sighting gets a type from its context. A step is bound to the neighbour it follows or
precedes *consistently*: the binding of a sighting of ``s`` to its left neighbour ``b`` is the
share of ``b``'s sightings directly followed by ``s`` (``n(b, s) / n(b)``), to its right
neighbour ``c`` the share of ``c``'s sightings directly preceded by ``s``. Inside a task the
order of steps is fixed, so its last step is almost always followed by the shared "OK"; the
next task's first step is preceded by "OK" only when no other work came in between, so the
"OK" stays with the task it closes, and a shared first step goes with the task it opens.

A sighting keeps its signature's type when a neighbour is of that type or no neighbour binds it
at least ``attach_weight``; otherwise it takes the type of the neighbour that binds it more
strongly (ties: the left one). Neighbours of no type bind nothing.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from discovery.arrays import unique_counts
from discovery.communities import PairStats
from discovery.parameters import DiscoveryParameters

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def contextual_labels(
    codes: IntArray,
    segment_of: IntArray,
    community: IntArray,
    stats: PairStats,
    *,
    params: DiscoveryParameters,
) -> IntArray:
    """Routine type per position (-1: none): the signature's own type, or the type of the task
    a shared signature's sighting is bound to."""
    vocabulary = len(community)
    # Pairs of signatures as sorted keys with their order balance (which usually comes first).
    ordered = (stats.left * vocabulary + stats.right, stats.balance)
    first = _bind(
        codes, segment_of, community, ordered, np.ones(vocabulary, dtype=bool), params=params
    )
    # A signature of no type that is bound in fewer than half its sightings is scattered other
    # work, bound only by chance; bindings are measured again without it in between.
    sightings = np.bincount(codes, minlength=vocabulary)
    bound = np.bincount(codes, weights=(first >= 0).astype(np.float64), minlength=vocabulary)
    context = (community >= 0) | (bound * 2 >= np.maximum(sightings, 1))
    kept = np.flatnonzero(context[codes])
    sub_codes, sub_segments = codes[kept], segment_of[kept]
    own = community[sub_codes]
    # A signature of a type is shared when at least ``step_share`` of its sightings (and
    # ``min_support``) serve another type; only those move. A shared neighbour keeps no
    # sighting at home: two shared steps side by side (the end of one task, the start of the
    # next) must not hold each other in their types, so sharing is found until nothing changes.
    shared = np.zeros(vocabulary, dtype=bool)
    while True:
        labels = _bind(sub_codes, sub_segments, community, ordered, ~shared, params=params)
        moved = np.bincount(sub_codes, weights=(labels != own), minlength=vocabulary)
        grown = shared | (moved >= np.maximum(params.min_support, params.step_share * sightings))
        if np.array_equal(grown, shared):
            break
        shared = grown
    result = np.full(len(codes), -1, dtype=np.int64)
    result[kept] = np.where(shared[sub_codes] | (own < 0), labels, own)
    return result


def _bind(
    codes: IntArray,
    segment_of: IntArray,
    community: IntArray,
    ordered: tuple[IntArray, FloatArray],
    anchors: npt.NDArray[np.bool_],
    *,
    params: DiscoveryParameters,
) -> IntArray:
    labels = community[codes]
    if len(codes) < 2:
        return labels
    vocabulary = len(community)
    # Crossings: two neighbours of different types (or of a type and none). Bindings are
    # measured on them only, where one task ends or another begins: how often the last step
    # before leaving a type is followed by ``s``, the first step after entering one preceded
    # (so an optional or swapped last step still binds).
    linked = segment_of[1:] == segment_of[:-1]
    crossing = linked & (labels[1:] != labels[:-1])
    before, after = codes[:-1][crossing], codes[1:][crossing]
    keys, counts = unique_counts(before * vocabulary + after)
    exits = np.maximum(np.bincount(before, minlength=vocabulary), 1).astype(np.float64)
    entries = np.maximum(np.bincount(after, minlength=vocabulary), 1).astype(np.float64)
    left_code = np.concatenate(([0], codes[:-1]))
    right_code = np.concatenate((codes[1:], [0]))
    left_label = np.where(np.concatenate(([False], linked)), community[left_code], -1)
    right_label = np.where(np.concatenate((linked, [False])), community[right_code], -1)
    other_left = (left_label >= 0) & (left_label != labels)
    other_right = (right_label >= 0) & (right_label != labels)
    bind_left = _lookup(keys, counts, left_code * vocabulary + codes) / exits[left_code]
    bind_right = _lookup(keys, counts, codes * vocabulary + right_code) / entries[right_code]
    bind_left = np.where(other_left, bind_left, -1.0)
    bind_right = np.where(other_right, bind_right, -1.0)
    use_left = bind_left >= bind_right
    chosen = np.where(use_left, left_label, right_label)
    strongest = np.maximum(bind_left, bind_right)
    at_home = (labels >= 0) & (
        ((left_label == labels) & anchors[left_code])
        | ((right_label == labels) & anchors[right_code])
    )
    # Only a signature also used in its own type's context is shared; one that never is was
    # grouped with that type as a whole, and stays there.
    home = np.bincount(codes, weights=at_home.astype(np.float64), minlength=vocabulary)
    movable = (community < 0) | (home >= params.min_support)
    # A step of one type used in the middle of another routine (that type on both sides, in
    # its own order) is handed over later by the span around it; when the right neighbour
    # usually comes first, one instance ends there and the next begins: a boundary.
    middle = (left_label == right_label) & (left_label >= 0) & (labels >= 0)
    middle &= _comes_first(ordered, left_code, right_code, vocabulary)
    change = ~at_home & movable[codes] & ~middle & (strongest >= params.attach_weight)
    return np.where(change, chosen, labels)


def _comes_first(
    ordered: tuple[IntArray, FloatArray], first: IntArray, second: IntArray, vocabulary: int
) -> npt.NDArray[np.bool_]:
    """Whether ``first`` usually comes before ``second`` in a chunk (False when never together)."""
    keys, balance = ordered
    wanted = np.minimum(first, second) * vocabulary + np.maximum(first, second)
    if len(keys) == 0:
        return np.zeros(len(wanted), dtype=bool)
    index = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    signed = np.where(keys[index] == wanted, balance[index], 0.0)
    return np.where(first < second, signed > 0, signed < 0)


def _lookup(keys: IntArray, counts: IntArray, wanted: IntArray) -> FloatArray:
    """Count of each wanted key among ``keys`` (sorted, distinct), 0 when absent."""
    if len(keys) == 0:
        return np.zeros(len(wanted))
    index = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[index] == wanted, counts[index], 0).astype(np.float64)
