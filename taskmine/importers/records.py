"""Importers, stage 0 (events in): what an import yields besides events, and its limits.

Every record of a source file comes out of an importer as exactly one ``Event`` or one
``RowError``, in file order, so nothing is ever dropped without a trace. The limits here keep a
corrupt or hostile file (a multi-megabyte field, binary junk) from exhausting memory: a record
that breaks one becomes a ``RowError`` that says which limit and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from taskmine.domain import Event

FORMATS = ("jsonl", "action_logger", "smartrpa", "fiori", "xes")

# A single field longer than this is almost certainly not a UI-log value (Event.value itself
# is capped at 100,000 characters); beyond it we report the record instead of importing it.
MAX_FIELD_CHARS = 100_000
# A physical line longer than this is skipped unread (only its length is looked at).
MAX_LINE_BYTES = 8 * 1024 * 1024
DEFAULT_USER_ID = "user-1"
DEFAULT_MACHINE_ID = "imported"


class ImportFormatError(ValueError):
    """The file cannot be imported at all (unknown format, missing header, missing column)."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One record that could not be imported, and why."""

    line: int  # 1-based physical line in the file where the bad record starts (XES: the <event>)
    row: int  # 0-based data-row number (record index), -1 if not applicable
    reason: str  # what was wrong, in words a user can act on


@dataclass(slots=True)
class ImportResult:
    """All events and all row errors of one file, in file order."""

    format: str
    events: list[Event] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Who and where the imported events belong to, when the file does not say."""

    session_id: str
    user_id: str | None = None
    machine_id: str = DEFAULT_MACHINE_ID


class RecordError(ValueError):
    """Raised inside a reader for one bad record; the reader turns it into a ``RowError``."""
