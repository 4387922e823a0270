"""`import-stops`: a stop CSV (docs/imports.md, "Stop CSV") into the database, all rows or none.

The file is streamed: each chunk is validated, checked against the file so far and the
database, and staged inside the caller's transaction. Once any row is bad nothing more is
staged, every remaining row is still checked (so the list is complete), and ImportRefused
tells the caller to roll back.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from flask_babel import force_locale
from sqlmodel import Session

from ..models import utcnow
from ..stops.bulk import analyze_stops, chunks
from .batches import BatchChecker, Tally
from .catalogs import RuleContexts
from .device_receipts import DeviceReceipts
from .problems import ImportRefused, Problems
from .reading import check_columns, data_rows, open_csv, read_header
from .records import KNOWN_COLUMNS, REQUIRED_COLUMNS, RowReader
from .storage import staging_for

CHUNK = 2000
ANALYZE_AFTER_ROWS = 10_000


def import_stop_csv(*, session: Session, path: Path, pseudonym_key: str, record_perceived_origin: bool = False,
                    progress: Callable[[int], object] | None = None, chunk_size: int = CHUNK,
                    locale: str = "en") -> Tally:
    """Validate and stage every row of `path`; the caller commits. Raises ImportRefused on any problem.

    Needs an app context; the shared rules' messages come in `locale` (there is no request).
    """
    problems = Problems()
    with force_locale(locale), open_csv(path, progress) as reader:
        header = read_header(reader, problems)
        if header:
            check_columns(header, KNOWN_COLUMNS, REQUIRED_COLUMNS, problems)
        if problems:
            raise ImportRefused(problems)
        now = utcnow()
        receipts = DeviceReceipts(session)
        rows = RowReader(header, RuleContexts(session, now=now, record_perceived_origin=record_perceived_origin),
                         pseudonym_key, now, receipts)
        tally = _store(session, rows, data_rows(reader, header, problems), problems, chunk_size)
        if not problems:
            receipts.register(problems)
    if problems:
        raise ImportRefused(problems)
    return tally


def refresh_statistics(session: Session, tally: Tally) -> None:
    """After a large import, have the database re-count `stops` at once: until its autovacuum
    gets round to it, the planner still believes the old row counts and can pick nested loops
    that take minutes on the report's self-join (seen after 300,000 rows)."""
    if tally.inserted >= ANALYZE_AFTER_ROWS:
        analyze_stops(session)


def _store(session: Session, reader: RowReader, lines: Iterable[tuple[int, list[str]]], problems: Problems,
           chunk_size: int) -> Tally:
    tally = Tally()
    checker = BatchChecker(session, problems, tally)
    staging = staging_for(session)
    try:
        for chunk in chunks(lines, chunk_size):
            tally.rows += len(chunk)
            valid = [(line, row) for line, cells in chunk if (row := reader.read(line, cells, problems)) is not None]
            staging.wait()  # the checker queries the connection the last chunk's COPY may still hold
            fresh = checker.new_rows(valid)
            if not problems and fresh:
                staging.add(fresh)
        if not problems:
            tally.inserted = staging.finish()
    finally:
        staging.close()
    return tally
