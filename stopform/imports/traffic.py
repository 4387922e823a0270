"""`import-traffic`: traffic counts per period, area and plate country; all rows or none.

Keyed on (period_start, period_end, area, plate_country): an unchanged row is left alone and a
changed count replaces the stored one, so importing a corrected file is safe. The file is read
and stored in chunks, like import-stops, so its size does not set the memory it takes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy import bindparam, insert, select, tuple_, update
from sqlmodel import Session, col

from ..models import Area, TrafficCount, table_of, utcnow
from ..stops.bulk import chunks
from ..stops.codes import country_codes
from .cells import CellError, code_parser, parse_count, parse_date, text_parser
from .problems import ImportRefused, Problems
from .reading import check_columns, data_rows, open_csv, read_header

COLUMNS = ("period_start", "period_end", "area", "plate_country", "passages", "hits")
REQUIRED = set(COLUMNS) - {"hits"}
PARSERS: dict[str, Callable[[str], object]] = {
    "period_start": parse_date, "period_end": parse_date, "area": code_parser("area", text_parser(64)),
    "plate_country": code_parser("plate_country", text_parser(2)), "passages": parse_count, "hits": parse_count}
Key = tuple[date, date, str, str]
LISTED_REPLACEMENTS = 100
CHUNK = 1000  # rows a chunk: its key lookup binds 4 values a row, well inside SQLite's limit


@dataclass
class TrafficTally:
    """What the import did; `replaced` lists the first keys whose counts changed (of `replaced_count`)."""

    rows: int = 0
    added: int = 0
    unchanged: int = 0
    replaced_count: int = 0
    replaced: list[Key] = field(default_factory=list)


def import_traffic_csv(*, session: Session, path: Path, progress: Callable[[int], object] | None = None,
                       chunk_size: int = CHUNK) -> TrafficTally:
    """Validate every row of `path` and add or replace the counts chunk by chunk; the caller commits,
    or rolls back on ImportRefused (raised after the whole file was checked)."""
    problems = Problems()
    tally = TrafficTally()
    keys = FileKeys()
    areas = set(session.execute(select(col(Area.code))).scalars())
    with open_csv(path, progress) as reader:
        header = read_header(reader, problems)
        if header:
            check_columns(header, set(COLUMNS), REQUIRED, problems)
        if problems:
            raise ImportRefused(problems)
        for chunk in chunks(data_rows(reader, header, problems), chunk_size):
            tally.rows += len(chunk)
            counts: dict[Key, dict] = {}
            for line, cells in chunk:
                row = _parse(line, dict(zip(header, cells, strict=True)), areas, problems)
                if row is not None:
                    key = (row["period_start"], row["period_end"], row["area"], row["plate_country"])
                    keys.add(key, line)
                    counts.setdefault(key, row)
            if not problems:
                _store(session, counts, tally)
    keys.report_repeats(problems)
    if problems:
        raise ImportRefused(problems)
    return tally


class FileKeys:
    """The key of every row read so far, as hashes in arrays (12 bytes a row instead of a dict of
    tuples), so a file of millions of rows is checked for repeated keys in little memory. Two
    different keys with one 64-bit hash are possible in principle (about 1 in 10^7 for a file of
    two million rows); such a file would be refused, never stored wrongly."""

    def __init__(self) -> None:
        self._hashes: list[np.ndarray] = []
        self._lines: list[np.ndarray] = []
        self._pending: tuple[list[int], list[int]] = ([], [])

    def add(self, key: Key, line: int) -> None:
        """Note `key` on `line`."""
        self._pending[0].append(hash(key))
        self._pending[1].append(line)
        if len(self._pending[0]) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        hashes, lines = self._pending
        if hashes:
            self._hashes.append(np.array(hashes, dtype=np.int64))
            self._lines.append(np.array(lines, dtype=np.int64))
        self._pending = ([], [])

    def report_repeats(self, problems: Problems) -> None:
        """A problem for each line whose key an earlier line had already."""
        self._flush()
        if not self._hashes:
            return
        hashes, lines = np.concatenate(self._hashes), np.concatenate(self._lines)
        order = np.argsort(hashes, kind="stable")  # stable: within one key, file order
        ordered = hashes[order]
        repeated = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
        run_start = np.maximum.accumulate(np.where(np.r_[True, ordered[1:] != ordered[:-1]],
                                                   np.arange(len(ordered)), 0))
        for position in repeated:
            problems.add(int(lines[order[position]]), "period_start",
                         f"the same period, area and country as line {int(lines[order[run_start[position]]])}")


def _parse(line: int, cells: dict[str, str], areas: set[str], problems: Problems) -> dict | None:
    row: dict = {"hits": None}
    before = problems.count
    for name, text in cells.items():
        text = text.strip()
        if not text:
            if name in REQUIRED:
                problems.add(line, name, "missing")
            continue
        try:
            row[name] = PARSERS[name](text)
        except CellError as error:
            problems.add(line, name, str(error))
    if problems.count > before:
        return None
    if row["area"] not in areas:
        problems.add(line, "area", "unknown area: import it first with import-areas")
    if row["plate_country"] not in country_codes():
        problems.add(line, "plate_country", "unknown country code: use two capital letters, such as NL or DE")
    if row["period_end"] < row["period_start"]:
        problems.add(line, "period_end", "before period_start")
    if row["hits"] is not None and row["hits"] > row["passages"]:
        problems.add(line, "hits", "more alerts than passages")
    return None if problems.count > before else row


def _store(session: Session, counts: dict[Key, dict], tally: TrafficTally) -> None:
    if not counts:
        return
    table = table_of(TrafficCount)
    key_columns = tuple_(table.c.period_start, table.c.period_end, table.c.area, table.c.plate_country)
    query = select(table).where(key_columns.in_(list(counts)))
    stored = {(r.period_start, r.period_end, r.area, r.plate_country): r for r in session.execute(query)}
    new, changed = [], []
    for key, row in counts.items():
        old = stored.get(key)
        if old is None:
            new.append({**row, "imported_at": utcnow()})
        elif (old.passages, old.hits) != (row["passages"], row["hits"]):
            changed.append({"row_id": old.id, "passages": row["passages"], "hits": row["hits"],
                            "imported_at": utcnow()})
            tally.replaced_count += 1
            if len(tally.replaced) < LISTED_REPLACEMENTS:
                tally.replaced.append(key)
        else:
            tally.unchanged += 1
    if new:
        session.execute(insert(table), new)
    if changed:
        session.connection().execute(update(table).where(table.c.id == bindparam("row_id")), changed)
    tally.added += len(new)
    session.flush()
