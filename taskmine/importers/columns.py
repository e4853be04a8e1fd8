"""Importers, stage 0: the column vocabulary of the academic UI-log formats.

One place that names where each canonical field may come from, across the Action Logger
(``target.*``), SmartRPA (``tag_*``, ``org:resource``), Bosco's CPN logs (``source``, ``Label``,
``Value``, ``Sheet``) and XES (``concept:name``, ``time:timestamp``); aliases are tried in order.
It also names what must never be read: ground truth (``Task``, ``idx``, ``caseID``, ``case:*``
except ``case:creator``, ``lifecycle:*``) and pandas index columns (``""``, ``Unnamed: 0``),
whose values restart or jump at every task instance in TF_* and agostinelli40 and so would leak
the segmentation to discovery.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

TIMESTAMP = ("timeStamp", "time:timestamp", "timestamp")
EVENT_TYPE = ("eventType", "concept:name")
EVENT_ID = ("event_id", "eventId", "eventID", "identity:id")
USER = ("userID", "org:resource", "case:creator")
APP = ("targetApp", "source", "application")
URL = ("url", "Url")
WORKBOOK = ("target.workbookName", "FileName", "workbook")
SHEET = ("target.sheetName", "Sheet", "sheet")
TITLE = ("title",)
TAG = ("target.tagName",)
INPUT_TYPE = ("target.type", "tag_type")
NAME = ("target.name", "target.innerText", "Label", "tag_innerText")
CLASS = ("target.class", "target.className")
XPATH = ("xpath_full", "xpath")
# Where the value of an action sits, in order of preference: clipboard actions carry it in the
# clipboard column, field edits in the element's value.
CLIPBOARD_FIRST = ("content", "clipboard_content", "target.value", "Value", "cell_content")
FIELD_FIRST = ("target.value", "Value", "content", "clipboard_content", "cell_content")
VALUE_COLUMNS = frozenset(CLIPBOARD_FIRST)

_GROUND_TRUTH = frozenset(
    {"task", "idx", "caseid", "case_id", "case:concept:name", "concept:instance"}
)
_PANDAS_INDEX = re.compile(r"^(Unnamed: \d+(\.\d+)?)?$")


@lru_cache(maxsize=4096)
def is_hidden_column(name: str) -> bool:
    """Ground truth, lifecycle or a pandas index: never copied into an event."""
    lowered = name.lower()
    if lowered in _GROUND_TRUTH or lowered.startswith("lifecycle:"):
        return True
    if lowered.startswith("case:") and lowered != "case:creator":
        return True
    return _PANDAS_INDEX.match(name) is not None


def find_column(names: Iterable[str], aliases: tuple[str, ...]) -> str | None:
    """The first alias present among ``names``."""
    present = set(names)
    return next((alias for alias in aliases if alias in present), None)
