"""Bulk inserts of stop rows (demo data, CSV import): Core INSERTs in chunks, never one ORM
object per row, and rows whose stop_id exists already are skipped (idempotent)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlmodel import Session

from ..core.batching import chunks
from ..db import insert_skipping_conflicts
from ..models import Stop, local_time_columns, table_of

CHUNK = 2000


def _with_local_time(row: dict) -> dict:
    # Core inserts bypass the ORM event that fills these on Stop objects.
    if "local_date" not in row or "local_hour" not in row:
        row = {**row, **local_time_columns(row["occurred_at"])}
    return row


def insert_stop_rows(*, session: Session, rows: Iterable[dict], chunk_size: int = CHUNK,
                     progress=None) -> int:
    """Insert complete stop rows (column -> value); existing stop_ids are left alone.

    Returns the number of rows actually inserted. `progress(n)` is called after each chunk.
    """
    statement = insert_skipping_conflicts(table_of(Stop), session.get_bind().dialect.name, ["stop_id"])
    inserted = 0
    for chunk in chunks(map(_with_local_time, rows), chunk_size):
        result = session.exec(statement, params=chunk)
        inserted += max(result.rowcount or 0, 0)
        if progress is not None:
            progress(len(chunk))
    session.flush()
    return inserted


def analyze_stops(session: Session) -> None:
    """Have the database count `stops` again now (ANALYZE), after a bulk load: until autovacuum
    gets round to it, if it runs at all, the planner plans every query on the old numbers."""
    session.execute(text("ANALYZE stops"))
