"""The stop record (docs/stop-record.md) and its amendments."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

import annotated_types
from sqlalchemy import Boolean, Column, Index, Numeric, SmallInteger, event, false
from sqlmodel import Field, SQLModel

from .base import JSONType, UTCDateTime, utcnow

CODE = 64
SHORT = 32
TIME_TO_RECORD_MAX = 24 * 60 * 60  # a form left open longer measures nothing useful
# Reports count by Dutch local date and hour; a fixed zone, so stored values never change meaning.
LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")


def local_time_columns(occurred_at: datetime) -> dict:
    """`local_date` and `local_hour` (Europe/Amsterdam) of an aware moment, as stored on `Stop`."""
    local = occurred_at.astimezone(LOCAL_ZONE)
    return {"local_date": local.date(), "local_hour": local.hour}


class StopFields(SQLModel):
    """Every field an officer records; shared by the table, imports and the API.

    The limits declared here (ranges, lengths) are the record's only ones: the form, the API
    schema, the page's attributes and scripts, and the shared rules read them (`field_limits`).
    """

    occurred_at: datetime = Field(sa_type=UTCDateTime, index=True)
    duration_minutes: int = Field(default=0, ge=0, le=24 * 60)
    area: str = Field(max_length=CODE, index=True)
    latitude: Decimal | None = Field(default=None, ge=-90, le=90, sa_column=Column(Numeric(7, 3)))
    longitude: Decimal | None = Field(default=None, ge=-180, le=180, sa_column=Column(Numeric(7, 3)))
    officer_ref: str = Field(max_length=CODE, index=True)
    unit: str = Field(max_length=CODE)  # Stop's two (unit, time) indexes serve lookups by unit
    legal_basis: str = Field(max_length=SHORT)
    reason: str = Field(max_length=SHORT)
    reason_text: str = Field(max_length=280)
    triggered_by_hit: bool = False
    hit_source: str | None = Field(default=None, max_length=SHORT)
    hit_reference: str | None = Field(default=None, max_length=64)
    vehicle_type: str = Field(max_length=SHORT)
    plate_country: str = Field(max_length=2, index=True)
    vehicle_pseudonym: str = Field(max_length=64, index=True)
    occupants: int = Field(default=1, ge=1, le=60)
    driver_nationality: str | None = Field(default=None, max_length=2)
    perceived_origin: str | None = Field(default=None, max_length=SHORT)
    documents_checked: bool = False
    driver_id_demanded: bool = False
    passenger_ids_demanded: int = Field(default=0, ge=0, le=59)  # occupants less the driver
    id_basis: str | None = Field(default=None, max_length=SHORT)
    vehicle_searched: bool = False
    persons_searched: int = Field(default=0, ge=0, le=60)
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
    # Catalogue version 2 (docs/stop-record.md): the safeguards a lawful stop must record.
    caution_given: bool = False
    reason_for_person: str | None = Field(default=None, max_length=200)
    suspected_offence: str | None = Field(default=None, max_length=120)
    supervised_law: str | None = Field(default=None, max_length=120)
    identity_document_seen: bool = False


RECORD_FIELDS = tuple(StopFields.model_fields)


@dataclass(frozen=True)
class FieldLimits:
    """The declared limits of one record field (None: no such limit)."""

    minimum: int | float | None = None
    maximum: int | float | None = None
    max_length: int | None = None


@cache
def field_limits(name: str) -> FieldLimits:
    """The limits `StopFields` declares for field `name`."""
    minimum: int | float | None = None
    maximum: int | float | None = None
    max_length: int | None = None
    for item in StopFields.model_fields[name].metadata:
        if isinstance(item, annotated_types.Ge):
            minimum = _number(item.ge)
        elif isinstance(item, annotated_types.Le):
            maximum = _number(item.le)
        elif isinstance(item, annotated_types.MaxLen):
            max_length = item.max_length
    return FieldLimits(minimum, maximum, max_length)


def _number(bound: object) -> int | float:
    # annotated_types allows any comparable bound; the record declares numbers only.
    if not isinstance(bound, int | float):
        raise TypeError(f"field limit {bound!r} is not a number")
    return bound


class Stop(StopFields, table=True):
    """A submitted stop. Never overwritten: corrections are `Amendment` rows."""

    __tablename__ = "stops"
    __table_args__ = (Index("ix_stops_unit_occurred_at", "unit", "occurred_at"),
                      Index("ix_stops_unit_local_date", "unit", "local_date"))
    stop_id: uuid.UUID = Field(primary_key=True)
    reference: str = Field(max_length=16, unique=True, index=True)
    beyond_basis: bool = False
    source: str = Field(default="form", max_length=16)
    created_by_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    amended: bool = False
    # SHA-256 of the canonical API body: a replay with the same body is answered, another is refused.
    submission_hash: str | None = Field(default=None, max_length=64)
    # Set when retention reduced the record to what aggregate reports need.
    purged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Derived from occurred_at at write time (see local_time_columns): SQLite has no time zones,
    # and a stored, indexed column keeps month filters and hour bands fast and portable.
    local_date: date = Field(index=True)
    local_hour: int = Field(sa_type=SmallInteger)
    # A pending complaint or case: retention leaves the stop as it is until the hold is lifted.
    # A server default, so bulk writers that list their own columns need not name it.
    legal_hold: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    # Whole seconds from opening the form to sending it (docs/stop-record.md); None when not measured.
    time_to_record_seconds: int | None = Field(default=None, ge=0, le=TIME_TO_RECORD_MAX)
    # Reached the server after the live window (a device long offline): accepted, and listed for review.
    late_submission: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))


@event.listens_for(Stop, "before_insert")
@event.listens_for(Stop, "before_update")
def _fill_local_time(_mapper, _connection, stop: Stop) -> None:
    # Every ORM writer (create_stop, amend_stop, tests) gets the columns; Core writers use
    # local_time_columns themselves (stops.bulk).
    if stop.occurred_at is not None:
        for name, value in local_time_columns(stop.occurred_at).items():
            setattr(stop, name, value)


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
