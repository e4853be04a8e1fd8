"""Recorder, stage 0: element resolution, the one interface over AT-SPI and UI Automation.

A resolver answers "which element is at this point / has the focus" with an ``ElementInfo``
snapshot, and pushes the OS's own accessibility events (focus moves, text changes, windows
activated, opened, closed) to the agent. ``choose_resolver`` picks the platform's adapter.
Resolvers never read the text of a password field.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Protocol

from recorder.model import ElementInfo, RawInput

Emit = Callable[[RawInput, ElementInfo | None, float], None]
"""Where a resolver pushes an OS event: (raw input, element snapshot, time seen)."""

WINDOW_ROLES = frozenset({"frame", "window", "dialog", "alert", "file chooser"})
TOP_LEVEL_ROLES = frozenset({"frame", "dialog", "alert", "file chooser"})  # not popup menus
MAX_VALUE_CHARS = 10_000  # a field's value is read up to this many characters


class RecorderError(Exception):
    """A recorder problem the user can fix; the message says how."""


class Resolver(Protocol):
    """Element resolution for one desktop platform."""

    def start(self, emit: Emit) -> None:
        """Begin pushing OS accessibility events to ``emit`` (from the resolver's thread)."""

    def stop(self) -> None:
        """Stop pushing events and release OS resources."""

    def element_at(self, x: int, y: int) -> ElementInfo | None:
        """The deepest element under the screen point, or None."""

    def focused_element(self) -> ElementInfo | None:
        """A fresh snapshot of the element with keyboard focus (with its selection), or None."""


def choose_resolver() -> Resolver:
    """The resolver of this platform: AT-SPI on Linux, UI Automation on Windows."""
    if sys.platform.startswith("linux"):
        from recorder.atspi import AtspiResolver

        return AtspiResolver()
    if sys.platform == "win32":
        from recorder.uia import UiaResolver, UiautomationBackend

        return UiaResolver(UiautomationBackend())
    raise RecorderError(
        f"recording is supported on Linux (AT-SPI) and Windows (UI Automation), not {sys.platform}"
    )
