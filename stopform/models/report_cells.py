"""Counts the monthly report needs, kept up to date by the database as stops are written.

Two of the report's inputs cost most when counted from a month's stops: the officer benchmark's
stops per officer and cell, and the vehicles stopped more than once (a join of the month's stops
to themselves). Triggers keep them as stops are inserted, amended, reduced or deleted, in the
same statement, so no write path (form, API, import, amendment, retention, manual SQL) can miss
them, and the report reads a few thousand rows instead of scanning a million.

- `officer_cells`: stops per month, unit, trigger (hit or not), officer, area, 4-hour band,
  weekday/weekend, reason and plate country, with how many were searched and how many had an
  action beyond their legal basis. Counts are added and subtracted, so concurrent writers
  never lose one (`ON CONFLICT ... DO UPDATE` waits for the other's row). A cell whose stops
  are all gone keeps a row of zeros: the report leaves those out.
- `repeat_vehicles`: the (month, vehicle) pairs with at least two stops in the month. Most
  vehicles are stopped once, so it stays small and a stop of a new vehicle writes nothing here.
  The report counts the stops of these vehicles within its scope itself, so the table needs to
  hold every repeated vehicle (never miss one) and may briefly hold more. A row goes when its
  vehicle has fewer than two stops left in the month (a deletion, the pseudonym reduced by
  retention), so no pseudonym outlives its stops. On PostgreSQL, writers of the same vehicle
  take a transaction lock on one of 256 buckets of pseudonyms, so two officers recording the
  same vehicle at once cannot both miss the other's stop.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import DDL, Column, Integer, SmallInteger, event
from sqlmodel import Field, SQLModel

CODE = 64
SHORT = 32


class OfficerCell(SQLModel, table=True):
    """Stops per month, unit, trigger, officer, cell (area, band, day type, reason) and plate
    country (see the module docstring)."""

    __tablename__ = "officer_cells"
    month: date = Field(primary_key=True)  # the first day of the stop's local month
    unit: str = Field(primary_key=True, max_length=CODE)
    triggered_by_hit: bool = Field(primary_key=True)
    officer_ref: str = Field(primary_key=True, max_length=CODE)
    area: str = Field(primary_key=True, max_length=CODE)
    hour_band: int = Field(primary_key=True, sa_type=SmallInteger)
    weekend: int = Field(primary_key=True, sa_type=SmallInteger)
    reason: str = Field(primary_key=True, max_length=SHORT)
    plate_country: str = Field(primary_key=True, max_length=2)
    n: int = Field(sa_column=Column(Integer, nullable=False))
    searched: int = Field(sa_column=Column(Integer, nullable=False))
    extra: int = Field(sa_column=Column(Integer, nullable=False))


class RepeatVehicle(SQLModel, table=True):
    """A vehicle with two stops or more in a month (see the module docstring)."""

    __tablename__ = "repeat_vehicles"
    month: date = Field(primary_key=True)  # the first day of the local month
    vehicle_pseudonym: str = Field(primary_key=True, max_length=64)


# The SQL below is copied into the migration that adds these tables (migrations keep a copy,
# so a later change here cannot rewrite history). `{r}` is the row or transition table.
CELL_KEYS = ("month", "unit", "triggered_by_hit", "officer_ref", "area", "hour_band", "weekend", "reason",
             "plate_country")
CELL_COUNTS = ("n", "searched", "extra")
_COLUMNS = ", ".join((*CELL_KEYS, *CELL_COUNTS))
_CONFLICT = (f"ON CONFLICT ({', '.join(CELL_KEYS)}) DO UPDATE SET "
             + ", ".join(f"{c} = officer_cells.{c} + excluded.{c}" for c in CELL_COUNTS))
_SEARCHED = "({r}.vehicle_searched OR {r}.persons_searched > 0)"
_EXTRA = "{r}.beyond_basis"
# What the cells depend on: an update that changes none of these leaves them alone.
CELL_SOURCES = ("local_date", "local_hour", "unit", "triggered_by_hit", "officer_ref", "area", "reason",
                "plate_country", "vehicle_searched", "persons_searched", "beyond_basis")


def _pg_keys(r: str) -> str:
    return (f"date_trunc('month', {r}.local_date)::date, {r}.unit, {r}.triggered_by_hit, {r}.officer_ref, "
            f"{r}.area, {r}.local_hour / 4, "
            f"CASE WHEN mod(mod({r}.local_date - DATE '1970-01-04', 7) + 7, 7) IN (0, 6) THEN 1 ELSE 0 END, "
            f"{r}.reason, {r}.plate_country")


def _pg_cells(source: str, sign: int, where: str = "") -> str:
    """Add (sign 1) or subtract (-1) the stops of a transition table to or from the cells."""
    r = "s"
    counts = (f"{sign} * count(*), {sign} * count(*) FILTER (WHERE {_SEARCHED.format(r=r)}), "
              f"{sign} * count(*) FILTER (WHERE {_EXTRA.format(r=r)})")
    return (f"INSERT INTO officer_cells ({_COLUMNS}) SELECT {_pg_keys(r)}, {counts} FROM {source} {where} "
            f"GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9 {_CONFLICT};")




def _changed(other_table: str) -> str:
    """Join a transition table aliased `s` to the other one (`other_table`) and keep the stops
    whose cell columns differ between the two."""
    mine = ", ".join(f"s.{c}" for c in CELL_SOURCES)
    theirs = ", ".join(f"o.{c}" for c in CELL_SOURCES)
    return f"JOIN {other_table} o ON o.stop_id = s.stop_id WHERE ({mine}) IS DISTINCT FROM ({theirs})"


PG_CELLS_FUNCTION = f"""
CREATE FUNCTION count_officer_cells() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_pg_cells('new_stops s', 1)}
    ELSIF TG_OP = 'DELETE' THEN
        {_pg_cells('old_stops s', -1)}
    ELSE
        {_pg_cells('old_stops s', -1, _changed('new_stops'))}
        {_pg_cells('new_stops s', 1, _changed('old_stops'))}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""

