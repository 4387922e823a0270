"""The API's request and response shapes (pydantic), also the source of the OpenAPI schemas."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ..models import field_limits
from ..models.stops import TIME_TO_RECORD_MAX
from ..stops.codes import PLATE_MAX_LENGTH, PLATE_PATTERN
from ..stops.rules import FIRST_YEAR, LAST_YEAR
from ..stops.text import has_control_character


def _range(name: str):
    """The range `models.StopFields` declares for `name`."""
    limits = field_limits(name)
    return Field(ge=limits.minimum, le=limits.maximum)


def _text(name: str, min_length: int = 0) -> StringConstraints:
    """The maximum length `models.StopFields` declares for `name`."""
    return StringConstraints(min_length=min_length, max_length=field_limits(name).max_length)


Code = Annotated[str, _text("reason", min_length=1)]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]


class StopIn(BaseModel):
    """A stop as the officer's device sends it (docs/stop-record.md, with the typed `plate`)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    stop_id: uuid.UUID
    reference: Annotated[str, StringConstraints(max_length=16)] | None = None
    receipt_token: Annotated[str, StringConstraints(max_length=40)] | None = None
    occurred_at: AwareDatetime
    duration_minutes: Annotated[int, _range("duration_minutes")]
    area: Annotated[str, _text("area", min_length=1)]
    latitude: Annotated[float, _range("latitude")] | None = None
    longitude: Annotated[float, _range("longitude")] | None = None
    unit: Annotated[str, _text("unit")] | None = None
    legal_basis: Code
    reason: Code
    reason_text: Annotated[str, _text("reason_text")]
    triggered_by_hit: bool = False
    hit_source: Code | None = None
    hit_reference: Annotated[str, _text("hit_reference")] | None = None
    vehicle_type: Code
    plate: Annotated[str, StringConstraints(min_length=1, max_length=PLATE_MAX_LENGTH, pattern=PLATE_PATTERN)]
    plate_country: Country
    occupants: Annotated[int, _range("occupants")]
    driver_nationality: Country | None = None
    perceived_origin: Code | None = None
    documents_checked: bool = False
    driver_id_demanded: bool = False
    passenger_ids_demanded: Annotated[int, _range("passenger_ids_demanded")] = 0
    id_basis: Code | None = None
    vehicle_searched: bool = False
    persons_searched: Annotated[int, _range("persons_searched")] = 0
    search_basis: Code | None = None
    consent_refusal_explained: bool = False
    authorisation_ref: Annotated[str, _text("authorisation_ref")] | None = None
    force_used: bool = False
    search_found: bool = False
    found_category: Code = "none"
    offence_found: bool = False
    outcome: Code
    outcome_linked_to_reason: bool = False
    receipt: Code
    receipt_not_offered_reason: Annotated[str, _text("receipt_not_offered_reason")] | None = None
    caution_given: bool = False
    reason_for_person: Annotated[str, _text("reason_for_person")] | None = None
    suspected_offence: Annotated[str, _text("suspected_offence")] | None = None
    supervised_law: Annotated[str, _text("supervised_law")] | None = None
    identity_document_seen: bool = False
    time_to_record_seconds: Annotated[int, Field(ge=0, le=TIME_TO_RECORD_MAX)] | None = None

    @field_validator("*", mode="after")
    @classmethod
    def no_control_characters(cls, value):
        """Text with NUL, escape or other control characters is refused, naming the field."""
        if has_control_character(value):
            raise ValueError("control characters (such as NUL) are not allowed")
        return value

    @field_validator("occurred_at", mode="after")
    @classmethod
    def sane_year(cls, value: datetime) -> datetime:
        """Years far from now break time-zone arithmetic; no stop is recorded outside this range."""
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValueError(f"the year must be between {FIRST_YEAR} and {LAST_YEAR}")
        return value


class StopAccepted(BaseModel):
    """The answer to a stored (or replayed) stop."""

    stop_id: uuid.UUID
    reference: str
    receipt_url: str | None


class ValidationProblem(BaseModel):
    """422: one message per field."""

    errors: dict[str, str]


class ErrorOut(BaseModel):
    """Any other error."""

    error: str
    status: int
    detail: str | None = None


class StopOut(BaseModel):
    """A stored stop as the API returns it: no plate, only its pseudonym."""

    stop_id: uuid.UUID
    reference: str
    occurred_at: str
    duration_minutes: int
    area: str
    latitude: float | None
    longitude: float | None
    officer_ref: str
    unit: str
    legal_basis: str
    reason: str
    reason_text: str
    triggered_by_hit: bool
    hit_source: str | None
    hit_reference: str | None
    vehicle_type: str
    plate_country: str
    vehicle_pseudonym: str
    occupants: int
    driver_nationality: str | None
    perceived_origin: str | None
    documents_checked: bool
    driver_id_demanded: bool
    passenger_ids_demanded: int
    id_basis: str | None
    vehicle_searched: bool
    persons_searched: int
    search_basis: str | None
    consent_refusal_explained: bool
    authorisation_ref: str | None
    force_used: bool
    search_found: bool
    found_category: str
    offence_found: bool
    outcome: str
    outcome_linked_to_reason: bool
    receipt: str
    receipt_not_offered_reason: str | None
    caution_given: bool = False
    reason_for_person: str | None = None
    suspected_offence: str | None = None
    supervised_law: str | None = None
    identity_document_seen: bool = False
    beyond_basis: bool
    amended: bool
    recorded_at: str


class StopPage(BaseModel):
    """A page of the caller's own stops."""

    items: list[StopOut]
    page: int
    per_page: int
