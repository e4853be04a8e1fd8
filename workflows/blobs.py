"""Adapter: the blob store that carries large intermediate mining data between activities.

Temporal history should hold ids, not data, so activities write their bulky outputs (the learned
vocabulary, each chunk's segments) here and pass the key on. Writes are atomic (temp file +
rename) and keyed deterministically by job and stage (``work_key``, ``outcome_key``), so a
retried activity overwrites its own earlier output instead of adding a second copy. The
embedded default keeps blobs under the data dir; workers on several machines need that
directory shared (or a database-backed store).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Protocol


class BlobStore(Protocol):
    def put(self, key: str, data: bytes) -> str: ...
    def get(self, key: str) -> bytes: ...
    def delete_prefix(self, prefix: str) -> None: ...


class FileBlobStore:
    """Blobs as files under one root directory; keys are relative POSIX paths."""

    def __init__(self, root: Path) -> None:
        self._root = root
        root.mkdir(parents=True, exist_ok=True)

    def put(self, key: str, data: bytes) -> str:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
        return key

    def get(self, key: str) -> bytes:
        path = self._path(key)
        if not path.exists():
            raise KeyError(f"blob {key!r} is missing (was the data dir cleaned mid-job?)")
        return path.read_bytes()

    def delete_prefix(self, prefix: str) -> None:
        shutil.rmtree(self._path(prefix), ignore_errors=True)

    def _path(self, key: str) -> Path:
        path = (self._root / key).resolve()
        if self._root.resolve() not in path.parents and path != self._root.resolve():
            raise ValueError(f"blob key {key!r} escapes the blob store")
        return path


# The layout of a job's blobs: stage outputs under ``work/`` (deleted when the job ends, also by
# a cancellation), and the outcome marker a finished job keeps beside it.


def work_key(job_id: str, name: str) -> str:
    """Where the stage output ``name`` of the job lives (its key in the blob store)."""
    return f"{work_prefix(job_id)}/{name}"


def work_prefix(job_id: str) -> str:
    return f"{job_prefix(job_id)}/work"


def outcome_key(job_id: str) -> str:
    """The finished job's outcome: a retried ``mine_and_persist`` returns it as it is."""
    return f"{job_prefix(job_id)}/outcome.json"


def job_prefix(job_id: str) -> str:
    return f"jobs/{job_id}"
