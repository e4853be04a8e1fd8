"""Mining helper: sort-based set operations on integer arrays (n log n, no hashing).

numpy's ``unique`` may pick a hash table for large integer arrays, which is several times
slower than sorting for the key sizes mining produces; these helpers always sort.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


def unique_sorted(values: IntArray) -> IntArray:
    """The distinct values, ascending."""
    ordered = np.sort(values, kind="stable")
    if len(ordered) == 0:
        return ordered
    keep = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    return ordered[keep]


def unique_counts(values: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct values, ascending, and how often each occurs."""
    ordered = np.sort(values, kind="stable")
    if len(ordered) == 0:
        return ordered, np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    counts = np.diff(np.concatenate((starts, [len(ordered)])))
    return ordered[starts], counts.astype(np.int64)


def unique_inverse(values: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct values, ascending, and the index of each input value among them."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    if len(ordered) == 0:
        return ordered, np.empty(0, dtype=np.int64)
    new = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    rank = np.cumsum(new) - 1
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = rank
    return ordered[new], inverse
