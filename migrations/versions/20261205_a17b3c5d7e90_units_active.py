"""units.active: a unit can be switched off without losing its stops

Revision ID: a17b3c5d7e90
Revises: a17c5e0d4f21
Create Date: 2026-12-05 07:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a17b3c5d7e90'
down_revision: str | None = 'a17c5e0d4f21'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.drop_column("active")
