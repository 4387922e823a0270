"""Supervisors' reviews of stops on the review list: append-only, never edited or deleted."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from .base import UTCDateTime, utcnow

REVIEW_OUTCOMES = ("ok", "follow_up")
COMMENT_MAX = 1000


class StopReview(SQLModel, table=True):
    """One review of one stop; a later review adds a row, so the history stays complete."""

    __tablename__ = "stop_reviews"
    id: int | None = Field(default=None, primary_key=True)
    stop_id: uuid.UUID = Field(foreign_key="stops.stop_id", index=True)
    reviewer_id: int = Field(foreign_key="users.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    outcome: str = Field(max_length=16)
    comment: str = Field(max_length=COMMENT_MAX)