_PG_MONTH = "date_trunc('month', {r}.local_date)::date"
_PG_LOCK = ("PERFORM pg_advisory_xact_lock(7041, b) FROM (SELECT DISTINCT hashtext({r}.vehicle_pseudonym) & 255 AS b "
            "FROM {source} {r} ORDER BY b) AS buckets;")


def _pg_stops_of(r: str, month: str | None = None) -> str:
    """The month's stops of the same vehicle as row `r` (a correlated subquery's FROM and WHERE);
    `month`: the first day of the month, when `r` has no local_date."""
    month = month or _PG_MONTH.format(r=r)
    return (f"FROM stops t WHERE t.vehicle_pseudonym = {r}.vehicle_pseudonym AND t.local_date >= {month} "
            f"AND t.local_date < ({month} + interval '1 month')::date")


_PG_ADD_REPEATS = ("INSERT INTO repeat_vehicles (month, vehicle_pseudonym) "
                   f"SELECT DISTINCT {_PG_MONTH.format(r='n')}, n.vehicle_pseudonym FROM new_stops n "
                   f"WHERE EXISTS (SELECT 1 {_pg_stops_of('n')} AND t.stop_id <> n.stop_id) "
                   "ON CONFLICT DO NOTHING;")
# A vehicle's first stop of the month (as far as this transaction can see) locks its bucket and
# looks again: a concurrent first stop of the same vehicle is then either committed and seen, or
# waiting behind this lock and will see this one. Later stops need no lock.
_PG_FIRST_STOPS = (f"FROM new_stops n WHERE NOT EXISTS (SELECT 1 {_pg_stops_of('n')} AND t.stop_id <> n.stop_id)")
_PG_ADD_REPEATS_SAFELY = f"""{_PG_ADD_REPEATS}
        IF EXISTS (SELECT 1 {_PG_FIRST_STOPS}) THEN
            PERFORM pg_advisory_xact_lock(7041, b) FROM (SELECT DISTINCT hashtext(n.vehicle_pseudonym) & 255 AS b
                {_PG_FIRST_STOPS} ORDER BY b) AS buckets;
            {_PG_ADD_REPEATS}
        END IF;"""
_PG_DROP_REPEATS = ("DELETE FROM repeat_vehicles v USING (SELECT DISTINCT "
                    f"{_PG_MONTH.format(r='o')} AS month, o.vehicle_pseudonym FROM old_stops o) AS gone "
                    "WHERE v.month = gone.month AND v.vehicle_pseudonym = gone.vehicle_pseudonym "
                    "AND (SELECT count(*) FROM "
                    f"(SELECT 1 {_pg_stops_of('gone', 'gone.month')} LIMIT 2) AS left_over) < 2;")

