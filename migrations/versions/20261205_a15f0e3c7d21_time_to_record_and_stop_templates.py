"""time to record per stop; stop templates

Revision ID: a15f0e3c7d21
Revises: a15b7e1a2c90
Create Date: 2026-12-05 07:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'a15f0e3c7d21'
down_revision: str | None = 'a15b7e1a2c90'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')


def upgrade() -> None:
    with op.batch_alter_table('stops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_to_record_seconds', sa.Integer(), nullable=True))
    op.create_table('stop_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('answers', JSON, nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stop_templates')),
    sa.UniqueConstraint('name', name=op.f('uq_stop_templates_name'))
    )


def downgrade() -> None:
    op.drop_table('stop_templates')
    with op.batch_alter_table('stops', schema=None) as batch_op:
        batch_op.drop_column('time_to_record_seconds')
