"""Governance: data requests and consent, project policies, global settings, the audit log, and
``events.retained_since`` (when retention first saw an event).

Revision ID: 0003_governance
Revises: 0002_pdd_documents
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003_governance"
down_revision = "0002_pdd_documents"
branch_labels = None
depends_on = None

# Frozen copies of the column types as of this revision (later code may change its own).
ID = sa.String(64)
TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(JSONB(), "postgresql")
SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # Nullable without a default: an ADD COLUMN both SQLite and PostgreSQL do in place.
    op.add_column("events", sa.Column("retained_since", TIMESTAMP, nullable=True))
    op.create_index("ix_events_retained_since", "events", ["retained_since"])
    op.create_table(
        "data_requests",
        sa.Column("id", ID, nullable=False),
        sa.Column("project_id", ID, nullable=False),
        sa.Column("users", JSON, nullable=False),
        sa.Column("apps", JSON, nullable=False),
        sa.Column("starts_at", TIMESTAMP, nullable=False),
        sa.Column("ends_at", TIMESTAMP, nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("approver", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("decided_at", TIMESTAMP, nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name="ck_data_requests_status_known"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_data_requests_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_data_requests"),
    )
    op.create_index("ix_data_requests_project_id", "data_requests", ["project_id"])
    op.create_table(
        "data_request_consents",
        sa.Column("request_id", ID, nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.CheckConstraint(
            "status IN ('consented', 'paused', 'withdrawn')",
            name="ck_data_request_consents_status_known",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["data_requests.id"],
            name="fk_data_request_consents_request_id_data_requests",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", "user_name", name="pk_data_request_consents"),
    )
    op.create_table(
        "project_policies",
        sa.Column("project_id", ID, nullable=False),
        sa.Column("policy", JSON, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_project_policies_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", name="pk_project_policies"),
    )
    op.create_table(
        "governance_settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", JSON, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_governance_settings"),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", SEQUENCE, autoincrement=True, nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor_id", ID, nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.Column("actor_role", sa.String(32), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("project_id", ID, nullable=True),
        sa.Column("target_type", sa.String(64), nullable=True),
        sa.Column("target_id", sa.String(200), nullable=True),
        sa.Column("details", JSON, nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_project_id_seq", "audit_log", ["project_id", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_project_id_seq", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("governance_settings")
    op.drop_table("project_policies")
    op.drop_table("data_request_consents")
    op.drop_index("ix_data_requests_project_id", table_name="data_requests")
    op.drop_table("data_requests")
    op.drop_index("ix_events_retained_since", table_name="events")
    op.drop_column("events", "retained_since")
