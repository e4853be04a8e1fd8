"""Stage 1 (normalise): signatures keep the element and drop the data, learned from the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from discovery import DiscoveryParameters, learn_vocabulary
from discovery.shapes import mask_shape, skeleton
from taskmine.domain.events import Element, Event, EventKind, PathNode

PARAMS = DiscoveryParameters()
ORIGIN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _event(index: int, *, name: str, role: str = "list item", window: str = "Inbox") -> Event:
    return Event(
        event_id=str(index),
        session_id="s1",
        user_id="u1",
        machine_id="m1",
        timestamp=ORIGIN + timedelta(seconds=3 * index),
        kind=EventKind.CLICK,
        app="outlook.exe",
        window=window,
        element=Element(role=role, name=name),
    )


def _names(events: list[Event]) -> list[str]:
    normaliser = learn_vocabulary(events, params=PARAMS).normaliser()
    return [normaliser.signature(event)[0].split("name=")[1].split("\x1f")[0] for event in events]


def test_numbers_dates_and_emails_are_masked_by_shape() -> None:
    assert mask_shape("Invoice 4711 due 2026-03-02") == "Invoice # due <date>"
    assert mask_shape("mail ana.silva@example.com") == "mail <email>"
    assert mask_shape("Save") == "Save"


def test_rare_words_of_a_template_become_wildcards() -> None:
    df = {"Address": 40, "change": 40, "Ana": 3, "Silva": 2}
    assert skeleton("Address change Ana Silva", df, min_support=3) == "Address change <*>"
    assert skeleton("Save", df, min_support=3) == "Save"


def test_recurring_button_names_are_kept_verbatim() -> None:
    events = [_event(i, name=["Save", "Cancel"][i % 2], role="button") for i in range(12)]
    assert set(_names(events)) == {"Save", "Cancel"}


def test_names_that_vary_with_the_data_are_generalised() -> None:
    first = ["Ana", "Ben", "Chloe", "Dmitri", "Emeka", "Fatima"]
    last = ["Silva", "Okafor", "Novak", "Berg", "Rossi"]
    people = [f"{f} {name}" for f in first for name in last]
    events = [_event(i, name=f"Address change {people[i % 30]}") for i in range(45)]
    assert set(_names(events)) == {"Address change <*>"}


def test_a_value_seen_only_once_is_data() -> None:
    events = [_event(i, name="Open", role="button") for i in range(6)]
    events.append(_event(6, name="Quarterly figures draft", role="button"))
    assert _names(events)[-1] == "<data>"


def test_cell_addresses_keep_their_column_and_drop_their_row() -> None:
    events = [
        Event(
            event_id=str(i),
            session_id="s1",
            user_id="u1",
            machine_id="m1",
            timestamp=ORIGIN + timedelta(seconds=i),
            kind=EventKind.COPY,
            app="excel.exe",
            element=Element(role="cell", automation_id=f"{'AB'[i % 2]}{i // 2 + 2}"),
        )
        for i in range(40)
    ]
    normaliser = learn_vocabulary(events, params=PARAMS).normaliser()
    ids = {normaliser.signature(e)[0].split("automation_id=")[1] for e in events}
    assert ids == {"A#", "B#"}


def test_idle_gap_is_derived_from_the_log_and_never_below_the_floor() -> None:
    events = [_event(i, name="Save", role="button") for i in range(50)]
    vocabulary = learn_vocabulary(events, params=PARAMS)
    assert vocabulary.idle_gap_s >= PARAMS.min_idle_gap_s


def _row_click(index: int, row: int) -> Event:
    path = [PathNode(role="table"), PathNode(role="table row", index=row)]
    return _event(index, name="", role="text").model_copy(
        update={"element": Element(role="text", path=path)}
    )


def test_position_of_an_anonymous_node_tells_fixed_fields_apart() -> None:
    # A form whose fields differ only by their table row: the same three rows every time.
    events = [_row_click(i, row=(1, 3, 5)[i % 3]) for i in range(30)]
    normaliser = learn_vocabulary(events, params=PARAMS).normaliser()
    assert len({normaliser.signature(event)[1] for event in events}) == 3


def test_position_that_varies_like_data_is_dropped() -> None:
    # A grid of 20 rows, each clicked three times: more rows than sightings per row, data.
    events = [_row_click(i, row=(7 * i) % 20) for i in range(60)]
    normaliser = learn_vocabulary(events, params=PARAMS).normaliser()
    assert len({normaliser.signature(event)[1] for event in events}) == 1
