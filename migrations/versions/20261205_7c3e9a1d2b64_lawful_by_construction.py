"""lawful by construction: catalogue v2 columns, stop safeguards, legal hold, unit force, tallies

Revision ID: 7c3e9a1d2b64
Revises: 5e55a0b1c2d3
Create Date: 2026-12-05 04:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '7c3e9a1d2b64'
down_revision: str | None = '5e55a0b1c2d3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
FALSE = sa.false()


def upgrade() -> None:
    with op.batch_alter_table('legal_bases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requires', JSON, nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('criminal_procedure', sa.Boolean(), nullable=False, server_default=FALSE))
        batch_op.add_column(sa.Column('restricted_to', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('voluntary', sa.Boolean(), nullable=False, server_default=FALSE))
        batch_op.add_column(sa.Column('source', sa.String(length=600), nullable=False, server_default=''))
    # Version 1's guard named WWM-VRG in code; the catalogue now says it (the shipped data does too).
    op.execute("UPDATE legal_bases SET requires = '[\"authorisation_ref\"]' WHERE code = 'WWM-VRG'")
    with op.batch_alter_table('stops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('caution_given', sa.Boolean(), nullable=False, server_default=FALSE))
        batch_op.add_column(sa.Column('reason_for_person', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('suspected_offence', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('supervised_law', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('identity_document_seen', sa.Boolean(), nullable=False,
                                      server_default=FALSE))
        batch_op.add_column(sa.Column('legal_hold', sa.Boolean(), nullable=False, server_default=FALSE))
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('force', sa.String(length=16), nullable=False, server_default='police'))
    op.create_table('stop_tallies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('unit', sa.String(length=64), nullable=False),
    sa.Column('area', sa.String(length=64), nullable=False),
    sa.Column('legal_basis', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('outcome', sa.String(length=32), nullable=False),
    sa.Column('stops', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stop_tallies')),
    sa.UniqueConstraint('month', 'unit', 'area', 'legal_basis', 'reason', 'outcome', name='uq_stop_tallies_group')
    )
    with op.batch_alter_table('stop_tallies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stop_tallies_month'), ['month'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('stop_tallies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stop_tallies_month'))
    op.drop_table('stop_tallies')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_column('force')
    with op.batch_alter_table('stops', schema=None) as batch_op:
        for name in ('legal_hold', 'identity_document_seen', 'supervised_law', 'suspected_offence',
                     'reason_for_person', 'caution_given'):
            batch_op.drop_column(name)
    with op.batch_alter_table('legal_bases', schema=None) as batch_op:
        for name in ('source', 'voluntary', 'restricted_to', 'criminal_procedure', 'requires'):
            batch_op.drop_column(name)
