"""Exporters, UiPath vocabulary: XAML namespaces, VB text expressions and hotkey spellings.

Shared by the workflow writer, the activity writer and the validator so that all three agree
on the exact namespace URIs Studio writes and on how a recorded value or key combination is
spelled in a Windows / VisualBasic workflow.
"""

from __future__ import annotations

from exporters.steps import StepValue, ValueKind

NS_ACT = "http://schemas.microsoft.com/netfx/2009/xaml/activities"
NS_X = "http://schemas.microsoft.com/winfx/2006/xaml"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_SAP = "http://schemas.microsoft.com/netfx/2009/xaml/activities/presentation"
NS_SAP2010 = "http://schemas.microsoft.com/netfx/2010/xaml/activities/presentation"
NS_SCG = "clr-namespace:System.Collections.Generic;assembly=System.Private.CoreLib"
NS_SCO = "clr-namespace:System.Collections.ObjectModel;assembly=System.Private.CoreLib"
NS_UI = "http://schemas.uipath.com/workflow/activities"
NS_UIX = "http://schemas.uipath.com/workflow/activities/uix"
NS_THIS = "clr-namespace:"

SPECIAL_KEYS = {
    "enter",
    "tab",
    "esc",
    "escape",
    "back",
    "backspace",
    "delete",
    "del",
    "home",
    "end",
    "up",
    "down",
    "left",
    "right",
    "pgup",
    "pgdn",
    "pageup",
    "pagedown",
    "space",
    "insert",
    *(f"f{n}" for n in range(1, 13)),
}
MODIFIERS = {"ctrl": "Ctrl", "control": "Ctrl", "alt": "Alt", "shift": "Shift", "win": "Win"}


def ui(tag: str) -> str:
    return f"{{{NS_UI}}}{tag}"


def uix(tag: str) -> str:
    return f"{{{NS_UIX}}}{tag}"


def act(tag: str) -> str:
    return f"{{{NS_ACT}}}{tag}"


def format_text_expression(value: StepValue) -> str:
    """The ``Text`` attribute in VB: a literal, ``[argument]`` or ``[copied.ToString]``."""
    if value.kind is ValueKind.ARGUMENT:
        return f"[{value.name}]"
    if value.kind is ValueKind.COPIED:
        return f"[{value.name}.ToString]"
    literal = value.literal
    if literal.startswith("["):
        # A leading bracket would be read as a VB expression: write a VB string literal.
        return '["' + literal.replace('"', '""') + '"]'
    if literal.startswith("{"):
        return "{}" + literal  # XAML markup-extension escape
    return literal


def parse_key_combo(combo: str) -> tuple[str, str]:
    parts = [p.strip() for p in combo.replace("-", "+").split("+") if p.strip()]
    modifiers = [MODIFIERS[p.lower()] for p in parts if p.lower() in MODIFIERS]
    keys = [p for p in parts if p.lower() not in MODIFIERS]
    key = keys[-1].lower() if keys else "enter"
    return key, ", ".join(modifiers) or "None"
