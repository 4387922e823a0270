"""Load and faults: concurrent officers, a connection dropped mid-request, a server that restarts."""
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, func, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from stopform.db import engine_of
from stopform.models import Stop
from tests.api.conftest import officers_with_tokens, stop_body

OFFICERS, STOPS_EACH = 20, 25


def count_stops(app) -> int:
    with Session(engine_of(app)) as session:
        return session.exec(select(func.count()).select_from(Stop)).one()


def test_20_officers_submitting_25_stops_each_leave_500(committing_app):
    headers = officers_with_tokens(committing_app, OFFICERS)

    def officer(header):
        client = committing_app.test_client()
        return [client.post("/api/v1/stops", json=stop_body(), headers=header).status_code
                for _ in range(STOPS_EACH)]

    with ThreadPoolExecutor(max_workers=OFFICERS) as pool:
        statuses = [status for result in pool.map(officer, headers) for status in result]
    assert statuses == [201] * OFFICERS * STOPS_EACH
    assert count_stops(committing_app) == OFFICERS * STOPS_EACH


@pytest.mark.parametrize(("drop", "stored_by_the_first", "answers"), [
    ("before", 0, (201, 200)),  # the connection dies before the stop's statement: nothing stored
    ("after", 1, (200, 200)),   # it dies after the statement committed: the retry is a replay
])
def test_dropped_connection_gives_503_and_the_retry_stores_once(postgres_url, committing_app, monkeypatch,
                                                                 drop, stored_by_the_first, answers):
    from stopform.api import services
    header = officers_with_tokens(committing_app, 1)[0]
    real_store = services.record_stop
    calls = {"n": 0}

    def kill_own_connection(session):
        session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))

    def store_with_a_dropped_connection(**arguments):
        calls["n"] += 1
        if calls["n"] == 1 and drop == "before":
            kill_own_connection(arguments["session"])
        stored = real_store(**arguments)
        if calls["n"] == 1 and drop == "after":
            kill_own_connection(arguments["session"])
        return stored

    monkeypatch.setattr(services, "record_stop", store_with_a_dropped_connection)
    client = committing_app.test_client()
    body = stop_body()
    first = client.post("/api/v1/stops", json=body, headers=header)
    assert first.status_code == 503 and first.json["status"] == 503
    assert count_stops(committing_app) == stored_by_the_first
    retry = client.post("/api/v1/stops", json=body, headers=header)
    again = client.post("/api/v1/stops", json=body, headers=header)
    assert (retry.status_code, again.status_code) == answers
    assert retry.json["reference"] == again.json["reference"]
    assert count_stops(committing_app) == 1


def test_app_reconnects_after_all_its_connections_are_killed(postgres_url, committing_app):
    header = officers_with_tokens(committing_app, 1)[0]
    client = committing_app.test_client()
    assert client.post("/api/v1/stops", json=stop_body(), headers=header).status_code == 201
    database = make_url(postgres_url).database
    admin = create_engine(make_url(postgres_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:  # what a server restart does to every pooled connection
        killed = connection.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                         "WHERE datname = :db AND pid <> pg_backend_pid()"), {"db": database}).scalar()
    admin.dispose()
    assert killed >= 1
    assert client.post("/api/v1/stops", json=stop_body(), headers=header).status_code == 201
    assert count_stops(committing_app) == 2


@pytest.mark.pg_restart
def test_app_survives_a_real_postgresql_restart(postgres_url, committing_app):
    """Restarts the server: run alone (`pytest -m pg_restart`), as .ci/run does at the end."""
    import subprocess
    header = officers_with_tokens(committing_app, 1)[0]
    client = committing_app.test_client()
    assert client.post("/api/v1/stops", json=stop_body(), headers=header).status_code == 201
    version = subprocess.run(["ls", "/etc/postgresql"], capture_output=True, text=True, check=True).stdout.split()[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True)
    subprocess.run(["pg_isready", "-h", "127.0.0.1", "-t", "30"], check=True)
    assert client.post("/api/v1/stops", json=stop_body(), headers=header).status_code == 201
    assert count_stops(committing_app) == 2
