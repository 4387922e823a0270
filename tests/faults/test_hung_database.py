"""A database that accepts connections and never answers: requests that need it get 503 once the
connect timeout passes, and routes that need no database keep answering meanwhile. Runs on any
backend: the hung server is a socket of the test's own, spoken to by the PostgreSQL driver."""
import socket
import threading

import pytest

from stopform import create_app
from stopform.db import engine_of

CONNECT_TIMEOUT = 2  # libpq counts anything shorter as 2 s
HANG_GUARD = 30  # seconds: only so that a regression fails instead of hanging the suite


class SilentServer:
    """Accepts TCP connections and never sends a byte."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = threading.Event()
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            self.accepted.set()

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture()
def silent_server():
    server = SilentServer()
    yield server
    server.close()


@pytest.fixture()
def hung_app(silent_server):
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "DB_CONNECT_TIMEOUT": CONNECT_TIMEOUT,
                       "DATABASE_URL": f"postgresql+psycopg://stopform@127.0.0.1:{silent_server.port}/stopform"})


def in_background(function):
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("response", function()), daemon=True)
    thread.start()
    return thread, result


def test_a_hung_database_gives_503_and_openapi_keeps_answering(hung_app, silent_server, caplog):
    caller = hung_app.test_client()
    thread, result = in_background(lambda: caller.get("/api/v1/stops", headers={"Authorization": "Bearer x" * 4}))
    assert silent_server.accepted.wait(HANG_GUARD), "the request never reached the database"
    openapi = hung_app.test_client().get("/api/v1/openapi.json")
    assert openapi.status_code == 200 and openapi.json["openapi"].startswith("3.1")
    assert thread.is_alive()  # still waiting on the hung database while the document was served
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), "the request hung past the connect timeout"
    response = result["response"]
    assert response.status_code == 503 and response.json["status"] == 503
    assert int(response.headers["Retry-After"]) > 0
    # What ended the wait was the configured connect timeout, not the server hanging up.
    assert any("timeout expired" in record.getMessage() for record in caplog.records)


def test_a_page_needing_the_database_gets_the_503_page(hung_app, silent_server):
    client = hung_app.test_client()
    with client.session_transaction() as session:
        session["user_id"] = 1  # a logged-in browser: loading the user needs the database
    thread, result = in_background(lambda: client.get("/stops/?lang=en"))
    thread.join(HANG_GUARD)
    assert not thread.is_alive()
    assert result["response"].status_code == 503 and b"Error code 503" in result["response"].data


def test_the_engine_carries_the_configured_timeouts(postgres_url):
    from sqlalchemy import text

    from stopform.db import Timeouts, build_engine
    engine = build_engine(postgres_url, Timeouts(connect=3, statement=7, pool=4))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "7s"
        assert engine.pool.timeout() == 4
    finally:
        engine.dispose()


def test_a_statement_past_the_timeout_gives_503(postgres_url):
    app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "DATABASE_URL": postgres_url,
                      "DB_STATEMENT_TIMEOUT": 1})

    @app.get("/slow")
    def slow():
        from sqlalchemy import text

        from stopform.db import get_session
        get_session().execute(text("SELECT pg_sleep(5)"))
        return "done"

    try:
        assert app.test_client().get("/slow").status_code == 503
    finally:
        engine_of(app).dispose()


def test_no_free_pooled_connection_within_the_pool_timeout_gives_503(app_config):
    from sqlalchemy.exc import TimeoutError as PoolTimeout
    app = create_app(app_config)

    @app.get("/busy")
    def busy():
        raise PoolTimeout("QueuePool limit of size 10 overflow 20 reached, connection timed out, timeout 10.00")

    response = app.test_client().get("/busy")
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
