"""Recorder, stage 1: action synthesis, the part that holds input back and lets it out in order.

``ActionSynthesizer`` (``recorder.synthesis``) decides what an input means; this part keeps what
is not an event yet and turns it into events at the right time: the click held for the
double-click interval, the burst of wheel steps, the field visit that collects keystrokes and,
once left, waits a grace period for the toolkit's last text change (holding back whatever comes
meanwhile, so ``type`` precedes the action that ended it), and the idle threshold. It also
stamps and numbers every event (``{session_id}:{n}``). Pure like the rest of synthesis: time
is the ``now`` it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from recorder.model import ElementInfo, MousePress, SessionInfo
from taskmine.domain import Event, EventKind, format_timestamp

SELECT_CONTAINERS = frozenset({"combo box"})
SELECT_ROLES = frozenset({"menu item", "list item", "radio menu item", "check menu item"})


@dataclass
class Visit:
    """One stay of the keyboard in one text field."""

    element: ElementInfo
    started: float
    last_edit: float
    typed: list[str] = field(default_factory=list)  # fallback when the toolkit reports no text
    toolkit_value: str | None = None
    edits: int = 0
    closed_at: float | None = None  # the type event's time: when the field was left


@dataclass
class PendingClick:
    press: MousePress
    element: ElementInfo | None
    at: float


@dataclass
class ScrollBurst:
    element: ElementInfo | None
    start: float
    last: float
    dx: int = 0
    dy: int = 0


@dataclass
class SynthesisSettings:
    idle_seconds: float = 300.0
    double_click_seconds: float = 0.4
    double_click_pixels: int = 4
    visit_grace_seconds: float = 0.15  # wait for the toolkit's last text-changed signal
    scroll_gap_seconds: float = 0.5


class PendingActions:
    """What ``ActionSynthesizer`` holds back, and the events it becomes (its base class).

    The state is set up in ``ActionSynthesizer.__init__``, beside the state only it reads.
    """

    session: SessionInfo
    settings: SynthesisSettings
    _seq: int
    _app: str | None
    _window: str | None
    _visit: Visit | None
    _closing: Visit | None
    _closing_deadline: float
    _held: list[Event]
    _click: PendingClick | None
    _scroll: ScrollBurst | None
    _last_activity: float | None
    _idle: bool
    _out: list[Event]

    # -- visits -----------------------------------------------------------------------------

    def _open_visit(self, element: ElementInfo, now: float) -> Visit:
        if self._visit is not None and self._visit.element.identity != element.identity:
            self._close_visit(now, grace=True)
        if self._visit is None:
            self._visit = Visit(element=element, started=now, last_edit=now)
        return self._visit

    def _close_visit(self, now: float, *, grace: bool) -> None:
        visit, self._visit = self._visit, None
        if visit is None:
            return
        visit.closed_at = now
        self._flush_click_and_scroll()  # they came before the field was left
        self._release_closing()
        if grace and self.settings.visit_grace_seconds > 0:
            self._closing, self._closing_deadline = visit, now + self.settings.visit_grace_seconds
        else:
            self._emit(self._type_event(visit))

    def _release_closing(self) -> None:
        visit, self._closing = self._closing, None
        if visit is None:
            return
        held, self._held = self._held, []
        self._emit(self._type_event(visit))
        for event in held:
            self._emit(event)

    def _type_event(self, visit: Visit) -> Event:
        element = visit.element
        value: str | None
        if element.is_password:
            value = None
        elif visit.toolkit_value is not None:
            value = visit.toolkit_value
        else:
            value = "".join(visit.typed)
        attrs: dict[str, Any] = {"duration_ms": round((visit.last_edit - visit.started) * 1000)}
        if element.is_password:
            attrs["redacted"] = "password"
        at = visit.closed_at if visit.closed_at is not None else visit.last_edit
        return self._make(EventKind.TYPE, at, element, value=value, attrs=attrs)

    # -- time, idle and flushing ------------------------------------------------------------

    def _advance(self, now: float) -> None:
        self._check_idle(now)
        if self._closing is not None and now >= self._closing_deadline:
            self._release_closing()
        if self._click is not None and now - self._click.at > self.settings.double_click_seconds:
            self._flush_click()
        if self._scroll is not None and now - self._scroll.last > self.settings.scroll_gap_seconds:
            self._flush_scroll()

    def _check_idle(self, now: float) -> None:
        last = self._last_activity
        if self._idle or last is None or now - last < self.settings.idle_seconds:
            return
        at = last + self.settings.idle_seconds
        self._flush_all(at)
        self._idle = True
        attrs = {"quiet_since": _iso(last), "threshold_s": self.settings.idle_seconds}
        self._emit(self._make(EventKind.IDLE, at, None, attrs=attrs))

    def _note_activity(self, now: float) -> None:
        self._idle = False
        self._last_activity = now

    def _flush_all(self, now: float) -> None:
        self._release_closing()
        self._flush_click_and_scroll()  # they happened before ``now``, the visit ends at ``now``
        self._close_visit(now, grace=False)

    def _flush_click_and_scroll(self) -> None:
        self._flush_click()
        self._flush_scroll()

    def _flush_click(self) -> None:
        pending, self._click = self._click, None
        if pending is None:
            return
        element = pending.element
        container_roles = {role for role, _, _ in element.path} if element else set()
        if element and element.role in SELECT_ROLES and container_roles & SELECT_CONTAINERS:
            self._emit(self._make(EventKind.SELECT, pending.at, element, value=element.name))
        else:
            self._emit(self._make(EventKind.CLICK, pending.at, element))

    def _flush_scroll(self) -> None:
        burst, self._scroll = self._scroll, None
        if burst is not None:
            attrs = {
                "dx": burst.dx,
                "dy": burst.dy,
                "duration_ms": round((burst.last - burst.start) * 1000),
            }
            self._emit(self._make(EventKind.SCROLL, burst.start, burst.element, attrs=attrs))

    # -- output -----------------------------------------------------------------------------

    def _emit(self, event: Event) -> None:
        (self._held if self._closing is not None else self._out).append(event)

    def _take(self) -> list[Event]:
        out, self._out = self._out, []
        return out

    def _make(
        self,
        kind: EventKind,
        at: float,
        element: ElementInfo | None,
        *,
        value: str | None = None,
        url: str | None = None,
        app: str | None = None,
        window: str | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> Event:
        self._seq += 1
        session = self.session
        return Event(
            event_id=f"{session.session_id}:{self._seq}",
            session_id=session.session_id,
            user_id=session.user_id,
            machine_id=session.machine_id,
            timestamp=datetime.fromtimestamp(at, UTC),
            kind=kind,
            app=app or (element.app if element else None) or self._app or "unknown",
            window=window if window is not None else (element.window if element else self._window),
            element=element.to_element() if element else None,
            value=value,
            url=url or (element.url if element else None),
            attrs={**session.extra_attrs, **(attrs or {})},
        )


def _iso(at: float) -> str:
    return format_timestamp(datetime.fromtimestamp(at, UTC))
