"""Laws of mining (hypothesis): one occurrence per event, determinism, data renaming."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discovery import discover
from taskmine.domain.events import Element, Event
from taskmine.evaluation.synthetic import _FIRST, _LAST, generate_labelled_log

SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _log(seed: int) -> list[Event]:
    return [i.event for i in generate_labelled_log(seed=seed, users=2, days=1, events_per_day=200)]


@SETTINGS
@given(st.integers(min_value=0, max_value=10_000))
def test_an_event_is_in_at_most_one_occurrence(seed: int) -> None:
    result = discover(_log(seed))
    ids = [e for c in result.candidates for o in c.occurrences for e in o.event_ids]
    assert len(ids) == len(set(ids))


@SETTINGS
@given(st.integers(min_value=0, max_value=10_000))
def test_mining_twice_gives_the_same_json(seed: int) -> None:
    events = _log(seed)
    assert discover(events).to_json_dict() == discover(list(events)).to_json_dict()


@SETTINGS
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=9))
def test_renaming_data_values_leaves_routines_unchanged(seed: int, shift: int) -> None:
    events = _log(seed)
    people = _FIRST + _LAST
    rotated = {name: people[(i + shift) % len(people)] for i, name in enumerate(people)}
    pattern = re.compile(r"\d|" + "|".join(sorted(people, key=len, reverse=True)))

    def rename(text: str | None) -> str | None:
        if text is None:
            return None
        return pattern.sub(
            lambda m: str((int(m[0]) + shift) % 10) if m[0].isdigit() else rotated[m[0]], text
        )

    renamed = [
        e.model_copy(
            update={
                "window": rename(e.window),
                "value": rename(e.value),
                "url": rename(e.url),
                "element": Element(
                    role=e.element.role,
                    name=rename(e.element.name),
                    automation_id=e.element.automation_id,
                    path=e.element.path,
                )
                if e.element
                else None,
            }
        )
        for e in events
    ]

    def routines(found: list[Event]) -> list[list[tuple[str, ...]]]:
        return [[o.event_ids for o in c.occurrences] for c in discover(found).candidates]

    assert sorted(routines(renamed)) == sorted(routines(events))
