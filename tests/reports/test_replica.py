"""`STOPFORM_REPORT_DATABASE_URL`: report reads go to a second database (a replica), never a
write; the audit entry and the stored report go to the primary."""
from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel, select

from stopform.areas.services import seed_default_areas
from stopform.auth.services import get_or_create_unit
from stopform.catalog.services import sync_catalog
from stopform.db import REPORT_ENGINE_KEY, build_engine
from stopform.models import AuditEntry, StoredReport
from stopform.stops.bulk import insert_stop_rows
from tests.conftest import OTHER_UNIT, UNIT, fresh_database, postgres_only
from tests.reports.conftest import synthetic_rows

MONTH = "2025-03"
REPLICA_STOPS = 700


@pytest.fixture(scope="module")
def replica_url(database_url):
    """A second PostgreSQL database with the schema and 700 stops the primary does not have."""
    postgres_only(make_url(database_url).get_backend_name(), "no read-only replica to read reports from")
    with fresh_database(database_url, None, "stopform_replica") as url:
        engine = build_engine(url)
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            sync_catalog(session)
            seed_default_areas(session)
            for unit in (UNIT, OTHER_UNIT):
                get_or_create_unit(session=session, code=unit)
            insert_stop_rows(session=session, rows=synthetic_rows(REPLICA_STOPS, seed=21))
            session.commit()
        engine.dispose()
        yield url


@pytest.fixture()
def app_config(app_config, replica_url):
    return {**app_config, "REPORT_DATABASE_URL": replica_url}


@pytest.fixture()
def replica_statements(app):
    """The statements the app sends to the replica while the test runs."""
    from stopform.db import report_engine_of
    engine = report_engine_of(app)
    assert engine is not None
    statements: list[str] = []

    def listener(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine.engine, "before_cursor_execute", listener)
    yield statements
    event.remove(engine.engine, "before_cursor_execute", listener)
    app.extensions.pop(REPORT_ENGINE_KEY).engine.dispose()


def _counts(url: str) -> tuple[int, int, int]:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            return tuple(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                         for table in ("stored_reports", "audit_entries", "report_data_versions"))
    finally:
        engine.dispose()


def test_the_report_reads_the_replica_and_writes_the_primary(english, login, db_session, replica_url,
                                                              replica_statements):
    login("admin", unit=None)
    before = _counts(replica_url)
    page = english.get(f"/reports/{MONTH}")
    assert page.status_code == 200
    data = english.get(f"/reports/{MONTH}.json").get_json()
    assert data["n_stops"] == REPLICA_STOPS  # the primary has no stops at all
    assert any("FROM stops" in statement for statement in replica_statements)
    writes = [s for s in replica_statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert _counts(replica_url) == before  # nothing stored or logged there
    stored = db_session.exec(select(StoredReport)).all()
    assert [row.month for row in stored] == [MONTH]
    actions = db_session.exec(select(AuditEntry.action).where(AuditEntry.target_type == "report")).all()
    assert list(actions) == ["report_viewed", "report_exported"]


def test_the_report_session_cannot_write(app, replica_statements):
    from stopform.db import new_report_session
    session = new_report_session()
    assert session is not None
    with session, pytest.raises(DBAPIError, match="read-only transaction"):
        session.execute(text("DELETE FROM stops"))


def test_without_a_replica_reports_read_the_primary(app):
    from stopform.db import new_report_session
    app.config["REPORT_DATABASE_URL"] = None
    assert new_report_session() is None
