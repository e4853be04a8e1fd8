"""Importers, stage 0: a text file's physical lines, counted and checked, for CSV and JSON Lines.

Reading bytes and decoding line by line (rather than through a text-mode file) is what lets a
reader report the exact 1-based line of a bad record, report progress in bytes, and survive
binary junk: a line that is not UTF-8, holds NUL bytes or is absurdly long is *flagged* and
replaced by a harmless placeholder, so the record around it becomes a ``RowError`` while every
other line still imports. A record that keeps growing past ``MAX_LINE_BYTES`` (a quote that is
never closed) is cut off the same way instead of swallowing the rest of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from taskmine.importers.records import MAX_LINE_BYTES

# Handed to the CSV parser in place of a flagged line. In an unquoted context it is one odd
# record; inside a quoted field it closes the quote, so the parser resynchronises right here.
PLACEHOLDER = '\x00"\n'


class LineSource:
    """Decoded lines of a binary file with their count, the bytes read and any problems."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.line = 0  # physical lines handed out so far (1-based number of the last one)
        self.bytes_read = 0
        self.problems: list[tuple[int, str]] = []  # (line, reason), since take_problems()
        self._record_bytes = 0
        self.record_lines: list[str] = []  # the lines of the record being parsed
        self.exhausted = False  # the last line has been handed out

    def __iter__(self) -> Iterator[str]:
        return self._iter_lines()

    @property
    def record_bytes(self) -> int:
        """Bytes of the record being parsed so far (an upper bound on any of its fields)."""
        return self._record_bytes

    def start_record(self) -> None:
        """Called by a reader before each record, to bound how far one record can grow."""
        self._record_bytes = 0
        self.record_lines = []

    def take_problems(self) -> list[tuple[int, str]]:
        """Problems flagged since the last call (normally: within the record just parsed)."""
        problems, self.problems = self.problems, []
        return problems

    def _iter_lines(self) -> Iterator[str]:
        readline = self._handle.readline
        first = True
        while True:
            raw = readline(MAX_LINE_BYTES + 1)
            if not raw:
                self.exhausted = True
                return
            self.line += 1
            self.bytes_read += len(raw)
            self._record_bytes += len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                self._skip_rest_of_line()
                self._flag(f"the line is longer than {MAX_LINE_BYTES:,} bytes; it was skipped")
                yield PLACEHOLDER
                continue
            if self._record_bytes > MAX_LINE_BYTES:
                self._flag(
                    f"this record runs past {MAX_LINE_BYTES:,} bytes; most likely a quote "
                    "opened here is never closed, check the quoting"
                )
                self._record_bytes = 0
                yield PLACEHOLDER
                continue
            if b"\x00" in raw:
                self._flag("the line contains NUL bytes (binary data?); it was skipped")
                yield PLACEHOLDER
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                self._flag(
                    f"the line is not UTF-8 text (byte {error.start + 1} is invalid); "
                    "re-save the file as UTF-8"
                )
                yield PLACEHOLDER
                continue
            if first:
                first = False
                if text.startswith("\ufeff"):
                    text = text[1:]
            self.record_lines.append(text)
            yield text

    def _skip_rest_of_line(self) -> None:
        while True:
            chunk = self._handle.readline(MAX_LINE_BYTES)
            self.bytes_read += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                return

    def _flag(self, reason: str) -> None:
        self.problems.append((self.line, reason))
