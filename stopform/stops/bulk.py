"""Bulk inserts of stop rows (demo data, CSV import): Core INSERTs in chunks, never one ORM
object per row, and rows whose stop_id exists already are skipped (idempotent)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from sqlalchemy import insert as generic_insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from ..models import Stop, local_time_columns

CHUNK = 2000


def chunks(rows: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most `size` items (the last may be shorter)."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _with_local_time(row: dict) -> dict:
    # Core inserts bypass the ORM event that fills these on Stop objects.
    if "local_date" not in row or "local_hour" not in row:
        row = {**row, **local_time_columns(row["occurred_at"])}
    return row


def _insert_ignoring_duplicates(dialect: str):
    table = Stop.__table__
    if dialect == "postgresql":
        return pg_insert(table).on_conflict_do_nothing(index_elements=["stop_id"])
    if dialect == "sqlite":
        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["stop_id"])
    return generic_insert(table)


def insert_stop_rows(*, session: Session, rows: Iterable[dict], chunk_size: int = CHUNK,
                     progress=None) -> int:
    """Insert complete stop rows (column -> value); existing stop_ids are left alone.

    Returns the number of rows actually inserted. `progress(n)` is called after each chunk.
    """
    statement = _insert_ignoring_duplicates(session.get_bind().dialect.name)
    inserted = 0
    for chunk in chunks(map(_with_local_time, rows), chunk_size):
        result = session.execute(statement, chunk)
        inserted += max(result.rowcount or 0, 0)
        if progress is not None:
            progress(len(chunk))
    session.flush()
    return inserted
