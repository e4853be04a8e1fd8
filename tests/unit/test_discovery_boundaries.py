"""Instance boundaries when back-to-back tasks share UI elements (taskmine.evaluation.shared_steps).

Issue 3: with no pause or segment break between tasks, a signature used by several task types
(the one ``OK`` button every task ends on, a shared search field) used to be taken as the start
of the next instance of the type it was assigned to. Each sighting of a shared signature now
takes the type of the task it is bound to (``discovery.sharing``); seeds and sizes beyond the
ones first measured keep it honest.
"""

from __future__ import annotations

import numpy as np
import pytest

from discovery import DiscoveryParameters, discover
from discovery.communities import chunk_pair_stats, cut_repeat_free_chunks
from discovery.sharing import contextual_labels
from taskmine.evaluation.scoring import UNLABELLED, score_labels
from taskmine.evaluation.shared_steps import exact_boundaries, generate_shared_steps_log


def test_generator_is_deterministic_and_labelled() -> None:
    first = generate_shared_steps_log(seed=11)
    again = generate_shared_steps_log(seed=11)
    assert [e.model_dump() for e in first.events] == [e.model_dump() for e in again.events]
    assert len(first.events) == len(first.tasks) == len(first.instances)
    ok_tasks = {
        task
        for event, task in zip(first.events, first.tasks, strict=True)
        if event.element is not None and event.element.name == "OK"
    }
    assert ok_tasks == {"new_customer", "address_change", "close_ticket"}


@pytest.mark.parametrize(
    ("seed", "users", "days", "tasks_per_day"),
    [
        (11, 3, 3, 40),
        (12, 3, 3, 40),
        (13, 3, 3, 40),
        (17, 3, 3, 40),
        (26, 3, 3, 40),
        (42, 5, 4, 60),
        (12, 1, 5, 40),
    ],
)
def test_back_to_back_tasks_sharing_elements_keep_their_boundaries(
    seed: int, users: int, days: int, tasks_per_day: int
) -> None:
    log = generate_shared_steps_log(seed=seed, users=users, days=days, tasks_per_day=tasks_per_day)
    result = discover(log.events)
    row = {event.event_id: index for index, event in enumerate(log.events)}
    occurrences = [
        [[row[i] for i in o.event_ids] for o in c.occurrences] for c in result.candidates
    ]
    labels = score_labels(occurrences, [task or UNLABELLED for task in log.tasks])
    recall, precision = exact_boundaries(
        [o.event_ids for c in result.candidates for o in c.occurrences], log
    )
    assert labels.f1 >= 0.95
    assert recall >= 0.9
    assert precision >= 0.9


def test_a_shared_last_step_goes_to_the_task_it_closes() -> None:
    # Types 0 (codes 0, 1) and 1 (codes 2, 3) both end on code 4, which belongs to no type.
    tasks = [[0, 1, 4], [2, 3, 4]] * 6 + [[2, 3, 4], [0, 1, 4]] * 6
    codes = np.asarray([code for task in tasks for code in task], dtype=np.int64)
    community = np.asarray([0, 0, 1, 1, -1], dtype=np.int64)
    segments = np.zeros(len(codes), dtype=np.int64)
    chunks = cut_repeat_free_chunks(codes, segments)
    stats = chunk_pair_stats(codes, chunks, vocabulary_size=5, params=DiscoveryParameters())
    labels = contextual_labels(codes, segments, community, stats, params=DiscoveryParameters())
    expected = [0 if task[0] == 0 else 1 for task in tasks for _ in task]
    assert labels.tolist() == expected
