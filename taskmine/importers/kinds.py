"""Importers, stage 0: a source log's event type to the canonical ``EventKind``.

Each logger names its actions differently (Action Logger ``clickButton``, SmartRPA
``changeField``, Bosco's CPN logs ``insertValue``, the Fiori logs ``input``). Names are compared
after lower-casing and dropping everything but letters and digits, so ``navigate_to``,
``right_click`` and ``tab activated`` match too. Unknown names map to ``other``; the importer
always keeps the original name in ``attrs["source_event_type"]``, so nothing is lost.

Choices the brief leaves open, and why:
- ``getCell`` / ``getRange`` (the Excel add-in reporting the selected cell) -> select;
- ``clickCheckbox`` / ``clickRadioButton`` / ``insertBoolValue`` change a selection state -> select;
- ``selectWorksheet`` / ``tab activated`` switch a tab, like ``selectTab`` -> navigate;
- SmartRPA ``typed`` is Chrome's "URL typed in the address bar" transition, not text entry ->
  navigate (the row carries the URL);
- ``focus window changed`` -> app_switch;
- ``waitResponse`` (Bosco: the web page answering mid-routine) -> other, not idle: ``idle`` means
  the user paused, and discovery cuts segments at idle events;
- ``form_submit`` / ``submit`` are the browser's echo of the button click logged next to it,
  ``enableBrowserExtension`` / ``saveFile`` / ``findValue`` have no canonical kind -> other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from taskmine.domain import EventKind

_K = EventKind

_EXACT: dict[str, EventKind] = {
    # clicks
    "click": _K.CLICK,
    "clickbutton": _K.CLICK,
    "clicklink": _K.CLICK,
    "clicktextfield": _K.CLICK,
    "mouseclick": _K.CLICK,
    "leftclick": _K.CLICK,
    "doubleclick": _K.DOUBLE_CLICK,
    "dblclick": _K.DOUBLE_CLICK,
    "doubleclickcell": _K.DOUBLE_CLICK,
    "rightclick": _K.RIGHT_CLICK,
    "contextmenu": _K.RIGHT_CLICK,
    # text entry
    "editfield": _K.TYPE,
    "changefield": _K.TYPE,
    "editcell": _K.TYPE,
    "insertvalue": _K.TYPE,
    "input": _K.TYPE,
    "typing": _K.TYPE,
    "typetext": _K.TYPE,
    # keys
    "presskey": _K.KEY,
    "keypress": _K.KEY,
    "keydown": _K.KEY,
    "keyup": _K.KEY,
    "hotkey": _K.KEY,
    "keyboardshortcut": _K.KEY,
    # clipboard
    "copy": _K.COPY,
    "copycell": _K.COPY,
    "copyrange": _K.COPY,
    "cut": _K.COPY,
    "paste": _K.PASTE,
    "pasteintocell": _K.PASTE,
    "pasterange": _K.PASTE,
    # navigation
    "gotourl": _K.NAVIGATE,
    "link": _K.NAVIGATE,
    "newtab": _K.NAVIGATE,
    "createnewtab": _K.NAVIGATE,
    "selecttab": _K.NAVIGATE,
    "tabactivated": _K.NAVIGATE,
    "navigate": _K.NAVIGATE,
    "navigateto": _K.NAVIGATE,
    "startpage": _K.NAVIGATE,
    "typed": _K.NAVIGATE,
    "reload": _K.NAVIGATE,
    "selectworksheet": _K.NAVIGATE,
    # selection
    "select": _K.SELECT,
    "selectoptionfromselect": _K.SELECT,
    "selectoption": _K.SELECT,
    "selecttext": _K.SELECT,
    "selectcell": _K.SELECT,
    "selectrange": _K.SELECT,
    "getcell": _K.SELECT,
    "getrange": _K.SELECT,
    "clickcheckbox": _K.SELECT,
    "clickradiobutton": _K.SELECT,
    "insertboolvalue": _K.SELECT,
    # windows
    "openfile": _K.WINDOW_OPEN,
    "openworkbook": _K.WINDOW_OPEN,
    "newworkbook": _K.WINDOW_OPEN,
    "newwindow": _K.WINDOW_OPEN,
    "openwindow": _K.WINDOW_OPEN,
    "closetab": _K.WINDOW_CLOSE,
    "closewindow": _K.WINDOW_CLOSE,
    "closeworkbook": _K.WINDOW_CLOSE,
    "closefile": _K.WINDOW_CLOSE,
    "focuswindowchanged": _K.APP_SWITCH,
    "appswitch": _K.APP_SWITCH,
    "focus": _K.FOCUS,
    "focusin": _K.FOCUS,
    "scroll": _K.SCROLL,
    "mousewheel": _K.SCROLL,
    "idle": _K.IDLE,
}

# For names not listed: a known prefix decides (checkItem, uncheckBox, closeDocument, ...).
_PREFIXES: tuple[tuple[str, EventKind], ...] = (
    ("uncheck", _K.SELECT),
    ("check", _K.SELECT),
    ("select", _K.SELECT),
    ("doubleclick", _K.DOUBLE_CLICK),
    ("rightclick", _K.RIGHT_CLICK),
    ("click", _K.CLICK),
    ("copy", _K.COPY),
    ("paste", _K.PASTE),
    ("close", _K.WINDOW_CLOSE),
    ("open", _K.WINDOW_OPEN),
)

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=4096)
def map_event_kind(event_type: str) -> EventKind:
    """The canonical kind of a source event type; ``other`` when unknown."""
    key = _NOT_ALNUM.sub("", event_type.lower())
    kind = _EXACT.get(key)
    if kind is not None:
        return kind
    for prefix, prefixed_kind in _PREFIXES:
        if key.startswith(prefix):
            return prefixed_kind
    return _K.OTHER
