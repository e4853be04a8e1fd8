"""Adapter (storage): SQLite / PostgreSQL persistence behind small repository ports.

Start with ``open_store(url)``; see ``ports`` for what each repository promises.
"""

from taskmine.storage.bootstrap import create_token, ensure_admin_token
from taskmine.storage.engine import build_engine
from taskmine.storage.errors import (
    ConflictError,
    EventsDeletedError,
    NotFoundError,
    SchemaError,
    StorageError,
)
from taskmine.storage.migrate import upgrade_schema
from taskmine.storage.ports import (
    CandidateRef,
    EventStore,
    ExportRecord,
    IngestOutcome,
    IssuedToken,
    JobStatus,
    JobStore,
    MiningJob,
    PddStore,
    PddVersion,
    Principal,
    Project,
    ProjectStore,
    Role,
    StoredResult,
    TokenStore,
    User,
    UserStore,
    chain_pages,
)
from taskmine.storage.store import SqlStore, build_discovery_overrides, open_store

__all__ = [
    "CandidateRef",
    "ConflictError",
    "EventStore",
    "EventsDeletedError",
    "ExportRecord",
    "IngestOutcome",
    "IssuedToken",
    "JobStatus",
    "JobStore",
    "MiningJob",
    "NotFoundError",
    "PddStore",
    "PddVersion",
    "Principal",
    "Project",
    "ProjectStore",
    "Role",
    "SchemaError",
    "SqlStore",
    "StorageError",
    "StoredResult",
    "TokenStore",
    "User",
    "UserStore",
    "build_discovery_overrides",
    "build_engine",
    "chain_pages",
    "create_token",
    "ensure_admin_token",
    "open_store",
    "upgrade_schema",
]
