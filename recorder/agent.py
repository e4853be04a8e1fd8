"""Recorder, the runtime: hooks and resolver in, synthesis, privacy guard, sink out.

One agent thread owns the pipeline. pynput's threads and the resolver's event thread only put
``(raw input, element, time)`` on a queue; the agent thread resolves clicks, feeds the pure
synthesiser, passes every event through the privacy guard and writes it to the sink. Pausing
flushes what is pending and then drops input until resumed; stopping flushes and closes.
Nothing typed is logged: log lines carry counts and states only.

No polling: the agent thread sleeps on the queue until the next input or the next deadline
(the synthesiser's held click / closing visit / idle threshold, or the status refresh), so an
idle agent wakes up only for the status refresh. The queue is a ``SimpleQueue`` because its
``put`` is reentrant: the signal handlers (stop, pause, resume) put on it from the main thread.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from recorder.guard import PrivacyGuard
from recorder.hooks import PynputHooks
from recorder.keys import ACTION_KEYS
from recorder.model import (
    ElementInfo,
    KeyPress,
    MousePress,
    MouseScroll,
    RawInput,
    SessionInfo,
)
from recorder.resolver import Resolver
from recorder.sinks import Sink, SinkFull
from recorder.status import RecorderState, StatusLine
from recorder.synthesis import COPY_COMBOS, PASTE_COMBOS, ActionSynthesizer, SynthesisSettings
from taskmine.domain import Event

log = logging.getLogger(__name__)

_PAUSE, _RESUME, _TOGGLE, _WAKE = "pause", "resume", "toggle", "wake"
_MAX_SLEEP = 3600.0  # the loop re-checks its deadlines at least this often
_FRESH_FOCUS_COMBOS = frozenset(COPY_COMBOS) | PASTE_COMBOS | ACTION_KEYS


class InputSource:
    """What feeds raw input: ``PynputHooks`` in production, a script in tests."""

    def start(self, push: Callable[[RawInput, float], None]) -> None: ...

    def stop(self) -> None: ...


@dataclass
class ResolutionTimings:
    """Element resolution latencies (seconds), for the footprint benchmark."""

    samples: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        if len(self.samples) < 100_000:
            self.samples.append(seconds)


class RecorderAgent:
    def __init__(
        self,
        *,
        session: SessionInfo,
        resolver: Resolver,
        sink: Sink,
        guard: PrivacyGuard,
        source: InputSource | PynputHooks | None = None,
        synthesis: SynthesisSettings | None = None,
        hotkey: str = "ctrl+alt+shift+p",
        status: StatusLine | None = None,
        state: RecorderState | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.session = session
        self.resolver = resolver
        self.sink = sink
        self.guard = guard
        self.source = source if source is not None else PynputHooks()
        self.synth = ActionSynthesizer(session, settings=synthesis)
        self.hotkey = hotkey
        self.status = status
        self.state = state or RecorderState(hotkey=hotkey)
        self.clock = clock
        self.timings = ResolutionTimings()
        self.stop_requested = threading.Event()
        self._queue: queue.SimpleQueue[tuple[object, ElementInfo | None, float]] = (
            queue.SimpleQueue()
        )
        self._last_scroll: tuple[float, int, int] | None = None
        self._on_tick: Callable[[], None] | None = None
        self._tick_seconds = 1.0

    # -- control (any thread, signal handlers included) ------------------------------------

    def request_pause(self) -> None:
        self._queue.put((_PAUSE, None, self.clock()))

    def request_resume(self) -> None:
        self._queue.put((_RESUME, None, self.clock()))

    def request_stop(self) -> None:
        self.stop_requested.set()
        self._queue.put((_WAKE, None, 0.0))  # the loop may be asleep until its next deadline

    def on_tick(self, callback: Callable[[], None], *, every: float = 1.0) -> None:
        """Called on the agent thread every ``every`` seconds (status refresh)."""
        self._on_tick = callback
        self._tick_seconds = every

    # -- the loop --------------------------------------------------------------------------

    def run(self) -> None:
        """Record until ``request_stop``; flushes everything pending before returning."""
        self.resolver.start(self._push_resolved)
        self.source.start(self._push)
        self.state.starting, self.state.recording = False, True
        if self.status is not None:
            self.status.update(self.state, force=True)
        log.info("recording session %s", self.session.session_id)
        next_tick = time.monotonic() + self._tick_seconds
        try:
            while not self.stop_requested.is_set():
                try:
                    item = self._queue.get(timeout=self._wait_seconds(next_tick))
                except queue.Empty:
                    item = None
                if item is not None and item[0] is not _WAKE:
                    self._handle(*item)
                deadline = self.synth.next_deadline()
                if deadline is not None and self.clock() >= deadline:
                    self._write(self.synth.tick(self.clock()))
                if self._on_tick is not None and time.monotonic() >= next_tick:
                    next_tick = time.monotonic() + self._tick_seconds
                    self._on_tick()
        finally:
            self.source.stop()
            self.resolver.stop()
            self._drain_queue()
            self._write(self.synth.flush(self.clock()))
            self.sink.close()
            self.state.recording = False
            log.info(
                "stopped; %d events written, %d dropped by policy",
                self.state.events,
                self.guard.dropped,
            )

    def _wait_seconds(self, next_tick: float) -> float:
        """Sleep until the synthesiser's next deadline or the next status refresh."""
        wait = _MAX_SLEEP
        if self._on_tick is not None:
            wait = next_tick - time.monotonic()
        deadline = self.synth.next_deadline()
        if deadline is not None:
            wait = min(wait, deadline - self.clock())
        return min(max(wait, 0.002), _MAX_SLEEP)

    def _push(self, raw: RawInput, at: float) -> None:
        self._queue.put((raw, None, at))

    def _push_resolved(self, raw: RawInput, element: ElementInfo | None, at: float) -> None:
        self._queue.put((raw, element, at))

    def _drain_queue(self) -> None:
        while True:
            try:
                raw, element, at = self._queue.get_nowait()
            except queue.Empty:
                return
            if raw is not _WAKE:
                self._handle(raw, element, at)

    def _handle(self, raw: object, element: ElementInfo | None, at: float) -> None:
        if raw in (_PAUSE, _RESUME, _TOGGLE):
            self._set_paused(raw == _PAUSE or (raw == _TOGGLE and not self.state.paused), at)
            return
        if isinstance(raw, KeyPress) and raw.combo == self.hotkey:
            self._set_paused(not self.state.paused, at)
            return
        if self.state.paused:
            return  # nothing is looked at while paused, not even which element was clicked
        assert not isinstance(raw, str)
        if isinstance(raw, MousePress):
            element = self._resolve(lambda: self.resolver.element_at(raw.x, raw.y))
        elif isinstance(raw, MouseScroll):
            element = self._resolve_scroll(raw, at)
        elif isinstance(raw, KeyPress) and element is None and raw.combo in _FRESH_FOCUS_COMBOS:
            element = self._resolve(self.resolver.focused_element)
        self._write(self.synth.feed(raw, element=element, now=at))

    def _resolve(self, fn: Callable[[], ElementInfo | None]) -> ElementInfo | None:
        started = time.perf_counter()
        element = fn()
        self.timings.add(time.perf_counter() - started)
        return element

    def _resolve_scroll(self, scroll: MouseScroll, at: float) -> ElementInfo | None:
        # A wheel fires many steps; resolve once per burst (the synthesiser keeps the element).
        last, self._last_scroll = self._last_scroll, (at, scroll.x, scroll.y)
        if (
            last is not None
            and at - last[0] < 0.5
            and abs(scroll.x - last[1]) + abs(scroll.y - last[2]) < 20
        ):
            return None
        return self._resolve(lambda: self.resolver.element_at(scroll.x, scroll.y))

    def _set_paused(self, paused: bool, at: float) -> None:
        if paused == self.state.paused:
            return
        if paused:
            self._write(self.synth.flush(at))
        self.state.paused = paused
        self._write(self.synth.mark(at, attrs={"recorder": "paused" if paused else "resumed"}))
        log.info("recording %s", "paused" if paused else "resumed")
        if self.status is not None:
            self.status.update(self.state, force=True)

    def _write(self, events: list[Event]) -> None:
        for event in events:
            safe = self.guard.apply(event)
            if safe is None:
                self.state.dropped = self.guard.dropped
                continue
            if self.state.stopped_because is not None:
                return  # the sink is full: capture has stopped, say so rather than lose silently
            try:
                self.sink.write(safe)
            except SinkFull as error:
                self._stop_capture(str(error))
                return
            self.state.events += 1

    def _stop_capture(self, reason: str) -> None:
        """The sink refused an event: stop recording, keep what is stored, show why."""
        log.warning("capture stopped: %s", reason)
        self.state.stopped_because = reason
        self.stop_requested.set()
        if self.status is not None:
            self.status.update(self.state, force=True)
