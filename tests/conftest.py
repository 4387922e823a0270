"""Fixtures: one database per run (SQLite, or PostgreSQL when STOPFORM_TEST_DATABASE_URL is set),
the schema built once, and every test rolled back (SQLAlchemy's "join a session into an external
transaction" recipe)."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from sqlmodel import Session, SQLModel

import stopform.models  # noqa: F401  (registers every table)
from stopform import create_app
from stopform.areas.services import seed_default_areas
from stopform.auth.access import Actor
from stopform.auth.services import create_user, get_or_create_unit
from stopform.catalog.services import load_catalog, sync_catalog
from stopform.db import ENGINE_KEY, build_engine, engine_of, set_session_factory
from stopform.models import Stop, utcnow
from stopform.stops.bulk import insert_stop_rows
from stopform.stops.codes import new_reference
from stopform.stops.recording import new_stop_row, record_stop

TEST_PSEUDONYM_KEY = "test-pseudonym-key-0123456789abcdef"


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Argon2id still, with the smallest cost: production's 64 MiB per hash would dominate the
    suite's run time without testing anything more."""
    from argon2 import PasswordHasher

    from stopform.auth import passwords
    original = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords._hasher = original
UNIT = "LIMBURG-NOORD"
OTHER_UNIT = "LIMBURG-ZUID"


def postgres_only(backend: str, sqlite_lacks: str) -> None:
    """Skip a PostgreSQL-only test when the suite runs on SQLite (`backend`: the database's
    backend name). Every such test runs in CI's PostgreSQL pass (`make test-postgres`, with
    STOPFORM_TEST_REQUIRE_POSTGRES=1, where a missing PostgreSQL fails the run instead);
    `sqlite_lacks` says why SQLite cannot run it."""
    if backend != "postgresql":
        # Justified skip: the feature does not exist on SQLite, and the same test runs (and must
        # pass) in `make test-postgres`, which .ci/run always runs after `make test`.
        pytest.skip(f"PostgreSQL only (make test-postgres): SQLite has {sqlite_lacks}")


def test_database_url(tmp_path_factory) -> str:
    """PostgreSQL when configured, else a fresh SQLite file."""
    url = os.environ.get("STOPFORM_TEST_DATABASE_URL")
    if url:
        return url
    if os.environ.get("CI") == "true" and os.environ.get("STOPFORM_TEST_REQUIRE_POSTGRES") == "1":
        pytest.fail("CI asked for PostgreSQL but STOPFORM_TEST_DATABASE_URL is not set")
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


def _fix_pysqlite_savepoints(engine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN itself
    # (SQLAlchemy SQLite dialect docs, "Serializable isolation / Savepoints / Transactional DDL").
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


def reset_schema(engine) -> None:
    """Build the schema from the models in the run's empty database."""
    SQLModel.metadata.create_all(engine)


@contextmanager
def fresh_database(base_url: str, sqlite_file, prefix: str):
    """An empty database on the same backend as `base_url`: a new SQLite file, or a new uniquely
    named PostgreSQL database (CTFd style) that is dropped afterwards."""
    url = make_url(base_url)
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{sqlite_file}"
        return
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    # No pool: a test may restart the server, and the DROP afterwards needs a live connection.
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The run's own database, so parallel runs against one server never share tables."""
    configured = test_database_url(tmp_path_factory)
    if make_url(configured).get_backend_name() != "postgresql":
        yield configured
        return
    with fresh_database(configured, None, make_url(configured).database) as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url):
    engine = build_engine(database_url)
    if make_url(database_url).get_backend_name() == "sqlite":
        _fix_pysqlite_savepoints(engine)
    reset_schema(engine)
    with Session(engine) as session:
        sync_catalog(session)
        seed_default_areas(session)
        get_or_create_unit(session=session, code=UNIT)
        get_or_create_unit(session=session, code=OTHER_UNIT)
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture()
def connection(engine):
    connection = engine.connect()
    transaction = connection.begin()
    yield connection
    transaction.rollback()
    connection.close()


@pytest.fixture()
def db_session(connection):
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    yield session
    session.close()


@pytest.fixture()
def app_config(database_url) -> dict:
    return {"TESTING": True, "WTF_CSRF_ENABLED": False, "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key", "PSEUDONYM_KEY": TEST_PSEUDONYM_KEY, "RATELIMIT_ENABLED": False}


@pytest.fixture()
def app(engine, connection, app_config):
    app = create_app(app_config)
    app.extensions[ENGINE_KEY] = engine
    set_session_factory(app, lambda: Session(bind=connection, join_transaction_mode="create_savepoint",
                                             expire_on_commit=False))
    with app.app_context():
        yield app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner(app):
    return app.test_cli_runner()


