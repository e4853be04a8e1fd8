"""Exporters, role vocabulary: one recorded element role in, each RPA tool's spelling out.

The recorder writes the role its accessibility API reports: AT-SPI role names on Linux
("push button", "page tab"), UI Automation control types on Windows ("Button", "TabItem"), or
MSAA role texts. UiPath's ``<ctrl role='...'>`` wants MSAA role texts, PAD's control
repository wants the UIA control type (``Tag`` lower case, ``ElementTypeName`` spaced), and
``<webctrl tag='...'>`` wants an HTML tag. Unknown roles pass through unchanged rather than
being guessed, so a human can still read them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RoleSpelling:
    msaa: str  # UiPath <ctrl role='...'>
    pad_tag: str  # PAD Tag (lower-case UIA control type)
    pad_type: str  # PAD ElementTypeName
    html_tag: str | None  # UiPath <webctrl tag='...'>


_BUTTON = RoleSpelling("push button", "button", "Button", "BUTTON")
_EDIT = RoleSpelling("editable text", "edit", "Edit", "INPUT")
_TEXT = RoleSpelling("text", "text", "Text", None)
_DOCUMENT = RoleSpelling("document", "document", "Document", None)
_CHECK = RoleSpelling("check box", "checkbox", "Check Box", "INPUT")
_RADIO = RoleSpelling("radio button", "radiobutton", "Radio Button", "INPUT")
_COMBO = RoleSpelling("combo box", "combobox", "Combo Box", "SELECT")
_LIST = RoleSpelling("list", "list", "List", None)
_LIST_ITEM = RoleSpelling("list item", "listitem", "List Item", "LI")
_MENU_ITEM = RoleSpelling("menu item", "menuitem", "Menu Item", None)
_MENU_BAR = RoleSpelling("menu bar", "menubar", "Menu Bar", None)
_TAB = RoleSpelling("page tab", "tabitem", "Tab Item", None)
_LINK = RoleSpelling("link", "hyperlink", "Hyperlink", "A")
_CELL = RoleSpelling("cell", "dataitem", "Data Item", "TD")
_TREE_ITEM = RoleSpelling("outline item", "treeitem", "Tree Item", None)
_TABLE = RoleSpelling("table", "table", "Table", "TABLE")
_PANE = RoleSpelling("client", "pane", "Pane", None)
_WINDOW = RoleSpelling("window", "window", "Window", None)
_GRAPHIC = RoleSpelling("graphic", "image", "Image", "IMG")
_SPLIT = RoleSpelling("split button", "splitbutton", "Split Button", None)

_BY_ROLE: dict[str, RoleSpelling] = {
    # AT-SPI and MSAA spellings
    "push button": _BUTTON,
    "toggle button": _BUTTON,
    "button": _BUTTON,
    "entry": _EDIT,
    "editable text": _EDIT,
    "password text": _EDIT,
    "text": _EDIT,
    "spin button": _EDIT,
    "label": _TEXT,
    "static": _TEXT,
    "document": _DOCUMENT,
    "document text": _DOCUMENT,
    "document web": _DOCUMENT,
    "document spreadsheet": _DOCUMENT,
    "document presentation": _DOCUMENT,
    "document frame": _DOCUMENT,
    "check box": _CHECK,
    "radio button": _RADIO,
    "combo box": _COMBO,
    "list": _LIST,
    "list box": _LIST,
    "list item": _LIST_ITEM,
    "menu item": _MENU_ITEM,
    "check menu item": _MENU_ITEM,
    "menu bar": _MENU_BAR,
    "page tab": _TAB,
    "link": _LINK,
    "cell": _CELL,
    "table cell": _CELL,
    "tree item": _TREE_ITEM,
    "outline item": _TREE_ITEM,
    "table": _TABLE,
    "panel": _PANE,
    "pane": _PANE,
    "filler": _PANE,
    "client": _PANE,
    "frame": _WINDOW,
    "window": _WINDOW,
    "dialog": _WINDOW,
    "image": _GRAPHIC,
    "icon": _GRAPHIC,
    "graphic": _GRAPHIC,
    "split button": _SPLIT,
    # UI Automation control types (compared in lower case)
    "edit": _EDIT,
    "checkbox": _CHECK,
    "radiobutton": _RADIO,
    "combobox": _COMBO,
    "listitem": _LIST_ITEM,
    "menuitem": _MENU_ITEM,
    "menubar": _MENU_BAR,
    "tabitem": _TAB,
    "hyperlink": _LINK,
    "dataitem": _CELL,
    "treeitem": _TREE_ITEM,
    "splitbutton": _SPLIT,
}


def spell_role(role: str | None) -> RoleSpelling:
    """Each tool's spelling of ``role``; an unknown role is passed through as written."""
    key = (role or "").strip().lower()
    if key in _BY_ROLE:
        return _BY_ROLE[key]
    if not key:
        return RoleSpelling("", "custom", "UI Custom", None)
    compact = key.replace(" ", "")
    return RoleSpelling(key, compact, key.title(), None)


def is_button(role: str | None) -> bool:
    return spell_role(role).pad_tag in {"button", "splitbutton"}


def is_text_field(role: str | None) -> bool:
    return spell_role(role).pad_tag in {"edit", "document", "combobox"}
