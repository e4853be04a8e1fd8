"""Recorder, stage 3: the durable local spool between synthesis and upload.

A SQLite file in WAL mode. Each event is committed in its own transaction as soon as it is
synthesised; with ``synchronous=FULL`` (the default) the commit returns only after the WAL is
fsynced, so a spooled event survives the agent being killed (SIGKILL) and the machine losing
power. ``synchronous=NORMAL`` survives SIGKILL but may lose the last commits on power loss.
An event leaves the spool only when the server acknowledged it (accepted or duplicate);
events the server refused for good are kept, quarantined, with the server's reason.

Loss bound: what is not yet an event is not in the spool. That is the field being typed in
(its ``type`` event is written when the field is left), a click held for the double-click
interval (0.4 s) and a scroll burst (0.5 s); nothing that was spooled is lost.

Quota: ``max_bytes`` (default 1 GiB of event bodies) and optionally ``max_events`` bound what the
spool holds, pending and quarantined together. When the next event would go over, ``append``
raises ``SpoolFull`` instead of writing it or evicting anything: capture stops with that
notice (the caller shows it), every event already spooled stays and uploads when the server
is back; after uploads free space, ``append`` works again.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import orjson

from recorder.sinks import SinkFull
from taskmine.domain import Event

Synchronous = Literal["FULL", "NORMAL", "EXTRA"]
DEFAULT_MAX_BYTES = 1 << 30


class SpoolFull(SinkFull):
    """The spool's quota is reached: the event was not written, nothing spooled was dropped."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS spool (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    body BLOB NOT NULL,
    quarantined INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX IF NOT EXISTS spool_pending ON spool (quarantined, seq);
"""


@dataclass(frozen=True, slots=True)
class SpooledEvent:
    seq: int
    event_id: str
    body: bytes  # the event's JSON, exactly what is uploaded


class SqliteSpool:
    """Append events, read pending batches in order, acknowledge or quarantine them.

    Thread-safe: the agent appends while the uploader reads and acknowledges.
    """

    def __init__(
        self,
        path: Path,
        *,
        synchronous: Synchronous = "FULL",
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        max_events: int | None = None,
    ) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.max_events = max_events
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(f"PRAGMA synchronous={synchronous}")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        self._events, self._bytes = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM spool"
        ).fetchone()

    def append(self, event: Event) -> bool:
        """Write ``event`` durably; False if an event with its id is already spooled.

        Raises ``SpoolFull`` (writing nothing) when the event would exceed the quota."""
        body = orjson.dumps(event.to_json_dict())
        with self._lock:
            self._check_quota(len(body))
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO spool (event_id, body) VALUES (?, ?)", (event.event_id, body)
            )
            if cursor.rowcount == 1:
                self._events += 1
                self._bytes += len(body)
        return cursor.rowcount == 1

    def usage(self) -> tuple[int, int]:
        """(events, bytes of event bodies) held, pending and quarantined: what the quota counts."""
        with self._lock:
            return self._events, self._bytes

    def _check_quota(self, size: int) -> None:
        over_bytes = self.max_bytes is not None and self._bytes + size > self.max_bytes
        over_events = self.max_events is not None and self._events + 1 > self.max_events
        if over_bytes or over_events:
            limit = f"{self.max_bytes} bytes" if over_bytes else f"{self.max_events} events"
            raise SpoolFull(
                f"the upload spool {self.path} is full ({self._events} events, {self._bytes} "
                f"bytes; quota {limit}): capture stopped. Nothing spooled is lost; it uploads "
                "when the server is reachable, then recording can restart"
            )

    def pending(self, *, limit: int) -> list[SpooledEvent]:
        """The oldest ``limit`` events not yet acknowledged nor quarantined, in spool order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, event_id, body FROM spool WHERE quarantined = 0 ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [SpooledEvent(seq, event_id, body) for seq, event_id, body in rows]

    def acknowledge(self, event_ids: Iterable[str]) -> int:
        """Remove events the server holds (accepted now or earlier); returns how many."""
        ids = list(event_ids)
        removed = freed = 0
        with self._lock:
            with self._transaction():
                for chunk in _chunks(ids, 500):
                    marks = ",".join("?" * len(chunk))
                    count, size = self._db.execute(
                        f"SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM spool "
                        f"WHERE event_id IN ({marks})",
                        chunk,
                    ).fetchone()
                    self._db.execute(f"DELETE FROM spool WHERE event_id IN ({marks})", chunk)
                    removed, freed = removed + count, freed + size
            self._events -= removed  # only once committed
            self._bytes -= freed
        return len(ids)

    def quarantine(self, failures: dict[str, str]) -> None:
        """Keep events the server refused for good, with its reason, out of the upload queue."""
        with self._lock, self._transaction():
            self._db.executemany(
                "UPDATE spool SET quarantined = 1, error = ? WHERE event_id = ?",
                [(error, event_id) for event_id, error in failures.items()],
            )

    def counts(self) -> tuple[int, int]:
        """(pending, quarantined)."""
        with self._lock:
            rows = dict(
                self._db.execute("SELECT quarantined, COUNT(*) FROM spool GROUP BY 1").fetchall()
            )
        return rows.get(0, 0), rows.get(1, 0)

    def quarantined(self) -> list[tuple[str, str | None]]:
        """(event_id, reason) of every quarantined event."""
        with self._lock:
            return list(
                self._db.execute(
                    "SELECT event_id, error FROM spool WHERE quarantined = 1 ORDER BY seq"
                )
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
