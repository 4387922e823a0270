"""The internal full export of a month's stops, in the import format (docs/imports.md, "Stop CSV").

`export-stops --month M` then `import-stops` on another installation recreates the same stops;
the plate is never in it (only its pseudonym). Rows stream from the database in batches.
"""
from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import TextIO

from sqlalchemy import select
from sqlmodel import Session, col

from ..core.months import month_range
from ..models import Stop, StopFields
from ..spreadsheet import neutralise

EXPORT_COLUMNS = ("stop_id", "reference", *StopFields.model_fields)
BATCH = 5000


def format_cell(value) -> str:
    """A value as the CSV format has it: true/false, ISO 8601 times, empty for absent; text that a
    spreadsheet would run as a formula neutralised (stopform.spreadsheet)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    return neutralise(str(value))


def month_records(session: Session, month: str) -> Iterator[tuple]:
    """Every stop of `month` (Dutch calendar month) as a tuple in EXPORT_COLUMNS order, oldest first."""
    start, end = month_range(month)
    query = select(*(getattr(Stop, name) for name in EXPORT_COLUMNS)) \
        .where(col(Stop.local_date) >= start, col(Stop.local_date) < end) \
        .order_by(col(Stop.occurred_at), col(Stop.stop_id)) \
        .execution_options(yield_per=BATCH)
    yield from session.execute(query)


def write_internal_export(*, session: Session, month: str, handle: TextIO) -> int:
    """Write the month's stops to `handle` as an importable CSV; returns how many."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for record in month_records(session, month):
        writer.writerow([format_cell(value) for value in record])
        count += 1
    return count
