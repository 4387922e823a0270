"""stops.late_submission: a stop that reached the server after the live window

Revision ID: a15b7e1a2c90
Revises: 5b1e7c2a9d40
Create Date: 2026-12-05 07:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a15b7e1a2c90'
down_revision: str | None = '5b1e7c2a9d40'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A device that was offline for more than the live window (a phone left in a locker) still sends
# its queued stops; they are accepted and flagged for the supervisor's review list, never stuck.
def upgrade() -> None:
    with op.batch_alter_table("stops") as batch:
        batch.add_column(sa.Column("late_submission", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("stops") as batch:
        batch.drop_column("late_submission")
