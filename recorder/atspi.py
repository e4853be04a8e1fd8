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
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
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
# Events that only drop cached structure (they also keep libatspi's own cache current).
_INVALIDATING = (
    "object:children-changed",
    "object:property-change:accessible-name",
    "object:property-change:accessible-role",
    "object:property-change:accessible-parent",
)
_MAX_DEPTH = 40  # guards against cyclic or absurdly deep trees
_MAX_CACHED = 4096  # accessible objects cached per application before the cache is reset
_URL_ATTRIBUTES = ("DocURL", "URI", "URL")
BROWSER_NAMES = ("firefox", "chrom", "brave", "epiphany", "opera", "vivaldi", "edge")
_TEXT_ROLES = frozenset({"text", "entry", "combo box"})
_NO_DOCUMENT = object()  # cached "this browser window shows no document web"


@dataclass(slots=True)
class _Node:
    """What is cached of one accessible: its place in the window (valid until invalidated)."""

    path: tuple[PathEntry, ...]
    window: Any  # the window accessible the path starts at, or None
    document: Any  # the nearest ``document web`` ancestor (or self), or None
    attributes: tuple[str | None, str | None] | None = None  # (automation id, class), lazily
    bounds: tuple[int, int, int, int] | None = None  # last seen, reused by text changes


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
        # caches, only touched on the GLib thread
        self._nodes: dict[Any, dict[Any, _Node]] = {}  # application -> accessible -> node
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

    # -- element at a point ----------------------------------------------------------------

    def _element_at(self, x: int, y: int) -> ElementInfo | None:
        coords = self._pyatspi.DESKTOP_COORDS
        # The active window (a popup while one is open) is almost always the one clicked:
        # trying it first saves walking every application's windows.
        active = self._active_window
        if active is not None:
            node = _descend(active, x, y, coords, known_inside=False)
            if node is not None:
                return self._snapshot(node, text=False)
        was_cached = self._windows is not None
        node = self._hit(self._candidate_windows(refresh=False), x, y, skip=active)
        if node is None and was_cached:  # maybe a window the cached list does not know yet
            node = self._hit(self._candidate_windows(refresh=True), x, y, skip=active)
        return self._snapshot(node, text=False) if node is not None else None

    def _hit(self, windows: list[Any], x: int, y: int, *, skip: Any) -> Any:
        coords = self._pyatspi.DESKTOP_COORDS
        for window in windows:
            if window == skip:
                continue
            try:
                if not window.queryComponent().contains(x, y, coords):
                    continue
            except Exception:
                self._windows = None  # a window went away: list them again next time
                continue
            node = _descend(window, x, y, coords, known_inside=True)
            if node is not None:
                return node
        return None

    def _candidate_windows(self, *, refresh: bool) -> list[Any]:
        """Showing windows, the active one and popups first (they are on top)."""
        if refresh or self._windows is None:
            desktop = self._pyatspi.Registry.getDesktop(0)
            self._windows = [
                window for app in desktop if app is not None for window in app if window is not None
            ]
        states = self._pyatspi
        ranked = []
        for window in self._windows:
            try:
                state = window.getState()
                if not state.contains(states.STATE_SHOWING):
                    continue
                rank = 0 if state.contains(states.STATE_ACTIVE) else 1
                if window.getRoleName() == "window":  # popup menus and combo lists
                    rank = -1
            except Exception:
                continue
            ranked.append((rank, window))
        return [w for _, w in sorted(ranked, key=lambda item: item[0])]

    # -- snapshots -------------------------------------------------------------------------

    def _snapshot(
        self, acc: Any, *, text: bool, selection: bool = False, fresh_bounds: bool = True
    ) -> ElementInfo | None:
        """``text``: read the value (focus and text events); a click needs no value."""
        if acc is None:
            return None
        role = acc.getRoleName()  # fresh each time: a field may turn into a password field
        node, app = self._node(acc, role)
        state = acc.getState()
        is_password = role == "password text"
        editable = state.contains(self._pyatspi.STATE_EDITABLE)
        value = selected = None
        if text and not is_password and (editable or role in _TEXT_ROLES):
            value, selected = self._read_text(acc, selection=selection)
        if node.attributes is None:
            attributes = _attributes(acc)
            node.attributes = (
                attributes.get("id") or attributes.get("html-id") or None,
                attributes.get("class") or attributes.get("toolkit") or None,
            )
        if fresh_bounds or node.bounds is None:
            node.bounds = self._bounds(acc)
        window = node.window
        return ElementInfo(
            app=app,
            window=(window.name or None) if window is not None else None,
            role=role,
            name=acc.name or None,
            automation_id=node.attributes[0],
            class_name=node.attributes[1],
            path=node.path,
            bounds=node.bounds,
            value=value,
            selection=selected,
            is_password=is_password,
            is_editable=editable,
            url=self._url_of(node, app),
        )

    def _node(self, acc: Any, role: str) -> tuple[_Node, str]:
        """The cached place of ``acc`` in its window (computed from its parent's, if cached)."""
        application = acc.getApplication()
        app = self._app_name(acc, application)
        table = self._nodes.get(application)
        if table is None or len(table) > _MAX_CACHED:
            table = self._nodes[application] = {}
        node = table.get(acc)
        if node is not None and node.path and node.path[-1][0] == role:
            return node, app
        chain: list[tuple[Any, PathEntry]] = []  # from acc up to a cached ancestor or a window
        base: _Node | None = None
        current, current_role = acc, role
        for _ in range(_MAX_DEPTH):
            if current_role == "application":
                break
            chain.append(
                (current, (current_role, current.name or None, current.getIndexInParent()))
            )
            if current_role in WINDOW_ROLES:
                break
            current = current.parent
            if current is None:
                break
            base = table.get(current)
            if base is not None:
                break
            current_role = current.getRoleName()
        path = base.path if base is not None else ()
        window = base.window if base is not None else None
        document = base.document if base is not None else None
        node = _Node(path, window, document)
        for obj, entry in reversed(chain):  # from the top down, caching every ancestor
            path = (*path, entry)
            if entry[0] in WINDOW_ROLES and window is None:
                window = obj
            if entry[0] == "document web":
                document = obj
            node = table[obj] = _Node(path, window, document)
        return node, app

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

    def _url_of(self, node: _Node, app: str) -> str | None:
        """The page URL: from the element's ``document web``, or a browser window's page."""
        if node.document is not None:
            return _document_url(node.document)
        if node.window is not None and _is_browser(app):
            return self._window_url(node.window, app)
        return None

    def _window_url(self, window: Any, app: str | None = None) -> str | None:
        """A browser window's page URL (searching a window costs D-Bus: browsers only)."""
        if not _is_browser(app if app is not None else self._app_name(window)):
            return None
        document = self._window_documents.get(window)
        if document is None:
            document = _first_document(window) or _NO_DOCUMENT
            self._window_documents[window] = document
        return None if document is _NO_DOCUMENT else _document_url(document)

    def _app_name(self, acc: Any, application: Any = None) -> str:
        try:
            app = application if application is not None else acc.getApplication()
            if app is not None:
                cached = self._app_names.get(app)
                if cached is not None:
                    return cached
                if app.name:
                    name = self._app_names[app] = str(app.name)
                    return name
            pid = acc.get_process_id()
            return Path(f"/proc/{pid}/comm").read_text().strip()
        except Exception:
            return "unknown"


