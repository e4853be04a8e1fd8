"""Recorder, stage 0: global input hooks (pynput) turned into raw inputs.

Mouse presses (not releases), scroll steps and key presses with their normalised combo. The
modifier state is tracked here, on the hook thread, so a combo is named from what was held at
the time of the press. pynput is imported lazily: it needs a display on Linux.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from recorder.keys import ModifierState, name_key
from recorder.model import KeyPress, MouseButton, MousePress, MouseScroll, RawInput
from recorder.resolver import RecorderError

Push = Callable[[RawInput, float], None]


class PynputHooks:
    """Global mouse and keyboard listeners; ``push(raw, time)`` is called on pynput's threads."""

    def __init__(self) -> None:
        try:
            from pynput import keyboard, mouse
        except Exception as error:  # pynput raises ImportError subclasses and others without X
            raise RecorderError(
                f"cannot hook the keyboard and mouse ({error}); on Linux, run inside an X11 "
                "session (DISPLAY set); Wayland sessions need XWayland apps or an X11 login"
            ) from None
        self._keyboard, self._mouse = keyboard, mouse
        self._modifiers = ModifierState()
        self._listeners: list[Any] = []

    def start(self, push: Push) -> None:
        def on_click(x: float, y: float, button: Any, pressed: bool) -> None:
            if pressed:
                push(MousePress(int(x), int(y), _button_name(button)), time.time())

        def on_scroll(x: float, y: float, dx: float, dy: float) -> None:
            push(MouseScroll(int(x), int(y), int(dx), int(dy)), time.time())

        def on_press(key: Any) -> None:
            if key is None:
                return
            name, char = name_key(key)
            if self._modifiers.press(name):
                return
            combo, text = self._modifiers.combo(name, char)
            push(KeyPress(combo=combo, char=text), time.time())

        def on_release(key: Any) -> None:
            if key is not None:
                self._modifiers.release(name_key(key)[0])

        self._listeners = [
            self._mouse.Listener(on_click=on_click, on_scroll=on_scroll),
            self._keyboard.Listener(on_press=on_press, on_release=on_release),
        ]
        for listener in self._listeners:
            listener.start()
        for listener in self._listeners:
            listener.wait()

    def stop(self) -> None:
        for listener in self._listeners:
            listener.stop()
        for listener in self._listeners:
            listener.join(timeout=3)
        self._listeners = []


def _button_name(button: Any) -> MouseButton:
    name = getattr(button, "name", "")
    return name if name in ("left", "right", "middle") else "other"
