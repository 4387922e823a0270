"""PostgreSQL databases for the benchmarks: made fresh, migrated, seeded, and a stopform app on them."""
from __future__ import annotations

import os
from contextlib import contextmanager

import psycopg
from psycopg import sql

SERVER = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
BENCH_SECRETS = {
    "STOPFORM_SECRET_KEY": "bench-secret-key-bench-secret-key-0123456789",
    "STOPFORM_PSEUDONYM_KEY": "bench-pseudonym-key-bench-pseudonym-key-0123",
}


def dsn(database: str) -> str:
    """A psycopg connection string for `database` on the benchmark server."""
    return f"{SERVER}/{database}"


def sqlalchemy_url(database: str) -> str:
    """The SQLAlchemy URL of `database` (psycopg 3 driver)."""
    return dsn(database).replace("postgresql://", "postgresql+psycopg://", 1)


def app_environment(database: str) -> dict[str, str]:
    """Environment variables that point a stopform process at `database`."""
    return {**BENCH_SECRETS, "STOPFORM_DATABASE_URL": sqlalchemy_url(database)}


def on_connections(database: str, operation_for, *, clients: int, seconds: float, autocommit: bool = False) -> dict:
    """Throughput, latency and CPU milliseconds per operation of `operation_for(connection)`'s
    operation, repeated at once from `clients` psycopg connections of their own (closed afterwards)."""
    from .cpu import cpu_seconds, per_operation_ms
    from .load import run_concurrently
    connections = [psycopg.connect(dsn(database), autocommit=autocommit) for _ in range(clients)]
    try:
        before = cpu_seconds()
        result = run_concurrently([operation_for(c) for c in connections], seconds=seconds)
        cpu = per_operation_ms(before, cpu_seconds(), result.completed)
        return {**result.as_dict(), "cpu_ms_per_operation": {role: cpu[role] for role in ("database", "clients")}}
    finally:
        for conn in connections:
            conn.close()


def database_exists(database: str) -> bool:
    """Whether `database` exists on the server."""
    with psycopg.connect(dsn("postgres"), autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone() is not None


def recreate_database(database: str) -> None:
    """Drop `database` if it exists and make it again, empty."""
    with psycopg.connect(dsn("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


@contextmanager
def stopform_app(database: str):
    """A stopform app on `database`, inside its app context."""
    saved = {key: os.environ.get(key) for key in BENCH_SECRETS | {"STOPFORM_DATABASE_URL": ""}}
    os.environ.update(app_environment(database))
    try:
        from stopform import create_app
        app = create_app()
        with app.app_context():
            yield app
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def upgrade_database(database: str) -> None:
    """`flask db upgrade` on an existing `database`."""
    with stopform_app(database) as app:
        result = app.test_cli_runner().invoke(args=["db", "upgrade"], catch_exceptions=False)
        if result.exit_code != 0:
            raise RuntimeError(f"flask db upgrade failed: {result.output}")


def prepare_database(database: str) -> None:
    """A fresh, migrated `database` with the demo accounts (officer/demo, supervisor/demo, ...)."""
    recreate_database(database)
    with stopform_app(database) as app:
        runner = app.test_cli_runner()
        for command in (["db", "upgrade"], ["seed-demo-accounts"]):
            result = runner.invoke(args=command, catch_exceptions=False)
            if result.exit_code != 0:
                raise RuntimeError(f"flask {' '.join(command)} failed: {result.output}")
