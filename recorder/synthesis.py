"""Recorder, stage 1: action synthesis, raw input + resolved elements -> canonical events.

A pure state machine: it is fed raw inputs (clicks, keys, focus and text changes, window
activation), the element snapshot a resolver returned for each, and the clock value; it returns
``taskmine.event/v1`` events. No OS call, no clock read, no random id (ids are
``{session_id}:{n}``), so every behaviour is unit-tested without a desktop.

What it guarantees:
- keystrokes become one ``type`` event per field visit carrying the field's final value,
  stamped when the field was left;
- a password field yields neither a value nor keystrokes (only a value-less ``type``);
- a click is held for the double-click interval so a double click is one ``double_click``;
- a visit that ends (focus moves, a click elsewhere, Enter) waits a short grace period for the
  toolkit's last text change, then emits ``type`` before the action that ended it;
- ``idle`` is emitted once ``idle_seconds`` pass without user input, stamped at that moment
  (so timestamps never go backwards); the next user input's time gives its end.

This module reads each input (what a click, key or focus change means); what is held back and
when it is let out as events is ``recorder.synthesis_pending``.
"""

from __future__ import annotations

from typing import Any

from recorder.keys import ACTION_KEYS, EDIT_KEYS
from recorder.model import (
    ElementInfo,
    FocusChanged,
    KeyPress,
    MousePress,
    MouseScroll,
    RawInput,
    SessionInfo,
    TextChanged,
    WindowActivated,
    WindowClosed,
    WindowOpened,
)
from recorder.synthesis_pending import (
    PendingActions,
    PendingClick,
    ScrollBurst,
    SynthesisSettings,
    Visit,
)
from taskmine.domain import Event, EventKind

COPY_COMBOS = {"ctrl+c": False, "ctrl+insert": False, "ctrl+x": True, "shift+delete": True}
PASTE_COMBOS = frozenset({"ctrl+v", "shift+insert", "ctrl+shift+v"})
# Keys that still make sense from a password field: they move on, they reveal nothing typed.
PASSWORD_SAFE_KEYS = frozenset({"enter", "tab", "shift+tab", "escape"})


