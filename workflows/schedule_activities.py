"""Activity of the scheduled run (``workflows.scheduled``): a job row for this run, made once.

A project's mining schedule (``workflows.schedules``) starts a ``ScheduledMiningWorkflow`` every
period. Its one activity of its own makes the job row that the ``MiningWorkflow`` child then
mines. It is keyed by the run's workflow id, so a retry never leaves a second job queued.
"""

from __future__ import annotations

from temporalio import activity

from workflows.models import ProjectRef
from workflows.ports import MiningJobCreator


class ScheduleActivities:
    """The scheduled run's own activity: a job row for this run, made once per run."""

    def __init__(self, jobs: MiningJobCreator) -> None:
        self._jobs = jobs

    @activity.defn(name="create_mining_job")
    def create_mining_job(self, project: ProjectRef) -> str:
        # Keyed by the scheduled run's workflow id: a retry after a lost reply finds the job
        # it already made instead of leaving a second one queued forever.
        run_id = activity.info().workflow_id
        for job in self._jobs.list_jobs(project.project_id):
            if job.workflow_id == run_id:
                return str(job.id)
        return str(self._jobs.create_job(project.project_id, workflow_id=run_id).id)
