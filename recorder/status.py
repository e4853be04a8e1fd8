"""Recorder, user-facing: the status line shown while recording (stderr).

On a terminal one line is redrawn in place at most once a second; otherwise (a log file, a
service) a line is printed only when the state changes, plus a summary every minute. It never
shows a value, only counts and states.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TextIO


@dataclass
class RecorderState:
    recording: bool = True
    starting: bool = False
    paused: bool = False
    events: int = 0
    dropped: int = 0
    pending: int | None = None  # events waiting in the spool (None: local mode)
    quarantined: int = 0
    upload_error: str | None = None
    stopped_because: str | None = None  # capture stopped on its own (e.g. the spool is full)
    destination: str = ""
    hotkey: str = ""


class StatusLine:
    def __init__(self, stream: TextIO | None = None, *, min_interval: float = 1.0) -> None:
        self.stream = stream or sys.stderr
        self.is_tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.min_interval = min_interval
        self._last_render = 0.0
        self._last_state_key: tuple[object, ...] | None = None
        self._last_summary = 0.0

    def render(self, state: RecorderState) -> str:
        mark = "|| PAUSED" if state.paused else ("● REC" if state.recording else "■ STOPPED")
        if state.starting:
            mark = "… starting"
        parts = [f"taskmine {mark}", f"{state.events} events -> {state.destination}"]
        if state.pending is not None:
            parts.append(f"{state.pending} to upload")
        if state.quarantined:
            parts.append(f"{state.quarantined} quarantined")
        if state.dropped:
            parts.append(f"{state.dropped} dropped by policy")
        if state.upload_error:
            parts.append(f"upload: {state.upload_error}")
        if state.stopped_because:
            parts.append(f"capture stopped: {state.stopped_because}")
        if state.hotkey and state.recording:
            parts.append(f"{state.hotkey} to {'resume' if state.paused else 'pause'}")
        return " | ".join(parts)

    def update(self, state: RecorderState, *, force: bool = False) -> None:
        now = time.monotonic()
        key = (
            state.starting,
            state.paused,
            state.recording,
            state.upload_error is None,
            state.quarantined,
            state.stopped_because,
        )
        if self.is_tty:
            if force or now - self._last_render >= self.min_interval:
                self.stream.write("\r\x1b[2K" + self.render(state))
                self.stream.flush()
                self._last_render = now
            return
        if force or key != self._last_state_key or now - self._last_summary >= 60:
            self.stream.write(self.render(state) + "\n")
            self.stream.flush()
            self._last_state_key, self._last_summary = key, now

    def finish(self, state: RecorderState) -> None:
        self.update(state, force=True)
        if self.is_tty:
            self.stream.write("\n")
            self.stream.flush()
