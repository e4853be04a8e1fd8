"""Mining jobs against deletes: the deletion generation, seq never reused, pinned parameters.

- ``projects.deletion_generation``: bumped by every transaction that deletes any of the
  project's events (``taskmine.storage.event_deletions``); existing projects start at 0.
- ``mining_jobs.parameters``: the discovery overrides and event filters a job mines with,
  pinned when it is created; NULL for existing jobs (they pin them when they plan).
- SQLite only: ``events`` is rebuilt with ``AUTOINCREMENT`` (SQLite cannot add it in place),
  so a ``seq`` is never handed out twice, also after the newest rows were deleted. The copy
  keeps every row, its ``seq``, the indexes and constraints; SQLite then continues after the
  highest ``seq`` copied. The counter is also raised to the highest cut-off any job pinned, in
  case the events just below it were deleted before this migration. The rebuild copies the
  table once (time and disk in proportion to the events stored); PostgreSQL's sequence never
  reused numbers, so there nothing is rebuilt.

Revision ID: 0006_deletes_job_params
Revises: 0005_job_snapshot_cancel
Create Date: 2026-12-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0006_deletes_job_params"
down_revision = "0005_job_snapshot_cancel"
branch_labels = None
depends_on = None

# A frozen copy of the column type as of this revision.
JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    # NOT NULL with a constant default: an ADD COLUMN both dialects do in place.
    op.add_column(
        "projects",
        sa.Column("deletion_generation", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column("mining_jobs", sa.Column("parameters", JSON, nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_events(autoincrement=True)
        op.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'events', 0 "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events')"
        )
        op.execute(
            "UPDATE sqlite_sequence SET seq = MAX(seq, "
            "(SELECT COALESCE(MAX(seq), 0) FROM events), "
            "(SELECT COALESCE(MAX(event_cutoff), 0) FROM mining_jobs)) WHERE name = 'events'"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_events(autoincrement=False)
    with op.batch_alter_table("mining_jobs") as batch:
        batch.drop_column("parameters")
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("deletion_generation")


def _rebuild_events(*, autoincrement: bool) -> None:
    # Batch mode copies the table (reflected with its indexes, unique constraint and foreign
    # key) into a new one created with the option, then swaps the names; ``upgrade_schema``
    # has foreign keys off around it on SQLite.
    with op.batch_alter_table(
        "events", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass
