"""What the database alone allows for the API's submission: its SQL, replayed without the app.

One stop is submitted in-process while its statements are captured; 16 psycopg connections then
replay them (fresh ids and receipt hashes each time, autocommit as in production). The rate says
how far any application code could go on this machine with this schema and audit chain.
"""
from __future__ import annotations

import json
import pickle
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import event

from .pg import on_connections, stopform_app


def captured_statements(database: str, token: str, bodies: tuple[dict, dict]) -> list[tuple[str, dict]]:
    """The SQL and parameters of an API submission, as a warm process sends them to psycopg
    (the second of two: the first fills the per-process caches of catalogue and codes)."""
    from stopform.db import engine_of
    with stopform_app(database) as app:
        client, headers = app.test_client(), {"Authorization": f"Bearer {token}"}
        client.post("/api/v1/stops", json=bodies[0], headers=headers)
        captured: list[tuple[str, dict]] = []

        def capture(_conn, _cursor, statement, parameters, _context, _executemany):
            captured.append((statement, parameters))

        engine = engine_of(app)
        event.listen(engine, "before_cursor_execute", capture)
        try:
            response = client.post("/api/v1/stops", json=bodies[1], headers=headers)
        finally:
            event.remove(engine, "before_cursor_execute", capture)
    if response.status_code != 201:
        raise RuntimeError(f"API answered {response.status_code}: {response.get_data(as_text=True)[:300]}")
    return captured


def fresh_parameters(statement: str, parameters: dict) -> dict:
    """The parameters for another stop: new stop_id, reference and receipt hashes."""
    if "stop" not in parameters:
        return parameters
    stop = json.loads(parameters["stop"])
    stop["stop_id"], stop["reference"] = str(uuid.uuid4()), uuid.uuid4().hex[:10].upper()
    return {**parameters, "stop": json.dumps(stop), "receipt_token_hash": uuid.uuid4().hex * 2,
            "receipt_code_hash": uuid.uuid4().hex * 2}


def database_only_rate(database: str, statements: list[tuple[str, dict]], *, clients: int,
                       seconds: float) -> dict:
    """Submissions per second when only the database works: the captured statements, replayed."""
    def replayer(conn):
        def replay() -> None:
            for statement, parameters in statements:
                conn.execute(statement, fresh_parameters(statement, parameters))
        return replay

    return on_connections(database, replayer, clients=clients, seconds=seconds, autocommit=True)


def flask_floor_rate(database: str, statements: list[tuple[str, dict]], run_load) -> dict:
    """The same load against `bench.floor_app` under the same gunicorn: stopform's SQL behind
    a bare Flask view. `run_load(served)` runs the load and returns its figures."""
    from .pg import dsn
    from .server import gunicorn
    with tempfile.TemporaryDirectory() as folder:
        saved = Path(folder) / "statements.pickle"
        saved.write_bytes(pickle.dumps(statements))
        with gunicorn(database, target="bench.floor_app:app",
                      extra_env={"BENCH_FLOOR_STATEMENTS": str(saved), "BENCH_FLOOR_DSN": dsn(database)}) as served:
            return run_load(served)
