"""Token expiry: ``api_tokens.expires_at`` (NULL = never expires; existing tokens keep that).

Revision ID: 0004_token_expiry
Revises: 0003_governance
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_token_expiry"
down_revision = "0003_governance"
branch_labels = None
depends_on = None

# Frozen copy of the column type as of this revision (later code may change its own).
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Nullable without a default: an ADD COLUMN both SQLite and PostgreSQL do in place.
    op.add_column("api_tokens", sa.Column("expires_at", TIMESTAMP, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
