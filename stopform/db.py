"""Database engine and the per-request session: one transaction per request.

Services only `flush()`; the request commits once after the view succeeded (so a failed
commit still turns into an error response) and rolls back on any error.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, g
from sqlalchemy import Engine, Insert, Table, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

ENGINE_KEY = "stopform.engine"
REPORT_ENGINE_KEY = "stopform.report_engine"
SESSION_FACTORY_KEY = "stopform.session_factory"


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the dev server's readers and one writer work side by side.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for a new connection, for one statement, and for a free pooled
    connection; 0 switches the statement limit off."""

    connect: int = 5
    statement: int = 30
    pool: int = 10

    @classmethod
    def from_config(cls, config) -> Timeouts:
        """The `DB_*_TIMEOUT` settings."""
        return cls(connect=int(config.get("DB_CONNECT_TIMEOUT", cls.connect)),
                   statement=int(config.get("DB_STATEMENT_TIMEOUT", cls.statement)),
                   pool=int(config.get("DB_POOL_TIMEOUT", cls.pool)))


def build_engine(url: str, timeouts: Timeouts | None = None) -> Engine:
    """Create an engine for `url`; SQLite gets foreign keys on and a busy timeout, PostgreSQL
    connect, statement and pool timeouts, so a database that hangs costs a request seconds, not
    a worker for ever."""
    timeouts = timeouts or Timeouts()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            from pathlib import Path
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, pool_timeout=timeouts.pool,
                         connect_args=_postgres_connect_args(timeouts))


def _postgres_connect_args(timeouts: Timeouts) -> dict:
    # libpq's connect_timeout covers the whole start-up, so a server that accepts the socket and
    # never answers fails the connection too; statement_timeout is enforced by the server.
    args: dict = {"connect_timeout": max(2, timeouts.connect)}  # libpq treats less than 2 s as 2 s
    if timeouts.statement > 0:
        args["options"] = f"-c statement_timeout={timeouts.statement * 1000}"
    return args


def init_app(app: Flask) -> None:
    """Wire the session into the request lifecycle; the engine is built on first use."""
    app.extensions.setdefault(SESSION_FACTORY_KEY, lambda: Session(engine_of(app), expire_on_commit=False))
    app.after_request(_commit_after_success)
    app.teardown_request(_close_session)


def engine_of(app: Flask) -> Engine:
    """The app's engine, built once from `DATABASE_URL` (tests may put their own in first)."""
    if ENGINE_KEY not in app.extensions:
        app.extensions[ENGINE_KEY] = build_engine(app.config["DATABASE_URL"], Timeouts.from_config(app.config))
    return app.extensions[ENGINE_KEY]


def get_engine() -> Engine:
    """The current application's engine."""
    return engine_of(current_app)


def report_engine_of(app: Flask) -> Engine | None:
    """The engine that report reads use when `REPORT_DATABASE_URL` names one (a PostgreSQL
    replica), built once; None: reports read the app's own database. Its transactions are
    read-only on PostgreSQL, so a report can never write there."""
    url = app.config.get("REPORT_DATABASE_URL")
    if not url:
        return None
    if REPORT_ENGINE_KEY not in app.extensions:
        engine = build_engine(url, Timeouts.from_config(app.config))
        if engine.dialect.name == "postgresql":
            engine = engine.execution_options(postgresql_readonly=True)
        app.extensions[REPORT_ENGINE_KEY] = engine
    return app.extensions[REPORT_ENGINE_KEY]


def new_report_session() -> Session | None:
    """A fresh session on the report database, or None when reports read the app's own."""
    engine = report_engine_of(current_app)
    return None if engine is None else Session(engine, expire_on_commit=False)


def get_report_session() -> Session:
    """The session a request's report reads go through: on the report database (`REPORT_DATABASE_URL`)
    when set, else the request's own session."""
    if "report_session" not in g:
        g.report_session = new_report_session() or get_session()
    return g.report_session


def set_session_factory(app: Flask, factory: Callable[[], Session]) -> None:
    """Let tests bind the request session to their own connection."""
    app.extensions[SESSION_FACTORY_KEY] = factory


def new_session() -> Session:
    """A fresh session from the app's factory (for CLI commands and background work)."""
    return current_app.extensions[SESSION_FACTORY_KEY]()


def get_session() -> Session:
    """The request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = new_session()
    return g.db_session


def insert_skipping_conflicts(table: Table, dialect: str, index_elements: list[str] | None = None) -> Insert:
    """`INSERT … ON CONFLICT DO NOTHING` on the two supported databases (any unique key when
    `index_elements` is None): a row that exists already is skipped, not an error."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=index_elements)
    if dialect == "sqlite":
        from sqlalchemy.dialects import sqlite
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=index_elements)
    raise RuntimeError(f"unsupported database {dialect}")  # pragma: no cover - only the two supported


def commit_each_statement(session: Session) -> bool:
    """Open the session's connection in autocommit, before its first statement, when it is on
    PostgreSQL and owns its transaction; True if it did.

    For a request whose only write is a single statement (submitting a stop): the statement is
    its own transaction, so BEGIN and COMMIT cost no round trips, and the audit chain's lock is
    released inside PostgreSQL instead of after another round trip. A session that runs inside a
    transaction it was given (rollback-isolated tests) keeps that transaction.
    """
    bind = session.get_bind()
    if not isinstance(bind, Engine) or bind.dialect.name != "postgresql" or session.in_transaction():
        return False
    session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return True


def _commit_after_success(response):
    session = g.get("db_session")
    if session is not None and response.status_code < 400:
        session.commit()
    return response


def _close_session(_exc) -> None:
    report_session = g.pop("report_session", None)
    if report_session is not None and report_session is not g.get("db_session"):
        report_session.rollback()
        report_session.close()
    session = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()
