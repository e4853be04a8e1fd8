"""Workflow: one mining job of one project (orchestration only; the work is in activities).

load plan -> learn the vocabulary (one global pass) -> segment partitions in parallel chunks ->
mine routines, rank and persist the ``taskmine.discovery/v1`` result. Progress is answered by the
``progress`` query and written to the job row so that ``GET /v1/mining-jobs/{id}`` shows it.

Events deleted while the job runs (retention, withdrawn consent) make the stage that notices
raise ``EventsDeletedError``; the job then plans again from fresh reads, at most
``MAX_PLANS`` times in all, and fails with a reason that says so after that. Starting over
rather than patching the result keeps the result exactly ``discover`` of the events that
exist when it is saved: what a deleted event contributed (support, variants, the vocabulary,
the idle gap) cannot be subtracted from a ranked result.

Cancellation (the API's ``:cancel`` route, or any Temporal client / ``temporal workflow
cancel``) stops the running activities at their next heartbeat, waits until they have stopped,
then marks the job cancelled (who and why from the ``request_cancel`` signal, else "Temporal"
and the cancellation's reason) and deletes its partial blobs; the workflow ends cancelled.
Everything here must stay deterministic: no clock, no I/O, no randomness.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, is_cancelled_exception
from temporalio.workflow import ActivityCancellationType

with workflow.unsafe.imports_passed_through():
    from taskmine.storage.replans import MAX_PLANS, describe_repeated_deletes
    from workflows.models import (
        CancelRequest,
        JobCancellation,
        JobFailure,
        JobRef,
        MineInput,
        MiningJobInput,
        MiningOutcome,
        MiningProgress,
        PartitionPlan,
        ProgressUpdate,
        SegmentChunkInput,
    )

# What an activity's failure is called when events were deleted under the job: the class name
# of ``taskmine.storage.errors.EventsDeletedError``, which Temporal reports as the error type.
EVENTS_DELETED = "EventsDeletedError"
# Temporal's defaults (1 s, x2) with a cap: a mining job should not sit for minutes between
# retries of a transient database error, and a genuine bug should fail the job in bounded time.
ACTIVITY_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=5,
    # EventsDeletedError: a retry would read at the same (stale) generation; the workflow
    # plans again instead.
    non_retryable_error_types=["MiningInputError", EVENTS_DELETED],
)
# Long activities are bounded by heartbeats (the job's liveness timeout), so their overall limit
# only has to stop a runaway: generous enough for a project of several million events.
LONG = timedelta(hours=2)
# A cancelled job waits for its running activities to stop (their next heartbeat) before it
# cleans up, so no activity writes a blob or a result after the cleanup.
WAIT = ActivityCancellationType.WAIT_CANCELLATION_COMPLETED
# Who cancelled a job when the cancellation came from Temporal itself, not through the API.
TEMPORAL_CANCELLER = "temporal"


@workflow.defn(name="MiningWorkflow")
class MiningWorkflow:
    def __init__(self) -> None:
        self._progress = MiningProgress(stage="queued", progress=0.0)
        self._job_id = ""
        self._alive = timedelta(seconds=30)
        self._cancel: CancelRequest | None = None

    @workflow.query(name="progress")
    def progress(self) -> MiningProgress:
        return self._progress

    @workflow.signal(name="request_cancel")
    def request_cancel(self, request: CancelRequest) -> None:
        """Who is about to cancel this job and why (the cancellation itself follows)."""
        if self._cancel is None:
            self._cancel = request

    @workflow.run
    async def run(self, job: MiningJobInput) -> MiningOutcome:
        self._job_id = job.job_id
        self._alive = timedelta(seconds=job.liveness_timeout_s)
        try:
            return await self._mine(job)
        except (asyncio.CancelledError, ActivityError, ApplicationError) as failure:
            if workflow.cancellation_reason() is not None:
                # Whatever an activity answered once the job was cancelled (stopped, or timed
                # out because its worker was gone), the job ends cancelled.
                await self._mark_cancelled(job)
                if is_cancelled_exception(failure):
                    raise
                raise asyncio.CancelledError() from failure
            if isinstance(failure, asyncio.CancelledError):
                raise
            reason = _describe(failure)
            await workflow.execute_activity(
                "mark_job_failed",
                JobFailure(job_id=job.job_id, error=reason),
                start_to_close_timeout=self._alive,
                retry_policy=ACTIVITY_RETRY,
            )
            raise ApplicationError(reason, non_retryable=True) from failure

    async def _mine(self, job: MiningJobInput) -> MiningOutcome:
        for replans in range(MAX_PLANS):
            try:
                return await self._mine_once(job, replans=replans)
            except ActivityError as failure:
                if not _events_were_deleted(failure):
                    raise
        # The same reason as the in-process launcher's (``taskmine.storage.replans``).
        raise ApplicationError(
            describe_repeated_deletes(job.project_id, plans=MAX_PLANS),
            type=EVENTS_DELETED,
            non_retryable=True,
        )

    async def _mine_once(self, job: MiningJobInput, *, replans: int) -> MiningOutcome:
        await self._report("planning", 0.02)
        plan: PartitionPlan = await workflow.execute_activity(
            "plan_partitions",
            job,
            result_type=PartitionPlan,
            start_to_close_timeout=LONG,
            heartbeat_timeout=self._alive,
            retry_policy=ACTIVITY_RETRY,
            cancellation_type=WAIT,
        )
        ref = JobRef(
            project_id=job.project_id,
            job_id=job.job_id,
            event_cutoff=plan.event_cutoff,
            deletion_generation=plan.deletion_generation,
        )
        total = sum(len(chunk) for chunk in plan.chunks)
        self._progress = MiningProgress(stage="vocabulary", progress=0.05, partitions_total=total)
        vocabulary_key: str = await workflow.execute_activity(
            "learn_vocabulary",
            ref,
            result_type=str,
            start_to_close_timeout=LONG,
            heartbeat_timeout=self._alive,
            retry_policy=ACTIVITY_RETRY,
            cancellation_type=WAIT,
        )
        await self._report("segmenting", 0.2, total=total)
        segment_keys = await self._segment_all(ref, plan, vocabulary_key, total)
        await self._report("mining", 0.75, done=total, total=total)
        outcome: MiningOutcome = await workflow.execute_activity(
            "mine_and_persist",
            MineInput(
                project_id=job.project_id,
                job_id=job.job_id,
                event_cutoff=plan.event_cutoff,
                segment_keys=tuple(segment_keys),
                vocabulary_key=vocabulary_key,
                deletion_generation=plan.deletion_generation,
                replans=replans,
            ),
            result_type=MiningOutcome,
            start_to_close_timeout=LONG,
            heartbeat_timeout=self._alive,
            retry_policy=ACTIVITY_RETRY,
            cancellation_type=WAIT,
        )
        self._progress = MiningProgress(
            stage="completed", progress=1.0, partitions_done=total, partitions_total=total
        )
        return outcome

    async def _segment_all(
        self, ref: JobRef, plan: PartitionPlan, vocabulary_key: str, total: int
    ) -> list[str]:
        done = 0

        async def segment(index: int) -> str:
            nonlocal done
            chunk = plan.chunks[index]
            key: str = await workflow.execute_activity(
                "segment_chunk",
                SegmentChunkInput(
                    project_id=ref.project_id,
                    job_id=ref.job_id,
                    event_cutoff=ref.event_cutoff,
                    chunk_index=index,
                    partitions=chunk,
                    vocabulary_key=vocabulary_key,
                    deletion_generation=ref.deletion_generation,
                ),
                result_type=str,
                start_to_close_timeout=LONG,
                heartbeat_timeout=self._alive,
                retry_policy=ACTIVITY_RETRY,
                cancellation_type=WAIT,
            )
            done += len(chunk)
            await self._report("segmenting", 0.2 + 0.55 * done / max(total, 1), done, total)
            return key

        # gather keeps the keys in chunk order, whatever order the activities finish in, so the
        # merge (and with it the result) does not depend on scheduling. It also waits for every
        # chunk before failing: a failed or cancelled job cleans up only once no chunk writes.
        keys = await asyncio.gather(
            *(segment(i) for i in range(len(plan.chunks))), return_exceptions=True
        )
        for key in keys:
            if isinstance(key, BaseException):
                raise key
        return [str(key) for key in keys]

    async def _mark_cancelled(self, job: MiningJobInput) -> None:
        request = self._cancel or CancelRequest(
            by=TEMPORAL_CANCELLER,
            reason=workflow.cancellation_reason() or "cancelled through Temporal",
        )
        await workflow.execute_activity(
            "mark_job_cancelled",
            JobCancellation(job_id=job.job_id, by=request.by, reason=request.reason),
            start_to_close_timeout=self._alive,
            retry_policy=ACTIVITY_RETRY,
        )

    async def _report(self, stage: str, progress: float, done: int = 0, total: int = 0) -> None:
        self._progress = MiningProgress(
            stage=stage, progress=progress, partitions_done=done, partitions_total=total
        )
        await workflow.execute_activity(
            "report_progress",
            ProgressUpdate(job_id=self._job_id, stage=stage, progress=progress),
            start_to_close_timeout=self._alive,
            retry_policy=ACTIVITY_RETRY,
        )


def _events_were_deleted(failure: ActivityError) -> bool:
    cause = failure.cause
    return isinstance(cause, ApplicationError) and cause.type == EVENTS_DELETED


def _describe(failure: BaseException) -> str:
    """The innermost message: what actually went wrong, not Temporal's wrapping.

    A ``MiningInputError`` speaks to the user as it is; any other error keeps its type as a
    prefix (``KeyError: ...``), which is what an operator needs to look it up."""
    message = _message(failure)
    cause = failure.__cause__
    while cause is not None:
        if str(cause):
            message = _message(cause)
        cause = cause.__cause__
    return message or type(failure).__name__


def _message(error: BaseException) -> str:
    if isinstance(error, ApplicationError) and error.type == "MiningInputError":
        return error.message
    return str(error)
