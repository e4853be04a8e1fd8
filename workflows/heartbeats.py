"""Activity support: keep a long synchronous activity visibly alive while the pure core runs.

A pure stage (``mine_routines`` on a million events) gives no chance to heartbeat from inside
it, yet a dead worker should be noticed within the job's liveness timeout, not after the
activity's overall limit. ``heartbeating`` beats from a side thread every few seconds while the
block runs; outside an activity it does nothing, so the same code runs in plain tests.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from temporalio import activity

BEAT_EVERY_S = 2.0


@contextmanager
def heartbeating(*, every_s: float = BEAT_EVERY_S) -> Iterator[None]:
    """Heartbeat the current activity every ``every_s`` seconds until the block ends."""
    if not activity.in_activity():
        yield
        return
    # The activity context lives in a context variable; the side thread needs its own copy.
    context = contextvars.copy_context()
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every_s):
            try:
                context.run(activity.heartbeat)
            except Exception:  # a beat lost while the worker shuts down must not kill the job
                return

    thread = threading.Thread(target=beat, name="taskmine-heartbeat", daemon=True)
    thread.start()
    try:
        activity.heartbeat()
        yield
    finally:
        stop.set()
        thread.join()


def beat() -> None:
    """One heartbeat when running inside an activity (between pages, partitions)."""
    if activity.in_activity():
        activity.heartbeat()
