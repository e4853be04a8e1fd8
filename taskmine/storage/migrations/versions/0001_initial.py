"""Initial schema: users, API tokens, projects and shares, events, mining jobs, results.

Revision ID: 0001_initial
Revises:
Create Date: 2026-03-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the column types as of this revision (later code may change its own).
ID = sa.String(64)
TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(JSONB(), "postgresql")
SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", ID, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_api_tokens_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_table(
        "projects",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("owner_id", ID, nullable=False),
        sa.Column("settings", JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name="fk_projects_owner_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_projects"),
    )
    op.create_index("ix_projects_owner_id", "projects", ["owner_id"])
    op.create_table(
        "project_shares",
        sa.Column("project_id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_project_shares_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_project_shares_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("project_id", "user_id", name="pk_project_shares"),
    )
    op.create_index("ix_project_shares_user_id", "project_shares", ["user_id"])
    op.create_table(
        "events",
        sa.Column("seq", SEQUENCE, autoincrement=True, nullable=False),
        sa.Column("project_id", ID, nullable=False),
        sa.Column("event_id", sa.String(200), nullable=False),
        sa.Column("session_id", sa.String(200), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=False),
        sa.Column("machine_id", sa.String(200), nullable=False),
        sa.Column("ts", TIMESTAMP, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("app", sa.String(500), nullable=False),
        sa.Column("window", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("element", JSON, nullable=True),
        sa.Column("attrs", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_events_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_events"),
        sa.UniqueConstraint("project_id", "event_id", name="uq_events_project_id_event_id"),
    )
    op.create_index("ix_events_project_id_ts_seq", "events", ["project_id", "ts", "seq"])
    op.create_index(
        "ix_events_project_id_user_id_session_id_ts",
        "events",
        ["project_id", "user_id", "session_id", "ts"],
    )
    op.create_table(
        "mining_jobs",
        sa.Column("id", ID, nullable=False),
        sa.Column("project_id", ID, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(64), nullable=True),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("counts", JSON, nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("workflow_id", sa.String(200), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=True),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'completed', 'failed')",
            name="ck_mining_jobs_status_known",
        ),
        sa.CheckConstraint(
            "progress >= 0 AND progress <= 1", name="ck_mining_jobs_progress_fraction"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_mining_jobs_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_mining_jobs"),
    )
    op.create_index("ix_mining_jobs_project_id", "mining_jobs", ["project_id"])
    op.create_table(
        "discovery_results",
        sa.Column("id", SEQUENCE, autoincrement=True, nullable=False),
        sa.Column("project_id", ID, nullable=False),
        sa.Column("job_id", ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("result", JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_discovery_results_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["mining_jobs.id"],
            name="fk_discovery_results_job_id_mining_jobs",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_discovery_results"),
        sa.UniqueConstraint("job_id", name="uq_discovery_results_job_id"),
        sa.UniqueConstraint(
            "project_id", "version", name="uq_discovery_results_project_id_version"
        ),
    )


def downgrade() -> None:
    op.drop_table("discovery_results")
    op.drop_index("ix_mining_jobs_project_id", table_name="mining_jobs")
    op.drop_table("mining_jobs")
    op.drop_index("ix_events_project_id_user_id_session_id_ts", table_name="events")
    op.drop_index("ix_events_project_id_ts_seq", table_name="events")
    op.drop_table("events")
    op.drop_index("ix_project_shares_user_id", table_name="project_shares")
    op.drop_table("project_shares")
    op.drop_index("ix_projects_owner_id", table_name="projects")
    op.drop_table("projects")
    op.drop_table("api_tokens")
    op.drop_table("users")
