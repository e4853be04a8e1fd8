"""Adapter (storage): the errors the repositories raise, one small hierarchy.

Callers (the API, the workflows, the CLI) catch these instead of SQLAlchemy's exceptions, so a
change of database driver never leaks into them. Messages say what was wrong and what to do.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base of every error the storage layer raises on purpose."""


class NotFoundError(StorageError):
    """A project, job, user or token id that does not exist."""


class ConflictError(StorageError):
    """A write that contradicts what is stored (e.g. a second user with the same name)."""


class SchemaError(StorageError):
    """The database schema is missing or older than this code; run the migrations."""


class EventsDeletedError(ConflictError):
    """Events of the project were deleted after a mining job read them (retention, withdrawn
    consent): what the job read is no longer the project's data, so it must read again."""
