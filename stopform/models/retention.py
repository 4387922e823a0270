"""What remains of stops after their final deletion: counts only, no record."""
from __future__ import annotations

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

CODE = 64
SHORT = 32


class StopTally(SQLModel, table=True):
    """How many stops of one month, unit, area, legal basis, reason and outcome were deleted for good."""

    __tablename__ = "stop_tallies"
    __table_args__ = (UniqueConstraint("month", "unit", "area", "legal_basis", "reason", "outcome",
                                       name="uq_stop_tallies_group"),)
    id: int | None = Field(default=None, primary_key=True)
    month: date = Field(index=True)
    unit: str = Field(max_length=CODE)
    area: str = Field(max_length=CODE)
    legal_basis: str = Field(max_length=SHORT)
    reason: str = Field(max_length=SHORT)
    outcome: str = Field(max_length=SHORT)
    stops: int = 0
