"""Recorder, stage 0 on Linux: element resolution over AT-SPI (pyatspi, from Debian).

libatspi is not thread-safe, so every AT-SPI call happens on one thread that runs the GLib main
loop: OS events arrive there, and ``element_at`` / ``focused_element`` are marshalled onto it
with ``GLib.idle_add`` (at high priority, ahead of queued events) and awaited. Needs an AT-SPI
bus (at-spi-bus-launcher) and applications started with the ATK bridge (GNOME/KDE sessions do
this; tests set ``GTK_MODULES``).

Footprint (measured in bench/bench_recorder.py; docs/recorder.md has the figures):

- the loop runs ``Registry.start(gil=False)``: pyatspi's default ``gil=True`` adds an idle
  callback that sleeps 10 ms in a loop forever, which cost ~100 wake-ups a second and made
  every marshalled call wait 10-20 ms behind it;
- what does not change while a window stays the same is cached per accessible object: the path
  from the window down (role, name, index in parent per node), the window title, the app name,
  the automation id / class attributes, the document node of a browser page. The cache of an
  application is dropped on any ``children-changed``, ``accessible-name`` / ``-role`` /
  ``-parent`` change or window destroy it reports, and an entry is recomputed whenever the
  element's role (re-read on every snapshot, from libatspi's own cache) differs from the cached
  one. The list of top-level windows is cached too (walking the desktop costs ~3 ms of D-Bus)
  and dropped on window create / destroy and on an application's children changing;
- each snapshot fetches only what its event needs: a click reads the bounds but not the text
  (a click event carries no value), a text change reads the text but reuses the bounds seen at
  the last snapshot of that element; the page URL is read only for elements in a document;
- OS events are not snapshotted inside libatspi's callback (which may run nested in another
  D-Bus call) but queued and handled at idle priority, consecutive text changes of one field
  coalesced into one snapshot, so a click's resolution never waits behind a burst of them.

Never reads the text of a ``password text`` element (the role is re-read on every snapshot).

``AtspiResolver`` is put together from three modules: this one (the GLib thread, OS events and
when caches are dropped), ``atspi_hit_test`` (the accessible at a screen point) and
``atspi_snapshot`` (one accessible's snapshot, and the caches it fills).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from recorder.atspi_hit_test import AtspiHitTesting
from recorder.atspi_snapshot import AtspiSnapshots, CachedNode
from recorder.model import (
    ElementInfo,
    FocusChanged,
    TextChanged,
    WindowActivated,
    WindowClosed,
    WindowOpened,
)
from recorder.resolver import TOP_LEVEL_ROLES, Emit, RecorderError

log = logging.getLogger(__name__)
T = TypeVar("T")

_EVENTS = (
    "object:state-changed:focused",
    "object:text-changed:insert",
    "object:text-changed:delete",
    "window:activate",
    "window:create",
    "window:destroy",
)
# Events that only drop cached structure (they also keep libatspi's own cache current).
_INVALIDATING = (
    "object:children-changed",
    "object:property-change:accessible-name",
    "object:property-change:accessible-role",
    "object:property-change:accessible-parent",
)


class AtspiResolver(AtspiHitTesting, AtspiSnapshots):
    """The Linux resolver: AT-SPI snapshots, focus / text / window events."""

    def __init__(self, *, call_timeout: float = 1.0) -> None:
        try:
            import pyatspi
            from gi.repository import GLib
        except ImportError as error:
            raise RecorderError(
                "AT-SPI is not available (pyatspi / gi failed to import: "
                f"{error}); install python3-pyatspi and at-spi2-core, and make the venv see "
                "/usr/lib/python3/dist-packages (make setup does this)"
            ) from None
        self._pyatspi = pyatspi
        self._glib = GLib
        self._timeout = call_timeout
        self._emit: Emit | None = None
        self._thread: threading.Thread | None = None
        self._focused: Any = None  # last accessible that gained focus
        self._active_window: Any = None
        # caches, only touched on the GLib thread
        self._nodes: dict[Any, dict[Any, CachedNode]] = {}  # application -> accessible -> node
        self._app_names: dict[Any, str] = {}
        self._windows: list[Any] | None = None  # every application's top-level windows
        self._window_documents: dict[Any, Any] = {}  # browser window -> its document web
        self._pending: deque[tuple[str, Any, bool, float]] = deque()
        self._draining = False

    # -- Resolver protocol -----------------------------------------------------------------

    def start(self, emit: Emit) -> None:
        self._emit = emit
        for event_type in (*_EVENTS, *_INVALIDATING):
            self._pyatspi.Registry.registerEventListener(self._on_event, event_type)
        self._thread = threading.Thread(target=self._run_loop, name="atspi-loop", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        for event_type in (*_EVENTS, *_INVALIDATING):
            self._pyatspi.Registry.deregisterEventListener(self._on_event, event_type)
        self._glib.idle_add(self._quit)
        self._thread.join(timeout=3)
        self._thread = None

    def element_at(self, x: int, y: int) -> ElementInfo | None:
        return self._call(lambda: self._element_at(x, y))

    def focused_element(self) -> ElementInfo | None:
        return self._call(
            lambda: (
                self._snapshot(self._focused, text=True, selection=True) if self._focused else None
            )
        )

    # -- on the GLib thread ----------------------------------------------------------------

    def _run_loop(self) -> None:
        try:
            # gil=False: pyatspi's default keeps an idle callback sleeping 10 ms in a loop
            # (for old PyGObject versions that held the GIL in the main loop); it burnt CPU
            # and delayed every marshalled call. PyGObject releases the GIL while polling.
            self._pyatspi.Registry.start(gil=False)
        except Exception:  # the loop must not die silently: the agent would record nothing
            log.exception("the AT-SPI event loop stopped")

    def _quit(self) -> bool:
        self._pyatspi.Registry.stop()
        return False

    def _call(self, fn: Callable[[], T]) -> T | None:
        if self._thread is None or threading.current_thread() is self._thread:
            return _quietly(fn)
        done = threading.Event()
        box: list[T | None] = [None]

        def run() -> bool:
            box[0] = _quietly(fn)
            done.set()
            return False

        # Ahead of D-Bus dispatch and of queued OS events: a click waits for nothing else.
        self._glib.idle_add(run, priority=self._glib.PRIORITY_HIGH)
        if not done.wait(self._timeout):
            log.warning("AT-SPI did not answer within %.1f s", self._timeout)
            return None
        return box[0]

    def _on_event(self, event: Any) -> None:
        """libatspi's callback: note what is cheap to note, queue the rest (no D-Bus here)."""
        now = time.time()
        try:
            kind, source = event.type, event.source
            if kind.startswith(("object:children-changed", "object:property-change")):
                # event.sender is the application root: no D-Bus call to find the app (the
                # source may be a brand-new object libatspi knows nothing about yet)
                app = getattr(event, "sender", None)
                self._invalidate(source, app, windows=source == app if app else True)
                return
            if kind.startswith("object:state-changed:focused"):
                gained = bool(event.detail1)
                if gained:
                    self._focused = source
            elif kind.startswith("object:text-changed"):
                gained = False
                last = self._pending[-1] if self._pending else None
                if last is not None and last[0] == "text" and last[1] == source:
                    self._pending[-1] = ("text", source, False, now)  # one snapshot, latest text
                    return
                kind = "text"
            elif kind.startswith("window:"):
                gained = False
                if kind.startswith("window:activate"):
                    self._active_window = source
                else:  # create / destroy: the window list changed
                    self._windows = None
                    if kind.startswith("window:destroy"):
                        self._invalidate(source, getattr(event, "sender", None), windows=True)
            else:
                return
            self._pending.append((kind, source, gained, now))
            if not self._draining:
                self._draining = True
                self._glib.idle_add(self._drain)
        except Exception:  # a vanished accessible is normal (the widget was destroyed)
            log.debug("skipped an AT-SPI event", exc_info=True)

    def _drain(self) -> bool:
        """Snapshot the queued OS events, in order (at idle priority, on the GLib thread)."""
        while self._pending:
            kind, source, gained, now = self._pending.popleft()
            emit = self._emit
            if emit is None:
                continue
            try:
                if kind == "text":
                    emit(TextChanged(), self._snapshot(source, text=True, fresh_bounds=False), now)
                elif kind.startswith("object:state-changed:focused"):
                    emit(FocusChanged(gained=gained), self._snapshot(source, text=True), now)
                else:
                    self._on_window(kind, source, emit, now)
            except Exception:  # a vanished accessible is normal (the widget was destroyed)
                log.debug("skipped an AT-SPI event", exc_info=True)
        self._draining = False
        return False

    def _invalidate(self, source: Any, app: Any, *, windows: bool) -> None:
        if app is None:
            try:
                app = source.getApplication()
            except Exception:
                app = None
        if app is None:
            self._nodes.clear()
        else:
            self._nodes.pop(app, None)
        self._window_documents.clear()
        if windows:
            self._windows = None

    def _on_window(self, kind: str, window: Any, emit: Emit, now: float) -> None:
        role = window.getRoleName()
        app, title = self._app_name(window), window.name or None
        if kind.startswith("window:activate"):
            if role in TOP_LEVEL_ROLES:
                emit(WindowActivated(app, title, self._window_url(window)), None, now)
        elif role in TOP_LEVEL_ROLES:
            raw = (
                WindowOpened(app, title)
                if kind.startswith("window:create")
                else WindowClosed(app, title)
            )
            emit(raw, None, now)


def _quietly(fn: Callable[[], T]) -> T | None:
    try:
        return fn()
    except Exception:
        log.debug("AT-SPI call failed", exc_info=True)
        return None
