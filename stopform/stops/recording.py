"""Recording a new stop: the one path for the form and the API, and the import's row builder.

`record_stop` stores a validated record with its receipt and its audit entry in the session's
transaction. Every source gets the same reference scheme (`codes.new_reference`, retried on a
clash) and the same server receipt token (`receipts.services.server_token`, an HMAC of the
stop id), so the stop's author can be shown the same receipt again later; a device that minted
its own token and reference offline brings them instead.

Devices that come back online send their queued stops in a burst, so the path is kept short:
plain Core statements rather than ORM objects, and on PostgreSQL one statement
(`one_statement`, private to this module) that also appends to the audit chain, so the chain's
lock is held for that statement and the commit only.
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from sqlalchemy import update
from sqlmodel import Session

from ..audit.services import record_event
from ..auth.access import Actor, own_unit_code
from ..catalog.services import Catalog
from ..db import insert_skipping_conflicts
from ..models import RECORD_FIELDS, Stop, User, local_time_columns, table_of, utcnow
from ..receipts.services import issue_receipt, server_token
from . import one_statement
from .codes import new_reference, plate_pseudonym
from .guard import exceeds_basis

_TABLE = table_of(Stop)
# What the model would fill in for a column the record leaves out: its plain defaults, and its
# default factories (called per row).
_OPTIONAL_FIELDS = {name: field for name, field in Stop.model_fields.items()
                    if name in _TABLE.c and not field.is_required()}
_PLAIN_DEFAULTS = {name: field.default for name, field in _OPTIONAL_FIELDS.items() if field.default_factory is None}
_DEFAULT_FACTORIES = {name: partial(field.get_default, call_default_factory=True)
                      for name, field in _OPTIONAL_FIELDS.items() if field.default_factory is not None}
FRESH_REFERENCE_TRIES = 5
COORDINATE_STEP = Decimal("0.001")


@dataclass(frozen=True)
class RecordedStop:
    """A stop just stored: its keys, its time, how it came in, and its receipt's token."""

    stop_id: uuid.UUID
    reference: str
    occurred_at: datetime
    source: str
    area: str
    receipt_token: str
    receipt_minted_by: str  # "server" or "device"

    def audit_details(self) -> dict:
        """The details of its `stop_created` audit entry."""
        return {"reference": self.reference, "source": self.source}


def round_coordinate(value) -> Decimal | None:
    """Coordinates are kept to 3 decimals (about 100 m), never more precisely."""
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)


def record_values(record: Mapping, *, pseudonym_key: str) -> dict:
    """The storable fields of a validated record: the plate replaced by its pseudonym,
    coordinates coarsened."""
    values = {name: record.get(name) for name in RECORD_FIELDS if name in record}
    if record.get("plate"):
        values["vehicle_pseudonym"] = plate_pseudonym(record["plate"], pseudonym_key)
    values["latitude"] = round_coordinate(record.get("latitude"))
    values["longitude"] = round_coordinate(record.get("longitude"))
    return values


def new_stop_row(*, record: Mapping, catalog: Catalog, pseudonym_key: str, source: str,
                 author_id: int | None = None, officer_ref: str | None = None, unit: str | None = None,
                 submission_hash: str | None = None, recorded_at: datetime | None = None) -> dict:
    """Every column of a new stop from a validated record, but its reference.

    `officer_ref` and `unit` default to the record's own (an import names them per row).
    """
    values = record_values(record, pseudonym_key=pseudonym_key)
    values["officer_ref"] = officer_ref or values.get("officer_ref")
    values["unit"] = values.get("unit") or unit
    row = {**_PLAIN_DEFAULTS, **{name: make() for name, make in _DEFAULT_FACTORIES.items()}}
    row.update(values)
    row["time_to_record_seconds"] = record.get("time_to_record_seconds")
    row.update(stop_id=_as_uuid(record.get("stop_id")), beyond_basis=exceeds_basis(values, catalog),
               source=source, created_by_id=author_id, submission_hash=submission_hash,
               recorded_at=recorded_at or utcnow(), **local_time_columns(values["occurred_at"]))
    return row


def record_stop(*, session: Session, record: Mapping, actor: Actor, catalog: Catalog, pseudonym_key: str,
                source: str, reference: str | None = None, receipt_token: str | None = None,
                submission_hash: str | None = None, late_submission: bool = False) -> RecordedStop | None:
    """Store a validated record for `actor`, with its receipt and its audit entry.

    A device may bring its own `reference` and `receipt_token` (minted offline); otherwise both
    are made here. Returns None, storing nothing, when the stop_id (or the device's reference)
    is stored already: the caller answers as for a replay. Raises ReceiptError when the
    device's token belongs to another stop (the caller rolls back). `late_submission` marks a
    stop that arrived after the live window (listed for review).
    """
    row = new_stop_row(record=record, catalog=catalog, pseudonym_key=pseudonym_key, source=source,
                       author_id=actor.id, officer_ref=actor.service_number,
                       unit=own_unit_code(session, actor), submission_hash=submission_hash)
    row["late_submission"] = late_submission
    token = receipt_token or server_token(row["stop_id"])
    minted_by = "device" if receipt_token else "server"
    postgres = session.get_bind().dialect.name == "postgresql"
    for _ in range(1 if reference else FRESH_REFERENCE_TRIES):
        stop = RecordedStop(row["stop_id"], reference or new_reference(), row["occurred_at"], source,
                            row["area"], token, minted_by)
        stored = (one_statement.store(session, row, stop, actor) if postgres
                  else _store_step_by_step(session, row, stop, actor))
        if stored:
            return stop
        if reference or stop_id_taken(session, stop.stop_id):
            return None
    raise RuntimeError(f"no unused stop reference after {FRESH_REFERENCE_TRIES} tries")


def _store_step_by_step(session: Session, row: dict, stop: RecordedStop, actor: Actor) -> bool:
    connection = session.connection()
    statement = insert_skipping_conflicts(_TABLE, connection.dialect.name).returning(_TABLE.c.stop_id)
    if connection.execute(statement, {**row, "reference": stop.reference}).first() is None:
        return False
    issue_receipt(session=session, stop=stop, token=stop.receipt_token, minted_by=stop.receipt_minted_by)
    if actor.last_area != stop.area:
        users = table_of(User)
        connection.execute(update(users).where(users.c.id == actor.id).values(last_area=stop.area))
    # Appending takes the chain's one lock until the commit: last, to hold it briefly.
    record_event(session, "stop_created", actor=actor, target_type="stop", target_id=stop.stop_id,
                 details=stop.audit_details())
    return True


def stop_id_taken(session: Session, stop_id: uuid.UUID) -> bool:
    """Whether a stop with this id is stored (visible to this transaction)."""
    query = _TABLE.select().with_only_columns(_TABLE.c.stop_id).where(_TABLE.c.stop_id == stop_id)
    return session.connection().execute(query).first() is not None


def _as_uuid(value) -> uuid.UUID:
    if not value:
        return uuid.uuid4()
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
