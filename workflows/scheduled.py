"""Workflow: one scheduled re-mine of a project (what its Temporal Schedule starts each period).

A schedule starts the same workflow with the same input every time, but every mining job needs
its own job row. So this workflow only orchestrates: create a queued job (an activity), then run
``MiningWorkflow`` for it as a child whose workflow id is the job id, exactly as a job started
through the API. Deterministic: no clock, no I/O here.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from workflows.mining import ACTIVITY_RETRY, MiningWorkflow
    from workflows.models import MiningJobInput, MiningOutcome, ProjectRef, ScheduledMiningInput


@workflow.defn(name="ScheduledMiningWorkflow")
class ScheduledMiningWorkflow:
    @workflow.run
    async def run(self, scheduled: ScheduledMiningInput) -> MiningOutcome:
        job_id: str = await workflow.execute_activity(
            "create_mining_job",
            ProjectRef(project_id=scheduled.project_id),
            result_type=str,
            start_to_close_timeout=timedelta(seconds=scheduled.liveness_timeout_s),
            retry_policy=ACTIVITY_RETRY,
        )
        job = MiningJobInput(
            project_id=scheduled.project_id,
            job_id=job_id,
            max_parallel_chunks=scheduled.max_parallel_chunks,
            liveness_timeout_s=scheduled.liveness_timeout_s,
        )
        return await workflow.execute_child_workflow(MiningWorkflow.run, job, id=job_id)
