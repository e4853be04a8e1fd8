"""REST service, mining stage without Temporal: a ``MiningLauncher`` that mines in-process.

For tests and the smallest embedded setups. ``launch`` runs the whole job in a worker thread
and returns when it has finished, so after ``POST .../mining-jobs`` answers, the job is already
completed or failed. Any failure ends in a failed job with a readable ``error``; nothing is
raised to the HTTP caller (the job resource is where mining outcomes are reported).

The job keeps the Temporal workflow's snapshot (docs/workflows.md, "Snapshot" and "Deletes").
It makes the same store calls and follows the same rules (``taskmine.storage.replans``). It
reads only the events at or below the cut-off pinned when the job was created. It applies the
event filters and discovery settings pinned with that cut-off. It reads the project's deletion
generation before any event, checks it after the reads, and has the save check it again
inside its transaction. A delete noticed by either check makes the job read and mine again
from fresh reads, at most ``MAX_PLANS`` times in all. After that the job fails with the
workflow's reason and saves nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from taskmine.governance.policy import EventFilters
from taskmine.storage import EventsDeletedError, JobStatus, SqlStore, chain_pages
from taskmine.storage.replans import MAX_PLANS, describe_repeated_deletes, ensure_no_deletes_since

if TYPE_CHECKING:  # imported when mining runs: the discovery package may be missing
    from discovery.parameters import DiscoveryParameters

logger = logging.getLogger("taskmine.api.mining")

# discovery.discover(events, *, params, on_progress) -> DiscoveryResult
DiscoverFn = Callable[..., Any]


class MiningUnavailableError(RuntimeError):
    """The discovery package (``discovery.discover``) is not part of this installation."""


@dataclass(frozen=True, slots=True)
class JobSnapshot:
    """What a job mines, pinned on its row when it was created: the highest event ``seq`` it
    reads, the discovery parameters and the event filters."""

    event_cutoff: int
    params: DiscoveryParameters
    event_filters: EventFilters


class InlineMiningLauncher:
    """Loads the job's events, runs ``discovery.discover``, saves the result, updates the job."""

    def __init__(
        self, store: SqlStore, *, discover: DiscoverFn | None = None, page_size: int = 5_000
    ) -> None:
        self._store = store
        self._discover = discover
        self._page_size = page_size

    async def launch(self, *, project_id: str, job_id: str) -> None:
        await asyncio.to_thread(self.run_job, project_id=project_id, job_id=job_id)

    def run_job(self, *, project_id: str, job_id: str) -> None:
        jobs = self._store.jobs
        jobs.update_job(job_id, status=JobStatus.RUNNING, stage="loading", progress=0.05)
        try:
            discover = self._discover or load_discover()
            snapshot = self._read_snapshot(job_id)
            counts = self._mine_until_no_deletes(project_id, job_id, snapshot, discover)
        except Exception as error:  # a mining failure is the job's outcome, not the server's
            logger.exception("mining job %s of project %s failed", job_id, project_id)
            jobs.update_job(job_id, status=JobStatus.FAILED, stage="failed", error=_describe(error))
            return
        jobs.update_job(job_id, status=JobStatus.COMPLETED, stage="completed", counts=counts)

    def _read_snapshot(self, job_id: str) -> JobSnapshot:
        # A job row from before migrations 0005 / 0006 has its cut-off and parameters pinned
        # by these calls, once, as the workflow's plan does.
        pinned = self._store.job_parameters(job_id)
        return JobSnapshot(
            event_cutoff=self._store.event_cutoff(job_id),
            params=build_parameters(pinned["discovery"]),
            event_filters=EventFilters.model_validate(pinned["event_filters"]),
        )

    def _mine_until_no_deletes(
        self, project_id: str, job_id: str, snapshot: JobSnapshot, discover: DiscoverFn
    ) -> dict[str, Any]:
        for replans in range(MAX_PLANS):
            try:
                return self._mine_once(project_id, job_id, snapshot, discover, replans=replans)
            except EventsDeletedError as deleted:
                logger.info("mining job %s reads its events again: %s", job_id, deleted)
        raise EventsDeletedError(describe_repeated_deletes(project_id, plans=MAX_PLANS))

    def _mine_once(
        self,
        project_id: str,
        job_id: str,
        snapshot: JobSnapshot,
        discover: DiscoverFn,
        *,
        replans: int,
    ) -> dict[str, Any]:
        """Read, mine and save once; the job's counts. Raises ``EventsDeletedError`` (nothing
        saved) if events of the project were deleted after the generation was read."""
        jobs = self._store.jobs
        if replans:
            jobs.update_job(job_id, stage="loading", progress=0.05)
        # Before any event is read: the events read below are the project's while it stays so.
        generation = self._store.deletion_generation(project_id)
        pages = self._store.iter_event_pages(
            project_id,
            page_size=self._page_size,
            up_to_seq=snapshot.event_cutoff,
            event_filters=snapshot.event_filters,
        )
        events = list(chain_pages(pages))
        # A delete during the reads is noticed here, before any time is spent mining.
        current = self._store.deletion_generation(project_id)
        ensure_no_deletes_since(project_id, planned=generation, current=current)
        counts: dict[str, Any] = {"events": len(events), "event_cutoff": snapshot.event_cutoff}
        jobs.update_job(job_id, stage="mining", progress=0.3, counts=counts)

        def report(stage: str, fraction: float) -> None:
            # Loading took the first 30%; mining's own progress fills the rest.
            progress = min(0.3 + 0.65 * max(fraction, 0.0), 0.95)
            jobs.update_job(job_id, stage=stage, progress=progress)

        result = to_result_dict(discover(events, params=snapshot.params, on_progress=report))
        # A delete that commits while mining (or up to the save) makes the save raise.
        version = self._store.save_result(
            project_id, job_id, result, deletion_generation=generation
        )
        return {
            **counts,
            "candidates": len(result.get("candidates", ())),
            "result_version": version,
            "replans": replans,
        }


def load_discover() -> DiscoverFn:
    try:
        from discovery import discover
    except ImportError as error:
        raise MiningUnavailableError(
            "mining is not available: discovery.discover could not be imported "
            f"({error}); install the complete taskmine package"
        ) from error
    return discover


def build_parameters(overrides: dict[str, Any]) -> Any:
    """``DiscoveryParameters`` from a project's overrides (defaults for everything unset); a
    refused setting fails the job with the same readable reason as under Temporal."""
    from discovery.parameters import parse_parameters

    return parse_parameters(overrides)


def to_result_dict(result: Any) -> dict[str, Any]:
    if isinstance(result, dict):
        return result
    to_json = getattr(result, "to_json_dict", None)
    if callable(to_json):
        return dict(to_json())
    raise TypeError(f"discover returned {type(result).__name__}, not a discovery result")


def _describe(error: BaseException) -> str:
    message = str(error) or type(error).__name__
    return message if len(message) <= 2_000 else message[:1_997] + "..."
