"""The stop record (stop-record.md §1) and its amendments."""
from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Column, Index, Numeric
from sqlmodel import Field, SQLModel

from .base import JSONType, UTCDateTime, utcnow

CODE = 64
SHORT = 32


class StopFields(SQLModel):
    """Every field an officer records; shared by the table, imports and the API."""

    occurred_at: datetime = Field(sa_type=UTCDateTime, index=True)
    duration_minutes: int = 0
    area: str = Field(max_length=CODE, index=True)
    latitude: Decimal | None = Field(default=None, sa_column=Column(Numeric(7, 3)))
    longitude: Decimal | None = Field(default=None, sa_column=Column(Numeric(7, 3)))
    officer_ref: str = Field(max_length=CODE, index=True)
    unit: str = Field(max_length=CODE, index=True)
    legal_basis: str = Field(max_length=SHORT)
    reason: str = Field(max_length=SHORT)
    reason_text: str = Field(max_length=280)
    triggered_by_hit: bool = False
    hit_source: str | None = Field(default=None, max_length=SHORT)
    hit_reference: str | None = Field(default=None, max_length=64)
    vehicle_type: str = Field(max_length=SHORT)
    plate_country: str = Field(max_length=2, index=True)
    vehicle_pseudonym: str = Field(max_length=64, index=True)
    occupants: int = 1
    driver_nationality: str | None = Field(default=None, max_length=2)
    perceived_origin: str | None = Field(default=None, max_length=SHORT)
    documents_checked: bool = False
    driver_id_demanded: bool = False
    passenger_ids_demanded: int = 0
    id_basis: str | None = Field(default=None, max_length=SHORT)
    vehicle_searched: bool = False
    persons_searched: int = 0
    search_basis: str | None = Field(default=None, max_length=SHORT)
    consent_refusal_explained: bool = False
    authorisation_ref: str | None = Field(default=None, max_length=64)
    force_used: bool = False
    search_found: bool = False
    found_category: str = Field(default="none", max_length=SHORT)
    offence_found: bool = False
    outcome: str = Field(max_length=SHORT)
    outcome_linked_to_reason: bool = False
    receipt: str = Field(max_length=SHORT)
    receipt_not_offered_reason: str | None = Field(default=None, max_length=200)


class Stop(StopFields, table=True):
    """A submitted stop. Never overwritten: corrections are `Amendment` rows."""

    __tablename__ = "stops"
    __table_args__ = (Index("ix_stops_unit_occurred_at", "unit", "occurred_at"),)
    stop_id: uuid.UUID = Field(primary_key=True)
    reference: str = Field(max_length=16, unique=True, index=True)
    beyond_basis: bool = False
    source: str = Field(default="form", max_length=16)
    created_by_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    amended: bool = False


class Amendment(SQLModel, table=True):
    """A correction: who, when, why, and each changed field before and after."""

    __tablename__ = "amendments"
    id: int | None = Field(default=None, primary_key=True)
    stop_id: uuid.UUID = Field(foreign_key="stops.stop_id", index=True)
    amended_by_id: int = Field(foreign_key="users.id")
    amended_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    reason: str = Field(max_length=500)
    before: dict = Field(default_factory=dict, sa_column=Column(JSONType, nullable=False))
    after: dict = Field(default_factory=dict, sa_column=Column(JSONType, nullable=False))
