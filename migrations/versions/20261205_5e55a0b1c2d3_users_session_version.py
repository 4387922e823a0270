"""users.session_version: sessions end when it moves on

Revision ID: 5e55a0b1c2d3
Revises: 9fdb034f3401
Create Date: 2026-12-05 04:20:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5e55a0b1c2d3'
down_revision: str | None = '9fdb034f3401'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Every session cookie carries the version it was issued under; logout, a password change, a
# role change and deactivation raise it, which ends every older session of that user.
def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
