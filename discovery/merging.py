"""Stage 3c, mine: merge routine types that are pieces of one routine (near-duplicates).

Community detection can cut one long routine into pieces, or set a sub-sequence apart. Such
pieces betray themselves in the instance stream, in one of two ways:

* chained: an instance of C is, again and again, directly followed by an instance of D, about
  once per instance of each. Two different routines mixed at random follow each other only as
  often as chance allows, below ``chain_share`` of the larger one's instances (at most one half
  for two equally frequent types). D's instances count once per *run* (instances of D directly
  after each other) when C's instances are directly followed by those runs: a loop (copy a cell,
  paste it, again for every row) that the chunks cut at every iteration becomes a type of its
  own whose pieces come back-to-back, one run per instance of the routine, and it is the
  instances of C, the steps done once per instance, that set how many there are;
* another ending (or start): most D instances come right after a C instance that is *cut short*
  (the C instances followed by D are clearly shorter than C's others: their median length is
  below the others' lower quartile): D is an exclusive branch of C's routine that replaces its
  ending, and the prefix both variants share stayed with C; mirrored, C is another start of D
  when the D instances right after C are cut short. A routine that merely tends to follow
  another follows *complete* instances of it;
* nested: an instance of C sits inside one instance of D (the same D instance before and after
  it) in at least ``chain_share`` of C's instances. Unrelated work done in between two routines
  sits between two *different* instances, so it does not count.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from discovery.arrays import unique_counts
from discovery.parameters import DiscoveryParameters

IntArray = npt.NDArray[np.int64]

MAX_MERGE_ROUNDS = 6


def merge_chained_types(
    instance_of: IntArray,
    instance_type: IntArray,
    segment_of: IntArray,
    *,
    types: int,
    params: DiscoveryParameters,
) -> IntArray | None:
    """New type id per old type id (a union of chained types), or None when nothing merges."""
    assigned = np.flatnonzero(instance_of >= 0)
    if types < 2 or len(assigned) < 2:
        return None
    instances = instance_of[assigned]
    segments = segment_of[assigned]
    count = len(instance_type)
    first = np.full(count, len(instances), dtype=np.int64)
    last = np.full(count, -1, dtype=np.int64)
    slots = np.arange(len(instances), dtype=np.int64)
    np.minimum.at(first, instances, slots)
    np.maximum.at(last, instances, slots)
    present = last >= 0
    before = _neighbour(instances, segments, first, step=-1)
    after = _neighbour(instances, segments, last, step=1)
    sizes = np.bincount(instance_type, minlength=types)
    parent = list(range(types))
    changed = False
    own = instance_type
    # Chained: C's instance directly followed by a D instance.
    chained = present & (after >= 0)
    chained &= own != instance_type[np.maximum(after, 0)]
    keys = own[chained] * types + instance_type[after[chained]]
    length = np.bincount(instances, minlength=count)
    before_type = np.where(before >= 0, instance_type[np.maximum(before, 0)], -1)
    after_type = np.where(after >= 0, instance_type[np.maximum(after, 0)], -1)
    # Runs: instances not directly preceded by one of their own type. Counted on D's side only
    # (C's instances, not C's runs): two routines done in random order alternate run by run.
    runs = np.bincount(instance_type[present & (before_type != own)], minlength=types)
    for key, links in zip(*_count(keys), strict=True):
        left, right = divmod(key, types)
        mine, theirs = own == left, own == right
        if (
            links >= params.chain_share * max(sizes[left], sizes[right])
            or links >= params.chain_share * max(sizes[left], runs[right])
            or (
                links >= params.chain_share * sizes[right]
                and _cut_short(length[mine], (after_type == right)[mine])
            )
            or (
                links >= params.chain_share * sizes[left]
                and _cut_short(length[theirs], (before_type == left)[theirs])
            )
        ):
            changed |= _union(parent, left, right)
    # Nested: the same D instance on both sides of C's instance.
    nested = present & (before >= 0) & (before == after)
    nested &= own != instance_type[np.maximum(before, 0)]
    keys = own[nested] * types + instance_type[before[nested]]
    for key, links in zip(*_count(keys), strict=True):
        inner, outer = divmod(key, types)
        if links >= params.chain_share * sizes[inner]:
            changed |= _union(parent, inner, outer)
    if not changed:
        return None
    return np.asarray([_find(parent, index) for index in range(types)], dtype=np.int64)


def _cut_short(length: IntArray, beside: npt.NDArray[np.bool_]) -> bool:
    """Whether the instances beside the other type are clearly shorter than the rest: their
    median length is below the others' lower quartile (a random subset's median is not)."""
    if not beside.any() or beside.all():
        return False
    return float(np.median(length[beside])) < float(np.quantile(length[~beside], 0.25))


def _neighbour(instances: IntArray, segments: IntArray, slot: IntArray, *, step: int) -> IntArray:
    """Instance of the assigned event next to ``slot`` (-1 at the edge or across segments)."""
    other = slot + step
    valid = (slot >= 0) & (slot < len(instances)) & (other >= 0) & (other < len(instances))
    result = np.full(len(slot), -1, dtype=np.int64)
    idx = np.flatnonzero(valid)
    same = segments[slot[idx]] == segments[other[idx]]
    result[idx[same]] = instances[other[idx[same]]]
    return result


def _count(keys: IntArray) -> tuple[list[int], list[int]]:
    if len(keys) == 0:
        return [], []
    unique, counts = unique_counts(keys)
    return unique.tolist(), counts.tolist()


def _union(parent: list[int], left: int, right: int) -> bool:
    a, b = _find(parent, left), _find(parent, right)
    if a == b:
        return False
    parent[max(a, b)] = min(a, b)
    return True


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item
