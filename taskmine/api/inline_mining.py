"""REST service, mining stage without Temporal: a ``MiningLauncher`` that mines in-process.

For tests and the smallest embedded setups. ``launch`` runs the whole job in a worker thread
and returns when it has finished, so after ``POST .../mining-jobs`` answers, the job is already
completed or failed. Any failure ends in a failed job with a readable ``error``; nothing is
raised to the HTTP caller (the job resource is where mining outcomes are reported).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from taskmine.storage import JobStatus, SqlStore, chain_pages

logger = logging.getLogger("taskmine.api.mining")

# discovery.discover(events, *, params, on_progress) -> DiscoveryResult
DiscoverFn = Callable[..., Any]


class MiningUnavailableError(RuntimeError):
    """The discovery package (``discovery.discover``) is not part of this installation."""


class InlineMiningLauncher:
    """Loads the events, runs ``discovery.discover``, saves the result, updates the job."""

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
            pages = self._store.iter_event_pages(project_id, page_size=self._page_size)
            events = list(chain_pages(pages))
            jobs.update_job(job_id, stage="mining", progress=0.3, counts={"events": len(events)})
            params = build_parameters(self._store.discovery_parameters(project_id))

            def report(stage: str, fraction: float) -> None:
                # Loading took the first 30%; mining's own progress fills the rest.
                progress = min(0.3 + 0.65 * max(fraction, 0.0), 0.95)
                jobs.update_job(job_id, stage=stage, progress=progress)

            result = to_result_dict(discover(events, params=params, on_progress=report))
            version = jobs.save_result(project_id, job_id, result)
        except Exception as error:  # a mining failure is the job's outcome, not the server's
            logger.exception("mining job %s of project %s failed", job_id, project_id)
            jobs.update_job(job_id, status=JobStatus.FAILED, stage="failed", error=_describe(error))
            return
        counts = {
            "events": len(events),
            "candidates": len(result.get("candidates", ())),
            "result_version": version,
        }
        jobs.update_job(job_id, status=JobStatus.COMPLETED, stage="completed", counts=counts)


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
    """``DiscoveryParameters`` from a project's overrides (defaults for everything unset)."""
    from discovery.parameters import DiscoveryParameters

    return DiscoveryParameters.model_validate(overrides)


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
