"""Activity support: a worker-local cache of one job's events, shared by its activities.

Reading and validating events from the database costs more than mining them, and three stages
of a job need them (vocabulary, segmentation, ranking). When those activities land on the same
worker process they share the events loaded once; on any other worker (or after a restart) the
cache misses and the activity reads the store, with the same result. Only a few jobs are kept
(least recently used go first), and a job's entry is dropped when it ends. An entry belongs to
one deletion generation of the project: after a delete the job plans again under a new one,
and the events cached under the old one (which may include deleted ones) are never served.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

from discovery.slots import SlotReader
from taskmine.domain import Event

PartitionId = tuple[str, str]


class JobEvents:
    """The events of one job in store order, the same events grouped by partition, and the
    slot reader that read them while the vocabulary was learned (``remember_events``: the
    segmentation of these very event objects then looks their fields up instead of reading
    them again; read-only by then, so chunks may share it across threads)."""

    def __init__(self, events: Sequence[Event], *, generation: int = 0) -> None:
        self.events = events
        self.generation = generation
        self.reader = SlotReader(remember_events=True)
        self._partitions: dict[PartitionId, list[Event]] | None = None
        self._lock = threading.Lock()

    def partition(self, key: PartitionId) -> list[Event]:
        with self._lock:
            if self._partitions is None:
                groups: dict[PartitionId, list[Event]] = {}
                for event in self.events:
                    groups.setdefault((event.user_id, event.session_id), []).append(event)
                self._partitions = groups
        return self._partitions.get(key, [])


class EventCache:
    """At most ``capacity`` jobs' events, thread-safe (activities run in a thread pool)."""

    def __init__(self, capacity: int = 2) -> None:
        self._capacity = capacity
        self._jobs: OrderedDict[str, JobEvents] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job_id: str, *, generation: int) -> JobEvents | None:
        """The job's events read under ``generation``, if this worker holds them."""
        with self._lock:
            found = self._jobs.get(job_id)
            if found is None or found.generation != generation:
                return None
            self._jobs.move_to_end(job_id)
            return found

    def get_or_load(
        self, job_id: str, load: Callable[[], Sequence[Event]], *, generation: int
    ) -> JobEvents:
        found = self.get(job_id, generation=generation)
        if found is not None:
            return found
        loaded = JobEvents(load(), generation=generation)
        if self._capacity < 1:
            return loaded
        with self._lock:
            self._jobs[job_id] = loaded
            self._jobs.move_to_end(job_id)
            while len(self._jobs) > self._capacity:
                self._jobs.popitem(last=False)
        return loaded

    def drop(self, job_id: str) -> None:
        with self._lock:
            self._jobs.pop(job_id, None)