class ActionSynthesizer(PendingActions):
    """Feed raw inputs in order with their elements and times; collect events."""

    def __init__(self, session: SessionInfo, *, settings: SynthesisSettings | None = None) -> None:
        self.session = session
        self.settings = settings or SynthesisSettings()
        self._seq = 0
        self._app: str | None = None
        self._window: str | None = None
        self._url: str | None = None
        self._focus: ElementInfo | None = None
        self._visit: Visit | None = None
        self._closing: Visit | None = None
        self._closing_deadline = 0.0
        self._held: list[Event] = []
        self._click: PendingClick | None = None
        self._scroll: ScrollBurst | None = None
        self._clipboard: dict[str, Any] | None = None
        self._clipboard_value: str | None = None
        self._last_activity: float | None = None
        self._idle = False
        self._out: list[Event] = []

    # -- public API -------------------------------------------------------------------------

    def feed(self, raw: RawInput, *, element: ElementInfo | None, now: float) -> list[Event]:
        """Process one raw input observed at ``now`` (seconds since the epoch)."""
        self._advance(now)
        if isinstance(raw, MousePress | MouseScroll | KeyPress):
            self._note_activity(now)
        match raw:
            case MousePress():
                self._on_press(raw, element, now)
            case MouseScroll():
                self._on_scroll(raw, element, now)
            case KeyPress():
                self._on_key(raw, element, now)
            case FocusChanged():
                self._on_focus(raw, element, now)
            case TextChanged():
                self._on_text(element, now)
            case WindowActivated():
                self._on_activate(raw, now)
            case WindowOpened():
                self._flush_click_and_scroll()
                self._emit(
                    self._make(EventKind.WINDOW_OPEN, now, None, app=raw.app, window=raw.title)
                )
            case WindowClosed():
                self._flush_click_and_scroll()
                self._emit(
                    self._make(EventKind.WINDOW_CLOSE, now, None, app=raw.app, window=raw.title)
                )
        return self._take()

    def tick(self, now: float) -> list[Event]:
        """Let time pass: release held clicks, scrolls and closing visits; notice idleness."""
        self._advance(now)
        return self._take()

    def flush(self, now: float) -> list[Event]:
        """Emit everything pending (pause, stop): open visit, held click, scroll, idle."""
        self._flush_all(now)
        self._focus = None
        return self._take()

    def next_deadline(self) -> float | None:
        """The earliest time ``tick`` has work to do (the agent sleeps until then)."""
        deadlines = []
        if self._closing is not None:
            deadlines.append(self._closing_deadline)
        if self._click is not None:
            deadlines.append(self._click.at + self.settings.double_click_seconds)
        if self._scroll is not None:
            deadlines.append(self._scroll.last + self.settings.scroll_gap_seconds)
        if not self._idle and self._last_activity is not None:
            deadlines.append(self._last_activity + self.settings.idle_seconds)
        return min(deadlines) if deadlines else None

    def mark(self, now: float, *, attrs: dict[str, Any]) -> list[Event]:
        """An ``other`` event the agent adds itself (pause / resume markers)."""
        self._emit(self._make(EventKind.OTHER, now, None, attrs=attrs))
        return self._take()

    @property
    def focused(self) -> ElementInfo | None:
        """The element the keyboard is on, as last reported."""
        return self._focus

    # -- input handlers ---------------------------------------------------------------------

    def _on_press(self, press: MousePress, element: ElementInfo | None, now: float) -> None:
        self._flush_scroll()
        pending = self._click
        if (
            pending is not None
            and press.button == "left"
            and pending.press.button == "left"
            and now - pending.at <= self.settings.double_click_seconds
            and abs(press.x - pending.press.x) <= self.settings.double_click_pixels
            and abs(press.y - pending.press.y) <= self.settings.double_click_pixels
        ):
            self._click = None
            self._emit(self._make(EventKind.DOUBLE_CLICK, pending.at, pending.element))
            return
        self._flush_click()
        visit = self._visit
        if element is not None and visit is not None and element.identity != visit.element.identity:
            self._close_visit(now, grace=True)
        if element is not None and element.is_editable:
            self._focus = element
        self._note_url(element, now)
        if press.button == "left":
            self._click = PendingClick(press, element, now)
        elif press.button == "right":
            self._emit(self._make(EventKind.RIGHT_CLICK, now, element))
        else:
            self._emit(self._make(EventKind.OTHER, now, element, attrs={"button": press.button}))

    def _on_scroll(self, scroll: MouseScroll, element: ElementInfo | None, now: float) -> None:
        self._flush_click()
        burst = self._scroll
        same = burst is not None and (element is None or _same(element, burst.element))
        if burst is None or not same or now - burst.last > self.settings.scroll_gap_seconds:
            self._flush_scroll()
            burst = self._scroll = ScrollBurst(element, start=now, last=now)
        burst.dx += scroll.dx
        burst.dy += scroll.dy
        burst.last = now

    def _on_key(self, key: KeyPress, element: ElementInfo | None, now: float) -> None:
        self._flush_click_and_scroll()
        if element is not None and not _same(element, self._focus):
            self._on_focus(FocusChanged(gained=True), element, now)
        elif element is not None:
            self._focus = element  # a fresher snapshot of the same element (its selection)
        target = self._focus
        secret = target is not None and target.is_password
        typing = key.char is not None or (
            key.combo in EDIT_KEYS and target is not None and target.is_editable
        )
        if typing:
            if target is None:  # nowhere known to attribute the text: drop it rather than guess
                return
            visit = self._open_visit(target, now)
            visit.last_edit = now
            visit.edits += 1
            if not secret:  # a password's characters are never kept, not even in memory here
                _apply_key(visit.typed, key)
            return
        if secret and key.combo not in PASSWORD_SAFE_KEYS:
            return
        if key.combo in ACTION_KEYS or key.combo == "shift+tab":
            self._close_visit(now, grace=True)  # first, so the key is held behind the type event
        if key.combo in COPY_COMBOS:
            self._on_copy(target, now, cut=COPY_COMBOS[key.combo])
        elif key.combo in PASTE_COMBOS:
            self._on_paste(target, now)
        else:
            self._emit(self._make(EventKind.KEY, now, target, attrs={"combo": key.combo}))

    def _on_focus(self, change: FocusChanged, element: ElementInfo | None, now: float) -> None:
        if element is None:
            return
        for visit in (self._visit, self._closing):
            if visit is not None and visit.element.identity == element.identity:
                _refresh(visit, element)
        if not change.gained:
            return
        if self._visit is not None and self._visit.element.identity != element.identity:
            self._close_visit(now, grace=True)
        self._focus = element

    def _on_text(self, element: ElementInfo | None, now: float) -> None:
        if element is None:
            return
        for visit in (self._visit, self._closing):
            if visit is not None and visit.element.identity == element.identity:
                _refresh(visit, element)
                if visit is self._visit:  # a closing visit keeps its time: its type event is due
                    visit.last_edit = now
                return
        # Text that changes outside the focused field is the program's doing, not the user's.
        if self._focus is not None and self._focus.identity == element.identity:
            visit = self._open_visit(element, now)
            _refresh(visit, element)
            visit.last_edit = now

    def _on_activate(self, activation: WindowActivated, now: float) -> None:
        if activation.app == self._app and activation.title == self._window:
            return
        # A click that brought this app forward is reported after the switch it caused.
        click = self._click
        caused = (
            click is not None and click.element is not None and click.element.app == activation.app
        )
        at = now
        if caused and click is not None:
            self._click, at = None, click.at
        self._flush_scroll()
        self._close_visit(at, grace=False)
        self._flush_click()
        previous_app, previous_window = self._app, self._window
        self._app, self._window = activation.app, activation.title
        if previous_app is not None and activation.app != previous_app:
            attrs = {"from_app": previous_app, "from_window": previous_window}
            self._emit(self._make(EventKind.APP_SWITCH, at, None, url=activation.url, attrs=attrs))
        self._click = click if caused else None
        if activation.url and activation.url != self._url:
            self._url = activation.url

    def _on_copy(self, source: ElementInfo | None, now: float, *, cut: bool) -> None:
        value = None if source is None or source.is_password else source.selection
        app = source.app if source else self._app
        window = source.window if source else self._window
        self._clipboard = {
            "source_app": app,
            "source_window": window,
            "source_element": _element_summary(source),
        }
        self._clipboard_value = value
        attrs = {**self._clipboard, "cut": cut}
        self._emit(self._make(EventKind.COPY, now, source, value=value, attrs=attrs))

    def _on_paste(self, target: ElementInfo | None, now: float) -> None:
        attrs = dict(self._clipboard or {"source_app": None})
        value = None if target is not None and target.is_password else self._clipboard_value
        self._emit(self._make(EventKind.PASTE, now, target, value=value, attrs=attrs))

    def _note_url(self, element: ElementInfo | None, now: float) -> None:
        if element is not None and element.url and element.url != self._url:
            self._url = element.url
            self._emit(self._make(EventKind.NAVIGATE, now, None, url=element.url, app=element.app))


def _same(a: ElementInfo | None, b: ElementInfo | None) -> bool:
    return a is not None and b is not None and a.identity == b.identity


def _refresh(visit: Visit, element: ElementInfo) -> None:
    visit.element = element
    if not element.is_password and element.value is not None:
        visit.toolkit_value = element.value


def _apply_key(typed: list[str], key: KeyPress) -> None:
    if key.char is not None:
        typed.append(key.char)
    elif key.combo == "backspace" and typed:
        typed.pop()


def _element_summary(element: ElementInfo | None) -> dict[str, Any] | None:
    if element is None:
        return None
    return {"role": element.role, "name": element.name, "path": [list(p) for p in element.path]}


__all__ = [
    "COPY_COMBOS",
    "PASSWORD_SAFE_KEYS",
    "PASTE_COMBOS",
    "ActionSynthesizer",
    "SynthesisSettings",
]
