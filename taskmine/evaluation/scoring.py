"""Evaluation: score discovered occurrences against per-event ground truth.

Definitions follow a-rebmann/task-recognition ``eval/eval_util.py``:

* label P/R/F1: every discovered candidate is mapped one-to-one to a true task type by the
  Hungarian method on event overlap; each event's predicted label is the mapped type of the
  occurrence containing it, or "unlabelled" (always wrong) when it is in no occurrence or its
  candidate got no type. P, R and F1 are per-label scores averaged with the true label's support
  as weight (scikit-learn's ``average="weighted"``, zero_division=0).
* segment edit distance: for every discovered segment (occurrence), the Levenshtein distance
  between its event sequence and that of each true segment it overlaps, divided by the longer
  length; the minimum per discovered segment, averaged. Events are compared by row number.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

UNLABELLED = "<unlabelled>"


@dataclass(frozen=True, slots=True)
class LabelScores:
    precision: float
    recall: float
    f1: float


def map_candidates_to_labels(
    occurrences: Sequence[Sequence[Sequence[int]]], truth: Sequence[Hashable]
) -> dict[int, Hashable]:
    """Candidate index -> true label, one-to-one, maximising the events they share."""
    labels = sorted(set(truth), key=str)
    index = {label: i for i, label in enumerate(labels)}
    overlap = np.zeros((len(occurrences), len(labels)))
    for candidate, candidate_occurrences in enumerate(occurrences):
        for occurrence in candidate_occurrences:
            for row in occurrence:
                overlap[candidate, index[truth[row]]] += 1
    rows, cols = _assign_max(overlap)
    return {int(r): labels[int(c)] for r, c in zip(rows, cols, strict=True) if overlap[r, c] > 0}


def score_labels(
    occurrences: Sequence[Sequence[Sequence[int]]], truth: Sequence[Hashable]
) -> LabelScores:
    """Weighted label precision, recall and F1 over all events (see module docstring)."""
    mapping = map_candidates_to_labels(occurrences, truth)
    predicted: list[Hashable] = [UNLABELLED] * len(truth)
    for candidate, candidate_occurrences in enumerate(occurrences):
        label = mapping.get(candidate, UNLABELLED)
        for occurrence in candidate_occurrences:
            for row in occurrence:
                predicted[row] = label
    return weighted_scores(truth, predicted)


def weighted_scores(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> LabelScores:
    """scikit-learn's weighted-average precision/recall/F1 (zero_division=0)."""
    support = Counter(truth)
    predicted_count = Counter(predicted)
    correct = Counter(t for t, p in zip(truth, predicted, strict=True) if t == p)
    total = len(truth)
    precision = recall = f1 = 0.0
    for label, weight in support.items():
        hit = correct[label]
        p = hit / predicted_count[label] if predicted_count[label] else 0.0
        r = hit / weight
        f = 2 * p * r / (p + r) if p + r else 0.0
        precision += p * weight / total
        recall += r * weight / total
        f1 += f * weight / total
    return LabelScores(precision, recall, f1)


def true_segments(keys: Sequence[Hashable]) -> list[list[int]]:
    """Maximal runs of rows sharing one (task, instance) key, as in create_ground_truth_array."""
    segments: list[list[int]] = []
    previous: Hashable = object()
    for row, key in enumerate(keys):
        if key != previous:
            segments.append([])
            previous = key
        segments[-1].append(row)
    return segments


def true_cases(keys: Sequence[Hashable]) -> list[list[int]]:
    """Rows grouped by case id (for logs whose instances are not contiguous)."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for row, key in enumerate(keys):
        groups[key].append(row)
    return list(groups.values())


def segment_edit_distance(
    discovered: Sequence[Sequence[int]], truth: Sequence[Sequence[int]]
) -> float:
    """Mean over discovered segments of the normalised distance to the best overlapping one."""
    owner: dict[int, int] = {}
    for index, segment in enumerate(truth):
        for row in segment:
            owner[row] = index
    distances: list[float] = []
    for segment in discovered:
        covered = sorted({owner[row] for row in segment if row in owner})
        best = 1.0
        for index in covered:
            other = truth[index]
            best = min(best, _levenshtein(segment, other) / max(len(segment), len(other)))
        if covered:
            distances.append(best)
    return float(np.mean(distances)) if distances else 1.0


def jaccard(left: set[str], right: set[str]) -> float:
    """|A & B| / |A | B| (1.0 for two empty sets)."""
    union = left | right
    return len(left & right) / len(union) if union else 1.0


def _levenshtein(left: Sequence[int], right: Sequence[int]) -> int:
    previous = list(range(len(right) + 1))
    for i, item in enumerate(left, start=1):
        current = [i]
        for j, other in enumerate(right, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (item != other))
            )
        previous = current
    return previous[-1]


def _assign_max(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-weight one-to-one assignment (Hungarian via scipy when present)."""
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError:  # pragma: no cover - scipy ships with the dev environment
        return _assign_greedy(weights)
    rows, cols = linear_sum_assignment(-weights)
    return np.asarray(rows), np.asarray(cols)


def _assign_greedy(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.dstack(np.unravel_index(np.argsort(-weights, axis=None), weights.shape))[0]
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for row, col in order.tolist():
        if row not in used_rows and col not in used_cols:
            pairs.append((row, col))
            used_rows.add(row)
            used_cols.add(col)
    pairs.sort()
    return np.asarray([p[0] for p in pairs]), np.asarray([p[1] for p in pairs])


def mapping_ok(mapping: Mapping[int, Hashable]) -> bool:
    """True when no two candidates share a label (the assignment is one-to-one)."""
    return len(set(mapping.values())) == len(mapping)
