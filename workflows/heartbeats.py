"""Activity support: keep a long synchronous activity visibly alive while the pure core runs.

A pure stage (``mine_routines`` on a million events) gives no chance to heartbeat from inside
it, yet a dead worker should be noticed within the job's liveness timeout, not after the
activity's overall limit. ``heartbeating`` beats from a side thread every few seconds while the
block runs; outside an activity it does nothing, so the same code runs in plain tests.

Heartbeats are also how a cancellation reaches a running activity: the server answers a beat
with "cancel requested" and the SDK raises ``CancelledError`` into the activity's thread, so a
beat every few seconds bounds how late a cancelled job stops (the worker's heartbeat throttle
is set below this period, ``workflows.worker``). ``shielded_from_cancellation`` holds that
exception back over a block that must not be cut in two (saving a result and completing the
job).
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

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


def shielded_from_cancellation() -> AbstractContextManager[None]:
    """Delay a cancellation raised into this activity's thread until the block has ended."""
    if not activity.in_activity():
        return nullcontext()
    return activity.shield_thread_cancel_exception()
