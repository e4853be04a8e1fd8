"""Importers, stage 0: a source row's UI-element columns to a canonical ``Element``.

Roles use the accessibility vocabulary the recorder writes (AT-SPI names such as "push button",
"text", "combo box"), guessed from the HTML tag and input type, else from the event type
(``clickButton`` -> "push button"); an unknown tag passes through in lower case. Paths:
- a DOM XPath (Fiori ``target.id``, SmartRPA ``xpath_full``) becomes one ``{role, index}`` node
  per step from the document down; ``index`` is the XPath position among same-tag siblings,
  made 0-based like the recorder's index-in-parent (``None`` when the step has no position);
- an Excel cell becomes workbook > sheet > cell (roles "document spreadsheet", "page tab",
  "cell"), the cell named by its A1 address.
Logs repeat a few hundred distinct elements many thousand times, so elements and parsed paths
are cached and shared: frozen models are safe to share, and it saves both time and memory.
"""

from __future__ import annotations

import re
from functools import lru_cache

from taskmine.domain import Element, PathNode

_INPUT_ROLES = {
    "checkbox": "check box",
    "radio": "radio button",
    "submit": "push button",
    "button": "push button",
    "reset": "push button",
    "image": "push button",
    "file": "push button",
    "password": "password text",
    "range": "slider",
}
_TAG_ROLES = {
    "textarea": "text",
    "button": "push button",
    "a": "link",
    "select": "combo box",
    "option": "list item",
    "li": "list item",
    "ul": "list",
    "ol": "list",
    "img": "image",
    "td": "table cell",
    "th": "column header",
    "tr": "table row",
    "table": "table",
    "div": "panel",
    "span": "static",
    "label": "label",
    "p": "paragraph",
    "form": "form",
    "html": "document web",
    "iframe": "internal frame",
    **{f"h{level}": "heading" for level in range(1, 7)},
}
# Event types that say what was acted on when the row has no tag (Bosco, Action Logger).
_EVENT_ROLES = {
    "clickbutton": "push button",
    "clicklink": "link",
    "clicktextfield": "text",
    "editfield": "text",
    "changefield": "text",
    "insertvalue": "text",
    "clickcheckbox": "check box",
    "insertboolvalue": "check box",
    "clickradiobutton": "radio button",
    "selectoptionfromselect": "combo box",
    "selectworksheet": "page tab",
}

_XPATH_STEP = re.compile(
    r"/(?:\*\[name\(\)\s*=\s*['\"]([^'\"]+)['\"]\]|([A-Za-z_][\w.:-]*))(?:\[(\d+)\])?"
)
_XPATH_ID = re.compile(r"""id\(\s*["']([^"']+)["']\s*\)""")
_CELL = re.compile(
    r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?:\.0)?(?::\$?([A-Za-z]{1,3})\$?(\d{1,7})(?:\.0)?)?$"
)
_ROW_NUMBER = re.compile(r"^(\d{1,7})(?:\.0+)?$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_CACHE_LIMIT = 200_000


def guess_role(tag: str | None, input_type: str | None, event_type: str) -> str | None:
    """An accessibility role from the HTML tag / input type, else from the event type."""
    if tag:
        lowered = tag.strip().lower()
        if lowered == "input":
            kind = (input_type or "").strip().lower()
            return _INPUT_ROLES.get(kind, "text")
        return _TAG_ROLES.get(lowered, lowered)
    return _EVENT_ROLES.get(_NOT_ALNUM.sub("", event_type.lower()))


def is_xpath(text: str) -> bool:
    """True for an XPath locator (``/html/...``, ``/*[name()='HTML']...``, ``id("x")/...``)."""
    return text.startswith(("/", "id(", "("))


@lru_cache(maxsize=65_536)
def parse_xpath(xpath: str) -> tuple[str | None, tuple[PathNode, ...]] | None:
    """``(DOM id it starts from, path nodes)``, or ``None`` if it is not a simple XPath."""
    position = 0
    dom_id = None
    start = _XPATH_ID.match(xpath)
    if start is not None:
        dom_id, position = start.group(1), start.end()
    nodes: list[PathNode] = []
    while position < len(xpath):
        step = _XPATH_STEP.match(xpath, position)
        if step is None:
            return None  # descendant axes, predicates on attributes: not a plain path
        tag = step.group(1) or step.group(2)
        index = int(step.group(3)) - 1 if step.group(3) else None
        nodes.append(_path_node(guess_role(tag, None, "") or tag.lower(), None, index))
        position = step.end()
    if dom_id is None and not nodes:
        return None
    return dom_id, tuple(nodes)


def normalise_cell(text: str) -> str | None:
    """An A1 address (or range) in canonical form: ``b1.0`` -> ``B1``; ``None`` if not a cell."""
    match = _CELL.match(text.strip())
    if match is None:
        return None
    first = f"{match.group(1).upper()}{int(match.group(2))}"
    if match.group(3):
        return f"{first}:{match.group(3).upper()}{int(match.group(4))}"
    return first


def cell_from_column_row(column: str, row: str) -> str | None:
    """Bosco logs give the column letter and row number apart (``B``, ``1.0``)."""
    number = _ROW_NUMBER.match(row.strip())
    if number is None:
        return None
    return normalise_cell(f"{column.strip()}{int(number.group(1))}")


class ElementCache:
    """Builds validated elements once per distinct description and shares them."""

    def __init__(self) -> None:
        self._elements: dict[tuple[object, ...], Element] = {}

    def build(
        self,
        role: str | None,
        name: str | None,
        *,
        automation_id: str | None,
        class_name: str | None,
        path: tuple[PathNode, ...],
        path_key: object,
    ) -> Element:
        """``path_key`` is what the path was built from (hashing the nodes would cost more)."""
        key = (role, name, automation_id, class_name, path_key)
        element = self._elements.get(key)
        if element is None:
            if len(self._elements) >= _CACHE_LIMIT:
                self._elements.clear()
            element = Element.model_validate(
                {
                    "role": role,
                    "name": name,
                    "automation_id": automation_id,
                    "class_name": class_name,
                    "path": path,
                }
            )
            self._elements[key] = element
        return element


@lru_cache(maxsize=65_536)
def build_cell_path(workbook: str | None, sheet: str | None, cell: str) -> tuple[PathNode, ...]:
    """workbook > sheet > cell, leaving out the levels the row does not name."""
    nodes = []
    if workbook:
        nodes.append(_path_node("document spreadsheet", workbook, None))
    if sheet:
        nodes.append(_path_node("page tab", sheet, None))
    nodes.append(_path_node("cell", cell, None))
    return tuple(nodes)


@lru_cache(maxsize=16_384)
def _path_node(role: str, name: str | None, index: int | None) -> PathNode:
    return PathNode.model_validate({"role": role, "name": name, "index": index})
