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
)

projects = Table(
    "projects",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("owner_id", ID, ForeignKey("users.id"), nullable=False, index=True),
    Column("settings", JsonDocument, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
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
    # The idempotency key of ingestion: a resent event is a duplicate, not a second row.
    UniqueConstraint("project_id", "event_id"),
    # Time order of a whole project, and of one (user, session) partition for mining.
    Index(None, "project_id", "ts", "seq"),
    Index(None, "project_id", "user_id", "session_id", "ts"),
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
    CheckConstraint("status IN ('queued', 'running', 'completed', 'failed')", name="status_known"),
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
