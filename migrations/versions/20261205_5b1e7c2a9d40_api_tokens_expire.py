"""api tokens expire

Revision ID: 5b1e7c2a9d40
Revises: 7c3e9a1d2b64
Create Date: 2026-12-05 04:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5b1e7c2a9d40'
down_revision: str | None = '7c3e9a1d2b64'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Tokens made before this migration keep working without an end date; new ones get one.
def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch_op:
        batch_op.drop_column("expires_at")
