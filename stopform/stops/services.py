"""Thin services for stops: create, find (respecting who may see what), amend."""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from sqlalchemy import or_
from sqlmodel import Session, select

from ..audit.services import record_event
from ..catalog.services import Catalog
from ..models import Amendment, Stop, StopFields, Supervision, Unit, User
from .codes import new_reference, plate_pseudonym
from .guard import check_legality

if TYPE_CHECKING:
    from ..api.tokens import Caller

RECORD_FIELDS = tuple(StopFields.model_fields)
AMENDABLE_FIELDS = tuple(f for f in RECORD_FIELDS if f not in {"officer_ref", "unit"})
COORDINATE_STEP = Decimal("0.001")


class DuplicateStop(Exception):
    """The stop_id exists already with different content."""


def round_coordinate(value) -> Decimal | None:
    """Coordinates are kept to 3 decimals (about 100 m), never more precisely."""
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)


def record_values(record: Mapping, *, pseudonym_key: str) -> dict:
    """The storable fields of a validated record: plate replaced by its pseudonym."""
    values = {name: record.get(name) for name in RECORD_FIELDS if name in record}
    if record.get("plate"):
        values["vehicle_pseudonym"] = plate_pseudonym(record["plate"], pseudonym_key)
    values["latitude"] = round_coordinate(record.get("latitude"))
    values["longitude"] = round_coordinate(record.get("longitude"))
    return values


def create_stop(*, session: Session, record: Mapping, user: User, catalog: Catalog, pseudonym_key: str,
                source: str = "form", reference: str | None = None, submission_hash: str | None = None,
                audit: bool = True) -> Stop:
    """Store a validated record for `user`; the reference is unique and the plate pseudonymised.

    A device may bring its own `reference` (minted offline for the receipt); a clash raises
    IntegrityError at flush, like a reused stop_id. With `audit=False` the caller must call
    `audit_stop_created` itself, last before the commit (see there).
    """
    values = record_values(record, pseudonym_key=pseudonym_key)
    values["officer_ref"] = user.service_number
    values["unit"] = values.get("unit") or unit_code(session, user)
    stop = Stop(stop_id=_as_uuid(record.get("stop_id")), reference=reference or _unused_reference(session),
                beyond_basis=check_legality(values, catalog).beyond_basis, source=source,
                created_by_id=user.id, submission_hash=submission_hash, **values)
    session.add(stop)
    user.last_area = stop.area
    session.add(user)
    session.flush()
    if audit:
        audit_stop_created(session, stop, user)
    return stop


def audit_stop_created(session: Session, stop: Stop, user: User) -> None:
    """Log the new stop in the audit chain.

    Appending takes the chain's one lock until the commit, so every concurrent submission waits
    for it: callers that still write (the receipt) append last to hold it as briefly as possible.
    """
    record_event(session, "stop_created", actor=user, target_type="stop", target_id=stop.stop_id,
                 details={"reference": stop.reference, "source": stop.source})


def _as_uuid(value) -> uuid.UUID:
    if not value:
        return uuid.uuid4()
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _unused_reference(session: Session) -> str:
    while True:
        reference = new_reference()
        if session.exec(select(Stop.stop_id).where(Stop.reference == reference)).first() is None:
            return reference


def unit_code(session: Session, user: User | Caller) -> str:
    """The code of the user's own unit ('' when none)."""
    unit = session.get(Unit, user.unit_id) if user.unit_id else None
    return unit.code if unit else ""


def visible_unit_codes(session: Session, user: User) -> list[str]:
    """Unit codes whose stops a supervisor may see: their own plus those they supervise."""
    ids = {user.unit_id} | set(session.exec(select(Supervision.unit_id).where(Supervision.user_id == user.id)))
    return list(session.exec(select(Unit.code).where(Unit.id.in_([i for i in ids if i]))))


def visibility_filter(session: Session, user: User):
    """A WHERE clause limiting stops to those `user` may see at record level."""
    if user.role == "officer":
        return Stop.created_by_id == user.id
    if user.role == "supervisor":
        return or_(Stop.unit.in_(visible_unit_codes(session, user)), Stop.created_by_id == user.id)
    if user.role == "admin":
        return Stop.stop_id.is_not(None)
    return Stop.stop_id.is_(None)  # oversight sees aggregates only, never records


def find_visible_stop(*, session: Session, user: User, stop_id: uuid.UUID) -> Stop | None:
    """The stop if `user` may see it; None otherwise (the caller answers 404 either way).

    A read by anyone other than the stop's author is written to the audit log.
    """
    stop = session.exec(select(Stop).where(Stop.stop_id == stop_id, visibility_filter(session, user))).first()
    if stop is not None and stop.created_by_id != user.id:
        record_event(session, "stop_read", actor=user, target_type="stop", target_id=stop.stop_id)
    return stop


def recent_stops(*, session: Session, user: User, limit: int = 20) -> list[Stop]:
    """The user's own latest stops, newest first."""
    query = select(Stop).where(Stop.created_by_id == user.id).order_by(Stop.occurred_at.desc()).limit(limit)
    return list(session.exec(query))


def own_stops_page(*, session: Session, user: User, page: int, per_page: int) -> list[Stop]:
    """One page of the user's own stops, newest first."""
    query = (select(Stop).where(Stop.created_by_id == user.id).order_by(Stop.occurred_at.desc())
             .offset((page - 1) * per_page).limit(per_page))
    return list(session.exec(query))


def amend_stop(*, session: Session, stop: Stop, record: Mapping, user: User, reason: str,
               catalog: Catalog, pseudonym_key: str) -> Amendment | None:
    """Apply a correction, keeping each changed field's old and new value. None if nothing changed."""
    values = record_values(record, pseudonym_key=pseudonym_key)
    before, after = {}, {}
    for name in AMENDABLE_FIELDS:
        if name in values and _changed(getattr(stop, name), values[name]):
            before[name] = _jsonable(getattr(stop, name))
            after[name] = _jsonable(values[name])
            setattr(stop, name, values[name])
    if not after:
        return None
    stop.beyond_basis = check_legality(stop.model_dump(), catalog).beyond_basis
    stop.amended = True
    amendment = Amendment(stop_id=stop.stop_id, amended_by_id=user.id, reason=reason.strip(),
                          before=before, after=after)
    session.add_all([stop, amendment])
    session.flush()
    record_event(session, "stop_amended", actor=user, target_type="stop", target_id=stop.stop_id,
                 details={"fields": sorted(after), "reason": amendment.reason})
    return amendment


def _changed(old, new) -> bool:
    # Forms carry whole minutes: a time equal to the stored one but for its seconds is unchanged.
    if isinstance(old, datetime) and isinstance(new, datetime):
        return new != old and new != old.replace(second=0, microsecond=0)
    return old != new


def amendments_of(*, session: Session, stop: Stop) -> list[Amendment]:
    """The stop's amendments, oldest first."""
    query = select(Amendment).where(Amendment.stop_id == stop.stop_id).order_by(Amendment.id)
    return list(session.exec(query))


def original_record(*, session: Session, stop: Stop) -> dict:
    """The record as first submitted: the current values with every amendment undone."""
    record = {name: _jsonable(getattr(stop, name)) for name in RECORD_FIELDS}
    for amendment in reversed(amendments_of(session=session, stop=stop)):
        record.update(amendment.before)
    return record


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
