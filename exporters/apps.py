"""Exporters, app resolution: which Windows process a mined step's app stands for.

UiPath selectors (``<wnd app='excel.exe' />``) and PAD's ``RunApplication`` / control repository
need a Windows process name, but logs name apps in many ways: the recorder writes the process
(``EXCEL.EXE``, ``C:\\...\\chrome.exe``), Action Logger and SmartRPA CSVs write display names
(``Excel``, ``Google Chrome``, ``Chrome``), generic words (``Web``, ``browser``) or the web
product in use (``Fiori``, ``Gmail``). ``resolve_target`` answers, in this order:

1. a process name (``*.exe``, any case, path dropped) is used as written;
2. a known application name: display / product names and process stems of widely used
   Windows apps (``_DESKTOP_APPS``, ``_BROWSER_APPS``; general knowledge, not any log's list),
   compared without case, punctuation, vendor words or version numbers;
3. a generic browser word or a known web product (``_WEB_WORDS``): a browser step;
4. the window title's application part (``Inbox - Outlook``);
5. a web URL (``https://...`` or the miner's scheme-less ``host/path``) or an element path
   that is an HTML document: a browser step.
A browser step whose browser is not named gets ``DEFAULT_BROWSER`` (Chrome) and says so. A
step with none of these stays a placeholder whose ``reason`` says what was missing. Names are
all it has: a Linux app (AT-SPI capture) stays a placeholder because ``gedit`` is no Windows
app name, while a web page seen in Linux Firefox becomes a browser step (the page is the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from taskmine.domain import Step

# Browser process -> UiPath BrowserType.
BROWSER_TYPES = {
    "chrome.exe": "Chrome",
    "msedge.exe": "Edge",
    "firefox.exe": "Firefox",
    "iexplore.exe": "IE",
}
DEFAULT_BROWSER = "chrome.exe"

_BROWSER_APPS: dict[str, tuple[str, ...]] = {
    "chrome.exe": ("google chrome", "chrome", "chromium"),
    "msedge.exe": ("microsoft edge", "edge", "msedge"),
    "firefox.exe": ("mozilla firefox", "firefox"),
    "iexplore.exe": ("internet explorer", "iexplore", "ie"),
}
_DESKTOP_APPS: dict[str, tuple[str, ...]] = {
    "excel.exe": ("excel", "microsoft excel", "microsoft office excel"),
    "winword.exe": ("word", "microsoft word", "winword"),
    "powerpnt.exe": ("powerpoint", "microsoft powerpoint", "powerpnt"),
    "outlook.exe": ("outlook", "microsoft outlook"),
    "onenote.exe": ("onenote", "microsoft onenote"),
    "msaccess.exe": ("microsoft access", "msaccess"),
    "notepad.exe": ("notepad", "windows notepad"),
    "notepad++.exe": ("notepad++",),
    "wordpad.exe": ("wordpad",),
    "mspaint.exe": ("paint", "microsoft paint", "mspaint"),
    "explorer.exe": ("file explorer", "windows explorer", "explorer"),
    "cmd.exe": ("command prompt", "cmd"),
    "powershell.exe": ("windows powershell", "powershell"),
    # SAP GUI for Windows: every session window belongs to SAP Logon.
    "saplogon.exe": (
        *("sap gui", "sap gui for windows", "sapgui", "sap logon", "saplogon"),
        *("sap easy access", "sap"),
    ),
    "ms-teams.exe": ("microsoft teams", "teams", "ms teams"),
    "acrobat.exe": ("adobe acrobat", "acrobat", "acrobat pro"),
    "acrord32.exe": ("adobe reader", "acrobat reader", "adobe acrobat reader", "acrord32"),
    "slack.exe": ("slack",),
    "zoom.exe": ("zoom",),
    "code.exe": ("visual studio code", "vs code", "vscode"),
}
# Words that mean "a web browser" without naming one, and web products used in a browser.
_WEB_WORDS = frozenset(
    {
        *("web", "browser", "web browser", "internet", "www", "website", "web page", "webpage"),
        *("safari", "chromium", "opera", "brave"),
        *("fiori", "sap fiori", "fiori launchpad", "gmail", "google sheets", "google docs"),
        *("google drive", "outlook web", "outlook on the web", "owa", "office 365"),
        *("microsoft 365", "sharepoint", "salesforce", "servicenow", "workday", "jira"),
        *("confluence", "zendesk", "hubspot", "dynamics 365"),
    }
)
# Values that name no application at all.
_NO_APP = frozenset({"", "unknown", "none", "null", "nan", "n/a", "na", "-", "?"})
_SYSTEM_APPS = frozenset({"clipboard", "os clipboard", "system", "os", "operating system"})
_VENDOR_WORDS = frozenset({"microsoft", "ms", "google", "mozilla", "adobe", "office", "windows"})
_VERSION_WORD = re.compile(r"^(?:\d[\d.]*|x64|x86|bit|dc)$")
_NOT_WORD = re.compile(r"[^0-9a-z+]+")
_WEB_URL = re.compile(
    r"^(?:https?://)?(?:localhost|(?:[a-z0-9-]+\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})"
    r"(?::\d+)?(?:[/?#<]|$)",
    re.IGNORECASE,
)
_HTML_ROOTS = frozenset({"document web", "html"})


class Platform(StrEnum):
    WINDOWS_DESKTOP = "windows-desktop"
    WINDOWS_BROWSER = "windows-browser"
    # Anything UiPath and PAD cannot drive, or cannot be told how to reach: Linux desktop apps
    # (AT-SPI captures), apps the log does not name, names nobody knows.
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class StepTarget:
    """Where a step runs: the platform, the Windows process and, for browsers, the page."""

    platform: Platform
    process: str = ""  # "excel.exe"; empty when unsupported
    url: str = ""  # the page as a navigable URL (scheme added), browsers only
    # How the process was found, for the annotation ("" when the log named the process).
    note: str = ""
    # Why the step stays a placeholder (unsupported only): what was missing or unknown.
    reason: str = ""

    @property
    def browser_type(self) -> str:
        """UiPath's ``BrowserType`` (``Chrome`` for a browser it has no type for)."""
        return BROWSER_TYPES.get(self.process, "Chrome")


