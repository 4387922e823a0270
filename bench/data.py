"""Synthetic stops for the benchmarks, made with the demo generator and stored in chunks."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import psycopg

from .pg import dsn, stopform_app

CHUNK = 100_000
META_TABLE = "CREATE TABLE IF NOT EXISTS bench_meta (name text PRIMARY KEY, value text NOT NULL)"


def previous_month(today: date | None = None) -> str:
    """Last calendar month as YYYY-MM: complete, and inside any retention period."""
    first = (today or date.today()).replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


def demo_chunks(count: int, *, month: str, seed: int, areas: list[dict]) -> Iterator[list[dict]]:
    """`count` synthetic stops of `month` as insertable rows, CHUNK at a time (seed, seed+1, ...)."""
    from stopform.demo.loading import demo_rows
    made = 0
    while made < count:
        size = min(CHUNK, count - made)
        yield demo_rows(size, seed=seed + made // CHUNK, month=month, areas=areas)
        made += size


def store_demo_stops(database: str, count: int, *, month: str, seed: int) -> int:
    """Store `count` synthetic stops of `month` in `database` (migrated); returns how many went in."""
    from stopform.areas.services import list_areas
    from stopform.db import new_session
    from stopform.stops.bulk import insert_stop_rows
    stored = 0
    with stopform_app(database), new_session() as session:
        areas = [{"code": a.code, "latitude": float(a.latitude), "longitude": float(a.longitude)}
                 for a in list_areas(session)]
        for rows in demo_chunks(count, month=month, seed=seed, areas=areas):
            stored += insert_stop_rows(session=session, rows=rows)
            session.commit()
    with psycopg.connect(dsn(database), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE stops")
    return stored


def read_meta(database: str, name: str) -> str | None:
    """A value the benchmarks left in `database` (what data it holds), or None."""
    with psycopg.connect(dsn(database), autocommit=True) as conn:
        conn.execute(META_TABLE)
        row = conn.execute("SELECT value FROM bench_meta WHERE name = %s", [name]).fetchone()
    return None if row is None else row[0]


def write_meta(database: str, name: str, value: str) -> None:
    """Remember what data `database` holds, so a later run can reuse it."""
    with psycopg.connect(dsn(database), autocommit=True) as conn:
        conn.execute(META_TABLE)
        conn.execute("INSERT INTO bench_meta VALUES (%s, %s) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                     [name, value])
