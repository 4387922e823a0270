"""Counts the monthly report needs, kept up to date by the database as stops are written.

Counting a month's stops for the report meant scanning them several times and joining them to
themselves (vehicles stopped again). Triggers now keep those counts as stops are inserted,
amended, reduced or deleted, in the same statement, so no write path (form, API, import,
amendment, retention, manual SQL) can miss them, and the report reads a few thousand rows
instead of scanning a million.

- Cells (`CELLS`): stops counted per month and a few columns, with how many of them had each
  event (searched, found something, ...). `stop_cells` holds the tallies of the report's tests
  (`reports.tallies`), `basis_cells` registration compliance and searches by legal basis,
  `officer_cells` the officer benchmark, `recording_cells` the time officers spend recording
  (stops per whole second, for the median). Counts are added and subtracted (`ON CONFLICT ... DO
  UPDATE` waits for a concurrent writer of the same cell), so none is lost; a cell whose stops
  are all gone keeps a row of zeros, which the report leaves out. An optional column without a
  value is stored as '' (a key cannot be NULL) and read back as NULL.
- `repeat_vehicles`: the (month, vehicle) pairs with at least two stops in the month. Most
  vehicles are stopped once, so it stays small and a new vehicle's stop writes nothing here.
  The report counts these vehicles' stops within its scope itself, so the table must hold every
  repeated vehicle and may hold more: a vehicle written by two transactions at once is listed
  (see `report_cell_sql`), and a row stays while its vehicle has a stop left in the month. It
  goes with the vehicle's last stop of the month (a deletion, the pseudonym reduced by
  retention), so no pseudonym outlives its stops.

A submitted stop's transaction already waits for the audit chain's head row, so a cell shared
by many officers adds no queue of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import DDL, Column, Integer, SmallInteger, event
from sqlmodel import Field, SQLModel

from .report_cell_sql import pg_cells_function, pg_repeats_function, sqlite_cells_triggers, sqlite_repeats_triggers

CODE = 64
SHORT = 32


class OfficerCell(SQLModel, table=True):
    """Stops per month, unit, trigger, officer, cell (area, band, day type, reason) and plate country."""

    __tablename__ = "officer_cells"
    month: date = Field(primary_key=True)  # the first day of the stops' local month
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


class StopCell(SQLModel, table=True):
    """Stops per month, unit, trigger, the three group columns and stratum (area, band, day
    type), with the events of the report's count tests."""

    __tablename__ = "stop_cells"
    month: date = Field(primary_key=True)
    unit: str = Field(primary_key=True, max_length=CODE)
    triggered_by_hit: bool = Field(primary_key=True)
    plate_country: str = Field(primary_key=True, max_length=2)
    driver_nationality: str = Field(primary_key=True, max_length=2)  # '' when not recorded
    perceived_origin: str = Field(primary_key=True, max_length=SHORT)  # '' when not recorded
    area: str = Field(primary_key=True, max_length=CODE)
    hour_band: int = Field(primary_key=True, sa_type=SmallInteger)
    weekend: int = Field(primary_key=True, sa_type=SmallInteger)
    n: int = Field(sa_column=Column(Integer, nullable=False))
    searched: int = Field(sa_column=Column(Integer, nullable=False))
    found: int = Field(sa_column=Column(Integer, nullable=False))
    extra: int = Field(sa_column=Column(Integer, nullable=False))
    no_further_action: int = Field(sa_column=Column(Integer, nullable=False))
    offence_after_hit: int = Field(sa_column=Column(Integer, nullable=False))
    force: int = Field(sa_column=Column(Integer, nullable=False))


class BasisCell(SQLModel, table=True):
    """Stops per month, unit, trigger, area, plate country, legal basis and search basis, with
    receipts and searches."""

    __tablename__ = "basis_cells"
    month: date = Field(primary_key=True)
    unit: str = Field(primary_key=True, max_length=CODE)
    triggered_by_hit: bool = Field(primary_key=True)
    area: str = Field(primary_key=True, max_length=CODE)
    plate_country: str = Field(primary_key=True, max_length=2)
    legal_basis: str = Field(primary_key=True, max_length=SHORT)
    search_basis: str = Field(primary_key=True, max_length=SHORT)  # '' when not recorded
    n: int = Field(sa_column=Column(Integer, nullable=False))
    searched: int = Field(sa_column=Column(Integer, nullable=False))
    found: int = Field(sa_column=Column(Integer, nullable=False))
    extra: int = Field(sa_column=Column(Integer, nullable=False))
    receipt_not_offered: int = Field(sa_column=Column(Integer, nullable=False))
    receipt_declined: int = Field(sa_column=Column(Integer, nullable=False))


class RecordingCell(SQLModel, table=True):
    """Stops per month, unit, trigger, area and time to record in whole seconds (-1: not measured)."""

    __tablename__ = "recording_cells"
    month: date = Field(primary_key=True)
    unit: str = Field(primary_key=True, max_length=CODE)
    triggered_by_hit: bool = Field(primary_key=True)
    area: str = Field(primary_key=True, max_length=CODE)
    seconds: int = Field(primary_key=True)
    n: int = Field(sa_column=Column(Integer, nullable=False))


class RepeatVehicle(SQLModel, table=True):
    """A vehicle with two stops or more in a month (see the module docstring)."""

    __tablename__ = "repeat_vehicles"
    month: date = Field(primary_key=True)  # the first day of the local month
    vehicle_pseudonym: str = Field(primary_key=True, max_length=64)


