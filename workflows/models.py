"""Payloads of the mining workflow and its activities (Temporal, pydantic data converter).

Only ids, counts and storage keys travel through Temporal's history, never event text: Temporal
keeps payloads in plaintext for the namespace's retention period, and the events are the
sensitive part. Large intermediate data (the learned vocabulary, segments) lives in the blob
store and is passed by key. The events a job mines are named by a cut-off (the highest event
``seq`` it reads), pinned when the job is created, and the project's deletion generation when
the job planned (its reads hold while no event was deleted since); both travel in every
stage's input.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class MiningJobInput(BaseModel):
    model_config = _FROZEN
    project_id: str
    job_id: str
    # How many segmentation activities run side by side; partitions are grouped into this
    # many chunks so that a project of many thousand sessions does not mean as many activities.
    max_parallel_chunks: int = Field(default=8, ge=1, le=256)
    # How long a silent activity counts as alive: the heartbeat timeout of the long activities
    # and the run limit of the short ones. A worker that dies (SIGKILL, lost machine) has its
    # activity retried elsewhere after this long; the activities heartbeat every few seconds.
    liveness_timeout_s: float = Field(default=30.0, ge=1.0, le=3600.0)
    # The highest event ``seq`` to mine. None: the cut-off pinned on the job row when the job
    # was created (``JobStore.create_job``), which is what the API and schedules rely on.
    event_cutoff: int | None = Field(default=None, ge=0)


class PartitionKey(BaseModel):
    """One user's one session: the unit that segmentation runs on."""

    model_config = _FROZEN
    user_id: str
    session_id: str
    events: int


# The project's deletion generation the job's reads belong to (``event_deletions``): read by
# the plan before any event, checked by every stage after its reads and by the save. 0 for a
# payload from before the field existed, which a delete since then re-plans like any other.
DeletionGeneration = Annotated[int, Field(ge=0)]


class PartitionPlan(BaseModel):
    model_config = _FROZEN
    events: int
    event_cutoff: int
    chunks: tuple[tuple[PartitionKey, ...], ...]
    deletion_generation: DeletionGeneration = 0


class JobRef(BaseModel):
    model_config = _FROZEN
    project_id: str
    job_id: str
    event_cutoff: int
    deletion_generation: DeletionGeneration = 0


class SegmentChunkInput(BaseModel):
    model_config = _FROZEN
    project_id: str
    job_id: str
    event_cutoff: int
    chunk_index: int
    partitions: tuple[PartitionKey, ...]
    vocabulary_key: str
    deletion_generation: DeletionGeneration = 0


class MineInput(BaseModel):
    model_config = _FROZEN
    project_id: str
    job_id: str
    event_cutoff: int
    segment_keys: tuple[str, ...]
    vocabulary_key: str
    deletion_generation: DeletionGeneration = 0
    # How often the job planned again because events were deleted under it (job counts).
    replans: int = Field(default=0, ge=0)


class ProgressUpdate(BaseModel):
    model_config = _FROZEN
    job_id: str
    stage: str
    progress: float = Field(ge=0.0, le=1.0)


class JobFailure(BaseModel):
    model_config = _FROZEN
    job_id: str
    error: str


class CancelRequest(BaseModel):
    """Who asks to cancel a job and why: the ``request_cancel`` signal, sent before the
    Temporal cancellation so that the job row can say who stopped it."""

    model_config = _FROZEN
    by: str = Field(min_length=1, max_length=200)
    reason: str = Field(default="", max_length=2_000)


class JobCancellation(BaseModel):
    model_config = _FROZEN
    job_id: str
    by: str
    reason: str


class ProjectRef(BaseModel):
    model_config = _FROZEN
    project_id: str


class ScheduledMiningInput(BaseModel):
    """What a project's mining schedule starts every period: a fresh job, then its mining."""

    model_config = _FROZEN
    project_id: str
    max_parallel_chunks: int = Field(default=8, ge=1, le=256)
    liveness_timeout_s: float = Field(default=30.0, ge=1.0, le=3600.0)


class MiningOutcome(BaseModel):
    model_config = _FROZEN
    job_id: str
    events: int
    candidates: int
    result_version: int


class MiningProgress(BaseModel):
    """What the workflow's ``progress`` query answers."""

    model_config = _FROZEN
    stage: str
    progress: float
    partitions_done: int = 0
    partitions_total: int = 0
