"""Recorder, stage 0 on Linux: the AT-SPI snapshot of one accessible, and what it caches.

Part of ``AtspiResolver`` (``recorder.atspi``, whose docstring has the footprint figures): a
snapshot turns an accessible into an ``ElementInfo``, reading only what its event needs, and
keeps per application what does not change while a window stays the same (the path from the
window down, the app name, the automation id / class attributes, a browser window's document).
The resolver drops these caches when the application reports a change. Runs on the GLib
thread only, like every AT-SPI call. Never reads the text of a ``password text`` element (the
role is re-read on every snapshot).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recorder.model import ElementInfo, PathEntry
from recorder.resolver import MAX_VALUE_CHARS, WINDOW_ROLES

MAX_DEPTH = 40  # guards against cyclic or absurdly deep trees
_MAX_CACHED = 4096  # accessible objects cached per application before the cache is reset
_URL_ATTRIBUTES = ("DocURL", "URI", "URL")
BROWSER_NAMES = ("firefox", "chrom", "brave", "epiphany", "opera", "vivaldi", "edge")
_TEXT_ROLES = frozenset({"text", "entry", "combo box"})
_NO_DOCUMENT = object()  # cached "this browser window shows no document web"


@dataclass(slots=True)
class CachedNode:
    """What is cached of one accessible: its place in the window (valid until invalidated)."""

    path: tuple[PathEntry, ...]
    window: Any  # the window accessible the path starts at, or None
    document: Any  # the nearest ``document web`` ancestor (or self), or None
    attributes: tuple[str | None, str | None] | None = None  # (automation id, class), lazily
    bounds: tuple[int, int, int, int] | None = None  # last seen, reused by text changes


class AtspiSnapshots:
    """Snapshots of accessibles, and their caches (a base class of ``AtspiResolver``).

    The state is set up in ``AtspiResolver.__init__``.
    """

    _pyatspi: Any
    _nodes: dict[Any, dict[Any, CachedNode]]  # application -> accessible -> node
    _app_names: dict[Any, str]
    _window_documents: dict[Any, Any]  # browser window -> its document web

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

    def _node(self, acc: Any, role: str) -> tuple[CachedNode, str]:
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
        base: CachedNode | None = None
        current, current_role = acc, role
        for _ in range(MAX_DEPTH):
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
        node = CachedNode(path, window, document)
        for obj, entry in reversed(chain):  # from the top down, caching every ancestor
            path = (*path, entry)
            if entry[0] in WINDOW_ROLES and window is None:
                window = obj
            if entry[0] == "document web":
                document = obj
            node = table[obj] = CachedNode(path, window, document)
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

    def _url_of(self, node: CachedNode, app: str) -> str | None:
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