_OLD_AND_NEW = "(SELECT vehicle_pseudonym FROM old_stops UNION SELECT vehicle_pseudonym FROM new_stops)"
PG_REPEATS_FUNCTION = f"""
CREATE FUNCTION note_repeat_vehicles() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_PG_ADD_REPEATS_SAFELY}
    ELSIF TG_OP = 'DELETE' THEN
        {_PG_LOCK.format(r='o', source='old_stops')}
        {_PG_DROP_REPEATS}
    ELSE
        {_PG_LOCK.format(r='x', source=_OLD_AND_NEW)}
        {_PG_DROP_REPEATS}
        {_PG_ADD_REPEATS}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""

PG_TRIGGERS = (
    "CREATE TRIGGER stops_officer_cells_insert AFTER INSERT ON stops REFERENCING NEW TABLE AS new_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION count_officer_cells()",
    "CREATE TRIGGER stops_officer_cells_update AFTER UPDATE ON stops "
    "REFERENCING OLD TABLE AS old_stops NEW TABLE AS new_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION count_officer_cells()",
    "CREATE TRIGGER stops_officer_cells_delete AFTER DELETE ON stops REFERENCING OLD TABLE AS old_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION count_officer_cells()",
    "CREATE TRIGGER stops_repeat_vehicles_insert AFTER INSERT ON stops REFERENCING NEW TABLE AS new_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION note_repeat_vehicles()",
    "CREATE TRIGGER stops_repeat_vehicles_update AFTER UPDATE ON stops "
    "REFERENCING OLD TABLE AS old_stops NEW TABLE AS new_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION note_repeat_vehicles()",
    "CREATE TRIGGER stops_repeat_vehicles_delete AFTER DELETE ON stops REFERENCING OLD TABLE AS old_stops "
    "FOR EACH STATEMENT EXECUTE FUNCTION note_repeat_vehicles()",
)


def _sqlite_cell(row: str, sign: int) -> str:
    keys = (f"date({row}.local_date, 'start of month'), {row}.unit, {row}.triggered_by_hit, {row}.officer_ref, "
            f"{row}.area, {row}.local_hour / 4, "
            f"CASE WHEN CAST(strftime('%w', {row}.local_date) AS INTEGER) IN (0, 6) THEN 1 ELSE 0 END, "
            f"{row}.reason, {row}.plate_country")
    counts = (f"{sign}, {sign} * (CASE WHEN {_SEARCHED.format(r=row)} THEN 1 ELSE 0 END), "
              f"{sign} * (CASE WHEN {_EXTRA.format(r=row)} THEN 1 ELSE 0 END)")
    return f"INSERT INTO officer_cells ({_COLUMNS}) VALUES ({keys}, {counts}) {_CONFLICT}"


_SQLITE_MONTH = "date({r}.local_date, 'start of month')"


def _sqlite_stops_of(r: str) -> str:
    month = _SQLITE_MONTH.format(r=r)
    return (f"FROM stops t WHERE t.vehicle_pseudonym = {r}.vehicle_pseudonym AND t.local_date >= {month} "
            f"AND t.local_date < date({month}, '+1 month')")


_SQLITE_ADD_REPEAT = ("INSERT INTO repeat_vehicles (month, vehicle_pseudonym) "
                      f"SELECT {_SQLITE_MONTH.format(r='NEW')}, NEW.vehicle_pseudonym "
                      f"WHERE EXISTS (SELECT 1 {_sqlite_stops_of('NEW')} AND t.stop_id <> NEW.stop_id) "
                      "ON CONFLICT DO NOTHING;")
_SQLITE_DROP_REPEAT = (f"DELETE FROM repeat_vehicles WHERE month = {_SQLITE_MONTH.format(r='OLD')} "
                       "AND vehicle_pseudonym = OLD.vehicle_pseudonym "
                       f"AND (SELECT count(*) FROM (SELECT 1 {_sqlite_stops_of('OLD')} LIMIT 2)) < 2;")
_SQLITE_CELL_UPDATE = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in CELL_SOURCES)

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER stops_officer_cells_insert AFTER INSERT ON stops BEGIN {_sqlite_cell('NEW', 1)}; END",
    f"CREATE TRIGGER stops_officer_cells_update AFTER UPDATE ON stops WHEN {_SQLITE_CELL_UPDATE} BEGIN "
    f"{_sqlite_cell('OLD', -1)}; {_sqlite_cell('NEW', 1)}; END",
    f"CREATE TRIGGER stops_officer_cells_delete AFTER DELETE ON stops BEGIN {_sqlite_cell('OLD', -1)}; END",
    f"CREATE TRIGGER stops_repeat_vehicles_insert AFTER INSERT ON stops BEGIN {_SQLITE_ADD_REPEAT} END",
    "CREATE TRIGGER stops_repeat_vehicles_update AFTER UPDATE OF vehicle_pseudonym, local_date ON stops BEGIN "
    f"{_SQLITE_DROP_REPEAT} {_SQLITE_ADD_REPEAT} END",
    f"CREATE TRIGGER stops_repeat_vehicles_delete AFTER DELETE ON stops BEGIN {_SQLITE_DROP_REPEAT} END",
)

# `create_all` (the tests' schema) gets the same triggers as the migration.
for _statement in (PG_CELLS_FUNCTION, PG_REPEATS_FUNCTION, *PG_TRIGGERS):
    event.listen(SQLModel.metadata, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
for _statement in SQLITE_TRIGGERS:  # DDL formats with %: strftime's %w doubled
    event.listen(SQLModel.metadata, "after_create", DDL(_statement.replace("%", "%%")).execute_if(dialect="sqlite"))
