"""Stage 3a, mine: which action signatures belong to the same kind of routine.

The mining sequence (frequent signatures, immediate repeats removed) is cut into repeat-free
chunks: a chunk ends just before a signature it already contains, which is where the next
instance of a routine typically begins. Signatures that share chunks again and again belong to
the same routine type, so a graph of chunk co-occurrence (cosine-normalised counts) forms one
dense cluster per routine type, joined to other types only by weak boundary edges; Louvain
(seeded) finds those clusters. Pairs are counted with numpy over integer codes: one pass per
offset, n log n in the number of co-occurring pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt

from discovery.arrays import unique_counts, unique_inverse, unique_sorted
from discovery.parameters import DiscoveryParameters

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

MAX_OFFSET = 48


def cut_repeat_free_chunks(codes: IntArray, segment_of: IntArray) -> IntArray:
    """Chunk id per position: a new chunk starts at a segment start or where a signature the
    chunk already holds comes round *with what follows it* (one of the next two events is also
    a repeat): the next instance is starting. A step that comes round among new steps (copy a
    cell, paste it into the next field, copy again) is a loop inside one instance."""
    chunk = np.empty(len(codes), dtype=np.int64)
    seen: set[int] = set()
    current = -1
    previous_segment = -1
    code_list = codes.tolist()
    segment_list = segment_of.tolist()
    size = len(code_list)
    for index, code in enumerate(code_list):
        segment = segment_list[index]
        if segment != previous_segment:
            current += 1
            seen = set()
            previous_segment = segment
        elif code in seen and any(
            ahead < size and segment_list[ahead] == segment and code_list[ahead] in seen
            for ahead in (index + 1, index + 2)
        ):
            current += 1
            seen = set()
        seen.add(code)
        chunk[index] = current
    return chunk


def recurrence_profile(
    codes: IntArray, segments: IntArray, *, core: frozenset[int] = frozenset()
) -> tuple[frozenset[int], FloatArray]:
    """(repeating codes, loop distance per code). A sighting of a once-per-instance step that
    comes round sooner than its code's loop distance is the step done again inside the
    instance (a retried login, a redone field), not a new instance. The loop distance is half
    the smaller of the code's own median recurrence distance (fewer than a third of its
    recurrences are early, so that median is the distance to its next instance, however long
    the instances of its variant are) and the median of all recurrence distances of the type
    (a step of one variant in a type mixing variants recurs only when its variant does, at a
    multiple of the instance length); that median pools the recurrences of the once-per-instance
    codes only, as a loop's codes recur far more often than the others and would pull it down
    to the loop's length. 0 for a code that never recurs. The typical recurrence
    distance (which recurrences are early) is the median over codes of their medians; with
    ``core`` (the steps done in nearly every instance), only those vote: a step of one variant
    recurs only when its variant does and would make the shared first steps look repeated."""
    order = np.lexsort((np.arange(len(codes)), codes))
    valid = codes[order][1:] == codes[order][:-1]
    size = int(codes.max()) + 1 if len(codes) else 0
    loop = np.zeros(size)
    if not valid.any():
        return frozenset(), loop
    # Distances are measured across segment breaks too: when every instance is a segment of
    # its own, a step done once per instance recurs only in the next segment, and leaving
    # those recurrences out would make the one step done twice set the typical length.
    distance = np.diff(order)[valid]
    inside = (segments[order][1:] == segments[order][:-1])[valid]
    owner = codes[order][1:][valid]
    # One vote per code: a step repeated nine times in a loop must not set the typical length.
    bounds = np.flatnonzero(np.diff(owner)) + 1
    by_owner = np.split(distance, bounds)
    medians = np.asarray([np.median(group) for group in by_owner], dtype=np.float64)
    owners = owner[np.concatenate(([0], bounds))]
    voting = np.isin(owners, np.fromiter(core, dtype=np.int64, count=len(core)))
    typical = float(np.median(medians[voting] if voting.sum() >= 2 else medians))
    early = (distance < typical / 2) & inside
    short = np.bincount(owner, weights=early.astype(np.float64), minlength=size)
    total = np.bincount(owner[inside], minlength=size)
    # A step done k times per instance recurs early in (k-1)/k of its sightings.
    repeated = (total > 0) & (short * 3 >= total)
    repeating = frozenset(np.flatnonzero(repeated).tolist())
    # The instance length is set by the steps done once per instance, not by a loop's.
    once = ~repeated[owner]
    pooled = float(np.median(distance[once] if once.any() else distance))
    loop[owners] = np.minimum(medians, pooled) / 2
    return repeating, loop


@dataclass(frozen=True, slots=True)
class PairStats:
    """Chunk co-occurrence of signature pairs (``left < right``, ascending by
    ``left * V + right``), counted once per chunk:
    chunks holding both, the signed order balance (left first minus right first), the edge
    weight, and each code's chunk presence."""

    left: IntArray
    right: IntArray
    together: FloatArray
    balance: FloatArray
    weights: FloatArray
    presence: FloatArray


