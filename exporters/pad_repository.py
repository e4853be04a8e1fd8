"""Exporters, Power Automate Desktop UI elements: the ``ControlRepository`` clipboard trailer.

PAD's clipboard text ends with ``# [ControlRepository][PowerAutomateDesktop]`` and a JSON
document whose ``Repository`` is itself a JSON document serialised into a string (indent 2,
CRLF), holding one Screen per top-level window and one Control per UI element (FORMATS.md
§2.3). Selectors are built from the captured accessibility data: window ``Process`` (process
name without ``.exe``) and ``Name`` (title), then the element path below the window with
``Class`` / ``Id`` (automation id) / ``Name``. Titles that vary are not matched on (Ignore).
Instance ids are UUIDs derived from the candidate, so output is reproducible.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from exporters.apps import window_title_pattern
from exporters.roles import spell_role
from exporters.steps import resolve_target, wildcard_text
from taskmine.domain import Step

_NAMESPACE = uuid.UUID("a3c8f0de-7a57-4c49-9d1e-5f7a3e0f1b22")


def quote_name(name: str) -> str:
    """Escape a single-quoted name inside a Robin ``appmask['...']`` reference."""
    return name.replace("\\", "\\\\").replace("'", "\\'")


@dataclass
class _Screen:
    name: str
    process: str
    title: str
    controls: dict[str, dict[str, Any]] = field(default_factory=dict)
    keys: dict[tuple[Any, ...], str] = field(default_factory=dict)


class ControlRepository:
    """Collects the screens and controls a flow references, then renders the trailer."""

    def __init__(self, seed: str) -> None:
        self._seed = seed
        self._screens: dict[str, _Screen] = {}

    def reference(self, step: Step) -> str:
        """``appmask['Window ...']['Type ...']`` for the step's element (registered on first use)."""
        screen = self._screen_for(step)
        key = (step.role, step.name, step.automation_id, step.class_name, step.path)
        if key not in screen.keys:
            spelling = spell_role(step.role)
            base = (
                wildcard_text(step.name)
                or step.automation_id
                or step.class_name
                or spelling.pad_tag
            )
            name, n = f"{spelling.pad_type} '{base}'", 2
            while name in screen.controls:
                name, n = f"{spelling.pad_type} '{base} ({n})'", n + 1
            screen.keys[key] = name
            screen.controls[name] = self._build_control(step, name, screen.name)
        control = screen.keys[key]
        return f"appmask['{quote_name(screen.name)}']['{quote_name(control)}']"

    def render_trailer(self) -> str:
        repository = {
            "Screens": [self._build_screen(s) for s in self._screens.values()],
            "Version": 1,
        }
        document = {
            "ControlRepositorySymbols": [
                {
                    "IgnoreImagesOnSerialization": False,
                    "Repository": json.dumps(repository, indent=2, ensure_ascii=False).replace(
                        "\n", "\r\n"
                    ),
                    "ImportMetadata": {
                        "DisplayName": "Local computer",
                        "ConnectionString": "",
                        "Type": "Local",
                        "DesktopType": "local",
                    },
                    "Name": "appmask",
                }
            ],
            "ImageRepositorySymbol": {
                "Repository": '{\r\n  "Folders": [],\r\n  "Images": [],\r\n  "Version": 1\r\n}',
                "ImportMetadata": {},
                "Name": "imgrepo",
            },
            "ConnectionReferences": [],
        }
        return (
            "# [ControlRepository][PowerAutomateDesktop]\n\n"
            + json.dumps(document, indent=2, ensure_ascii=False)
            + "\n"
        )

    def _screen_for(self, step: Step) -> _Screen:
        # The process is the resolved Windows process (``Chrome`` in a log -> ``chrome``).
        process = resolve_target(step).process.removesuffix(".exe") or step.app
        name = f"Window '{wildcard_text(step.window) or process}'"
        if name not in self._screens:
            title = wildcard_text(step.window)
            # No title, or one that is no real title of the app (see window_title_pattern):
            # matched on the process only.
            if window_title_pattern(step.window, process + ".exe", wildcard=title) == "*":
                title = "*"
            self._screens[name] = _Screen(name=name, process=process, title=title)
        return self._screens[name]

    def _build_screen(self, screen: _Screen) -> dict[str, Any]:
        varies = "*" in screen.title
        element = _element(
            "window",
            screen.name,
            [
                _attribute("Class", "", ignore=True),
                _attribute("Name", screen.title, ignore=varies),
                _attribute("Process", screen.process, ignore=False),
            ],
        )
        return {
            "Controls": list(screen.controls.values()),
            "Handle": {"value": 0},
            "ProcessName": screen.process,
            "ScreenShot": None,
            "ElementTypeName": "Window",
            "InstanceId": self._uuid(screen.name),
            "Name": screen.name,
            "SelectorCount": 1,
            "Selectors": [_selector([element])],
            "Tag": "window",
            "ScreenshotPath": None,
        }

    def _build_control(self, step: Step, name: str, screen: str) -> dict[str, Any]:
        elements = []
        path = list(step.path)
        if path and path[0].role.lower() in {"frame", "window", "dialog"}:
            path = path[1:]
        for node in path[:-1]:
            if node.name:
                spelling = spell_role(node.role)
                elements.append(
                    _element(
                        spelling.pad_tag,
                        f"{spelling.pad_type} '{node.name}'",
                        [_attribute("Name", wildcard_text(node.name), ignore=False)],
                    )
                )
        spelling = spell_role(step.role)
        has_id = bool(step.automation_id)
        has_name = bool(step.name)
        attributes = [
            _attribute("Class", step.class_name or "", ignore=not step.class_name or has_id),
            _attribute("Id", step.automation_id or "", ignore=not has_id),
            _attribute("Name", wildcard_text(step.name), ignore=has_id or not has_name),
            # The last resort when nothing identifies the element.
            _attribute(
                "Ordinal", 0, ignore=has_id or has_name or bool(step.class_name), ordinal=True
            ),
        ]
        elements.append(_element(spelling.pad_tag, name, attributes))
        return {
            "AutomationProtocol": "uia3",
            "ScreenShot": None,
            "ElementTypeName": spelling.pad_type,
            "InstanceId": self._uuid(f"{screen}/{name}"),
            "Name": name,
            "SelectorCount": 1,
            "Selectors": [_selector(elements)],
            "Tag": spelling.pad_tag,
            "ScreenshotPath": None,
        }

    def _uuid(self, purpose: str) -> str:
        return str(uuid.uuid5(_NAMESPACE, f"{self._seed}/{purpose}"))


def _attribute(name: str, value: Any, *, ignore: bool, ordinal: bool = False) -> dict[str, Any]:
    return {
        "Ignore": ignore,
        "IsOrdinal": ordinal,
        "Name": name,
        "Operation": "EqualTo",
        "Value": value,
    }


def _element(tag: str, name: str, attributes: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "Attributes": attributes,
        "CustomValue": None,
        "Ignore": False,
        "Name": name,
        "Tag": tag,
    }


def _selector(elements: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "CustomSelector": None,
        "Elements": elements,
        "Ignore": False,
        "ImageSelector": None,
        "IsCustom": False,
        "IsImageBased": False,
        "IsWindowsInstance": False,
        "Name": "Default Selector",
        "Properties": [],
    }
