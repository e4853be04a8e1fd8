"""Stage 3 (mine) on synthetic logs whose truth is known: interleaved routines and noise."""

from __future__ import annotations

import random
from collections import Counter

from discovery import DiscoveryParameters, discover
from taskmine.domain.events import Event
from taskmine.domain.results import DiscoveryResult
from taskmine.evaluation.scoring import UNLABELLED, score_labels
from taskmine.evaluation.synthetic import generate_labelled_log


def _score(log_seed: int, **shape: int) -> tuple[float, DiscoveryResult, list[str]]:
    log = generate_labelled_log(seed=log_seed, **shape)
    events = [item.event for item in log]
    truth = [item.routine or UNLABELLED for item in log]
    result = discover(events)
    row = {event.event_id: index for index, event in enumerate(events)}
    occurrences = [
        [[row[event_id] for event_id in o.event_ids] for o in c.occurrences]
        for c in result.candidates
    ]
    return score_labels(occurrences, truth).f1, result, truth


def test_each_routine_among_noise_is_found_as_one_candidate() -> None:
    f1, result, truth = _score(3, users=3, days=2, events_per_day=300)
    routines = {label for label in truth if label != UNLABELLED}
    assert f1 >= 0.95
    assert len(result.candidates) == len(routines)


def test_more_users_and_days_still_separate_the_routines() -> None:
    f1, result, _ = _score(11, users=5, days=2, events_per_day=400)
    assert f1 >= 0.95
    assert all(c.frequency >= 3 for c in result.candidates)


def test_noise_events_stay_out_of_occurrences() -> None:
    log = generate_labelled_log(seed=5, users=3, days=2, events_per_day=300)
    result = discover([item.event for item in log])
    noise = {item.event.event_id for item in log if item.routine is None}
    inside = [e for c in result.candidates for o in c.occurrences for e in o.event_ids]
    assert len(noise.intersection(inside)) <= 0.02 * len(inside)


def test_swapped_steps_show_up_as_variants_of_one_candidate() -> None:
    _, result, _ = _score(3, users=3, days=2, events_per_day=300)
    assert any(len(c.variants) > 1 for c in result.candidates)
    for candidate in result.candidates:
        assert sum(v.count for v in candidate.variants) <= candidate.frequency


def test_shuffled_partitions_give_identical_result() -> None:
    events = [item.event for item in generate_labelled_log(seed=9, users=3, days=1)]
    sessions: dict[str, list[Event]] = {}
    for event in events:
        sessions.setdefault(event.session_id, []).append(event)
    blocks = list(sessions.values())
    random.Random(1).shuffle(blocks)
    shuffled = [event for block in blocks for event in block]
    assert discover(shuffled).to_json_dict() == discover(events).to_json_dict()


def test_candidate_ids_follow_rank() -> None:
    _, result, _ = _score(3, users=2, days=1, events_per_day=300)
    assert [c.id for c in result.candidates] == [
        f"c{i}" for i in range(1, len(result.candidates) + 1)
    ]
    assert [c.rank for c in result.candidates] == list(range(1, len(result.candidates) + 1))
    assert Counter(c.name for c in result.candidates).most_common(1)[0][1] == 1


def test_parameters_change_what_is_mined() -> None:
    events = [item.event for item in generate_labelled_log(seed=3, users=2, days=1)]
    strict = discover(events, params=DiscoveryParameters(min_occurrences=10_000))
    assert strict.candidates == ()
    assert discover(events).candidates != ()


def test_an_element_shared_by_two_routines_is_a_step_of_both() -> None:
    # Two tasks, one at a time with breaks between them, both ending with the same "OK"
    # button: the button's signature belongs to one routine type, yet every instance of both
    # keeps its OK click.
    from datetime import UTC, datetime, timedelta

    from taskmine.domain.events import Element, EventKind

    origin = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    events: list[Event] = []
    tasks = {
        "A": ["Customer", "Address", "Street", "City"],
        "B": ["Invoice", "Amount", "Currency", "Vendor", "Supplier"],
    }
    rng = random.Random(7)
    moment = origin
    for number in range(40):
        task = rng.choice("AB")
        for step in [*tasks[task], "OK"]:
            moment += timedelta(seconds=2)
            events.append(
                Event(
                    event_id=f"{number}-{step}",
                    session_id="s1",
                    user_id="u1",
                    machine_id="m1",
                    timestamp=moment,
                    kind=EventKind.CLICK,
                    app="app.exe",
                    element=Element(role="push button", name=step),
                )
            )
        moment += timedelta(minutes=5)
    result = discover(events)
    assert len(result.candidates) == 2
    covered = {e for c in result.candidates for o in c.occurrences for e in o.event_ids}
    ok_clicks = {event.event_id for event in events if event.event_id.endswith("-OK")}
    assert ok_clicks <= covered
    for candidate in result.candidates:
        assert any(step.name == "OK" for step in candidate.steps)
