"""Recorder, stage 0: key naming. Turns hook key objects into stable combo names (``ctrl+s``).

Pure: works on anything shaped like pynput's ``Key`` (has ``name``) or ``KeyCode`` (has ``char``
and ``vk``), so tests and the Windows hook share it. Modifier order is fixed (ctrl, alt, shift,
super) so that the same shortcut always gets the same name.
"""

from __future__ import annotations

from typing import Any

MODIFIER_ORDER = ("ctrl", "alt", "shift", "super")
_MODIFIER_ALIASES = {
    "ctrl": "ctrl",
    "ctrl_l": "ctrl",
    "ctrl_r": "ctrl",
    "alt": "alt",
    "alt_l": "alt",
    "alt_r": "alt",
    "shift": "shift",
    "shift_l": "shift",
    "shift_r": "shift",
    "cmd": "super",
    "cmd_l": "super",
    "cmd_r": "super",
    "super": "super",
}
# Keys that end a field visit or act on their own: recorded as ``key`` events when pressed alone.
_SPECIAL_NAMES = {"esc": "escape", "return": "enter"}
ACTION_KEYS = frozenset({"enter", "tab", "escape"} | {f"f{n}" for n in range(1, 25)})
# Keys that only move the caret or edit inside a text field.
EDIT_KEYS = frozenset(
    {
        "backspace",
        "delete",
        "left",
        "right",
        "up",
        "down",
        "home",
        "end",
        "page_up",
        "page_down",
        "insert",
    }
)


def name_key(key: Any) -> tuple[str, str | None]:
    """(name, printable char) of a hook key: ``('a', 'a')``, ``('enter', None)``, ``('ctrl', None)``."""
    name = getattr(key, "name", None)
    if isinstance(name, str):  # a pynput Key member: special key
        name = _SPECIAL_NAMES.get(name.lower(), name.lower())
        return name, (" " if name == "space" else None)
    char = getattr(key, "char", None)
    if isinstance(char, str) and char:
        if len(char) == 1 and ord(char) < 32:  # Windows reports ctrl+a as \x01
            letter = chr(ord(char) + 96)
            return letter, None
        return char.lower() if len(char) == 1 else char, char
    vk = getattr(key, "vk", None)
    return (f"vk{vk}" if vk is not None else "unknown"), None


class ModifierState:
    """Which modifiers are held; fed every press and release, asked for the combo of a key."""

    def __init__(self) -> None:
        self._held: set[str] = set()

    def press(self, name: str) -> bool:
        """Record a press; True if ``name`` is a modifier (then it is not an action itself)."""
        modifier = _MODIFIER_ALIASES.get(name)
        if modifier is None:
            return False
        self._held.add(modifier)
        return True

    def release(self, name: str) -> None:
        modifier = _MODIFIER_ALIASES.get(name)
        if modifier is not None:
            self._held.discard(modifier)

    def reset(self) -> None:
        self._held.clear()

    def combo(self, name: str, char: str | None) -> tuple[str, str | None]:
        """(combo, text typed): shift + a printable char is typing, not a shortcut."""
        held = [m for m in MODIFIER_ORDER if m in self._held]
        shortcut_mods = [m for m in held if m != "shift"]
        if char is not None and not shortcut_mods:
            return name, char
        return "+".join([*held, name]), None


def parse_combo(text: str) -> str:
    """Normalise a user-written combo (``<Ctrl>+<Alt>+P``) into the canonical name."""
    parts = [p.strip().strip("<>").lower() for p in text.split("+") if p.strip()]
    mods = [_MODIFIER_ALIASES.get(p, p) for p in parts[:-1]]
    ordered = [m for m in MODIFIER_ORDER if m in mods]
    return "+".join([*ordered, parts[-1]]) if parts else ""