def _descend(window: Any, x: int, y: int, coords: int, *, known_inside: bool) -> Any:
    """The deepest accessible under the point, or None when the point is outside ``window``.

    Without ``known_inside``, a child at the point proves the point is in the window, which
    saves the ``contains`` round trip in the common case.
    """
    try:
        child = window.queryComponent().getAccessibleAtPoint(x, y, coords)
        if child is None or child == window:
            inside = known_inside or window.queryComponent().contains(x, y, coords)
            return window if inside else None
        node = child
        for _ in range(_MAX_DEPTH):
            if node.childCount == 0:  # a leaf (libatspi caches children): no call needed
                break
            child = node.queryComponent().getAccessibleAtPoint(x, y, coords)
            if child is None or child == node:
                break
            node = child
        return node
    except Exception:
        return None


def _is_browser(app: str) -> bool:
    lowered = app.lower()
    return any(b in lowered for b in BROWSER_NAMES)


def _document_url(document: Any) -> str | None:
    try:
        interface = document.queryDocument()
    except NotImplementedError:
        return None
    for key in _URL_ATTRIBUTES:
        url = interface.getAttributeValue(key)
        if url:
            return str(url)
    return None


def _first_document(window: Any, *, depth: int = 6) -> Any:
    """A browser window's first ``document web`` a few levels down, if any."""
    frontier = [window]
    for _ in range(depth):
        following = []
        for node in frontier:
            for child in node:
                if child is None:
                    continue
                if child.getRoleName() == "document web":
                    return child
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
