"""Storage rules for mining jobs whose events are deleted mid-job: when a job reads again, and
how often before it fails.

Both launchers follow these rules: the Temporal workflow (``workflows.mining`` and its
activities) and the in-process one (``taskmine.api.inline_mining``). So a job reads again for
the same reason and fails with the same message, whichever launcher runs it. A job notes the
project's deletion generation (``event_deletions``) before it reads any event. After its reads
it calls ``ensure_no_deletes_since``, and its save repeats that check inside the transaction
(``JobStore.save_result``). On a change the job plans again from fresh reads, at most
``MAX_PLANS`` times in all, and then fails with ``describe_repeated_deletes``. Pure: no I/O,
safe to import into the workflow sandbox.
"""

from __future__ import annotations

from taskmine.storage.errors import EventsDeletedError

# The first plan and up to three more after deletes. Deletes come from the hourly retention
# purge and from withdrawals, so one restart is rare and four in a row mean the project is
# being erased under the job.
MAX_PLANS = 4


def ensure_no_deletes_since(project_id: str, *, planned: int, current: int) -> None:
    """Raise ``EventsDeletedError`` if the project's deletion generation is no longer the one
    the job planned at: events read since then may include deleted ones."""
    if current != planned:
        raise EventsDeletedError(
            f"events of project {project_id!r} were deleted while the job read them "
            f"(deletion generation {planned} -> {current}); the job plans again"
        )


def describe_repeated_deletes(project_id: str, *, plans: int = MAX_PLANS) -> str:
    """Why a job failed after events were deleted under every one of its ``plans`` plans, and
    what to do."""
    return (
        f"events of project {project_id!r} were deleted while this job read them, "
        f"{plans} times in a row (retention purges or withdrawn consent); nothing was "
        "saved. Start a new job once the deletions have finished"
    )
