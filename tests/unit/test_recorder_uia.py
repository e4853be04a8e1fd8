"""UiaResolver on fake controls shaped like uiautomation's Control (real UIA trees of Notepad,
Chrome and a Win32 login dialog), since Windows UI Automation cannot run here."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from recorder.model import FocusChanged, KeyPress, SessionInfo, WindowActivated
from recorder.synthesis import ActionSynthesizer
from recorder.uia import UiaResolver


@dataclass
class Rect:
    left: int
    top: int
    right: int
    bottom: int


@dataclass
class ValuePattern:
    Value: str


@dataclass(eq=False)
class FakeControl:
    """The attribute names of ``uiautomation.Control``."""

    Name: str
    ControlTypeName: str
    ClassName: str = ""
    AutomationId: str = ""
    ProcessId: int = 100
    BoundingRectangle: Rect = field(default_factory=lambda: Rect(0, 0, 10, 10))
    IsPassword: bool = False
    value: str | None = None
    parent: FakeControl | None = None
    children: list[FakeControl] = field(default_factory=list)
    value_reads: int = 0

    def add(self, child: FakeControl) -> FakeControl:
        child.parent = self
        self.children.append(child)
        return child

    def GetParentControl(self) -> FakeControl | None:
        return self.parent

    def GetPreviousSiblingControl(self) -> FakeControl | None:
        if self.parent is None:
            return None
        siblings = self.parent.children
        index = siblings.index(self)
        return siblings[index - 1] if index > 0 else None

    def GetValuePattern(self) -> ValuePattern | None:
        self.value_reads += 1
        return ValuePattern(self.value) if self.value is not None else None


class FakeBackend:
    def __init__(self, desktop: FakeControl, processes: dict[int, str]) -> None:
        self.desktop = desktop
        self.processes = processes
        self.at: FakeControl | None = None
        self.focus: FakeControl | None = None

    def control_from_point(self, x: int, y: int) -> Any:
        return self.at

    def focused_control(self) -> Any:
        return self.focus

    def process_name(self, pid: int) -> str:
        return self.processes[pid]

    def is_desktop(self, control: Any) -> bool:
        return control is self.desktop

    def thread_context(self) -> Any:
        return contextlib.nullcontext()


def build_desktop() -> tuple[FakeBackend, dict[str, FakeControl]]:
    desktop = FakeControl("Desktop 1", "PaneControl", ClassName="#32769")
    notepad = desktop.add(
        FakeControl("Untitled - Notepad", "WindowControl", ClassName="Notepad", ProcessId=11)
    )
    notepad.add(FakeControl("Application", "MenuBarControl", ProcessId=11))
    editor = notepad.add(
        FakeControl(
            "Text Editor",
            "EditControl",
            ClassName="Edit",
            AutomationId="15",
            ProcessId=11,
            value="Dear jane@x.org",
            BoundingRectangle=Rect(8, 60, 808, 560),
        )
    )
    chrome = desktop.add(
        FakeControl(
            "Orders - Google Chrome", "WindowControl", ClassName="Chrome_WidgetWin_1", ProcessId=22
        )
    )
    pane = chrome.add(FakeControl("Google Chrome", "PaneControl", ProcessId=22))
    document = pane.add(
        FakeControl(
            "Orders",
            "DocumentControl",
            ClassName="Chrome_RenderWidgetHostHWND",
            ProcessId=22,
            value="https://shop.example/orders?page=2",
        )
    )
    document.add(FakeControl("Search", "EditControl", ProcessId=22, value=""))
    email = document.add(
        FakeControl("Email", "EditControl", AutomationId="email", ProcessId=22, value="bo@x.org")
    )
    login = desktop.add(FakeControl("Sign in", "WindowControl", ClassName="#32770", ProcessId=33))
    password = login.add(
        FakeControl(
            "Password",
            "EditControl",
            AutomationId="1002",
            ProcessId=33,
            IsPassword=True,
            value="hunter2",
        )
    )
    ok = login.add(FakeControl("OK", "ButtonControl", AutomationId="1", ProcessId=33))
    backend = FakeBackend(desktop, {11: "notepad.exe", 22: "chrome.exe", 33: "legacyapp.exe"})
    return backend, {
        "editor": editor,
        "email": email,
        "password": password,
        "ok": ok,
        "document": document,
    }


def test_snapshot_has_role_ids_path_from_window_and_bounds() -> None:
    backend, controls = build_desktop()
    backend.at = controls["editor"]
    element = UiaResolver(backend).element_at(100, 100)
    assert element is not None
    assert (element.app, element.window, element.role) == (
        "notepad.exe",
        "Untitled - Notepad",
        "text",
    )
    assert (element.automation_id, element.class_name) == ("15", "Edit")
    assert element.path == (("frame", "Untitled - Notepad", 0), ("text", "Text Editor", 1))
    assert element.bounds == (8, 60, 800, 500)
    assert element.value == "Dear jane@x.org"
    assert element.is_editable


def test_password_control_is_never_read() -> None:
    backend, controls = build_desktop()
    backend.focus = controls["password"]
    element = UiaResolver(backend).focused_element()
    assert element is not None
    assert element.role == "password text"
    assert element.is_password
    assert element.value is None
    assert controls["password"].value_reads == 0


def test_browser_elements_carry_the_document_url() -> None:
    backend, controls = build_desktop()
    backend.at = controls["email"]
    element = UiaResolver(backend).element_at(5, 5)
    assert element is not None
    assert element.url == "https://shop.example/orders?page=2"
    assert [p[0] for p in element.path] == ["frame", "panel", "document web", "text"]
    assert element.path[-1] == ("text", "Email", 1)


def test_polling_pushes_window_activation_and_focus_changes() -> None:
    backend, controls = build_desktop()
    backend.focus = controls["email"]
    pushed: list[tuple[Any, Any]] = []
    resolver = UiaResolver(backend, poll_seconds=0.01)
    resolver._stop.set()  # run one poll pass by hand, no thread
    resolver._stop.clear()
    import threading

    def emit(raw: Any, element: Any, at: float) -> None:
        pushed.append((raw, element))
        if len(pushed) >= 2:
            resolver._stop.set()

    thread = threading.Thread(target=resolver._poll, args=(emit,))
    thread.start()
    thread.join(timeout=5)
    assert isinstance(pushed[0][0], WindowActivated)
    assert pushed[0][0].app == "chrome.exe"
    assert isinstance(pushed[1][0], FocusChanged)
    assert pushed[1][1].name == "Email"


def test_uia_snapshots_drive_synthesis_like_atspi_ones() -> None:
    backend, controls = build_desktop()
    resolver = UiaResolver(backend)
    synth = ActionSynthesizer(SessionInfo("s", "u", "m"))
    backend.focus = controls["password"]
    events = synth.feed(KeyPress(combo="h", char="h"), element=resolver.focused_element(), now=1.0)
    backend.focus = controls["ok"]
    events += synth.feed(KeyPress(combo="enter"), element=resolver.focused_element(), now=2.0)
    events += synth.flush(3.0)
    assert [(e.kind, e.value) for e in events] == [("type", None), ("key", None)]
    assert events[1].element is not None
    assert events[1].element.automation_id == "1"
