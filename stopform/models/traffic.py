"""Traffic counts: the benchmark population for stop rates (the traffic CSV of docs/imports.md)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, utcnow

CODE = 64


class TrafficCount(SQLModel, table=True):
    """Passages (and system alerts) of one plate country in one area over a period of days.

    `period_end` is inclusive. One row per (period_start, period_end, area, plate_country): a
    re-import of a changed count replaces the numbers in place.
    """

    __tablename__ = "traffic_counts"
    __table_args__ = (UniqueConstraint("period_start", "period_end", "area", "plate_country",
                                       name="uq_traffic_counts_period_area_country"),)
    id: int | None = Field(default=None, primary_key=True)
    period_start: date = Field(index=True)
    period_end: date = Field(index=True)
    area: str = Field(max_length=CODE, index=True)
    plate_country: str = Field(max_length=2)
    passages: int
    hits: int | None = None
    imported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
