"""Recorder, test and benchmark support: a scripted input source and a static resolver.

Drives the real agent (synthesis, privacy guard, spool, uploader) without a desktop: each script
step is ``(delay_seconds, raw_input, element)``. Mouse and key steps register their element with
``StaticResolver`` before they are pushed, so the agent resolves them like real input; focus,
text and window steps arrive through the resolver's event path, as AT-SPI events do.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence

from recorder.model import (
    ElementInfo,
    FocusChanged,
    KeyPress,
    MousePress,
    MouseScroll,
    RawInput,
    TextChanged,
)
from recorder.resolver import Emit

Step = tuple[float, RawInput, ElementInfo | None]


class StaticResolver:
    """A resolver whose answers are set by the script."""

    def __init__(self) -> None:
        self._at: dict[tuple[int, int], ElementInfo] = {}
        self.focus: ElementInfo | None = None
        self.emit: Emit | None = None

    def start(self, emit: Emit) -> None:
        self.emit = emit

    def stop(self) -> None:
        self.emit = None

    def place(self, x: int, y: int, element: ElementInfo | None) -> None:
        if element is not None:
            self._at[(x, y)] = element

    def element_at(self, x: int, y: int) -> ElementInfo | None:
        return self._at.get((x, y))

    def focused_element(self) -> ElementInfo | None:
        return self.focus


class ScriptedSource:
    """Plays a script (optionally ``repeat`` times) on its own thread, then stops."""

    def __init__(self, steps: Sequence[Step], resolver: StaticResolver, *, repeat: int = 1) -> None:
        self.steps = list(steps)
        self.resolver = resolver
        self.repeat = repeat
        self.finished = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, push: Callable[[RawInput, float], None]) -> None:
        self._thread = threading.Thread(target=self._play, args=(push,), name="script", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)

    def _play(self, push: Callable[[RawInput, float], None]) -> None:
        for _ in range(self.repeat):
            for delay, raw, element in self.steps:
                if self._stop.wait(delay):
                    return
                now = time.time()
                if isinstance(raw, MousePress | MouseScroll):
                    self.resolver.place(raw.x, raw.y, element)
                    push(raw, now)
                elif isinstance(raw, KeyPress):
                    push(raw, now)
                elif self.resolver.emit is not None:
                    if isinstance(raw, FocusChanged) and raw.gained:
                        self.resolver.focus = element
                    self.resolver.emit(raw, element, now)
        self.finished.set()


def form_session_script(*, name: str, email: str, password: str, pause: float = 0.05) -> list[Step]:
    """One routine on the sample form: fill name, e-mail and password, then click Save."""
    steps: list[Step] = []
    frame = ("frame", "Customer Form", 0)
    fields = [("Name", name, 7, 48), ("Email", email, 5, 88), ("Password", password, 3, 128)]
    for label, text, index, y in fields:
        secret = label == "Password"
        role = "password text" if secret else "text"

        def snap(
            value: str | None,
            *,
            role: str = role,
            label: str = label,
            index: int = index,
            y: int = y,
            secret: bool = secret,
        ) -> ElementInfo:
            return ElementInfo(
                app="form-app",
                window="Customer Form",
                role=role,
                name=label,
                path=(frame, ("filler", None, 0), ("panel", None, 1), (role, label, index)),
                bounds=(67, y - 17, 168, 34),
                value=None if secret else value,
                is_password=secret,
                is_editable=True,
            )

        steps.append((pause, MousePress(150, y, "left"), snap("")))
        steps.append((0.0, FocusChanged(gained=True), snap("")))
        for i, char in enumerate(text):
            steps.append((pause / 5, KeyPress(combo=char.lower(), char=char), None))
            steps.append((0.0, TextChanged(), snap(text[: i + 1])))
    save = ElementInfo(
        app="form-app",
        window="Customer Form",
        role="push button",
        name="Save",
        path=(frame, ("filler", None, 0), ("filler", None, 2), ("push button", "Save", 0)),
        bounds=(0, 219, 66, 34),
    )
    steps.append((pause, MousePress(30, 236, "left"), save))
    steps.append((0.5, MousePress(400, 400, "right"), save))  # releases the held click
    return steps


def repeat_steps(steps: Iterable[Step], times: int) -> list[Step]:
    return [step for _ in range(times) for step in steps]
