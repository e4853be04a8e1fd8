"""Importers, stage 0: tell which UI-log format a file is, from its name and first bytes.

Rules, in order: ``.jsonl`` / ``.ndjson`` -> jsonl, ``.xes`` -> xes; otherwise the content
decides: an XML ``<log`` root -> xes, a JSON object per line -> jsonl, and a delimited header
-> one of the CSV formats by its signature columns:
- fiori: Abb & Rehse's ``target.css`` (or ``x``/``y`` next to an XPath ``target.id``);
- smartrpa: any SmartRPA-only column (``org:resource``, ``category``, ``clipboard_content``,
  ``tag_type``, ``xpath_full``, ...). L2.csv mixes Action Logger and SmartRPA rows and so is
  smartrpa; the mapper reads the union of both column sets anyway;
- action_logger: a timestamp and an event-type column (this also covers Bosco's segmented CSVs,
  which are flattened XES with ``eventType``, ``timeStamp``, ``Label``, ``Value``, ...).
Anything else raises ``ImportFormatError`` naming what was found and what was expected.
"""

from __future__ import annotations

import csv
from pathlib import Path

from taskmine.importers.columns import EVENT_TYPE, TIMESTAMP, find_column
from taskmine.importers.records import FORMATS, ImportFormatError

_SNIFF_BYTES = 64 * 1024
_DELIMITERS = (",", ";", "\t", "|")
_SMARTRPA_COLUMNS = frozenset(
    {
        "org:resource",
        "category",
        "event_src_path",
        "event_dest_path",
        "mouse_coord",
        "clipboard_content",
        "cell_content",
        "tag_type",
        "tag_checked",
        "tag_innerText",
        "xpath_full",
        "case:creator",
    }
)
_EXPECTED = (
    "expected taskmine JSON Lines (.jsonl), XES (.xes), or a CSV with a header such as the "
    "Action Logger's (timeStamp, userID, targetApp, eventType, url, content, target.*), "
    "SmartRPA's or the Abb & Rehse Fiori logs'"
)


def detect_format(path: Path) -> str:
    """One of ``FORMATS``; raises ``ImportFormatError`` with a clear message otherwise."""
    head = _read_head(path)
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix == ".xes":
        return "xes"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip()
    if text.startswith("<"):
        if "<log" in text:
            return "xes"
        raise ImportFormatError(f"{path.name} is XML but has no XES <log> element; {_EXPECTED}")
    if text.startswith("{"):
        return "jsonl"
    try:
        header = read_header(text.split("\n", 1)[0])[0]
    except ImportFormatError as error:
        raise ImportFormatError(f"{path.name}: {error}; {_EXPECTED}") from None
    fmt = classify_header(header)
    if fmt is None:
        shown = ", ".join(name[:40] for name in header[:12]) + (", ..." if len(header) > 12 else "")
        raise ImportFormatError(
            f"cannot tell the format of {path.name} (columns: {shown}); {_EXPECTED}"
        )
    return fmt


def check_format(fmt: str) -> str:
    """``fmt`` itself if it is a known format name."""
    if fmt not in FORMATS:
        raise ImportFormatError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def classify_header(columns: list[str]) -> str | None:
    """The CSV format a header belongs to, or ``None``."""
    names = set(columns)
    if find_column(names, EVENT_TYPE) is None or find_column(names, TIMESTAMP) is None:
        return None
    if "target.css" in names or {"x", "y", "target.id"} <= names:
        return "fiori"
    if names & _SMARTRPA_COLUMNS:
        return "smartrpa"
    return "action_logger"


def read_header(line: str) -> tuple[list[str], str]:
    """``(column names, delimiter)`` of a CSV header line; names are stripped of whitespace.

    Raises ``ImportFormatError`` when the csv module cannot read the line at all."""
    delimiter = sniff_delimiter(line)
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error as error:
        raise ImportFormatError(_describe_header_error(error)) from None
    return [cell.strip() for cell in cells], delimiter


def sniff_delimiter(line: str) -> str:
    """The delimiter that splits the header most often outside quotes (``,`` on a tie)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(_DELIMITERS, key=lambda delimiter: counts[delimiter])


def _describe_header_error(error: csv.Error) -> str:
    if "new-line" in str(error):
        return (
            "the header line holds a carriage return (old Mac line endings, CR only?); "
            "convert the line endings to LF or CRLF first"
        )
    if "field limit" in str(error):
        return (
            f"a header cell is over {csv.field_size_limit():,} characters, so the first line "
            "is not a CSV header"
        )
    return f"the header line cannot be read as CSV ({error})"


def _read_head(path: Path) -> bytes:
    if not path.is_file():
        raise ImportFormatError(f"{path} does not exist or is not a file")
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if not head.strip():
        raise ImportFormatError(f"{path.name} is empty; there is nothing to import")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFormatError(f"{path.name} is UTF-16 text; save it as UTF-8 and import again")
    if head.startswith(b"\x1f\x8b"):
        raise ImportFormatError(f"{path.name} is gzip-compressed; decompress it first (gunzip)")
    if head.startswith(b"PK\x03\x04"):
        raise ImportFormatError(
            f"{path.name} is a zip archive (an .xlsx workbook?); export the sheet as CSV first"
        )
    if b"\x00" in head.split(b"\n", 1)[0]:  # junk in a later row is that row's error only
        raise ImportFormatError(f"{path.name} looks binary (it has NUL bytes); {_EXPECTED}")
    return head
