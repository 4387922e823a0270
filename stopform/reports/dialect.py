"""Where the report's SQL differs between PostgreSQL and SQLite: date parts, session settings, and
reading a large result into pandas. Results are the same on both; only the speed differs."""
from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import pandas as pd
from sqlalchemy import Integer, extract, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session

# The report's GROUP BYs hash up to a million vehicles, which PostgreSQL's default work_mem
# (4 MB) spills to disk; JIT compilation costs more than it saves on these scans; and with
# its default parallel_tuple_cost the planner, which overestimates the number of groups of a
# many-column GROUP BY a hundredfold, aggregates in one process instead of three. Every
# report query reads a whole month, so nested loops never pay, and where the statistics are
# missing or stale (stops stored since the last ANALYZE, with autovacuum off or behind) the
# planner took them for the self-join of repeated vehicles: 3,000 demo stops, 2.6 s instead of 0.02 s.
POSTGRES_SETTINGS = {"work_mem": "128MB", "jit": "off", "parallel_tuple_cost": "0.001", "enable_nestloop": "off"}


def is_postgres(session: Session) -> bool:
    """Whether the session talks to PostgreSQL."""
    return session.get_bind().dialect.name == "postgresql"


@contextmanager
def report_settings(session: Session) -> Iterator[None]:
    """On PostgreSQL, POSTGRES_SETTINGS for the statements inside (transaction-local, restored
    after); elsewhere nothing."""
    if not is_postgres(session):
        yield
        return
    before = {name: session.execute(select(func.current_setting(name))).scalar_one() for name in POSTGRES_SETTINGS}
    _set(session, POSTGRES_SETTINGS)
    yield
    _set(session, before)  # after an error, the rollback restores them


@contextmanager
def nested_loops(session: Session) -> Iterator[None]:
    """Inside `report_settings`, allow nested loops for a query that looks up a short list of
    keys in an index (the repeated vehicles' stops); elsewhere nothing."""
    if not is_postgres(session):
        yield
        return
    before = session.execute(select(func.current_setting("enable_nestloop"))).scalar_one()
    _set(session, {"enable_nestloop": "on"})
    yield
    _set(session, {"enable_nestloop": before})


def _set(session: Session, settings: Mapping[str, str]) -> None:
    for name, value in settings.items():
        session.execute(select(func.set_config(name, value, True)))


class _DatePart(FunctionElement):
    """A part of a date or time as an integer (`field`: year, month, dow with 0 = Sunday, minute)."""

    type = Integer()
    inherit_cache = True
    field = ""
    # EXTRACT returns numeric on PostgreSQL 14+, several times slower per row than date_part's float.
    postgres = "CAST(date_part('{field}', {date}) AS INTEGER)"


class year_of(_DatePart):  # noqa: N801 - used like a SQL function
    """The year of a date."""

    inherit_cache = True
    field = "year"


class month_of(_DatePart):  # noqa: N801
    """The month (1-12) of a date."""

    inherit_cache = True
    field = "month"


class weekday_of(_DatePart):  # noqa: N801
    """The day of the week of a date, 0 = Sunday .. 6 = Saturday."""

    inherit_cache = True
    field = "dow"
    # Whole days since a Sunday, modulo 7: integer arithmetic, cheaper still than date_part.
    postgres = "mod(mod({date} - DATE '1970-01-04', 7) + 7, 7)"


class utc_minute(_DatePart):  # noqa: N801
    """The minute (0-59) of a moment in UTC, whatever the session's time zone."""

    inherit_cache = True
    field = "minute"
    postgres = "CAST(date_part('{field}', {date} AT TIME ZONE 'UTC') AS INTEGER)"


@compiles(_DatePart)
def _date_part(element, compiler, **kw):
    (date,) = element.clauses
    return compiler.process(extract(element.field, date), **kw)


@compiles(_DatePart, "postgresql")
def _date_part_postgres(element, compiler, **kw):
    (date,) = element.clauses
    return element.postgres.format(field=element.field, date=compiler.process(date, **kw))


def read_frame(session: Session, query, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """The query's rows as a frame with `dtypes` (column -> pandas dtype, in SELECT order).

    On PostgreSQL through COPY ... TO STDOUT and `read_csv`, which costs a fraction of building a
    Row object per result row. Columns must not be NULL: the CSV is read without NA detection,
    so a country coded `NA` stays `NA`.
    """
    if not is_postgres(session):
        rows = [tuple(row) for row in session.execute(query)]  # pandas is slow on Row objects
        return pd.DataFrame(rows, columns=list(dtypes)).astype(dict(dtypes))
    compiled = query.compile(dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True})
    dbapi_connection = session.connection().connection.dbapi_connection
    if dbapi_connection is None:  # only a connection already returned to the pool has none
        raise RuntimeError("the session's connection has no DBAPI connection")
    cursor = dbapi_connection.cursor()
    buffer = io.BytesIO()
    with cursor.copy(f"COPY ({compiled}) TO STDOUT WITH (FORMAT csv)", compiled.params) as copy:
        for chunk in copy:
            buffer.write(chunk)
    if not buffer.tell():
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})
    buffer.seek(0)
    booleans = [name for name, dtype in dtypes.items() if dtype == "bool"]
    frame = pd.read_csv(buffer, names=list(dtypes), na_filter=False, true_values=["t"], false_values=["f"],
                        dtype={name: dtype for name, dtype in dtypes.items() if name not in booleans})
    return frame.astype(dict.fromkeys(booleans, "bool"))
