"""Adapter (storage): the relational schema, as SQLAlchemy Core tables.

The Alembic migrations in ``migrations/versions`` create exactly these tables (a test compares
them); production code never calls ``create_all``. Ids are opaque strings made by the storage
layer; every timestamp is UTC (``UtcDateTime``). Events keep their canonical fields as columns
plus ``seq``, the insertion order that breaks timestamp ties. Later features add tables (PDDs,
the audit log) through new migrations.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from taskmine.storage.types import JsonDocument, UtcDateTime

# Deterministic constraint names, so migrations can refer to them on both dialects.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

ID = String(64)
# SQLite only auto-increments an ``INTEGER PRIMARY KEY`` (the rowid); PostgreSQL wants BIGINT.
SEQUENCE = BigInteger().with_variant(Integer(), "sqlite")

users = Table(
    "users",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(32), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", ID, primary_key=True),
    # sha256 hex of the token; the plaintext is shown once and never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", ID, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(32), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime(), nullable=True),
    # When the token stops verifying (migration 0004); NULL = it never expires.
    Column("expires_at", UtcDateTime(), nullable=True),
)

projects = Table(
    "projects",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("owner_id", ID, ForeignKey("users.id"), nullable=False, index=True),
    Column("settings", JsonDocument, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    # Counts the transactions that deleted any of the project's events (migration 0006), bumped
    # in the same transaction as the delete (``event_deletions``): a mining job that read its
    # events at generation g and saves at g read exactly the events that still exist.
    Column("deletion_generation", BigInteger, nullable=False, server_default="0"),
)

project_shares = Table(
    "project_shares",
    metadata,
    Column("project_id", ID, ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ID, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Index(None, "user_id"),
)

events = Table(
    "events",
    metadata,
    Column("seq", SEQUENCE, primary_key=True, autoincrement=True),
    Column("project_id", ID, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(200), nullable=False),
    Column("session_id", String(200), nullable=False),
    Column("user_id", String(200), nullable=False),
    Column("machine_id", String(200), nullable=False),
    Column("ts", UtcDateTime(), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("app", String(500), nullable=False),
    Column("window", Text, nullable=True),
    Column("url", Text, nullable=True),
    Column("value", Text, nullable=True),
    Column("element", JsonDocument, nullable=True),
    Column("attrs", JsonDocument, nullable=False),
    # When retention first saw the row (migration 0003): stamped by the purge job, so ingest's
    # hot path writes nothing extra; retention counts an event's age from here.
    Column("retained_since", UtcDateTime(), nullable=True),
    # The idempotency key of ingestion: a resent event is a duplicate, not a second row.
    UniqueConstraint("project_id", "event_id"),
    # Time order of a whole project, and of one (user, session) partition for mining.
    Index(None, "project_id", "ts", "seq"),
    Index(None, "project_id", "user_id", "session_id", "ts"),
    Index(None, "retained_since"),
    # AUTOINCREMENT (migration 0006): SQLite then never hands out a ``seq`` again once it was
    # used, also after the newest rows were deleted, so a job's cut-off keeps later uploads out.
    # PostgreSQL's sequence never reuses numbers anyway.
    sqlite_autoincrement=True,
)

mining_jobs = Table(
    "mining_jobs",
    metadata,
    Column("id", ID, primary_key=True),
    Column(
        "project_id",
        ID,
        ForeignKey("projects.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("status", String(16), nullable=False),
    Column("stage", String(64), nullable=True),
    Column("progress", Float, nullable=False),
    Column("counts", JsonDocument, nullable=False),
    Column("error", Text, nullable=True),
    Column("workflow_id", String(200), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("started_at", UtcDateTime(), nullable=True),
    Column("finished_at", UtcDateTime(), nullable=True),
    # The snapshot the job mines (migration 0005): the highest ``events.seq`` of the project
    # when the job was created; every stage reads only events at or below it.
    Column("event_cutoff", BigInteger, nullable=True),
    # Who cancelled the job and why (migration 0005); when is ``finished_at``.
    Column("cancelled_by", String(200), nullable=True),
    Column("cancel_reason", Text, nullable=True),
    # What the job mines with, pinned when it was created (migration 0006): the project's
    # discovery overrides and event filters, ``{"discovery": {...}, "event_filters": {...}}``;
    # NULL for older jobs, which pin them when they start planning.
    Column("parameters", JsonDocument, nullable=True),
    CheckConstraint(
        "status IN ('queued', 'running', 'completed', 'failed', 'cancelled')", name="status_known"
    ),
    CheckConstraint("progress >= 0 AND progress <= 1", name="progress_fraction"),
)

discovery_results = Table(
    "discovery_results",
    metadata,
    Column("id", SEQUENCE, primary_key=True, autoincrement=True),
    Column("project_id", ID, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    # One result per job: a retried save must find this constraint and write nothing.
    Column(
        "job_id",
        ID,
        ForeignKey("mining_jobs.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("version", Integer, nullable=False),
    Column("result", JsonDocument, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    UniqueConstraint("project_id", "version"),
)

# --- PDD stage (migration 0002) -----------------------------------------------------------------

pdd_documents = Table(
    "pdd_documents",
    metadata,
    Column("id", SEQUENCE, primary_key=True, autoincrement=True),
    # The candidate: one key ("c1") of one result version of one project.
    Column("project_id", ID, nullable=False),
    Column("result_version", Integer, nullable=False),
    Column("candidate_key", String(64), nullable=False),
    # Every version of the document is a row; nothing is ever updated in place.
    Column("version", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("action", String(32), nullable=False),
    Column("document", JsonDocument, nullable=False),
    Column("actor_id", ID, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("actor_name", String(200), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    ForeignKeyConstraint(
        ["project_id", "result_version"],
        ["discovery_results.project_id", "discovery_results.version"],
        ondelete="CASCADE",
    ),
    # Two writers of the same next version: one lands, the other sees this and re-reads.
    UniqueConstraint(
        "project_id",
        "result_version",
        "candidate_key",
        "version",
        name="uq_pdd_documents_candidate_version",
    ),
    CheckConstraint("status IN ('draft', 'in_review', 'approved')", name="status_known"),
    CheckConstraint("version >= 1", name="version_positive"),
)

export_records = Table(
    "export_records",
    metadata,
    Column("id", SEQUENCE, primary_key=True, autoincrement=True),
    Column("project_id", ID, nullable=False),
    Column("result_version", Integer, nullable=False),
    Column("candidate_key", String(64), nullable=False),
    # An export target name ("uipath", "bpmn", ...) or "pdd" for a PDD download.
    Column("artifact", String(64), nullable=False),
    Column("options", JsonDocument, nullable=False),
    Column("media_type", String(200), nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("user_id", ID, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("user_name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("token_id", ID, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    ForeignKeyConstraint(
        ["project_id", "result_version"],
        ["discovery_results.project_id", "discovery_results.version"],
        ondelete="CASCADE",
    ),
    Index(None, "project_id", "created_at"),
)

# --- governance (migration 0003): data requests, consent, policies, retention, audit ------------

data_requests = Table(
    "data_requests",
    metadata,
    Column("id", ID, primary_key=True),
    Column("project_id", ID, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    # Names of the workstation users (= the events' pseudonymous user_id) and app globs.
    Column("users", JsonDocument, nullable=False),
    Column("apps", JsonDocument, nullable=False),
    Column("starts_at", UtcDateTime(), nullable=False),
    Column("ends_at", UtcDateTime(), nullable=False),
    Column("purpose", Text, nullable=False),
    # Name of the manager who may decide the request.
    Column("approver", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("decided_by", String(200), nullable=True),
    Column("decided_at", UtcDateTime(), nullable=True),
    Column("decision_note", Text, nullable=True),
    Index(None, "project_id"),
    CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status_known"),
)

data_request_consents = Table(
    "data_request_consents",
    metadata,
    Column(
        "request_id",
        ID,
        ForeignKey("data_requests.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("user_name", String(200), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    CheckConstraint("status IN ('consented', 'paused', 'withdrawn')", name="status_known"),
)

project_policies = Table(
    "project_policies",
    metadata,
    Column("project_id", ID, ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("policy", JsonDocument, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

governance_settings = Table(
    "governance_settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", JsonDocument, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", SEQUENCE, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime(), nullable=False),
    # No foreign keys: the record of a deletion must outlive what was deleted.
    Column("actor_id", ID, nullable=True),
    Column("actor_name", String(200), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("action", String(64), nullable=False),
    Column("project_id", ID, nullable=True),
    Column("target_type", String(64), nullable=True),
    Column("target_id", String(200), nullable=True),
    Column("details", JsonDocument, nullable=False),
    Index(None, "project_id", "seq"),
)
