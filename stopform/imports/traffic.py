"""`import-traffic`: traffic counts per period, area and plate country; all rows or none.

Keyed on (period_start, period_end, area, plate_country): an unchanged row is left alone and a
changed count replaces the stored one, so importing a corrected file is safe.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, insert, select, update
from sqlmodel import Session

from ..models import Area, TrafficCount, utcnow
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


@dataclass
class TrafficTally:
    """What the import did; `replaced` lists the keys whose counts changed."""

    rows: int = 0
    added: int = 0
    unchanged: int = 0
    replaced: list[Key] = field(default_factory=list)


def import_traffic_csv(*, session: Session, path: Path,
                       progress: Callable[[int], object] | None = None) -> TrafficTally:
    """Validate every row of `path`, then add or replace the counts; the caller commits."""
    problems = Problems()
    counts = _read(session, path, problems, progress)
    if problems:
        raise ImportRefused(problems)
    tally = TrafficTally(rows=len(counts))
    _store(session, counts, tally)
    return tally


def _read(session: Session, path: Path, problems: Problems, progress) -> dict[Key, dict]:
    areas = set(session.execute(select(Area.code)).scalars())
    counts: dict[Key, dict] = {}
    lines: dict[Key, int] = {}
    with open_csv(path, progress) as reader:
        header = read_header(reader, problems)
        if header:
            check_columns(header, set(COLUMNS), REQUIRED, problems)
        if problems:
            return counts
        for line, cells in data_rows(reader, header, problems):
            row = _parse(line, dict(zip(header, cells, strict=True)), areas, problems)
            if row is None:
                continue
            key = (row["period_start"], row["period_end"], row["area"], row["plate_country"])
            if key in lines:
                problems.add(line, "period_start", f"the same period, area and country as line {lines[key]}")
            lines.setdefault(key, line)
            counts[key] = row
    return counts


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
    starts = [key[0] for key in counts]
    query = select(TrafficCount.__table__).where(TrafficCount.period_start.between(min(starts), max(starts)))
    stored = {(r.period_start, r.period_end, r.area, r.plate_country): r for r in session.execute(query)}
    new, changed = [], []
    for key, row in counts.items():
        old = stored.get(key)
        if old is None:
            new.append({**row, "imported_at": utcnow()})
        elif (old.passages, old.hits) != (row["passages"], row["hits"]):
            changed.append({"row_id": old.id, "passages": row["passages"], "hits": row["hits"],
                            "imported_at": utcnow()})
            tally.replaced.append(key)
        else:
            tally.unchanged += 1
    if new:
        session.execute(insert(TrafficCount.__table__), new)
    if changed:
        table = TrafficCount.__table__
        session.connection().execute(update(table).where(table.c.id == bindparam("row_id")), changed)
    tally.added = len(new)
    session.flush()