def resolve_target(step: Step) -> StepTarget:
    """The platform and Windows process of ``step`` (see the module docstring for the order)."""
    return _resolve(step.app, step.window, step.url, _path_is_html(step))


def find_process(name: str | None) -> str | None:
    """The Windows process of an app name or process name, or None when it is not known."""
    if not name:
        return None
    text = name.strip().strip("\"'")
    last = re.split(r"[\\/]", text)[-1].strip().lower()
    if last.endswith(".exe") and len(last) > 4:
        return last
    return _KNOWN_NAMES.get(_normalise(text))


def is_web_url(url: str | None) -> bool:
    """An http(s) URL, or the miner's scheme-less ``host/path`` form of one."""
    return url is not None and _WEB_URL.match(url.strip()) is not None


def navigable_url(url: str | None) -> str:
    """``url`` as a browser can open it: ``https://`` added when the scheme was dropped, and
    cut before the miner's first ``<...>`` token (the part that varies between instances)."""
    if not url:
        return ""
    text = url.strip().split("<", 1)[0]
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = "https://" + text
    return text


def window_title_pattern(window: str | None, process: str, *, wildcard: str) -> str:
    """A title pattern for ``<wnd title=...>``: ``wildcard`` is the title with the miner's
    abstracted parts (and the document part) already wildcarded.

    For an app this module knows, a title that names it keeps that part and wildcards the rest
    (``Book1 - Excel`` -> ``* - Excel``, ``Microsoft Excel - Book1`` -> ``Microsoft Excel - *``);
    a title that does not name it is no real window title of that app (importers build
    ``workbook - sheet`` from spreadsheet columns) and becomes ``*``: ``app=`` still
    identifies the window. Titles of other apps are left as given.
    """
    if not window:
        return "*"
    if process not in _KNOWN_PROCESSES or " - " not in window:
        return wildcard
    parts = [part.strip() for part in window.split(" - ")]
    if _KNOWN_NAMES.get(_normalise(parts[-1])) == process:
        return "* - " + parts[-1]
    if _KNOWN_NAMES.get(_normalise(parts[0])) == process:
        return parts[0] + " - *"
    return "*"