@pytest.fixture()
def make_user(db_session):
    """Factory: make_user(role="officer", unit=UNIT, username=None, password="pw12")."""
    def factory(role: str = "officer", unit: str | None = UNIT, username: str | None = None,
                password: str = "pw12", service_number: str | None = None):
        # The password policy has its own tests (tests/auth/test_password_policy.py).
        user = create_user(session=db_session, username=username or f"{role}-{uuid.uuid4().hex[:8]}",
                           role=role, unit_code=unit, password=password,
                           service_number=service_number or f"NL-{uuid.uuid4().hex[:6]}", enforce_policy=False)
        db_session.commit()
        return user
    return factory


def valid_record(**overrides) -> dict:
    """A lawful record as the form would hand it to the rules (a traffic check, nothing more)."""
    record = {
        "stop_id": None, "occurred_at": utcnow() - timedelta(minutes=30), "duration_minutes": 8,
        "area": "ROERMOND", "unit": UNIT, "latitude": None, "longitude": None,
        "legal_basis": "WVW160-1", "reason": "traffic_violation", "reason_text": "Drove through a red light.",
        "triggered_by_hit": False, "hit_source": None, "hit_reference": None, "plate": "12-ABC-3",
        "plate_country": "NL", "vehicle_type": "car", "occupants": 2, "driver_nationality": None,
        "perceived_origin": None, "documents_checked": True, "driver_id_demanded": False,
        "passenger_ids_demanded": 0, "id_basis": None, "vehicle_searched": False, "persons_searched": 0,
        "search_basis": None, "consent_refusal_explained": False, "authorisation_ref": None,
        "force_used": False, "search_found": False, "found_category": "none", "offence_found": True,
        "outcome": "fine", "outcome_linked_to_reason": True, "receipt": "qr_shown",
        "receipt_not_offered_reason": None, "caution_given": False, "reason_for_person": None,
        "suspected_offence": None, "supervised_law": None, "identity_document_seen": False,
    }
    record.update(overrides)
    return record


@pytest.fixture()
def catalog(db_session):
    return load_catalog(db_session, utcnow().date())


@pytest.fixture()
def make_stop(app, db_session, catalog):
    """Factory: make_stop(user, **record_overrides) records a stop through the one recording
    service (with its server-minted receipt and audit entry). With `with_receipt=False` it is stored
    the way an import stores rows instead: same row builder, no receipt, no audit entry."""
    def factory(user, *, with_receipt=True, **overrides):
        record = valid_record(**overrides)
        with app.app_context():
            if with_receipt:
                stop_id = record_stop(session=db_session, record=record, actor=Actor.of_user(user), catalog=catalog,
                                      pseudonym_key=TEST_PSEUDONYM_KEY, source="form").stop_id
            else:
                row = new_stop_row(record=record, catalog=catalog, pseudonym_key=TEST_PSEUDONYM_KEY, source="form",
                                   author_id=user.id, officer_ref=user.service_number, unit=UNIT)
                insert_stop_rows(session=db_session, rows=[{**row, "reference": new_reference()}])
                stop_id = row["stop_id"]
        db_session.commit()
        return db_session.get(Stop, stop_id)
    return factory


class AuthActions:
    """Log in and out through the real pages."""

    def __init__(self, client):
        self._client = client

    def login(self, username: str, password: str = "pw12"):
        return self._client.post("/auth/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture()
def auth(client):
    return AuthActions(client)


@pytest.fixture()
def committing_url(database_url, tmp_path):
    """A database of this test's own, on the run's backend (for tests across threads, where
    rollback isolation cannot reach)."""
    with fresh_database(database_url, tmp_path / "committing.sqlite", "stopform_committing") as url:
        yield url


@pytest.fixture()
def committing_app(committing_url):
    app = create_app({"TESTING": True, "DATABASE_URL": committing_url, "SECRET_KEY": "k" * 40,
                      "PSEUDONYM_KEY": "p" * 40, "RATELIMIT_ENABLED": False})
    engine = engine_of(app)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        sync_catalog(session)
        seed_default_areas(session)
        session.commit()
    yield app
    engine.dispose()


@pytest.fixture()
def limited_app(engine, connection, app_config):
    """An app with rate limiting on (memory storage); the shared limiter is reset and switched off after."""
    from stopform.limiter import limiter
    app = create_app({**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"})
    app.extensions[ENGINE_KEY] = engine
    set_session_factory(app, lambda: Session(bind=connection, join_transaction_mode="create_savepoint",
                                             expire_on_commit=False))
    with app.app_context():
        limiter.reset()
        yield app
        limiter.reset()
    limiter.enabled = False
