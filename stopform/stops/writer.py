"""Storing one new stop, its receipt and its audit entry: the API's write path.

Devices that come back online send their queued stops in a burst, so this path is kept short:
plain Core statements instead of ORM objects (whose unit of work cost more than the database
did), and on PostgreSQL a single statement (`one_statement`) that also appends to the audit
chain, so the chain's lock is held for that statement and the commit only. The rows are the
same as `services.create_stop` and `receipts.services.issue_receipt` make.
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import update
from sqlmodel import Session

from ..audit.services import Actor, record_event
from ..catalog.services import Catalog
from ..db import insert_skipping_conflicts
from ..models import Stop, User, local_time_columns, utcnow
from ..receipts.services import issue_receipt
from . import one_statement
from .codes import new_reference
from .guard import check_legality
from .services import record_values

_TABLE = Stop.__table__
# What the model would fill in for a column the record leaves out (its defaults, evaluated per row).
_DEFAULTS = {name: (field.default_factory or (lambda value=field.default: value))
             for name, field in Stop.model_fields.items() if name in _TABLE.c and not field.is_required()}
FRESH_REFERENCE_TRIES = 5


class Author(Actor, Protocol):
    """Who records the stop: the audit's actor, plus their id and the area of their last stop."""

    id: int
    last_area: str | None


@dataclass(frozen=True)
class StoredStop:
    """What callers need of a stop just stored: its keys, its time and how it came in."""

    stop_id: uuid.UUID
    reference: str
    occurred_at: datetime
    source: str
    area: str

    def audit_details(self) -> dict:
        """The details of its `stop_created` audit entry."""
        return {"reference": self.reference, "source": self.source}


@dataclass(frozen=True)
class NewStop:
    """A validated stop ready to store: every column but its reference, and its receipt."""

    row: dict
    reference: str | None  # brought by the device (minted offline); None: mint one here
    receipt_token: str
    receipt_minted_by: str  # "server" or "device"

    def stored(self, reference: str) -> StoredStop:
        """The stop as stored under `reference`."""
        row = self.row
        return StoredStop(row["stop_id"], reference, row["occurred_at"], row["source"], row["area"])


def new_stop_row(*, record: Mapping, author_id: int, officer_ref: str, unit: str, catalog: Catalog,
                 pseudonym_key: str, source: str, submission_hash: str | None) -> dict:
    """Every column of a new stop from a validated record, but its reference."""
    values = record_values(record, pseudonym_key=pseudonym_key)
    values["officer_ref"] = officer_ref
    values["unit"] = values.get("unit") or unit
    row = {name: make() for name, make in _DEFAULTS.items()}
    row.update(values)
    stop_id = record.get("stop_id")
    row.update(stop_id=stop_id if isinstance(stop_id, uuid.UUID) else uuid.UUID(str(stop_id)),
               beyond_basis=check_legality(values, catalog).beyond_basis, source=source,
               created_by_id=author_id, submission_hash=submission_hash, recorded_at=utcnow(),
               **local_time_columns(values["occurred_at"]))
    return row


def store_new_stop(session: Session, new: NewStop, author: Author) -> StoredStop | None:
    """Store the stop, its receipt and its audit entry in the session's transaction.

    Returns None, storing nothing, when the stop_id (or the device's own reference) is stored
    already: the caller answers as for a replay. Raises ReceiptError when the device's receipt
    token belongs to another stop (the caller rolls back).
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    for _ in range(1 if new.reference else FRESH_REFERENCE_TRIES):
        reference = new.reference or new_reference()
        stored = (one_statement.store(session, new, reference, author) if postgres
                  else _store_step_by_step(session, new, reference, author))
        if stored is not None:
            return stored
        if new.reference or stop_id_taken(session, new.row["stop_id"]):
            return None
    raise RuntimeError(f"no unused stop reference after {FRESH_REFERENCE_TRIES} tries")


def _store_step_by_step(session: Session, new: NewStop, reference: str, author: Author) -> StoredStop | None:
    connection = session.connection()
    statement = insert_skipping_conflicts(_TABLE, connection.dialect.name).returning(_TABLE.c.stop_id)
    if connection.execute(statement, {**new.row, "reference": reference}).first() is None:
        return None
    stop = new.stored(reference)
    issue_receipt(session=session, stop=stop, token=new.receipt_token, minted_by=new.receipt_minted_by)
    if author.last_area != stop.area:
        users = User.__table__
        connection.execute(update(users).where(users.c.id == author.id).values(last_area=stop.area))
    record_event(session, "stop_created", actor=author, target_type="stop", target_id=stop.stop_id,
                 details=stop.audit_details())
    return stop


def stop_id_taken(session: Session, stop_id: uuid.UUID) -> bool:
    """Whether a stop with this id is stored (visible to this transaction)."""
    query = _TABLE.select().with_only_columns(_TABLE.c.stop_id).where(_TABLE.c.stop_id == stop_id)
    return session.connection().execute(query).first() is not None
