"""Activity support (every stage): what a job's stages read, all of it from the job's snapshot.

The stages read through one ``JobReads`` per worker. It holds the discovery parameters the plan
hands on (a blob) and the event filters pinned on the job row. It reads the job's events at or
below its cut-off, all of them (kept in the worker's event cache, one entry per deletion
generation) or one partition's. It also checks that no event of the project was deleted since
the plan (``taskmine.storage.replans``). Going through one object means a stage cannot read
past the snapshot by forgetting an argument. No Temporal here, except the heartbeat a long read
gives after each page.
"""

from __future__ import annotations

from discovery import DiscoveryParameters
from taskmine.domain import Event
from taskmine.governance.policy import EventFilters
from taskmine.storage.replans import ensure_no_deletes_since
from workflows.blobs import BlobStore, work_key
from workflows.event_cache import EventCache, JobEvents, PartitionId
from workflows.heartbeats import beat
from workflows.models import JobRef
from workflows.ports import MiningStore

_PARAMETERS = "parameters.json"


class JobReads:
    """A job's snapshot as its stages see it, on one store, blob store and event cache."""

    def __init__(
        self, store: MiningStore, blobs: BlobStore, *, cache: EventCache, page_size: int
    ) -> None:
        self._store = store
        self._blobs = blobs
        self._cache = cache
        self._page_size = page_size

    def hand_on_parameters(self, job_id: str, parameters: DiscoveryParameters) -> None:
        """The plan's copy of the pinned discovery parameters, for the stages after it."""
        self._blobs.put(work_key(job_id, _PARAMETERS), parameters.model_dump_json().encode())

    def parameters(self, job_id: str) -> DiscoveryParameters:
        return DiscoveryParameters.model_validate_json(
            self._blobs.get(work_key(job_id, _PARAMETERS))
        )

    def event_filters(self, job_id: str) -> EventFilters:
        # The filters pinned on the job row, not the project's current ones: a filter changed
        # mid-job applies to the next job, not to this one's later stages.
        return EventFilters.model_validate(self._store.job_parameters(job_id)["event_filters"])

    def job_events(self, ref: JobRef) -> JobEvents:
        """All the job's events, from this worker's cache if it read them under the same
        deletion generation, else from the store (and then cached)."""
        return self._cache.get_or_load(
            ref.job_id,
            lambda: self._load(
                ref.project_id, None, ref.event_cutoff, self.event_filters(ref.job_id)
            ),
            generation=ref.deletion_generation,
        )

    def cached_events(self, job_id: str, *, generation: int) -> JobEvents | None:
        """The job's events if this worker holds them under ``generation``."""
        return self._cache.get(job_id, generation=generation)

    def partition_events(
        self, project_id: str, partition: PartitionId, *, cutoff: int, filters: EventFilters
    ) -> list[Event]:
        """One (user_id, session_id) partition's events of the job, from the store."""
        return self._load(project_id, partition, cutoff, filters)

    def check_no_deletes(self, project_id: str, generation: int) -> None:
        """Raise ``EventsDeletedError`` if events of the project were deleted since the job
        planned at ``generation``: what the stage read may then hold events that are gone."""
        current = self._store.deletion_generation(project_id)
        ensure_no_deletes_since(project_id, planned=generation, current=current)

    def forget(self, job_id: str) -> None:
        """Drop the job's cached events (the job ended)."""
        self._cache.drop(job_id)

    def _load(
        self,
        project_id: str,
        partition: PartitionId | None,
        cutoff: int,
        filters: EventFilters,
    ) -> list[Event]:
        events: list[Event] = []
        pages = self._store.iter_event_pages(
            project_id,
            page_size=self._page_size,
            partition=partition,
            up_to_seq=cutoff,
            event_filters=filters,
        )
        for page in pages:
            events += page
            beat()
        return events
