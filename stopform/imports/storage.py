"""Writing validated stop rows inside the import's one transaction, fast on each database.

SQLite: one compiled INSERT … ON CONFLICT DO NOTHING run with the driver's executemany (the
column types' own bind processors convert the values). PostgreSQL: COPY straight into `stops`,
several times faster than INSERTs (a staging table and INSERT … SELECT wrote every row twice).
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from ..models import Stop, table_of
from ..stops.bulk import insert_stop_rows

# Page cache for the import's connection (KiB; negative = size, SQLite's convention): one big
# transaction otherwise spills dirty index pages to the WAL again and again.
SQLITE_IMPORT_CACHE_KIB = 256 * 1024
COLUMNS = tuple(table_of(Stop).columns.keys())


def _driver_connection(connection: Connection) -> Any:
    """The DB-API driver's own connection under a checked-out SQLAlchemy connection."""
    driver = connection.connection.driver_connection
    if driver is None:  # only a connection already closed or invalidated has none
        raise RuntimeError("the import's connection has no driver connection")
    return driver


class InsertStaging:
    """Rows go straight into `stops` (SQLAlchemy Core, any database); a rollback undoes them."""

    def __init__(self, session: Session):
        self._session = session
        self._inserted = 0

    def add(self, rows: list[dict]) -> None:
        """Store a chunk of complete stop rows."""
        self._inserted += insert_stop_rows(session=self._session, rows=rows, chunk_size=len(rows) or 1)

    def wait(self) -> None:
        """Nothing runs in the background."""

    def finish(self) -> int:
        """How many rows were stored."""
        return self._inserted

    def close(self) -> None:
        """Nothing to undo."""


class SqliteStaging:
    """Rows go straight into `stops` through the driver's executemany; a rollback undoes them."""

    def __init__(self, session: Session):
        self._connection = session.connection()
        cache = self._connection.exec_driver_sql("PRAGMA cache_size").scalar()
        if cache is None:  # SQLite always answers the pragma; None would be another database
            raise RuntimeError("PRAGMA cache_size returned nothing")
        self._cache = int(cache)
        self._connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_IMPORT_CACHE_KIB}")
        self._inserted = 0
        self._sql = ""
        self._converters: list[tuple[str, Callable[[Any], Any] | None]] = []

    def _prepare(self, names: list[str]) -> None:
        dialect = self._connection.dialect
        table = table_of(Stop)
        compiled = sqlite_insert(table).on_conflict_do_nothing(index_elements=["stop_id"]) \
            .compile(dialect=dialect, column_keys=names)
        positions = compiled.positiontup
        if positions is None:  # SQLite's paramstyle is positional, so the compiler always lists them
            raise RuntimeError("the SQLite INSERT compiled without positional parameters")
        self._sql = compiled.string
        self._converters = [(name, table.columns[name].type.bind_processor(dialect)) for name in positions]

    def add(self, rows: list[dict]) -> None:
        """Store a chunk of stop rows (every row with the same keys)."""
        if not self._sql:
            self._prepare(list(rows[0]))
        converters = self._converters
        values = [[convert(row[name]) if convert else row[name] for name, convert in converters] for row in rows]
        cursor = _driver_connection(self._connection).cursor()
        cursor.executemany(self._sql, values)
        self._inserted += max(cursor.rowcount, 0)

    def wait(self) -> None:
        """Nothing runs in the background."""

    def finish(self) -> int:
        """How many rows were stored."""
        return self._inserted

    def close(self) -> None:
        """Give the pooled connection its normal page cache back."""
        self._connection.exec_driver_sql(f"PRAGMA cache_size={self._cache}")


class CopyStaging:
    """Rows are COPYed straight into `stops`, chunk by chunk, inside the import's transaction.

    The batch checker has already left out every stop_id stored before or repeated in the file,
    so no row can conflict; should another writer store one of them meanwhile, COPY fails on the
    primary key and the whole import rolls back, to be run again (it is idempotent).

    Each chunk's COPY runs on a helper thread while the caller reads and validates the next chunk:
    the server updates the indexes while Python parses. The caller must `wait()` before it uses
    the connection again.
    """

    def __init__(self, session: Session):
        self._connection = session.connection()
        self._columns: tuple[str, ...] = ()
        self._column_list = ""
        self._inserted = 0
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-copy")
        self._pending: Future | None = None

    def add(self, rows: list[dict]) -> None:
        """Start the COPY of a chunk of new stop rows (every row with the same keys) into `stops`."""
        self.wait()
        if not self._columns:
            self._columns = tuple(name for name in COLUMNS if name in rows[0])
            self._column_list = ", ".join(self._columns)
        self._pending = self._writer.submit(self._copy, rows)

    def _copy(self, rows: list[dict]) -> int:
        cursor = _driver_connection(self._connection).cursor()
        with cursor.copy(f"COPY stops ({self._column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[name] for name in self._columns])
        return len(rows)

    def wait(self) -> None:
        """Block until the chunk being copied is stored; its error, if any, is raised here."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._inserted += pending.result()

    def finish(self) -> int:
        """How many rows were stored, once the last chunk is in."""
        self.wait()
        return self._inserted

    def close(self) -> None:
        """Let a chunk still being copied end (a refused import's rollback undoes every chunk)."""
        try:
            self.wait()
        finally:
            self._writer.shutdown()


def staging_for(session: Session) -> InsertStaging | SqliteStaging | CopyStaging:
    """The fastest way to store rows on this session's database."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return CopyStaging(session)
    return SqliteStaging(session) if dialect == "sqlite" else InsertStaging(session)