def chunk_pair_stats(
    codes: IntArray, chunk_of: IntArray, *, vocabulary_size: int, params: DiscoveryParameters
) -> PairStats:
    """Pair counts and weights of the signature graph (cosine x order consistency)."""
    # Presence per chunk, not sightings: a loop step seen nine times in one chunk counts once.
    chunk_codes = unique_sorted(chunk_of * vocabulary_size + codes) % vocabulary_size
    counts = np.bincount(chunk_codes, minlength=vocabulary_size).astype(np.float64)
    keys = _count_chunk_pairs(
        codes, chunk_of, vocabulary_size=vocabulary_size, max_offset=params.window
    )
    ordered_keys, ordered_counts = unique_counts(keys)
    first = ordered_keys // vocabulary_size
    second = ordered_keys % vocabulary_size
    low = np.minimum(first, second)
    high = np.maximum(first, second)
    forward = np.where(first < second, ordered_counts, -ordered_counts)
    pair_keys, inverse = unique_inverse(low * vocabulary_size + high)
    pair_counts = np.bincount(inverse, weights=ordered_counts).astype(np.float64)
    balance = np.bincount(inverse, weights=forward).astype(np.float64)
    left = pair_keys // vocabulary_size
    right = pair_keys % vocabulary_size
    # Steps of one routine keep their order; two routines done one after the other in either
    # order (or swapped steps) do not: weight = cosine of the counts x order consistency.
    weights = pair_counts / np.sqrt(counts[left] * counts[right]) * (np.abs(balance) / pair_counts)
    return PairStats(left, right, pair_counts, balance, weights, counts)


def detect_signature_communities(
    stats: PairStats, *, vocabulary_size: int, params: DiscoveryParameters
) -> IntArray:
    """Community id per signature code (-1 for absent or unattached codes)."""
    left, right, weights = stats.left, stats.right, stats.weights
    # A signature that shares a chunk with no other signature at least half the time (cosine)
    # is unattached: other work scattered among routines, a hub that would glue them together.
    best = np.zeros(vocabulary_size)
    np.maximum.at(best, left, weights)
    np.maximum.at(best, right, weights)
    attached = best >= params.attach_weight
    strong = (weights >= params.min_edge_weight) & attached[left] & attached[right]
    graph: nx.Graph = nx.Graph()
    present = np.flatnonzero((stats.presence > 0) & attached)
    graph.add_nodes_from(present.tolist())
    graph.add_weighted_edges_from(
        zip(left[strong].tolist(), right[strong].tolist(), weights[strong].tolist(), strict=True)
    )
    found = nx.community.louvain_communities(
        graph, weight="weight", resolution=params.resolution, seed=params.seed
    )
    # Number communities by their smallest code so the ids do not depend on Louvain's order.
    ordered = sorted((sorted(group) for group in found), key=lambda group: group[0])
    community = np.full(vocabulary_size, -1, dtype=np.int64)
    for index, group in enumerate(ordered):
        community[np.asarray(group, dtype=np.int64)] = index
    return community


def _count_chunk_pairs(
    codes: IntArray, chunk_of: IntArray, *, vocabulary_size: int, max_offset: int
) -> IntArray:
    """Ordered pair keys (earlier * V + later) of distinct codes sharing a chunk."""
    parts: list[IntArray] = []
    for offset in range(1, max_offset + 1):
        if offset >= len(codes):
            break
        same = chunk_of[offset:] == chunk_of[:-offset]
        if not same.any():
            break
        first = codes[:-offset][same]
        second = codes[offset:][same]
        distinct = first != second
        chunks = chunk_of[offset:][same][distinct]
        pairs = first[distinct] * vocabulary_size + second[distinct]
        parts.append(chunks * (vocabulary_size * vocabulary_size) + pairs)
    if not parts:
        return np.empty(0, dtype=np.int64)
    # One count per chunk and ordered pair.
    return unique_sorted(np.concatenate(parts)) % (vocabulary_size * vocabulary_size)
