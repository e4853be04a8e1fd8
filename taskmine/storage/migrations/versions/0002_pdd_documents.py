"""PDD documents (every version of every candidate's PDD) and the record of who exported what.

Revision ID: 0002_pdd_documents
Revises: 0001_initial
Create Date: 2026-03-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002_pdd_documents"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# Frozen copies of the column types as of this revision (later code may change its own).
ID = sa.String(64)
TIMESTAMP = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(JSONB(), "postgresql")
SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "pdd_documents",
        sa.Column("id", SEQUENCE, autoincrement=True, nullable=False),
        sa.Column("project_id", ID, nullable=False),
        sa.Column("result_version", sa.Integer(), nullable=False),
        sa.Column("candidate_key", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("document", JSON, nullable=False),
        sa.Column("actor_id", ID, nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.Column("actor_role", sa.String(32), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'in_review', 'approved')", name="ck_pdd_documents_status_known"
        ),
        sa.CheckConstraint("version >= 1", name="ck_pdd_documents_version_positive"),
        sa.ForeignKeyConstraint(
            ["project_id", "result_version"],
            ["discovery_results.project_id", "discovery_results.version"],
            name="fk_pdd_documents_project_id_discovery_results",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name="fk_pdd_documents_actor_id_users",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pdd_documents"),
        sa.UniqueConstraint(
            "project_id",
            "result_version",
            "candidate_key",
            "version",
            name="uq_pdd_documents_candidate_version",
        ),
    )
    op.create_table(
        "export_records",
        sa.Column("id", SEQUENCE, autoincrement=True, nullable=False),
        sa.Column("project_id", ID, nullable=False),
        sa.Column("result_version", sa.Integer(), nullable=False),
        sa.Column("candidate_key", sa.String(64), nullable=False),
        sa.Column("artifact", sa.String(64), nullable=False),
        sa.Column("options", JSON, nullable=False),
        sa.Column("media_type", sa.String(200), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("user_id", ID, nullable=True),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("token_id", ID, nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id", "result_version"],
            ["discovery_results.project_id", "discovery_results.version"],
            name="fk_export_records_project_id_discovery_results",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_export_records_user_id_users",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_export_records"),
    )
    op.create_index(
        "ix_export_records_project_id_created_at", "export_records", ["project_id", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_export_records_project_id_created_at", table_name="export_records")
    op.drop_table("export_records")
    op.drop_table("pdd_documents")
