"""Action synthesis: raw input + element snapshots + clock -> canonical events (no desktop)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from recorder.model import (
    ElementInfo,
    FocusChanged,
    KeyPress,
    MousePress,
    MouseScroll,
    SessionInfo,
    TextChanged,
    WindowActivated,
    WindowClosed,
    WindowOpened,
)
from recorder.synthesis import ActionSynthesizer, SynthesisSettings

T0 = 1_800_000_000.0
SESSION = SessionInfo(session_id="s1", user_id="u1", machine_id="m1")


def field(
    name: str, *, value: str | None = None, password: bool = False, index: int = 0
) -> ElementInfo:
    role = "password text" if password else "text"
    return ElementInfo(
        app="form-app",
        window="Customer Form",
        role=role,
        name=name,
        path=(("frame", "Customer Form", 0), ("panel", None, 1), (role, name, index)),
        bounds=(67, 31 + 40 * index, 168, 34),
        value=None if password else value,
        is_password=password,
        is_editable=True,
    )


BUTTON = ElementInfo(
    app="form-app",
    window="Customer Form",
    role="push button",
    name="Save",
    path=(("frame", "Customer Form", 0), ("filler", None, 2), ("push button", "Save", 0)),
    bounds=(0, 219, 66, 34),
)


def new_synth(**overrides: float) -> ActionSynthesizer:
    return ActionSynthesizer(SESSION, settings=SynthesisSettings(**overrides))


def type_text(
    synth: ActionSynthesizer, element: ElementInfo, text: str, start: float
) -> tuple[list, float]:
    events, now = [], start
    for i, char in enumerate(text):
        now = start + 0.05 * (i + 1)
        events += synth.feed(KeyPress(combo=char.lower(), char=char), element=None, now=now)
        shown = None if element.is_password else text[: i + 1]
        snapshot = field(element.name or "", value=shown, password=element.is_password)
        events += synth.feed(TextChanged(), element=snapshot, now=now + 0.01)
    return events, now


def test_keystrokes_become_one_type_event_with_the_final_value() -> None:
    synth = new_synth()
    name = field("Name", value="")
    events = synth.feed(FocusChanged(), element=name, now=T0)
    more, now = type_text(synth, name, "Alice", T0)
    events += more
    events += synth.feed(MousePress(30, 236, "left"), element=BUTTON, now=now + 1)
    events += synth.tick(now + 2)
    assert [e.kind for e in events] == ["type", "click"]
    typed = events[0]
    assert typed.value == "Alice"
    assert typed.element is not None
    assert typed.element.name == "Name"
    assert [n.role for n in typed.element.path] == ["frame", "panel", "text"]
    assert events[1].element is not None
    assert events[1].element.name == "Save"


def test_value_falls_back_to_keystrokes_when_the_toolkit_reports_no_text() -> None:
    synth = new_synth()
    name = field("Name")
    synth.feed(FocusChanged(), element=name, now=T0)
    for i, (combo, char) in enumerate(
        [("b", "b"), ("o", "o"), ("x", "x"), ("backspace", None), ("b", "b")]
    ):
        synth.feed(KeyPress(combo=combo, char=char), element=None, now=T0 + 0.1 * (i + 1))
    events = synth.flush(T0 + 2)
    assert [(e.kind, e.value) for e in events] == [("type", "bob")]


def test_password_field_yields_no_value_and_no_keystrokes() -> None:
    synth = new_synth()
    secret = field("Password", password=True, index=2)
    events = synth.feed(FocusChanged(), element=secret, now=T0)
    more, now = type_text(synth, secret, "s3cr3t!Pw", T0)
    events += more
    events += synth.feed(KeyPress(combo="ctrl+a"), element=None, now=now + 0.1)
    events += synth.feed(KeyPress(combo="ctrl+c"), element=None, now=now + 0.2)
    events += synth.feed(KeyPress(combo="enter"), element=None, now=now + 0.3)
    events += synth.flush(now + 1)
    kinds = [e.kind for e in events]
    assert kinds == ["type", "key"]  # ctrl+a / ctrl+c in a password field are swallowed
    assert events[0].value is None
    assert events[0].attrs["redacted"] == "password"
    blob = json.dumps([e.to_json_dict() for e in events])
    assert "s3cr3t" not in blob
    assert "Pw" not in blob


def test_enter_emits_type_before_the_key_and_waits_for_the_last_text_change() -> None:
    synth = new_synth()
    email = field("Email", value="", index=1)
    synth.feed(FocusChanged(), element=email, now=T0)
    synth.feed(KeyPress(combo="a", char="a"), element=None, now=T0 + 0.1)
    synth.feed(TextChanged(), element=field("Email", value="a", index=1), now=T0 + 0.11)
    synth.feed(KeyPress(combo="b", char="b"), element=None, now=T0 + 0.2)
    events = synth.feed(KeyPress(combo="enter"), element=None, now=T0 + 0.21)
    assert events == []  # held for the grace period
    events += synth.feed(TextChanged(), element=field("Email", value="ab", index=1), now=T0 + 0.25)
    events += synth.tick(T0 + 1)
    assert [(e.kind, e.value) for e in events] == [("type", "ab"), ("key", None)]
    assert events[1].attrs["combo"] == "enter"
    assert events[0].timestamp <= events[1].timestamp


def test_two_quick_presses_in_place_are_one_double_click() -> None:
    synth = new_synth()
    events = synth.feed(MousePress(10, 10, "left"), element=BUTTON, now=T0)
    events += synth.feed(MousePress(11, 10, "left"), element=BUTTON, now=T0 + 0.2)
    events += synth.tick(T0 + 1)
    assert [e.kind for e in events] == ["double_click"]


def test_slow_presses_are_two_clicks_and_right_press_is_right_click() -> None:
    synth = new_synth()
    events = synth.feed(MousePress(10, 10, "left"), element=BUTTON, now=T0)
    events += synth.feed(MousePress(10, 10, "left"), element=BUTTON, now=T0 + 0.6)
    events += synth.feed(MousePress(10, 10, "right"), element=BUTTON, now=T0 + 2)
    assert [e.kind for e in events] == ["click", "click", "right_click"]


def test_shortcut_is_a_key_event_with_its_combo() -> None:
    synth = new_synth()
    synth.feed(FocusChanged(), element=BUTTON, now=T0)
    events = synth.feed(KeyPress(combo="ctrl+s"), element=None, now=T0 + 1)
    assert [(e.kind, e.attrs["combo"]) for e in events] == [("key", "ctrl+s")]


def test_paste_names_the_source_element_and_app_of_the_copy() -> None:
    synth = new_synth()
    source = ElementInfo(
        app="gedit",
        window="notes.txt",
        role="text",
        name="Document",
        selection="INV-42",
        path=(("frame", "notes.txt", 0), ("text", "Document", 0)),
        is_editable=True,
    )
    target = field("Name", value="")
    events = synth.feed(KeyPress(combo="ctrl+c"), element=source, now=T0)
    events += synth.feed(KeyPress(combo="ctrl+v"), element=target, now=T0 + 2)
    copy, paste = events
    assert (copy.kind, copy.value, copy.app) == ("copy", "INV-42", "gedit")
    assert (paste.kind, paste.value, paste.app) == ("paste", "INV-42", "form-app")
    assert paste.attrs["source_app"] == "gedit"
    assert paste.attrs["source_element"]["name"] == "Document"


def test_window_activation_of_another_app_is_an_app_switch() -> None:
    synth = new_synth()
    events = synth.feed(WindowActivated("form-app", "Customer Form"), element=None, now=T0)
    events += synth.feed(WindowActivated("form-app", "Customer Form"), element=None, now=T0 + 1)
    events += synth.feed(WindowActivated("notes-app", "Notes"), element=None, now=T0 + 2)
    events += synth.tick(T0 + 3)
    assert [(e.kind, e.app, e.window) for e in events] == [("app_switch", "notes-app", "Notes")]
    assert events[0].attrs["from_app"] == "form-app"


def test_windows_opening_and_closing_are_recorded() -> None:
    synth = new_synth()
    events = synth.feed(WindowOpened("notes-app", "Notes"), element=None, now=T0)
    events += synth.feed(WindowClosed("notes-app", "Notes"), element=None, now=T0 + 1)
    assert [e.kind for e in events] == ["window_open", "window_close"]


def test_idle_is_emitted_once_after_the_quiet_period_and_flushes_the_open_field() -> None:
    synth = new_synth(idle_seconds=60)
    name = field("Name", value="")
    events = synth.feed(FocusChanged(), element=name, now=T0)
    events += synth.feed(KeyPress(combo="a", char="a"), element=None, now=T0 + 1)
    events += synth.tick(T0 + 30)
    assert events == []
    events += synth.tick(T0 + 62)
    events += synth.tick(T0 + 200)
    assert [e.kind for e in events] == ["type", "idle"]
    assert events[1].timestamp.timestamp() == T0 + 61
    events += synth.feed(MousePress(1, 1, "right"), element=BUTTON, now=T0 + 300)
    events += synth.tick(T0 + 370)
    assert [e.kind for e in events] == ["type", "idle", "right_click", "idle"]


def test_click_on_a_combo_box_item_is_a_select_with_the_item() -> None:
    synth = new_synth()
    item = ElementInfo(
        app="form-app",
        window="Customer Form",
        role="menu item",
        name="Germany",
        path=(
            ("frame", "Customer Form", 0),
            ("combo box", "Country", 1),
            ("menu", None, 0),
            ("menu item", "Germany", 1),
        ),
    )
    events = synth.feed(MousePress(5, 5, "left"), element=item, now=T0)
    events += synth.tick(T0 + 1)
    assert [(e.kind, e.value) for e in events] == [("select", "Germany")]


def test_scroll_burst_on_one_element_is_one_scroll_event() -> None:
    synth = new_synth()
    events = []
    for i in range(5):
        events += synth.feed(
            MouseScroll(5, 5, 0, -1), element=BUTTON if i == 0 else None, now=T0 + 0.1 * i
        )
    events += synth.tick(T0 + 2)
    assert [(e.kind, e.attrs["dy"]) for e in events] == [("scroll", -5)]


def test_click_on_element_with_new_url_emits_navigate_first() -> None:
    synth = new_synth()
    link = ElementInfo(
        app="chromium", window="Shop", role="link", name="Orders", url="https://shop.example/orders"
    )
    events = synth.feed(MousePress(5, 5, "left"), element=link, now=T0)
    events += synth.tick(T0 + 1)
    assert [(e.kind, e.url) for e in events] == [
        ("navigate", "https://shop.example/orders"),
        ("click", "https://shop.example/orders"),
    ]


_ELEMENTS = [field("Name", value="x"), field("Password", password=True, index=2), BUTTON, None]
_INPUTS = st.one_of(
    st.builds(
        MousePress,
        st.integers(0, 50),
        st.integers(0, 50),
        st.sampled_from(["left", "right", "middle"]),
    ),
    st.builds(
        MouseScroll, st.integers(0, 50), st.integers(0, 50), st.integers(-2, 2), st.integers(-2, 2)
    ),
    st.builds(
        KeyPress,
        st.sampled_from(["q", "enter", "tab", "ctrl+c", "ctrl+v", "backspace"]),
        st.sampled_from([None, "Q"]),
    ),
    st.builds(FocusChanged, st.booleans()),
    st.just(TextChanged()),
    st.builds(WindowActivated, st.sampled_from(["form-app", "notes-app"]), st.just("W")),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(_INPUTS, st.sampled_from(range(len(_ELEMENTS))), st.floats(0, 2)), max_size=40
    )
)
def test_any_input_sequence_gives_unique_ids_ordered_times_and_no_password_text(
    steps: list,
) -> None:
    synth = new_synth(idle_seconds=3)
    now, events = T0, []
    for raw, which, gap in steps:
        now += gap
        element = _ELEMENTS[which]
        lands_in_password = (
            element.is_password
            if element is not None
            else synth.focused is not None and synth.focused.is_password
        )
        if isinstance(raw, KeyPress) and raw.char and lands_in_password:
            raw = KeyPress(combo="ω", char="Ω")  # a keystroke typed into the password field
        events += synth.feed(raw, element=element, now=now)
        events += synth.tick(now)
    events += synth.flush(now + 10)
    ids = [e.event_id for e in events]
    assert len(ids) == len(set(ids))
    times = [e.timestamp for e in events]
    assert times == sorted(times)
    blob = json.dumps([e.to_json_dict() for e in events], ensure_ascii=False)
    assert "Ω" not in blob
    assert "ω" not in blob
    for event in events:
        if event.element is not None and event.element.role == "password text":
            assert event.value is None
