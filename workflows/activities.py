"""Activities of the mining workflow: the pure discovery stages wrapped with storage and blobs.

Each activity is one stage of ``discovery`` (plan -> vocabulary -> segment chunks -> mine, rank
and persist) and passes its bulky output on through the blob store under a key made from the job
id and the stage, so a retry overwrites its own earlier output. Persistence is idempotent: the
result is saved once per job (``save_result``), and a finished job leaves an outcome marker that
a retried ``mine_and_persist`` returns without saving anything. The long activities heartbeat,
so a dead worker is noticed within the job's liveness timeout and a cancelled job's activity
stops at its next heartbeat (the SDK raises ``CancelledError`` into the activity's thread);
``mark_job_cancelled`` then records the cancellation and deletes the job's partial blobs.
Every stage reads only the events at or below the job's cut-off (``event_cutoff``, pinned when
the job was created), so events uploaded meanwhile wait for the next job, and applies the event
filters and discovery parameters pinned with it. Deletes are the other way the events can
change: the plan reads the project's deletion generation before any event, every stage checks
after its reads that it is unchanged, and the save checks it again in its transaction; on a
change the stage raises ``EventsDeletedError`` (never retried) and the workflow plans again.
Composing the stages gives exactly ``discovery.discover`` on the same events (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError
from temporalio import activity

from discovery import (
    DiscoveryParameters,
    Segment,
    Vocabulary,
    mine_routines,
    rank_candidates,
    segment_partition,
)
from discovery import learn_vocabulary as learn_vocabulary_of
from taskmine.domain import Event
from taskmine.governance.policy import EventFilters
from taskmine.storage.errors import EventsDeletedError
from workflows.blobs import BlobStore
from workflows.event_cache import EventCache, JobEvents
from workflows.heartbeats import beat, heartbeating, shielded_from_cancellation
from workflows.models import (
    JobCancellation,
    JobFailure,
    JobRef,
    MineInput,
    MiningJobInput,
    MiningOutcome,
    PartitionKey,
    PartitionPlan,
    ProgressUpdate,
    ProjectRef,
    SegmentChunkInput,
)
from workflows.ports import MiningJobCreator, MiningStore

PAGE_SIZE = 5_000
_SEGMENTS = TypeAdapter(list[Segment])
# (stage, job id) -> None, called as each mining stage starts (while heartbeating): the seam
# tests use to hold a job in a stage, or to upload events while it runs.
StageHook = Callable[[str, str], None]


class MiningInputError(Exception):
    """The job cannot succeed as asked (no events, invalid settings): never retried."""


class MiningActivities:
    """The mining stages, bound to a store and a blob store (one instance per worker)."""

    def __init__(
        self,
        store: MiningStore,
        blobs: BlobStore,
        *,
        cache: EventCache | None = None,
        page_size: int = PAGE_SIZE,
        stage_hook: StageHook | None = None,
    ) -> None:
        self._store = store
        self._blobs = blobs
        self._cache = cache if cache is not None else EventCache()
        self._page_size = page_size
        self._hook = stage_hook

    @activity.defn(name="plan_partitions")
    def plan_partitions(self, job: MiningJobInput) -> PartitionPlan:
        """Note the deletion generation, hand the pinned parameters on, and group the
        partitions (of the events at or below the job's cut-off) into balanced, ordered
        chunks."""
        self._enter("plan_partitions", job.job_id)
        cutoff = job.event_cutoff
        if cutoff is None:
            cutoff = self._store.event_cutoff(job.job_id)
        # Before any event is read: every read of this plan's stages holds while it stays so.
        generation = self._store.deletion_generation(job.project_id)
        parameters = _parse_parameters(self._store.job_parameters(job.job_id)["discovery"])
        self._blobs.put(_key(job.job_id, "parameters.json"), parameters.model_dump_json().encode())
        partitions = [
            PartitionKey(user_id=user, session_id=session, events=count)
            for user, session, count in self._store.list_partitions(
                job.project_id, up_to_seq=cutoff
            )
        ]
        self._check_no_deletes(job.project_id, generation)
        events = sum(p.events for p in partitions)
        if events == 0:
            raise MiningInputError(
                f"project {job.project_id!r} has no events to mine; upload events with "
                f"POST /v1/projects/{job.project_id}/events:batch, then start a new job"
            )
        self._store.update_job(
            job.job_id,
            status="running",
            counts={"events": events, "partitions": len(partitions), "event_cutoff": cutoff},
        )
        return PartitionPlan(
            events=events,
            event_cutoff=cutoff,
            chunks=_balanced_chunks(partitions, job.max_parallel_chunks),
            deletion_generation=generation,
        )

    @activity.defn(name="learn_vocabulary")
    def learn_vocabulary(self, ref: JobRef) -> str:
        """The one global pass: which name parts are data, how long an idle gap is."""
        self._enter("learn_vocabulary", ref.job_id)
        parameters = self._parameters(ref.job_id)
        job_events = self._job_events(ref)
        self._check_no_deletes(ref.project_id, ref.deletion_generation)
        with heartbeating():
            vocabulary = learn_vocabulary_of(
                job_events.events, params=parameters, reader=job_events.reader
            )
        blob = _key(ref.job_id, "vocabulary.json")
        return self._blobs.put(blob, vocabulary.model_dump_json().encode())

    @activity.defn(name="segment_chunk")
    def segment_chunk(self, chunk: SegmentChunkInput) -> str:
        """Segment each partition of one chunk; the segments go to the blob store."""
        self._enter("segment_chunk", chunk.job_id)
        parameters = self._parameters(chunk.job_id)
        vocabulary = Vocabulary.model_validate_json(self._blobs.get(chunk.vocabulary_key))
        cached = self._cache.get(chunk.job_id, generation=chunk.deletion_generation)
        normaliser = vocabulary.normaliser(reader=cached.reader if cached else None)
        filters = None if cached else self._event_filters(chunk.job_id)
        segments: list[Segment] = []
        for partition in chunk.partitions:
            key = (partition.user_id, partition.session_id)
            events = (
                cached.partition(key)
                if cached
                else self._load(chunk.project_id, key, chunk.event_cutoff, filters)
            )
            segments += segment_partition(
                events, vocabulary=vocabulary, params=parameters, normaliser=normaliser
            )
            beat()
        self._check_no_deletes(chunk.project_id, chunk.deletion_generation)
        blob = _key(chunk.job_id, f"segments/{chunk.chunk_index:05d}.json")
        return self._blobs.put(blob, _SEGMENTS.dump_json(segments))

    @activity.defn(name="mine_and_persist")
    def mine_and_persist(self, mine: MineInput) -> MiningOutcome:
        """Mine routines across all segments, rank them, save the result once, finish the job."""
        done = self._finished(mine.job_id)
        if done is not None:
            return done
        self._enter("mine_and_persist", mine.job_id)
        parameters = self._parameters(mine.job_id)
        segments: list[Segment] = []
        for key in mine.segment_keys:
            segments += _SEGMENTS.validate_json(self._blobs.get(key))
            beat()
        ref = JobRef(
            project_id=mine.project_id,
            job_id=mine.job_id,
            event_cutoff=mine.event_cutoff,
            deletion_generation=mine.deletion_generation,
        )
        with heartbeating():
            routines = mine_routines(segments, params=parameters)
            events = self._job_events(ref).events
            self._check_no_deletes(mine.project_id, mine.deletion_generation)
            result = rank_candidates(
                routines, events_by_id={e.event_id: e for e in events}, params=parameters
            ).to_json_dict()
        # Saving the result and completing the job go together: a cancellation that arrives
        # from here on is too late and is raised only once both are done (the job then stays
        # completed), never between them, which would publish a result of a cancelled job.
        with shielded_from_cancellation():
            # Checked again inside the save transaction: a delete that commits after the check
            # above and before this save makes it raise (nothing saved, the job plans again).
            version = self._store.save_result(
                mine.project_id, mine.job_id, result, deletion_generation=mine.deletion_generation
            )
            outcome = MiningOutcome(
                job_id=mine.job_id,
                events=result["events"],
                candidates=len(result["candidates"]),
                result_version=version,
            )
            self._store.update_job(
                mine.job_id,
                status="completed",
                stage="completed",
                progress=1.0,
                counts={
                    "events": outcome.events,
                    "event_cutoff": mine.event_cutoff,
                    "candidates": outcome.candidates,
                    "result_version": version,
                    "replans": mine.replans,
                },
            )
            self._blobs.put(_outcome_key(mine.job_id), outcome.model_dump_json().encode())
            self._clean_up(mine.job_id)
        return outcome

    @activity.defn(name="report_progress")
    def report_progress(self, update: ProgressUpdate) -> None:
        self._store.update_job(
            update.job_id, status="running", stage=update.stage, progress=update.progress
        )

    @activity.defn(name="mark_job_failed")
    def mark_job_failed(self, failure: JobFailure) -> None:
        self._store.update_job(
            failure.job_id, status="failed", stage="failed", error=_shorten(failure.error)
        )
        self._clean_up(failure.job_id)

    @activity.defn(name="mark_job_cancelled")
    def mark_job_cancelled(self, cancellation: JobCancellation) -> None:
        """Job row -> cancelled with who and why (unless it already ended); partial blobs go."""
        self._store.cancel_job(
            cancellation.job_id, by=cancellation.by, reason=_shorten(cancellation.reason)
        )
        self._clean_up(cancellation.job_id)
        try:
            self._blobs.get(_outcome_key(cancellation.job_id))
        except KeyError:  # nothing finished (no outcome to keep): the job's folder goes too
            self._blobs.delete_prefix(f"jobs/{cancellation.job_id}")

    def all(self) -> list[Any]:
        """Every activity, for ``Worker(activities=...)``."""
        return [
            self.plan_partitions,
            self.learn_vocabulary,
            self.segment_chunk,
            self.mine_and_persist,
            self.report_progress,
            self.mark_job_failed,
            self.mark_job_cancelled,
        ]

    def _parameters(self, job_id: str) -> DiscoveryParameters:
        return DiscoveryParameters.model_validate_json(
            self._blobs.get(_key(job_id, "parameters.json"))
        )

    def _enter(self, stage: str, job_id: str) -> None:
        if self._hook is not None:
            with heartbeating():
                self._hook(stage, job_id)

    def _job_events(self, ref: JobRef) -> JobEvents:
        return self._cache.get_or_load(
            ref.job_id,
            lambda: self._load(
                ref.project_id, None, ref.event_cutoff, self._event_filters(ref.job_id)
            ),
            generation=ref.deletion_generation,
        )

    def _event_filters(self, job_id: str) -> EventFilters:
        # The filters pinned on the job row, not the project's current ones: a filter changed
        # mid-job applies to the next job, not to this one's later stages.
        return EventFilters.model_validate(self._store.job_parameters(job_id)["event_filters"])

    def _load(
        self,
        project_id: str,
        partition: tuple[str, str] | None,
        cutoff: int,
        filters: EventFilters | None,
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

    def _check_no_deletes(self, project_id: str, generation: int) -> None:
        """Raise if events of the project were deleted since the job planned at
        ``generation``: what this stage read may then hold events that are gone."""
        now = self._store.deletion_generation(project_id)
        if now != generation:
            raise EventsDeletedError(
                f"events of project {project_id!r} were deleted while the job read them "
                f"(deletion generation {generation} -> {now}); the job plans again"
            )

    def _finished(self, job_id: str) -> MiningOutcome | None:
        try:
            marker = self._blobs.get(_outcome_key(job_id))
        except KeyError:
            return None
        self._clean_up(job_id)
        return MiningOutcome.model_validate_json(marker)

    def _clean_up(self, job_id: str) -> None:
        self._cache.drop(job_id)
        self._blobs.delete_prefix(f"jobs/{job_id}/work")


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


def _parse_parameters(overrides: dict[str, Any]) -> DiscoveryParameters:
    try:
        return DiscoveryParameters.model_validate(overrides)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise MiningInputError(
            f"the project's discovery settings are not valid ({problems}); fix them in the "
            "project settings and start a new job"
        ) from None


def _balanced_chunks(
    partitions: Sequence[PartitionKey], wanted: int
) -> tuple[tuple[PartitionKey, ...], ...]:
    """Contiguous runs of the (sorted) partitions with about equal event counts each."""
    count = max(1, min(wanted, len(partitions)))
    total = sum(p.events for p in partitions)
    chunks: list[tuple[PartitionKey, ...]] = []
    current: list[PartitionKey] = []
    seen = 0
    for index, partition in enumerate(partitions):
        current.append(partition)
        seen += partition.events
        left = len(partitions) - index - 1
        still_to_fill = count - len(chunks) - 1
        full = seen >= total * (len(chunks) + 1) / count
        if still_to_fill > 0 and (full or left == still_to_fill):
            chunks.append(tuple(current))
            current = []
    if current:
        chunks.append(tuple(current))
    return tuple(chunks)


def _key(job_id: str, name: str) -> str:
    return f"jobs/{job_id}/work/{name}"


def _outcome_key(job_id: str) -> str:
    return f"jobs/{job_id}/outcome.json"


def _shorten(message: str) -> str:
    return message if len(message) <= 2_000 else message[:1_997] + "..."
