"""Recorder, stage 3: where redacted events go. A spool for upload, or a local JSON Lines file.

``JsonlSink`` (``--out FILE.jsonl``, no server) appends one line per event, flushes and fsyncs
it before returning, so a SIGKILL or power cut loses at most a partial last line, which readers
skip. ``SpoolSink`` writes to the SQLite spool and wakes the uploader.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import orjson

from taskmine.domain import Event

if TYPE_CHECKING:  # only the server mode loads them (httpx is big)
    from recorder.spool import SqliteSpool
    from recorder.uploader import Uploader


class SinkFull(RuntimeError):
    """The sink cannot take another event (a spool at its quota); nothing written is lost."""


class Sink(Protocol):
    def write(self, event: Event) -> None: ...

    def close(self) -> None: ...


class JsonlSink:
    """Append events to a JSON Lines file, each line durable before ``write`` returns."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("ab")
        self.written = 0

    def write(self, event: Event) -> None:
        self._file.write(orjson.dumps(event.to_json_dict()) + b"\n")
        self._file.flush()
        os.fsync(self._file.fileno())
        self.written += 1

    def close(self) -> None:
        self._file.close()


class SpoolSink:
    """Spool events durably; the uploader picks them up."""

    def __init__(self, spool: SqliteSpool, uploader: Uploader | None = None) -> None:
        self.spool = spool
        self.uploader = uploader
        self.written = 0

    def write(self, event: Event) -> None:
        if self.spool.append(event):
            self.written += 1
        if self.uploader is not None:
            self.uploader.notify()

    def close(self) -> None:
        """The spool stays open: the uploader's final drain still needs it."""
