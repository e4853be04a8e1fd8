"""Mining jobs: the event snapshot they mine and cancellation.

``mining_jobs.event_cutoff`` (the highest ``events.seq`` a job reads; NULL for older jobs),
``cancelled_by`` / ``cancel_reason``, and ``'cancelled'`` as a known status. SQLite cannot alter
a CHECK constraint, so there the table is rebuilt (batch mode); ``upgrade_schema`` turns foreign
keys off around migrations on SQLite, or dropping the old table would cascade into
``discovery_results``.

Revision ID: 0005_job_snapshot_cancel
Revises: 0004_token_expiry
Create Date: 2026-12-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_job_snapshot_cancel"
down_revision = "0004_token_expiry"
branch_labels = None
depends_on = None

_STATUS = "ck_mining_jobs_status_known"
_OLD = "status IN ('queued', 'running', 'completed', 'failed')"
_NEW = "status IN ('queued', 'running', 'completed', 'failed', 'cancelled')"


def upgrade() -> None:
    with op.batch_alter_table("mining_jobs") as batch:
        batch.add_column(sa.Column("event_cutoff", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("cancelled_by", sa.String(200), nullable=True))
        batch.add_column(sa.Column("cancel_reason", sa.Text(), nullable=True))
        batch.drop_constraint(_STATUS, type_="check")
        batch.create_check_constraint(_STATUS, _NEW)


def downgrade() -> None:
    op.execute("UPDATE mining_jobs SET status = 'failed' WHERE status = 'cancelled'")
    with op.batch_alter_table("mining_jobs") as batch:
        batch.drop_constraint(_STATUS, type_="check")
        batch.create_check_constraint(_STATUS, _OLD)
        batch.drop_column("cancel_reason")
        batch.drop_column("cancelled_by")
        batch.drop_column("event_cutoff")
