"""PostgreSQL: a new stop, its receipt and its audit entry in one statement; the private fast
path of `recording.record_stop`, which alone calls it.

Every submission appends to the one audit chain, whose head row each writer locks until its
commit. Done step by step from Python, the lock was held across several round trips and the
request's own work, and concurrent submissions queued behind it. Here PostgreSQL takes the lock
last, computes the entry's hash itself (`sha256` over the same canonical JSON as
`audit.services.chain_hash`, with the sequence number filled in under the lock) and commits
straight after: the API runs it as its own transaction (`db.commit_each_statement`); elsewhere
(the form, tests) it is one statement of the request's transaction.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ..audit.services import ensure_head, event_content, payload_around_seq
from ..models import Receipt, table_of
from ..receipts.services import ReceiptError, receipt_row

if TYPE_CHECKING:
    from ..auth.access import Actor
    from .recording import RecordedStop

AUDIT_COLUMNS = ("at", "actor", "actor_role", "action", "target_type", "target_id", "details")


@cache
def _sql() -> str:
    receipt_columns = [column.name for column in table_of(Receipt).columns if column.name not in {"id", "stop_id"}]
    return f"""
WITH new_stop AS (
    INSERT INTO stops SELECT * FROM jsonb_populate_record(NULL::stops, %(stop)s::jsonb)
    WHERE EXISTS (SELECT FROM audit_head WHERE audit_head.id = 1)
    ON CONFLICT DO NOTHING
    RETURNING stop_id
), new_receipt AS (
    INSERT INTO receipts (stop_id, {", ".join(receipt_columns)})
    SELECT new_stop.stop_id, {", ".join(f"%(receipt_{name})s" for name in receipt_columns)} FROM new_stop
    RETURNING id
), head AS (
    SELECT audit_head.seq + 1 AS seq, audit_head.last_hash FROM audit_head, new_stop
    WHERE audit_head.id = 1 FOR UPDATE OF audit_head
), entry AS (
    INSERT INTO audit_entries (seq, {", ".join(AUDIT_COLUMNS)}, prev_hash, entry_hash)
    SELECT head.seq, {", ".join(f"%(audit_{name})s" for name in AUDIT_COLUMNS)}, head.last_hash,
           encode(sha256(convert_to(head.last_hash || '|' || %(audit_before)s || head.seq::text
                                    || %(audit_after)s, 'UTF8')), 'hex')
    FROM head
    RETURNING seq, entry_hash
), new_head AS (
    UPDATE audit_head SET seq = entry.seq, last_hash = entry.entry_hash FROM entry
    WHERE audit_head.id = 1
    RETURNING audit_head.seq
), last_area AS (
    UPDATE users SET last_area = %(author_area)s FROM new_stop
    WHERE users.id = %(author_id)s AND users.last_area IS DISTINCT FROM %(author_area)s
    RETURNING users.id
)
-- The order matters: PostgreSQL runs each sub-statement when first asked for its rows, so the
-- receipt and the user's last area are written before the chain's head row is locked.
SELECT (SELECT count(*) FROM new_stop), (SELECT count(*) FROM new_receipt), (SELECT count(*) FROM last_area),
       EXISTS (SELECT FROM audit_head WHERE audit_head.id = 1), (SELECT count(*) FROM new_head)
"""


def _json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    raise TypeError(f"no JSON form for {type(value).__name__}")


def store(session: Session, row: dict, stop: RecordedStop, author: Actor) -> bool:
    """Store `row` as `stop` (its reference and receipt) with the audit entry; False when the
    stop_id or the reference is taken (nothing stored). ReceiptError when the receipt token is."""
    _, receipt = receipt_row(stop, token=stop.receipt_token, minted_by=stop.receipt_minted_by)
    content = event_content("stop_created", actor=author, target_type="stop", target_id=stop.stop_id,
                            details=stop.audit_details())
    before, after = payload_around_seq(content)
    # The stop as one JSON parameter: PostgreSQL converts it to the row, and a statement with few
    # parameters is one psycopg prepares once and reuses.
    parameters = {"stop": json.dumps({**row, "reference": stop.reference}, default=_json_value),
                  **{f"receipt_{name}": value for name, value in receipt.items() if name != "stop_id"},
                  **{f"audit_{name}": content[name] for name in AUDIT_COLUMNS},
                  "audit_details": Jsonb(content["details"]), "audit_before": before, "audit_after": after,
                  "author_area": stop.area, "author_id": author.id}
    stops, heads = _execute(session, parameters)
    if stops is None:  # a new database whose chain has no head row yet: make it, then store
        ensure_head(session)
        stops, heads = _execute(session, parameters)
    if stops == 0:
        return False
    if heads != 1:
        # The head row vanished during the statement: only a hand in the database does that.
        raise RuntimeError(f"stop {stop.stop_id} stored without its audit entry: the chain's head row is gone")
    return True


def _execute(session: Session, parameters: dict) -> tuple[int | None, int]:
    try:
        stops, _, _, has_head, heads = session.connection().exec_driver_sql(_sql(), parameters).one()
    except IntegrityError as error:
        if isinstance(error.orig, psycopg.Error) and error.orig.diag.table_name == "receipts":
            raise ReceiptError("receipt_token is already registered for another stop") from error
        raise
    return (stops if has_head else None), heads
