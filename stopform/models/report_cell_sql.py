"""The trigger SQL that keeps `report_cells`' tables, written out from their specifications.

PostgreSQL runs one statement-level trigger per write (an import's thousands of rows are added
as one grouped upsert per table); SQLite runs row-level triggers. Both add a stop's counts to
its cells on insert, subtract them on delete, and do both on an update that changes a column
the cells depend on.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


class CellSpec(Protocol):
    """What the generators read of `report_cells.Cells`."""

    @property
    def table(self) -> str: ...

    @property
    def keys(self) -> dict[str, tuple[str, str]]: ...

    @property
    def counts(self) -> dict[str, str | None]: ...


PG, SQLITE = 0, 1


def _upsert_head(cells: CellSpec) -> tuple[str, str]:
    columns = ", ".join((*cells.keys, *cells.counts))
    conflict = (f"ON CONFLICT ({', '.join(cells.keys)}) DO UPDATE SET "
                + ", ".join(f"{c} = {cells.table}.{c} + excluded.{c}" for c in cells.counts))
    return f"INSERT INTO {cells.table} ({columns})", conflict


def _pg_upsert(cells: CellSpec, source: str, sign: int, where: str = "") -> str:
    """Add (sign 1) or subtract (-1) the stops of a transition table (aliased `s`) to or from the cells."""
    head, conflict = _upsert_head(cells)
    keys = ", ".join(expression[PG].format(r="s") for expression in cells.keys.values())
    counts = ", ".join(f"{sign} * count(*)" if condition is None
                       else f"{sign} * count(*) FILTER (WHERE {condition.format(r='s')})"
                       for condition in cells.counts.values())
    positions = ", ".join(str(i + 1) for i in range(len(cells.keys)))
    return (f"{head} SELECT {keys}, {counts} FROM {source} {where} "
            f"GROUP BY {positions} ORDER BY {positions} {conflict};")


def _pg_changed(sources: Sequence[str], other_table: str) -> str:
    """Join the transition table `s` to the other one and keep the stops whose cell columns differ."""
    mine = ", ".join(f"s.{c}" for c in sources)
    theirs = ", ".join(f"o.{c}" for c in sources)
    return f"JOIN {other_table} o ON o.stop_id = s.stop_id WHERE ({mine}) IS DISTINCT FROM ({theirs})"


def pg_cells_function(all_cells: Iterable[CellSpec], sources: Sequence[str]) -> str:
    """`count_report_cells()`: the statement-level trigger function for every table of cells."""
    all_cells = list(all_cells)
    inserted = "\n        ".join(_pg_upsert(c, "new_stops s", 1) for c in all_cells)
    deleted = "\n        ".join(_pg_upsert(c, "old_stops s", -1) for c in all_cells)
    updated = "\n        ".join(
        f"{_pg_upsert(c, 'old_stops s', -1, _pg_changed(sources, 'new_stops'))}\n        "
        f"{_pg_upsert(c, 'new_stops s', 1, _pg_changed(sources, 'old_stops'))}" for c in all_cells)
    return f"""
CREATE FUNCTION count_report_cells() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {inserted}
    ELSIF TG_OP = 'DELETE' THEN
        {deleted}
    ELSE
        {updated}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def _sqlite_upsert(cells: CellSpec, row: str, sign: int) -> str:
    head, conflict = _upsert_head(cells)
    keys = ", ".join(expression[SQLITE].format(r=row) for expression in cells.keys.values())
    counts = ", ".join(f"{sign}" if condition is None
                       else f"{sign} * (CASE WHEN {condition.format(r=row)} THEN 1 ELSE 0 END)"
                       for condition in cells.counts.values())
    return f"{head} VALUES ({keys}, {counts}) {conflict};"


def sqlite_cells_triggers(all_cells: Iterable[CellSpec], sources: Sequence[str]) -> tuple[str, ...]:
    """Row-level triggers on `stops` for every table of cells."""
    all_cells = list(all_cells)
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in sources)
    add = " ".join(_sqlite_upsert(c, "NEW", 1) for c in all_cells)
    subtract = " ".join(_sqlite_upsert(c, "OLD", -1) for c in all_cells)
    return (f"CREATE TRIGGER stops_report_cells_insert AFTER INSERT ON stops BEGIN {add} END",
            f"CREATE TRIGGER stops_report_cells_update AFTER UPDATE ON stops WHEN {changed} BEGIN {subtract} {add} END",
            f"CREATE TRIGGER stops_report_cells_delete AFTER DELETE ON stops BEGIN {subtract} END")


def backfill(all_cells: Iterable[CellSpec], dialect: int) -> tuple[str, ...]:
    """INSERTs that count the stops already stored into each table of cells and repeat_vehicles
    (`dialect`: PG or SQLITE)."""
    statements = []
    for cells in all_cells:
        head, _ = _upsert_head(cells)
        keys = ", ".join(expression[dialect].format(r="s") for expression in cells.keys.values())
        counts = ", ".join("count(*)" if condition is None
                           else f"sum(CASE WHEN {condition.format(r='s')} THEN 1 ELSE 0 END)"
                           for condition in cells.counts.values())
        positions = ", ".join(str(i + 1) for i in range(len(cells.keys)))
        statements.append(f"{head} SELECT {keys}, {counts} FROM stops s WHERE true GROUP BY {positions}")
    month = (_PG_MONTH, _SQLITE_MONTH)[dialect].format(r="s")
    statements.append(f"INSERT INTO repeat_vehicles (month, vehicle_pseudonym) SELECT {month}, s.vehicle_pseudonym "
                      "FROM stops s WHERE true GROUP BY 1, 2 HAVING count(*) > 1")
    return tuple(statements)