@dataclass(frozen=True)
class Cells:
    """One table of cells: its key columns (name -> SQL over a stop row `{r}`, PostgreSQL and
    SQLite) and count columns (name -> condition over `{r}`; None counts every stop)."""

    table: str
    keys: dict[str, tuple[str, str]]
    counts: dict[str, str | None]


def _same(expression: str) -> tuple[str, str]:
    return expression, expression


MONTH = ("date_trunc('month', {r}.local_date)::date", "date({r}.local_date, 'start of month')")
HOUR_BAND = _same("{r}.local_hour / 4")
WEEKEND = ("CASE WHEN mod(mod({r}.local_date - DATE '1970-01-04', 7) + 7, 7) IN (0, 6) THEN 1 ELSE 0 END",
           "CASE WHEN CAST(strftime('%w', {r}.local_date) AS INTEGER) IN (0, 6) THEN 1 ELSE 0 END")
SEARCHED = "({r}.vehicle_searched OR {r}.persons_searched > 0)"
FOUND = f"({SEARCHED} AND {{r}}.search_found)"


def _column(name: str) -> tuple[str, str]:
    return _same(f"{{r}}.{name}")


def _optional(name: str) -> tuple[str, str]:
    return _same(f"coalesce({{r}}.{name}, '')")


CELLS = (
    Cells("officer_cells",
          {"month": MONTH, "unit": _column("unit"), "triggered_by_hit": _column("triggered_by_hit"),
           "officer_ref": _column("officer_ref"), "area": _column("area"), "hour_band": HOUR_BAND,
           "weekend": WEEKEND, "reason": _column("reason"), "plate_country": _column("plate_country")},
          {"n": None, "searched": SEARCHED, "extra": "{r}.beyond_basis"}),
    Cells("stop_cells",
          {"month": MONTH, "unit": _column("unit"), "triggered_by_hit": _column("triggered_by_hit"),
           "plate_country": _column("plate_country"), "driver_nationality": _optional("driver_nationality"),
           "perceived_origin": _optional("perceived_origin"), "area": _column("area"), "hour_band": HOUR_BAND,
           "weekend": WEEKEND},
          {"n": None, "searched": SEARCHED, "found": FOUND, "extra": "{r}.beyond_basis",
           "no_further_action": "{r}.outcome = 'none'",
           "offence_after_hit": "({r}.triggered_by_hit AND {r}.offence_found)", "force": "{r}.force_used"}),
    Cells("basis_cells",
          {"month": MONTH, "unit": _column("unit"), "triggered_by_hit": _column("triggered_by_hit"),
           "area": _column("area"), "plate_country": _column("plate_country"), "legal_basis": _column("legal_basis"),
           "search_basis": _optional("search_basis")},
          {"n": None, "searched": SEARCHED, "found": FOUND, "extra": "{r}.beyond_basis",
           "receipt_not_offered": "{r}.receipt = 'not_offered'", "receipt_declined": "{r}.receipt = 'declined'"}),
    Cells("recording_cells",
          {"month": MONTH, "unit": _column("unit"), "triggered_by_hit": _column("triggered_by_hit"),
           "area": _column("area"), "seconds": _same("coalesce({r}.time_to_record_seconds, -1)")},
          {"n": None}),
)
# What the cells depend on: an update that changes none of these leaves them alone.
CELL_SOURCES = ("local_date", "local_hour", "unit", "triggered_by_hit", "officer_ref", "area", "reason",
                "plate_country", "driver_nationality", "perceived_origin", "legal_basis", "search_basis",
                "vehicle_searched", "persons_searched", "search_found", "beyond_basis", "outcome", "offence_found",
                "force_used", "receipt", "time_to_record_seconds")

# The SQL is copied into the migration that adds these tables (migrations keep a copy, so a
# later change here cannot rewrite history).
PG_FUNCTIONS = (pg_cells_function(CELLS, CELL_SOURCES), pg_repeats_function())
PG_TRIGGERS = tuple(
    f"CREATE TRIGGER stops_{name}_{operation.lower()} AFTER {operation} ON stops REFERENCING {tables} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    for name, function in (("report_cells", "count_report_cells"), ("repeat_vehicles", "note_repeat_vehicles"))
    for operation, tables in (("INSERT", "NEW TABLE AS new_stops"),
                              ("UPDATE", "OLD TABLE AS old_stops NEW TABLE AS new_stops"),
                              ("DELETE", "OLD TABLE AS old_stops")))
SQLITE_TRIGGERS = (*sqlite_cells_triggers(CELLS, CELL_SOURCES), *sqlite_repeats_triggers())
TRIGGER_NAMES = tuple(dict.fromkeys(statement.split()[2] for statement in (*PG_TRIGGERS, *SQLITE_TRIGGERS)))

# `create_all` (the tests' schema) gets the same triggers as the migration.
for _statement in (*PG_FUNCTIONS, *PG_TRIGGERS):
    event.listen(SQLModel.metadata, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
for _statement in SQLITE_TRIGGERS:  # DDL formats with %: strftime's %w doubled
    event.listen(SQLModel.metadata, "after_create", DDL(_statement.replace("%", "%%")).execute_if(dialect="sqlite"))
