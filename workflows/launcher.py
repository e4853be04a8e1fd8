"""Adapter (API -> Temporal): ``TemporalMiningLauncher``, the ``MiningLauncher`` port on Temporal.

Each job is one ``MiningWorkflow`` whose workflow id is the job id, so starting a job twice
(a retried request, a second launcher) never mines it twice: a running workflow is reused and
a finished one is left alone. From then on the workflow's activities move the job row; when
Temporal cannot be reached the launcher fails the job itself with a reason that says so, so the
job resource never stays "queued" for a workflow that does not exist. ``cancel`` tells the
workflow who cancels and why (a signal), then cancels it; the workflow records the rest.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from workflows.mining import MiningWorkflow
from workflows.models import CancelRequest, MiningJobInput, MiningProgress
from workflows.worker import DEFAULT_TASK_QUEUE

logger = logging.getLogger("taskmine.workflows.launcher")


class JobUpdater(Protocol):
    def update_job(self, job_id: str, **fields: Any) -> Any: ...


class TemporalMiningLauncher:
    """Starts ``MiningWorkflow`` for a queued job on ``task_queue``."""

    def __init__(
        self,
        client: Client,
        *,
        task_queue: str = DEFAULT_TASK_QUEUE,
        jobs: JobUpdater | None = None,
        max_parallel_chunks: int = 8,
        liveness_timeout_s: float = 30.0,
    ) -> None:
        self._client = client
        self._task_queue = task_queue
        self._jobs = jobs
        self._chunks = max_parallel_chunks
        self._liveness = liveness_timeout_s

    async def launch(self, *, project_id: str, job_id: str) -> None:
        job = MiningJobInput(
            project_id=project_id,
            job_id=job_id,
            max_parallel_chunks=self._chunks,
            liveness_timeout_s=self._liveness,
        )
        try:
            await self._client.start_workflow(
                MiningWorkflow.run,
                job,
                id=job_id,
                task_queue=self._task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            )
        except WorkflowAlreadyStartedError:
            return  # this job's workflow already ran; its outcome is on the job row
        except RPCError as error:
            logger.exception("could not start the mining workflow of job %s", job_id)
            await self._update(
                job_id,
                status="failed",
                stage="failed",
                error=f"the workflow engine could not start this job ({error.message}); "
                "check that Temporal is running and start a new job",
            )
            return
        await self._update(job_id, workflow_id=job_id)

    async def cancel(self, job_id: str, *, by: str, reason: str) -> bool:
        """Ask the job's workflow to stop; False when there is no running workflow to stop.

        Raises ``ConnectionError`` when Temporal cannot be reached (the API answers 503).

        The workflow stops its activities, marks the job cancelled with ``by`` and ``reason``
        and cleans up; the job row shows that a few seconds later."""
        handle: WorkflowHandle[Any, Any] = self._client.get_workflow_handle(job_id)
        try:
            await handle.signal(MiningWorkflow.request_cancel, CancelRequest(by=by, reason=reason))
            await handle.cancel(reason=reason or f"cancelled by {by}")
        except RPCError as error:
            if error.status == RPCStatusCode.NOT_FOUND:
                return False  # never started, or already closed
            if error.status in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED):
                raise ConnectionError(f"Temporal is unreachable ({error.message})") from error
            raise
        return True

    async def progress(self, job_id: str) -> MiningProgress:
        """What the job's workflow answers to its ``progress`` query."""
        handle: WorkflowHandle[Any, Any] = self._client.get_workflow_handle(job_id)
        return await handle.query(MiningWorkflow.progress)

    async def _update(self, job_id: str, **fields: Any) -> None:
        if self._jobs is not None:
            await asyncio.to_thread(self._jobs.update_job, job_id, **fields)
