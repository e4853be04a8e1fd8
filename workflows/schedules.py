"""Adapter (Temporal client side): re-mine a project on a Temporal Schedule.

``ensure_mining_schedule`` creates, or updates in place, one schedule per project (id
``mining-<project_id>``) that starts ``ScheduledMiningWorkflow`` every period; overlapping runs
are skipped, so a slow job never piles up a queue behind it. The activity those runs need
(making the job row) is ``workflows.schedule_activities.ScheduleActivities``.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleHandle,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
)
from temporalio.service import RPCError, RPCStatusCode

from workflows.models import ScheduledMiningInput
from workflows.scheduled import ScheduledMiningWorkflow
from workflows.worker import DEFAULT_TASK_QUEUE

MIN_PERIOD = timedelta(minutes=1)


def schedule_id_for(project_id: str) -> str:
    return f"mining-{project_id}"


async def ensure_mining_schedule(
    client: Client,
    project_id: str,
    *,
    every: timedelta,
    task_queue: str = DEFAULT_TASK_QUEUE,
    max_parallel_chunks: int = 8,
    liveness_timeout_s: float = 30.0,
) -> ScheduleHandle:
    """Make the project re-mine every ``every`` (create the schedule, or change its period)."""
    if every < MIN_PERIOD:
        raise ValueError(f"a mining schedule runs at most once a minute, not every {every}")
    schedule = Schedule(
        action=ScheduleActionStartWorkflow(
            ScheduledMiningWorkflow.run,
            ScheduledMiningInput(
                project_id=project_id,
                max_parallel_chunks=max_parallel_chunks,
                liveness_timeout_s=liveness_timeout_s,
            ),
            id=f"scheduled-mining-{project_id}",
            task_queue=task_queue,
        ),
        spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=every)]),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP),
    )
    schedule_id = schedule_id_for(project_id)
    try:
        return await client.create_schedule(schedule_id, schedule)
    except ScheduleAlreadyRunningError:
        handle = client.get_schedule_handle(schedule_id)

        def replace(_: ScheduleUpdateInput) -> ScheduleUpdate:
            return ScheduleUpdate(schedule=schedule)

        await handle.update(replace)
        return handle


async def remove_mining_schedule(client: Client, project_id: str) -> bool:
    """Stop re-mining the project; False when it had no schedule."""
    try:
        await client.get_schedule_handle(schedule_id_for(project_id)).delete()
    except RPCError as error:
        if error.status == RPCStatusCode.NOT_FOUND:
            return False
        raise
    return True
