"""Recorder, stage 0 on Linux: which accessible is at a screen point (AT-SPI hit testing).

Part of ``AtspiResolver`` (``recorder.atspi``): a click is resolved by trying the active window
first (a popup while one is open: almost always the one clicked), then every showing window,
popups and the active one first, from a cached window list that is walked again when a window
may be missing from it. Each window is descended to its deepest accessible under the point;
the result is snapshotted (``atspi_snapshot``). Runs on the GLib thread only.
"""

from __future__ import annotations

from typing import Any

from recorder.atspi_snapshot import MAX_DEPTH, AtspiSnapshots
from recorder.model import ElementInfo


class AtspiHitTesting(AtspiSnapshots):
    """The element at a point (a base class of ``AtspiResolver``, set up in its ``__init__``)."""

    _active_window: Any
    _windows: list[Any] | None  # every application's top-level windows

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
        for _ in range(MAX_DEPTH):
            if node.childCount == 0:  # a leaf (libatspi caches children): no call needed
                break
            child = node.queryComponent().getAccessibleAtPoint(x, y, coords)
            if child is None or child == node:
                break
            node = child
        return node
    except Exception:
        return None