_PG_MONTH = "date_trunc('month', {r}.local_date)::date"
_SQLITE_MONTH = "date({r}.local_date, 'start of month')"


def _pg_stops_of(r: str, month: str | None = None) -> str:
    """The month's stops of the same vehicle as row `r` (a correlated subquery's FROM and WHERE);
    `month`: the first day of the month, when `r` has no local_date."""
    month = month or _PG_MONTH.format(r=r)
    return (f"FROM stops t WHERE t.vehicle_pseudonym = {r}.vehicle_pseudonym AND t.local_date >= {month} "
            f"AND t.local_date < ({month} + interval '1 month')::date")


_PG_BUCKET = "hashtext({r}.vehicle_pseudonym) & 255"
_PG_ADD = ("INSERT INTO repeat_vehicles (month, vehicle_pseudonym) "
           f"SELECT DISTINCT {_PG_MONTH.format(r='n')}, n.vehicle_pseudonym FROM new_stops n "
           f"WHERE EXISTS (SELECT 1 {_pg_stops_of('n')} AND t.stop_id <> n.stop_id) ON CONFLICT DO NOTHING;")
# Two transactions that write the same vehicle at once cannot see each other's stop. Each first
# tries to take a lock on its vehicles' buckets of pseudonyms (256, held until commit, never
# waited for): a vehicle whose bucket another transaction holds may be written there too, so it
# is listed at once; for the rest, the check that follows runs after any earlier holder has
# committed, so it sees that stop. A list too long is harmless (the report counts again).
_PG_ADD_BUSY = ("WITH busy AS MATERIALIZED (SELECT bucket FROM (SELECT DISTINCT "
                f"{_PG_BUCKET.format(r='b')} AS bucket FROM new_stops b) AS buckets "
                "WHERE NOT pg_try_advisory_xact_lock(7041, bucket)) "
                f"INSERT INTO repeat_vehicles (month, vehicle_pseudonym) SELECT DISTINCT {_PG_MONTH.format(r='n')}, "
                f"n.vehicle_pseudonym FROM new_stops n WHERE {_PG_BUCKET.format(r='n')} IN (SELECT bucket FROM busy) "
                "ON CONFLICT DO NOTHING;")
# A row goes once its vehicle has no stop left in the month (no pseudonym outlives its stops); one
# stop left keeps it: a concurrent writer of the vehicle may have relied on it.
_PG_DROP = ("DELETE FROM repeat_vehicles v USING (SELECT DISTINCT "
            f"{_PG_MONTH.format(r='o')} AS month, o.vehicle_pseudonym FROM old_stops o) AS gone "
            "WHERE v.month = gone.month AND v.vehicle_pseudonym = gone.vehicle_pseudonym "
            f"AND NOT EXISTS (SELECT 1 {_pg_stops_of('gone', 'gone.month')});")


def pg_repeats_function() -> str:
    """`note_repeat_vehicles()`: the statement-level trigger function for `repeat_vehicles`."""
    return f"""
CREATE FUNCTION note_repeat_vehicles() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_PG_ADD_BUSY}
        {_PG_ADD}
    ELSIF TG_OP = 'DELETE' THEN
        {_PG_DROP}
    ELSE
        {_PG_DROP}
        {_PG_ADD_BUSY}
        {_PG_ADD}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def _sqlite_stops_of(r: str) -> str:
    month = _SQLITE_MONTH.format(r=r)
    return (f"FROM stops t WHERE t.vehicle_pseudonym = {r}.vehicle_pseudonym AND t.local_date >= {month} "
            f"AND t.local_date < date({month}, '+1 month')")


_SQLITE_ADD = ("INSERT INTO repeat_vehicles (month, vehicle_pseudonym) "
               f"SELECT {_SQLITE_MONTH.format(r='NEW')}, NEW.vehicle_pseudonym "
               f"WHERE EXISTS (SELECT 1 {_sqlite_stops_of('NEW')} AND t.stop_id <> NEW.stop_id) "
               "ON CONFLICT DO NOTHING;")
_SQLITE_DROP = (f"DELETE FROM repeat_vehicles WHERE month = {_SQLITE_MONTH.format(r='OLD')} "
                f"AND vehicle_pseudonym = OLD.vehicle_pseudonym AND NOT EXISTS (SELECT 1 {_sqlite_stops_of('OLD')});")


def sqlite_repeats_triggers() -> tuple[str, ...]:
    """Row-level triggers on `stops` for `repeat_vehicles` (SQLite has one writer at a time)."""
    return (f"CREATE TRIGGER stops_repeat_vehicles_insert AFTER INSERT ON stops BEGIN {_SQLITE_ADD} END",
            "CREATE TRIGGER stops_repeat_vehicles_update AFTER UPDATE OF vehicle_pseudonym, local_date ON stops "
            f"BEGIN {_SQLITE_DROP} {_SQLITE_ADD} END",
            f"CREATE TRIGGER stops_repeat_vehicles_delete AFTER DELETE ON stops BEGIN {_SQLITE_DROP} END")
