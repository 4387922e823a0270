"""On PostgreSQL the app runs as a role that does not own the audit log: it appends, but cannot
update, delete, truncate, or alter or drop the append-only triggers."""
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from stopform import create_app
from stopform.audit.roles import app_role_grants
from stopform.audit.services import record_event
from stopform.db import engine_of
from tests.conftest import fresh_database, postgres_only

FORBIDDEN = [
    ("UPDATE audit_entries SET action = 'forged'", "permission denied"),
    ("DELETE FROM audit_entries", "permission denied"),
    ("TRUNCATE audit_entries", "permission denied"),
    ("DROP TRIGGER audit_entries_append_only ON audit_entries", "must be owner"),
    ("ALTER TABLE audit_entries DISABLE TRIGGER ALL", "must be owner"),
    ("DROP FUNCTION audit_entries_append_only()", "must be owner"),
    ("CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END; "
     "$$ LANGUAGE plpgsql", "must be owner|permission denied for schema"),
    ("UPDATE alembic_version SET version_num = 'x'", "permission denied"),
]


@pytest.fixture()
def migrated_url(database_url, tmp_path):
    postgres_only(make_url(database_url).get_backend_name(), "no roles or grants")
    with fresh_database(database_url, None, "stopform_roles") as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
        engine_of(app).dispose()
        yield url


@pytest.fixture()
def app_role_engine(migrated_url):
    """An engine whose connections act as a fresh non-owner role with the documented grants."""
    role = f"stopform_app_{uuid.uuid4().hex[:8]}"
    owner = create_engine(migrated_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with owner.connect() as connection:
        connection.execute(text(f"CREATE ROLE {role} NOLOGIN"))
        for statement in app_role_grants(role):
            connection.execute(text(statement))
    engine = create_engine(migrated_url, poolclass=NullPool)

    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _act_as_app(dbapi_connection, _record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {role}")
        dbapi_connection.commit()
    yield engine
    engine.dispose()
    with owner.connect() as connection:
        connection.execute(text(f"DROP OWNED BY {role}"))
        connection.execute(text(f"DROP ROLE {role}"))
    owner.dispose()


def test_the_app_role_appends_to_the_log(app_role_engine):
    with Session(app_role_engine) as session:
        record_event(session, "test_event", details={"n": 1})
        session.commit()
        assert session.execute(text("SELECT count(*) FROM audit_entries")).scalar() >= 1
        assert session.execute(text("SELECT current_user")).scalar().startswith("stopform_app_")


@pytest.mark.parametrize(("statement", "refusal"), FORBIDDEN)
def test_the_app_role_cannot_rewrite_or_unguard_the_log(app_role_engine, statement, refusal):
    with app_role_engine.connect() as connection, pytest.raises(DBAPIError, match=refusal):
        connection.execute(text(statement))


def test_grants_refuse_odd_role_names():
    with pytest.raises(ValueError):
        app_role_grants("app; DROP TABLE stops")


def test_app_grants_command_prints_the_sql(runner):
    result = runner.invoke(args=["db", "app-grants", "stopform_app", "--owner", "stopform_owner"])
    assert result.exit_code == 0
    assert "REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM stopform_app;" in result.output
    assert "ALTER DEFAULT PRIVILEGES FOR ROLE stopform_owner" in result.output
