"""Thin services for stored stops: find (as `auth.access` allows), list, amend.

New stops are stored by `recording.record_stop`, the one path for every source.
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from ..audit.services import record_event
from ..auth.access import Actor, stop_visibility
from ..catalog.services import Catalog
from ..core.crockford import group_code, normalise_crockford
from ..models import RECORD_FIELDS, Amendment, Stop, User
from .guard import check_legality
from .recording import record_values

AMENDABLE_FIELDS = tuple(f for f in RECORD_FIELDS if f not in {"officer_ref", "unit"})


def find_visible_stop(*, session: Session, user: Actor | User, stop_id: uuid.UUID) -> Stop | None:
    """The stop if `user` may see it; None otherwise (the caller answers 404 either way).

    A read by anyone other than the stop's author is written to the audit log.
    """
    stop = session.exec(select(Stop).where(Stop.stop_id == stop_id, stop_visibility(session, user))).first()
    if stop is not None and stop.created_by_id != user.id:
        record_event(session, "stop_read", actor=user, target_type="stop", target_id=stop.stop_id)
    return stop


def recent_stops(*, session: Session, user: Actor | User, limit: int = 20) -> list[Stop]:
    """The user's own latest stops, newest first."""
    query = select(Stop).where(Stop.created_by_id == user.id).order_by(col(Stop.occurred_at).desc()).limit(limit)
    return list(session.exec(query))


@dataclass(frozen=True)
class StopFilters:
    """What "My stops" narrows the list to; None or '' is no filter."""

    start: date | None = None
    end: date | None = None
    area: str = ""
    outcome: str = ""
    reference: str = ""


def find_own_stops(*, session: Session, user: Actor | User, filters: StopFilters, limit: int = 50) -> list[Stop]:
    """The user's own stops matching `filters`, newest first; a reference matches as typed (any
    case, hyphens or none, I/L/O), in full or its beginning."""
    query = select(Stop).where(Stop.created_by_id == user.id)
    if filters.start:
        query = query.where(col(Stop.local_date) >= filters.start)
    if filters.end:
        query = query.where(col(Stop.local_date) <= filters.end)
    if filters.area:
        query = query.where(Stop.area == filters.area)
    if filters.outcome:
        query = query.where(Stop.outcome == filters.outcome)
    symbols = normalise_crockford(filters.reference)
    if filters.reference.strip():
        query = query.where(col(Stop.reference).startswith(group_code(symbols) if symbols else filters.reference,
                                                           autoescape=True))
    return list(session.exec(query.order_by(col(Stop.occurred_at).desc()).limit(limit)))


def own_stops_page(*, session: Session, user: Actor | User, page: int, per_page: int) -> list[Stop]:
    """One page of the user's own stops, newest first."""
    query = (select(Stop).where(Stop.created_by_id == user.id).order_by(col(Stop.occurred_at).desc())
             .offset((page - 1) * per_page).limit(per_page))
    return list(session.exec(query))


def amend_stop(*, session: Session, stop: Stop, record: Mapping, user: Actor | User, reason: str,
               catalog: Catalog, pseudonym_key: str) -> Amendment | None:
    """Apply a correction, keeping each changed field's old and new value. None if nothing changed."""
    if user.id is None:
        raise ValueError("amendments are made by a saved user")
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
                 details={"fields": sorted(after), "reason": amendment.reason})  # the log keeps its hash
    return amendment


def _changed(old, new) -> bool:
    # Forms carry whole minutes: a time equal to the stored one but for its seconds is unchanged.
    if isinstance(old, datetime) and isinstance(new, datetime):
        return new != old and new != old.replace(second=0, microsecond=0)
    return old != new


def amendments_of(*, session: Session, stop: Stop) -> list[Amendment]:
    """The stop's amendments, oldest first."""
    query = select(Amendment).where(Amendment.stop_id == stop.stop_id).order_by(col(Amendment.id))
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
