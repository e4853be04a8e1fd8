"""Recorder, stage 0 on Windows: element resolution over UI Automation (``uiautomation``).

The OS calls sit behind ``UiaBackend`` so that ``UiaResolver`` is unit-tested on Linux with fake
controls that have the attribute names of uiautomation's ``Control`` (Name, ControlTypeName,
AutomationId, ClassName, ProcessId, BoundingRectangle, IsPassword, GetParentControl(), ...).
uiautomation offers no event subscription, so focus and foreground-window changes are polled
(every 0.25 s) on a thread that initialises COM for itself.

Never reads the value of a control whose ``IsPassword`` is true.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Protocol

from recorder.model import ElementInfo, FocusChanged, PathEntry, WindowActivated
from recorder.resolver import MAX_VALUE_CHARS, Emit

log = logging.getLogger(__name__)

# UIA control types mapped onto the AT-SPI role names, so that mining sees one vocabulary.
ROLE_OF_CONTROL_TYPE = {
    "ButtonControl": "push button",
    "CalendarControl": "calendar",
    "CheckBoxControl": "check box",
    "ComboBoxControl": "combo box",
    "DataGridControl": "table",
    "DataItemControl": "table row",
    "DocumentControl": "document web",
    "EditControl": "text",
    "GroupControl": "panel",
    "HyperlinkControl": "link",
    "ImageControl": "image",
    "ListControl": "list",
    "ListItemControl": "list item",
    "MenuBarControl": "menu bar",
    "MenuControl": "menu",
    "MenuItemControl": "menu item",
    "PaneControl": "panel",
    "RadioButtonControl": "radio button",
    "ScrollBarControl": "scroll bar",
    "SplitButtonControl": "push button",
    "TabControl": "page tab list",
    "TabItemControl": "page tab",
    "TableControl": "table",
    "TextControl": "label",
    "ToolBarControl": "tool bar",
    "TreeControl": "tree",
    "TreeItemControl": "tree item",
    "WindowControl": "frame",
}
EDITABLE_TYPES = frozenset({"EditControl", "DocumentControl", "ComboBoxControl"})
BROWSERS = frozenset({"chrome.exe", "msedge.exe", "firefox.exe", "brave.exe", "opera.exe"})
_MAX_DEPTH = 40


class UiaBackend(Protocol):
    """The few OS calls ``UiaResolver`` needs; the real one wraps ``uiautomation``."""

    def control_from_point(self, x: int, y: int) -> Any: ...

    def focused_control(self) -> Any: ...

    def process_name(self, pid: int) -> str: ...

    def is_desktop(self, control: Any) -> bool: ...

    def thread_context(self) -> Any:
        """A context manager that initialises COM on the calling thread."""


class UiaResolver:
    """The Windows resolver: UIA snapshots; focus and foreground windows by polling."""

    def __init__(self, backend: UiaBackend, *, poll_seconds: float = 0.25) -> None:
        self.backend = backend
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, emit: Emit) -> None:
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._poll, args=(emit,), name="uia-poll", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)
            self._thread = None

    def element_at(self, x: int, y: int) -> ElementInfo | None:
        return self.snapshot(self.backend.control_from_point(x, y))

    def focused_element(self) -> ElementInfo | None:
        return self.snapshot(self.backend.focused_control(), selection=True)

    def snapshot(self, control: Any, *, selection: bool = False) -> ElementInfo | None:
        """An ``ElementInfo`` of a uiautomation ``Control`` (or None)."""
        if control is None:
            return None
        chain = self._ancestors(control)  # control first, top-level window last
        window = chain[-1]
        control_type = str(control.ControlTypeName)
        is_password = bool(getattr(control, "IsPassword", False))
        role = (
            "password text"
            if is_password
            else ROLE_OF_CONTROL_TYPE.get(control_type, _role_of(control_type))
        )
        path: list[PathEntry] = []
        for node in reversed(chain):
            node_type = str(node.ControlTypeName)
            node_role = ROLE_OF_CONTROL_TYPE.get(node_type, _role_of(node_type))
            if node is control:
                node_role = role
            path.append((node_role, node.Name or None, self._index_in_parent(node)))
        app = self.backend.process_name(int(control.ProcessId))
        value = None if is_password else _value_of(control)
        rect = control.BoundingRectangle
        return ElementInfo(
            app=app,
            window=window.Name or None,
            role=role,
            name=control.Name or None,
            automation_id=control.AutomationId or None,
            class_name=control.ClassName or None,
            path=tuple(path),
            bounds=(rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top),
            value=value,
            selection=None if is_password or not selection else _selection_of(control),
            is_password=is_password,
            is_editable=control_type in EDITABLE_TYPES,
            url=self._browser_url(chain, app),
        )

    def _ancestors(self, control: Any) -> list[Any]:
        chain = [control]
        node = control
        for _ in range(_MAX_DEPTH):
            parent = node.GetParentControl()
            if parent is None or self.backend.is_desktop(parent):
                break
            chain.append(parent)
            node = parent
        return chain

    def _index_in_parent(self, control: Any) -> int | None:
        node = control
        for index in range(500):
            node = node.GetPreviousSiblingControl()
            if node is None:
                return index
        return None

    def _browser_url(self, chain: list[Any], app: str) -> str | None:
        if app.lower() not in BROWSERS:
            return None
        # Chromium and Firefox expose the page URL as the Value of the document control.
        for node in chain:
            if node.ControlTypeName == "DocumentControl":
                value = _value_of(node)
                if value and "://" in value:
                    return value
        return None

    def _poll(self, emit: Emit) -> None:
        with self.backend.thread_context():
            last_focus: tuple[Any, ...] | None = None
            last_window: tuple[str, str | None] | None = None
            while not self._stop.wait(self.poll_seconds):
                try:
                    element = self.focused_element()
                except Exception:
                    log.debug("UIA focus poll failed", exc_info=True)
                    continue
                if element is None:
                    continue
                now = time.time()
                window = (element.app, element.window)
                if window != last_window:
                    last_window = window
                    emit(WindowActivated(element.app, element.window, element.url), None, now)
                if element.identity != last_focus:
                    last_focus = element.identity
                    emit(FocusChanged(gained=True), element, now)


class UiautomationBackend:
    """The real backend (Windows only): ``uiautomation`` plus a Win32 process-name lookup."""

    def __init__(self) -> None:
        import uiautomation

        self._auto = uiautomation

    def control_from_point(self, x: int, y: int) -> Any:
        return self._auto.ControlFromPoint(x, y)

    def focused_control(self) -> Any:
        return self._auto.GetFocusedControl()

    def is_desktop(self, control: Any) -> bool:
        return bool(self._auto.ControlsAreSame(control, self._auto.GetRootControl()))

    def process_name(self, pid: int) -> str:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return f"pid{pid}"
        try:
            size = wintypes.DWORD(1024)
            buffer = ctypes.create_unicode_buffer(size.value)
            if not kernel32.QueryFullProcessImageNameW(handle, 0, buffer, ctypes.byref(size)):
                return f"pid{pid}"
            return buffer.value.rsplit("\\", 1)[-1].lower()
        finally:
            kernel32.CloseHandle(handle)

    def thread_context(self) -> Any:
        return self._auto.UIAutomationInitializerInThread()


def _role_of(control_type: str) -> str:
    return control_type.removesuffix("Control").lower() or "unknown"


def _value_of(control: Any) -> str | None:
    try:
        pattern = control.GetValuePattern()
    except Exception:
        return None
    value = getattr(pattern, "Value", None) if pattern is not None else None
    return str(value)[:MAX_VALUE_CHARS] if value is not None else None


def _selection_of(control: Any) -> str | None:
    try:
        pattern = control.GetTextPattern()
        ranges = pattern.GetSelection() if pattern is not None else []
    except Exception:
        return None
    texts = [r.GetText(MAX_VALUE_CHARS) for r in ranges or []]
    return "".join(texts) or None
