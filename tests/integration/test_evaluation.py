"""Evaluation on the real labelled logs of ../shared/datasets (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from discovery import (
    DiscoveryParameters,
    discover,
    learn_vocabulary,
    mine_routines,
    rank_candidates,
    segment_partition,
    split_partitions,
)
from taskmine.evaluation import (
    default_datasets_root,
    evaluate_log,
    list_logs,
    load_events,
    load_truth,
)
from taskmine.evaluation.scoring import score_labels

ROOT = default_datasets_root().resolve()
pytestmark = pytest.mark.skipif(
    not (ROOT / "rebmann-task-recognition").exists(),
    reason=f"labelled datasets not found at {ROOT} (expected ../shared/datasets)",
)


def _log(name: str):  # type: ignore[no-untyped-def]
    for found, group, path in list_logs(ROOT):
        if found == name:
            return load_truth(found, group, path, root=ROOT)
    pytest.skip(f"{name} not in {ROOT}")


def test_discover_equals_composing_the_stages_on_a_real_log() -> None:
    log = _log("L1")
    events, _ = load_events(log.path)
    params = DiscoveryParameters()
    vocabulary = learn_vocabulary(events, params=params)
    segments = [
        segment
        for partition in reversed(split_partitions(events))
        for segment in segment_partition(partition, vocabulary=vocabulary, params=params)
    ]
    routines = mine_routines(segments, params=params)
    staged = rank_candidates(routines, events_by_id={e.event_id: e for e in events}, params=params)
    assert staged.to_json_dict() == discover(events, params=params).to_json_dict()


@pytest.mark.parametrize(("name", "published_f1"), [("L1", 0.987), ("L2", 0.983), ("L3", 0.965)])
def test_label_f1_reaches_the_published_best(name: str, published_f1: float) -> None:
    row, _ = evaluate_log(_log(name))
    assert row.f1 >= published_f1
    assert row.runtime_s < 10


def test_shared_elements_without_positions_are_still_steps_of_each_task() -> None:
    # Without the positions of anonymous path nodes, L3's tasks share signatures (the same
    # "Übernehmen" button, the same input field): shared steps must still reach the target.
    log = _log("L3")
    events, _ = load_events(log.path)
    stripped = [
        event.model_copy(
            update={
                "element": event.element.model_copy(
                    update={
                        "path": [n.model_copy(update={"index": None}) for n in event.element.path]
                    }
                )
            }
        )
        if event.element is not None
        else event
        for event in events
    ]
    result = discover(stripped)
    row_of = {event.event_id: row for row, event in enumerate(events)}
    occurrences = [
        [[row_of[event_id] for event_id in o.event_ids] for o in c.occurrences]
        for c in result.candidates
    ]
    assert score_labels(occurrences, log.labels).f1 >= 0.965


def test_single_task_fiori_log_is_segmented_into_its_instances() -> None:
    row, _ = evaluate_log(_log("TF_03"))
    assert row.segments_found == row.segments_true
    assert row.edit_distance < 0.1


def test_bosco_routines_are_matched_by_activity_sets() -> None:
    row, _ = evaluate_log(_log("bosco-log1"))
    assert row.jaccard is not None
    assert row.jaccard >= 0.9


def test_load_events_numbers_rows_from_zero(tmp_path: Path) -> None:
    log = _log("TF_02")
    events, _ = load_events(log.path)
    assert [e.event_id for e in events[:3]] == ["0", "1", "2"]
    assert len(events) == len(log.labels)
