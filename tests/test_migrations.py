"""`flask db upgrade` builds the schema from nothing and `flask db check` finds drift,
on the run's database backend (SQLite, or PostgreSQL when configured)."""
import pytest
from sqlalchemy import text

from stopform import create_app
from tests.conftest import fresh_database


@pytest.fixture()
def empty_database_url(database_url, tmp_path):
    with fresh_database(database_url, tmp_path / "migrations.sqlite", "stopform_migrations") as url:
        yield url


@pytest.fixture()
def fresh_app(empty_database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": empty_database_url})
    yield app
    from stopform.db import engine_of
    engine_of(app).dispose()


def test_upgrade_from_empty_then_check_agrees(fresh_app):
    runner = fresh_app.test_cli_runner()
    upgrade = runner.invoke(args=["db", "upgrade"])
    assert upgrade.exit_code == 0, upgrade.output
    assert "catalogue entries" in upgrade.output
    check = runner.invoke(args=["db", "check"])
    assert check.exit_code == 0, check.output
    assert "agree" in check.output
    again = runner.invoke(args=["db", "upgrade"])
    assert again.exit_code == 0 and "0 catalogue entries and 0 areas added" in again.output


def test_check_fails_when_schema_and_models_differ(fresh_app):
    runner = fresh_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    from stopform.db import engine_of
    with engine_of(fresh_app).begin() as connection:
        connection.execute(text("DROP INDEX ix_stops_area"))
    check = runner.invoke(args=["db", "check"])
    assert check.exit_code != 0
    assert "differ" in check.output


def test_downgrade_to_base_and_up_again(fresh_app):
    runner = fresh_app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["db", "downgrade", "base"]).exit_code == 0
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0


def test_migrated_audit_log_is_append_only(fresh_app):
    from sqlalchemy.exc import DBAPIError
    from sqlmodel import Session

    from stopform.audit.services import record_event
    from stopform.db import engine_of
    assert fresh_app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    engine = engine_of(fresh_app)
    with Session(engine) as session:
        record_event(session, "test_event")
        session.commit()
    for statement in ("UPDATE audit_entries SET action = 'forged'", "DELETE FROM audit_entries"):
        with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))
