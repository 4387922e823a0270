"""Stop templates: a named set of pre-filled answers for a scenario, kept by admins."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from .base import JSONType, UTCDateTime, utcnow


class StopTemplate(SQLModel, table=True):
    """Answers an officer can start a stop with in one tap ("speed check at a control site").
    Every answer it fills is still shown on the check page before the stop is sent."""

    __tablename__ = "stop_templates"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True)
    answers: dict = Field(default_factory=dict, sa_column=Column(JSONType, nullable=False))
    active: bool = Field(default=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