@lru_cache(maxsize=4096)
def _resolve(app: str, window: str | None, url: str | None, html_path: bool) -> StepTarget:
    web = is_web_url(url)
    page = navigable_url(url) if web else ""
    process = find_process(app)
    if process is not None:
        note = "" if app.strip().lower() == process else f"app '{app}' is {process}"
        return _target(process, page, note)
    from_title = _process_from_title(window)
    if _normalise(app) in _WEB_WORDS:
        if from_title in BROWSER_TYPES:
            return _target(from_title, page, f"app '{app}' is a web app in {from_title}")
        note = f"app '{app}' is a web browser or web app; browser not recorded, {_assumed()}"
        return StepTarget(Platform.WINDOWS_BROWSER, DEFAULT_BROWSER, page, note)
    if from_title is not None:
        return _target(from_title, page, f"app '{app}' taken from the window title '{window}'")
    if web or html_path:
        seen = f"URL {url}" if web else "an HTML element path"
        note = f"app '{app}' unknown but the step has {seen}; {_assumed()}"
        return StepTarget(Platform.WINDOWS_BROWSER, DEFAULT_BROWSER, page, note)
    return StepTarget(Platform.UNSUPPORTED, reason=_explain_unsupported(app, window, url))


def _target(process: str, page: str, note: str) -> StepTarget:
    platform = Platform.WINDOWS_BROWSER if process in BROWSER_TYPES else Platform.WINDOWS_DESKTOP
    return StepTarget(platform, process, page if platform is Platform.WINDOWS_BROWSER else "", note)


def _explain_unsupported(app: str, window: str | None, url: str | None) -> str:
    key = _normalise(app)
    if key in _NO_APP:
        what = "the log names no application for this step"
    elif key in _SYSTEM_APPS:
        what = f"'{app}' is a system event, not the application it happened in"
    else:
        what = (
            f"'{app}' is not a Windows application taskmine knows (no .exe process name, "
            "not a known application name)"
        )
    missing = ["no window title" if not window else f"window '{window}' names no known app"]
    missing.append(f"URL '{url}' is not a web address" if url else "no URL")
    return f"{what}; {', '.join(missing)}: fill in the process name and re-indicate the target"


def _process_from_title(window: str | None) -> str | None:
    # Windows titles put the app last ("Book1 - Excel"), older Office first ("Microsoft
    # Excel - Book1"); only a part that is a known name counts.
    if not window or " - " not in window:
        return None
    parts = [part.strip() for part in window.split(" - ")]
    for part in (parts[-1], parts[0]):
        process = _KNOWN_NAMES.get(_normalise(part))
        if process is not None:
            return process
    return None


def _path_is_html(step: Step) -> bool:
    # The importers and the recorder root a web element's path at its HTML document.
    return bool(step.path) and step.path[0].role.strip().lower() in _HTML_ROOTS


def _assumed() -> str:
    return f"{BROWSER_TYPES[DEFAULT_BROWSER]} ({DEFAULT_BROWSER}) assumed"


@lru_cache(maxsize=4096)
def _normalise(name: str) -> str:
    """The lookup key of a name: ``_words``, then, unless that is known already, trailing
    version words and leading vendor words dropped (``Microsoft Office Excel 2016`` ->
    ``excel``; ``Microsoft 365`` stays whole because it is a known name)."""
    words = _words(name).split()
    for _ in range(2):
        whole = " ".join(words)
        if whole in _ALL_NAMES:
            return whole
        while len(words) > 1 and _VERSION_WORD.match(words[-1]):
            words.pop()
        while len(words) > 1 and words[0] in _VENDOR_WORDS and " ".join(words) not in _ALL_NAMES:
            words.pop(0)
    return " ".join(words)


def _words(name: str) -> str:
    """Lower case, ``.exe`` dropped, punctuation (but ``+``) to single spaces."""
    return " ".join(_NOT_WORD.sub(" ", name.strip().lower().removesuffix(".exe")).split())


def _build_known_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for table in (_BROWSER_APPS, _DESKTOP_APPS):
        for process, spellings in table.items():
            for spelling in (process, *spellings):
                names[_words(spelling)] = process
    return names


_KNOWN_NAMES = _build_known_names()
_KNOWN_PROCESSES = frozenset(_KNOWN_NAMES.values())
_ALL_NAMES = frozenset(_KNOWN_NAMES) | frozenset(_words(w) for w in _WEB_WORDS)
