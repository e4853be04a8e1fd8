"""Evaluation of discovery on labelled public UI logs (loaders, ground truth, scoring)."""

from taskmine.evaluation.datasets import (
    LabelledLog,
    default_datasets_root,
    list_logs,
    load_truth,
)
from taskmine.evaluation.runner import EvaluationRow, evaluate_log, load_events
from taskmine.evaluation.scoring import (
    LabelScores,
    score_labels,
    segment_edit_distance,
    weighted_scores,
)

__all__ = [
    "EvaluationRow",
    "LabelScores",
    "LabelledLog",
    "default_datasets_root",
    "evaluate_log",
    "list_logs",
    "load_events",
    "load_truth",
    "score_labels",
    "segment_edit_distance",
    "weighted_scores",
]
