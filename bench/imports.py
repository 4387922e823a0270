"""import_ratio: `flask import-stops` rows per second against PostgreSQL COPY of the same rows.

The CSV is a real internal export (stop-record.md §2) of 300,000 synthetic stops. The baseline
COPYs that file into a copy of `stops` (same columns, types, keys and indexes): the least any
import into that table must cost. The import then validates every row, checks it against the file
and the database, derives the local date and hour, and stores it.
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

import psycopg

from stopform.demo import synthetic

from .data import previous_month, store_demo_stops
from .pg import dsn, prepare_database, stopform_app

ROWS = 300_000
SOURCE_DATABASE = "stopform_bench_source"
CACHE = Path(__file__).resolve().parent / ".cache"


def export_csv(month: str, rows: int = ROWS) -> Path:
    """The month's synthetic export as a CSV file (made once per version of the generator, then
    reused from bench/.cache)."""
    generator = hashlib.sha256(Path(synthetic.__file__).read_bytes()).hexdigest()[:12]
    path = CACHE / f"stops-{rows}-{month}-{generator}.csv"
    if path.exists():
        return path
    from stopform.db import new_session
    from stopform.reports.exports import write_internal_export
    prepare_database(SOURCE_DATABASE)
    store_demo_stops(SOURCE_DATABASE, rows, month=month, seed=300)
    CACHE.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    with stopform_app(SOURCE_DATABASE), new_session() as session, open(partial, "w", encoding="utf-8") as handle:
        write_internal_export(session=session, month=month, handle=handle)
    partial.replace(path)
    return path


def copy_seconds(database: str, path: Path, *, like_stops: bool = True) -> float:
    """Seconds for COPY of the CSV into a fresh table, committed.

    `like_stops`: a copy of `stops` with its columns, types, keys and every index (the NOT NULL
    on the columns the import derives, which the file does not carry, is dropped). Otherwise only
    the file's columns with the primary key and the unique reference, for comparison.
    """
    columns = path.open(encoding="utf-8").readline().strip().split(",")
    column_list = ", ".join(columns)
    with psycopg.connect(dsn(database)) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy")
        if like_stops:
            conn.execute("CREATE TABLE bench_copy (LIKE stops INCLUDING ALL)")
            derived = [row[0] for row in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'bench_copy' "
                "AND is_nullable = 'NO' AND column_default IS NULL AND NOT (column_name = ANY(%s))", [columns])]
            for name in derived:
                conn.execute(f"ALTER TABLE bench_copy ALTER {name} DROP NOT NULL")
        else:
            conn.execute(f"CREATE TABLE bench_copy AS SELECT {column_list} FROM stops WITH NO DATA")
            conn.execute("ALTER TABLE bench_copy ADD PRIMARY KEY (stop_id), ADD UNIQUE (reference)")
        conn.commit()
        started = time.perf_counter()
        with conn.cursor() as cursor, path.open("rb") as handle:
            with cursor.copy(f"COPY bench_copy ({column_list}) FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
                while block := handle.read(1 << 20):
                    copy.write(block)
        conn.commit()
        seconds = time.perf_counter() - started
        conn.execute("DROP TABLE bench_copy")
        conn.commit()
    return seconds


def import_seconds(database: str, path: Path) -> tuple[float, int]:
    """Seconds for the import as `flask import-stops` runs it (validate, check, store, commit,
    ANALYZE) and how many rows it stored."""
    from flask import current_app

    from stopform.db import new_session
    from stopform.imports.stops import import_stop_csv, refresh_statistics
    with stopform_app(database), new_session() as session:
        started = time.perf_counter()
        tally = import_stop_csv(session=session, path=path, pseudonym_key=current_app.config["PSEUDONYM_KEY"])
        session.commit()
        refresh_statistics(session, tally)  # as `flask import-stops` does
        session.commit()
        return time.perf_counter() - started, tally.inserted


def run(database: str) -> dict:
    """COPY first (warming the same caches the import will use), then the import; the ratio of rates."""
    path = export_csv(previous_month())
    keys_only = copy_seconds(database, path, like_stops=False)
    copy = copy_seconds(database, path)
    seconds, inserted = import_seconds(database, path)
    if inserted != ROWS:
        raise RuntimeError(f"the import stored {inserted} of {ROWS} rows")
    return {"import_ratio": round(copy / seconds, 3),
            "import": {"rows": ROWS, "import_seconds": round(seconds, 2), "copy_seconds": round(copy, 2),
                       "copy_keys_only_seconds": round(keys_only, 2),
                       "import_rows_per_second": round(ROWS / seconds), "copy_rows_per_second": round(ROWS / copy)}}
