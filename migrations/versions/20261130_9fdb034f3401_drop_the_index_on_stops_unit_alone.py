"""drop the index on stops.unit alone

Revision ID: 9fdb034f3401
Revises: 29fb1a081817
Create Date: 2026-11-30 10:16:09.125393
"""
from collections.abc import Sequence

from alembic import op

revision: str = '9fdb034f3401'
down_revision: str | None = '29fb1a081817'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# ix_stops_unit_occurred_at and ix_stops_unit_local_date both begin with `unit`, so they serve
# every lookup by unit; the index on `unit` alone only cost each stored stop one more entry.
def upgrade() -> None:
    op.drop_index("ix_stops_unit", table_name="stops")


def downgrade() -> None:
    op.create_index("ix_stops_unit", "stops", ["unit"], unique=False)
