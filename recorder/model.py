"""Recorder, stage 0: the raw inputs the OS hooks deliver and the element snapshots resolvers see.

These are internal, platform-neutral values (frozen slotted dataclasses, cheap to make at input
rate). Action synthesis turns them into canonical ``taskmine.event/v1`` events. A snapshot of a
password field never carries its text: resolvers leave ``value`` and ``selection`` empty there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from taskmine.domain import Bounds, Element, PathNode

PathEntry = tuple[str, str | None, int | None]  # (role, name, index in parent)


@dataclass(frozen=True, slots=True)
class ElementInfo:
    """What a resolver saw of one UI element, at the moment it was asked."""

    app: str
    window: str | None
    role: str | None
    name: str | None = None
    automation_id: str | None = None
    class_name: str | None = None
    path: tuple[PathEntry, ...] = ()  # from the window down to this element
    bounds: tuple[int, int, int, int] | None = None  # x, y, width, height
    value: str | None = None  # current text; None for password fields
    selection: str | None = None  # selected text, when the toolkit exposes it
    is_password: bool = False
    is_editable: bool = False
    url: str | None = None  # the page's URL when the element lives in a browser document

    @property
    def identity(self) -> tuple[str, str | None, tuple[PathEntry, ...]]:
        """Same identity means the same field (used to tell one field visit from the next)."""
        return (self.app, self.window, self.path)

    def to_element(self) -> Element:
        """The canonical ``Element`` of this snapshot (before redaction)."""
        bounds = None
        if self.bounds is not None:
            x, y, width, height = self.bounds
            bounds = Bounds(x=x, y=y, width=max(width, 0), height=max(height, 0))
        return Element(
            role=self.role,
            name=self.name,
            automation_id=self.automation_id,
            class_name=self.class_name,
            path=tuple(PathNode(role=r, name=n, index=i) for r, n, i in self.path),
            bounds=bounds,
        )


MouseButton = Literal["left", "right", "middle", "other"]


@dataclass(frozen=True, slots=True)
class MousePress:
    x: int
    y: int
    button: MouseButton


@dataclass(frozen=True, slots=True)
class MouseScroll:
    x: int
    y: int
    dx: int
    dy: int


@dataclass(frozen=True, slots=True)
class KeyPress:
    """One key press; ``combo`` is normalised (``ctrl+shift+s``), ``char`` the printable text."""

    combo: str
    char: str | None = None


@dataclass(frozen=True, slots=True)
class FocusChanged:
    """A resolver saw the keyboard focus land on ``element`` (or leave it: ``gained=False``)."""

    gained: bool = True


@dataclass(frozen=True, slots=True)
class TextChanged:
    """The text of the element changed (the snapshot carries the new value)."""


@dataclass(frozen=True, slots=True)
class WindowActivated:
    app: str
    title: str | None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class WindowOpened:
    app: str
    title: str | None


@dataclass(frozen=True, slots=True)
class WindowClosed:
    app: str
    title: str | None


RawInput = (
    MousePress
    | MouseScroll
    | KeyPress
    | FocusChanged
    | TextChanged
    | WindowActivated
    | WindowOpened
    | WindowClosed
)


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """Who is recorded where; stamped on every event."""

    session_id: str
    user_id: str
    machine_id: str
    extra_attrs: dict[str, str] = field(default_factory=dict)
