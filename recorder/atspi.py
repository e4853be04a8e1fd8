"""Recorder, stage 0 on Linux: element resolution over AT-SPI (pyatspi, from Debian).

libatspi is not thread-safe, so every AT-SPI call happens on one thread that runs the GLib main
loop: OS events arrive there, and ``element_at`` / ``focused_element`` are marshalled onto it
with ``GLib.idle_add`` and awaited. Needs an AT-SPI bus (at-spi-bus-launcher) and applications
started with the ATK bridge (GNOME/KDE sessions do this; tests set ``GTK_MODULES``).

Never reads the text of a ``password text`` element.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from recorder.model import (
    ElementInfo,
    FocusChanged,
    PathEntry,
    TextChanged,
    WindowActivated,
    WindowClosed,
    WindowOpened,
)
from recorder.resolver import MAX_VALUE_CHARS, TOP_LEVEL_ROLES, WINDOW_ROLES, Emit, RecorderError

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
_MAX_DEPTH = 40  # guards against cyclic or absurdly deep trees
_URL_ATTRIBUTES = ("DocURL", "URI", "URL")
BROWSER_NAMES = ("firefox", "chrom", "brave", "epiphany", "opera", "vivaldi", "edge")


class AtspiResolver:
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

    # -- Resolver protocol -----------------------------------------------------------------

    def start(self, emit: Emit) -> None:
        self._emit = emit
        for event_type in _EVENTS:
            self._pyatspi.Registry.registerEventListener(self._on_event, event_type)
        self._thread = threading.Thread(target=self._run_loop, name="atspi-loop", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        for event_type in _EVENTS:
            self._pyatspi.Registry.deregisterEventListener(self._on_event, event_type)
        self._glib.idle_add(self._quit)
        self._thread.join(timeout=3)
        self._thread = None

    def element_at(self, x: int, y: int) -> ElementInfo | None:
        return self._call(lambda: self._element_at(x, y))

    def focused_element(self) -> ElementInfo | None:
        return self._call(
            lambda: self._snapshot(self._focused, selection=True) if self._focused else None
        )

    # -- on the GLib thread ----------------------------------------------------------------

    def _run_loop(self) -> None:
        try:
            self._pyatspi.Registry.start()
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

        self._glib.idle_add(run)
        if not done.wait(self._timeout):
            log.warning("AT-SPI did not answer within %.1f s", self._timeout)
            return None
        return box[0]

    def _on_event(self, event: Any) -> None:
        now = time.time()
        emit = self._emit
        if emit is None:
            return
        try:
            kind, source = event.type, event.source
            if kind.startswith("object:state-changed:focused"):
                gained = bool(event.detail1)
                if gained:
                    self._focused = source
                emit(FocusChanged(gained=gained), self._snapshot(source), now)
            elif kind.startswith("object:text-changed"):
                emit(TextChanged(), self._snapshot(source), now)
            elif kind.startswith("window:"):
                self._on_window(kind, source, emit, now)
        except Exception:  # a vanished accessible is normal (the widget was destroyed)
            log.debug("skipped an AT-SPI event", exc_info=True)

    def _on_window(self, kind: str, window: Any, emit: Emit, now: float) -> None:
        role = window.getRoleName()
        app, title = self._app_name(window), window.name or None
        if kind.startswith("window:activate"):
            self._active_window = window
            if role in TOP_LEVEL_ROLES:
                emit(WindowActivated(app, title, self._document_url(window)), None, now)
        elif role in TOP_LEVEL_ROLES:
            raw = (
                WindowOpened(app, title)
                if kind.startswith("window:create")
                else WindowClosed(app, title)
            )
            emit(raw, None, now)

    def _element_at(self, x: int, y: int) -> ElementInfo | None:
        coords = self._pyatspi.DESKTOP_COORDS
        # The active window (a popup while one is open) is almost always the one clicked:
        # trying it first saves walking every application's windows over D-Bus.
        active = self._active_window
        windows = [active] if active is not None else []

        def others() -> Iterator[Any]:  # only enumerated when the active window misses
            yield from (w for w in self._candidate_windows() if w != active)

        for window in itertools.chain(windows, others()):
            try:
                component = window.queryComponent()
                if not component.contains(x, y, coords):
                    continue
                node = window
                for _ in range(_MAX_DEPTH):
                    child = node.queryComponent().getAccessibleAtPoint(x, y, coords)
                    if child is None or child == node:
                        break
                    node = child
                return self._snapshot(node)
            except Exception:
                continue
        return None

    def _candidate_windows(self) -> list[Any]:
        """Showing windows, the active one and popups first (they are on top)."""
        states = self._pyatspi
        windows = []
        desktop = self._pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is None:
                continue
            for window in app:
                if window is None:
                    continue
                state = window.getState()
                if not state.contains(states.STATE_SHOWING):
                    continue
                rank = 0 if state.contains(states.STATE_ACTIVE) else 1
                if window.getRoleName() == "window":  # popup menus and combo lists
                    rank = -1
                windows.append((rank, window))
        return [w for _, w in sorted(windows, key=lambda item: item[0])]

    def _snapshot(self, acc: Any, *, selection: bool = False) -> ElementInfo | None:
        if acc is None:
            return None
        role = acc.getRoleName()
        path, window = self._path_of(acc)
        state = acc.getState()
        is_password = role == "password text"
        editable = state.contains(self._pyatspi.STATE_EDITABLE)
        value = selected = None
        if not is_password and (editable or role in {"text", "entry", "combo box"}):
            value, selected = self._read_text(acc, selection=selection)
        attributes = _attributes(acc)
        return ElementInfo(
            app=self._app_name(acc),
            window=window.name if window is not None else None,
            role=role,
            name=acc.name or None,
            automation_id=attributes.get("id") or attributes.get("html-id"),
            class_name=attributes.get("class") or attributes.get("toolkit") or None,
            path=path,
            bounds=self._bounds(acc),
            value=value,
            selection=selected,
            is_password=is_password,
            is_editable=editable,
            url=self._document_url(acc),
        )

    def _path_of(self, acc: Any) -> tuple[tuple[PathEntry, ...], Any]:
        entries: list[PathEntry] = []
        node, window = acc, None
        for _ in range(_MAX_DEPTH):
            if node is None:
                break
            role = node.getRoleName()
            if role == "application":
                break
            entries.append((role, node.name or None, node.getIndexInParent()))
            if role in WINDOW_ROLES:
                window = node
                break
            node = node.parent
        entries.reverse()
        return tuple(entries), window

    def _read_text(self, acc: Any, *, selection: bool) -> tuple[str | None, str | None]:
        try:
            text = acc.queryText()
        except NotImplementedError:
            return None, None
        count = min(text.characterCount, MAX_VALUE_CHARS)
        value = text.getText(0, count)
        selected = None
        if selection and text.getNSelections() > 0:
            start, end = text.getSelection(0)
            selected = text.getText(start, min(end, start + MAX_VALUE_CHARS))
        return value, selected

    def _bounds(self, acc: Any) -> tuple[int, int, int, int] | None:
        try:
            x, y, width, height = acc.queryComponent().getExtents(self._pyatspi.DESKTOP_COORDS)
        except Exception:
            return None
        if x <= -(2**30) or y <= -(2**30):  # not on screen (a closed menu)
            return None
        return (x, y, width, height)

    def _document_url(self, acc: Any) -> str | None:
        node = acc
        for _ in range(_MAX_DEPTH):
            if node is None:
                return None
            role = node.getRoleName()
            if role == "document web":
                try:
                    document = node.queryDocument()
                except NotImplementedError:
                    return None
                for key in _URL_ATTRIBUTES:
                    url = document.getAttributeValue(key)
                    if url:
                        return str(url)
                return None
            if role in WINDOW_ROLES:
                # Searching a window for its page costs D-Bus round trips: browsers only.
                if any(b in self._app_name(node).lower() for b in BROWSER_NAMES):
                    return _first_document_url(node, self)
                return None
            node = node.parent
        return None

    def _app_name(self, acc: Any) -> str:
        try:
            app = acc.getApplication()
            if app is not None and app.name:
                return str(app.name)
            pid = acc.get_process_id()
            return Path(f"/proc/{pid}/comm").read_text().strip()
        except Exception:
            return "unknown"


def _first_document_url(window: Any, resolver: AtspiResolver, *, depth: int = 6) -> str | None:
    """A browser window's page URL: the first ``document web`` a few levels down, if any."""
    frontier = [window]
    for _ in range(depth):
        following = []
        for node in frontier:
            for child in node:
                if child is None:
                    continue
                if child.getRoleName() == "document web":
                    return resolver._document_url(child)
                following.append(child)
        frontier = following[:50]
    return None


def _attributes(acc: Any) -> dict[str, str]:
    try:
        pairs = acc.getAttributes()
    except Exception:
        return {}
    out = {}
    for pair in pairs:
        key, _, value = str(pair).partition(":")
        out[key] = value
    return out


def _quietly(fn: Callable[[], T]) -> T | None:
    try:
        return fn()
    except Exception:
        log.debug("AT-SPI call failed", exc_info=True)
        return None
