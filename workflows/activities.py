"""Activities of the mining workflow: the pure discovery stages wrapped with storage and blobs.

Each activity is one stage of ``discovery`` (plan -> vocabulary -> segment chunks -> mine, rank
and persist) and passes its bulky output on through the blob store under a key made from the job
id and the stage, so a retry overwrites its own earlier output. Persistence is idempotent: the
result is saved once per job (``save_result``), and a finished job leaves an outcome marker that
a retried ``mine_and_persist`` returns without saving anything. The long activities heartbeat,
so a dead worker is noticed within the job's liveness timeout and a cancelled job's activity
stops at its next heartbeat (the SDK raises ``CancelledError`` into the activity's thread);
``mark_job_cancelled`` then records the cancellation and deletes the job's partial blobs.
Every stage reads through ``JobReads`` (``workflows.job_reads``): only the events at or below
the job's cut-off (``event_cutoff``, pinned when the job was created), so events uploaded
meanwhile wait for the next job, with the event filters and discovery parameters pinned with
it. Deletes are the other way the events can change: the plan reads the project's deletion
generation before any event, every stage checks after its reads that it is unchanged, and the
save checks it again in its transaction; on a change the stage raises ``EventsDeletedError``
(never retried) and the workflow plans again. The plan's pure parts are in
``workflows.planning``. Composing the stages gives exactly ``discovery.discover`` on the same
events (tested).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from pydantic import TypeAdapter
from temporalio import activity

from discovery import Segment, Vocabulary, mine_routines, rank_candidates, segment_partition
from discovery import learn_vocabulary as learn_vocabulary_of
from taskmine.domain import Event
from workflows.blobs import BlobStore, job_prefix, outcome_key, work_key, work_prefix
from workflows.event_cache import EventCache, PartitionId
from workflows.heartbeats import beat, heartbeating, shielded_from_cancellation
from workflows.job_reads import JobReads
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
    SegmentChunkInput,
)
from workflows.planning import MiningInputError, balance_chunks, parse_discovery_parameters
from workflows.ports import MiningStore

PAGE_SIZE = 5_000
_SEGMENTS = TypeAdapter(list[Segment])
# (stage, job id) -> None, called as each mining stage starts (while heartbeating): the seam
# tests use to hold a job in a stage, or to upload events while it runs.
StageHook = Callable[[str, str], None]


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
        cache = cache if cache is not None else EventCache()
        self._reads = JobReads(store, blobs, cache=cache, page_size=page_size)
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
        pinned = self._store.job_parameters(job.job_id)["discovery"]
        self._reads.hand_on_parameters(job.job_id, parse_discovery_parameters(pinned))
        partitions = [
            PartitionKey(user_id=user, session_id=session, events=count)
            for user, session, count in self._store.list_partitions(
                job.project_id, up_to_seq=cutoff
            )
        ]
        self._reads.check_no_deletes(job.project_id, generation)
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
            chunks=balance_chunks(partitions, job.max_parallel_chunks),
            deletion_generation=generation,
        )

    @activity.defn(name="learn_vocabulary")
    def learn_vocabulary(self, ref: JobRef) -> str:
        """The one global pass: which name parts are data, how long an idle gap is."""
        self._enter("learn_vocabulary", ref.job_id)
        parameters = self._reads.parameters(ref.job_id)
        job_events = self._reads.job_events(ref)
        self._reads.check_no_deletes(ref.project_id, ref.deletion_generation)
        with heartbeating():
            vocabulary = learn_vocabulary_of(
                job_events.events, params=parameters, reader=job_events.reader
            )
        blob = work_key(ref.job_id, "vocabulary.json")
        return self._blobs.put(blob, vocabulary.model_dump_json().encode())

    @activity.defn(name="segment_chunk")
    def segment_chunk(self, chunk: SegmentChunkInput) -> str:
        """Segment each partition of one chunk; the segments go to the blob store."""
        self._enter("segment_chunk", chunk.job_id)
        parameters = self._reads.parameters(chunk.job_id)
        vocabulary = Vocabulary.model_validate_json(self._blobs.get(chunk.vocabulary_key))
        cached = self._reads.cached_events(chunk.job_id, generation=chunk.deletion_generation)
        normaliser = vocabulary.normaliser(reader=cached.reader if cached else None)
        events_of: Callable[[PartitionId], list[Event]]
        if cached is not None:
            events_of = cached.partition
        else:
            events_of = partial(
                self._reads.partition_events,
                chunk.project_id,
                cutoff=chunk.event_cutoff,
                filters=self._reads.event_filters(chunk.job_id),
            )
        segments: list[Segment] = []
        for partition in chunk.partitions:
            events = events_of((partition.user_id, partition.session_id))
            segments += segment_partition(
                events, vocabulary=vocabulary, params=parameters, normaliser=normaliser
            )
            beat()
        self._reads.check_no_deletes(chunk.project_id, chunk.deletion_generation)
        blob = work_key(chunk.job_id, f"segments/{chunk.chunk_index:05d}.json")
        return self._blobs.put(blob, _SEGMENTS.dump_json(segments))

    @activity.defn(name="mine_and_persist")
    def mine_and_persist(self, mine: MineInput) -> MiningOutcome:
        """Mine routines across all segments, rank them, save the result once, finish the job."""
        done = self._finished(mine.job_id)
        if done is not None:
            return done
        self._enter("mine_and_persist", mine.job_id)
        parameters = self._reads.parameters(mine.job_id)
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
            events = self._reads.job_events(ref).events
            self._reads.check_no_deletes(mine.project_id, mine.deletion_generation)
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
            self._blobs.put(outcome_key(mine.job_id), outcome.model_dump_json().encode())
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
            self._blobs.get(outcome_key(cancellation.job_id))
        except KeyError:  # nothing finished (no outcome to keep): the job's folder goes too
            self._blobs.delete_prefix(job_prefix(cancellation.job_id))

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

    def _enter(self, stage: str, job_id: str) -> None:
        if self._hook is not None:
            with heartbeating():
                self._hook(stage, job_id)

    def _finished(self, job_id: str) -> MiningOutcome | None:
        try:
            marker = self._blobs.get(outcome_key(job_id))
        except KeyError:
            return None
        self._clean_up(job_id)
        return MiningOutcome.model_validate_json(marker)

    def _clean_up(self, job_id: str) -> None:
        self._reads.forget(job_id)
        self._blobs.delete_prefix(work_prefix(job_id))


def _shorten(message: str) -> str:
    return message if len(message) <= 2_000 else message[:1_997] + "..."
