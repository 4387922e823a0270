"""The floor under `submit_ratio`: a bare Flask app that stores a stop with the API's own SQL.

Served by the same gunicorn to the same 16 clients, it answers `POST /api/v1/stops` by parsing
the body and running the statements captured from stopform (fresh keys each time), on one
autocommit psycopg connection per thread, with no authentication, validation, session or hooks.
What it reaches is as far as any Flask app storing these rows could go on this machine.
"""
from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import psycopg
from flask import Flask, request

from bench.statements import fresh_parameters

app = Flask(__name__)
_STATEMENTS = pickle.loads(Path(os.environ["BENCH_FLOOR_STATEMENTS"]).read_bytes())
_connections = threading.local()


def _connection() -> psycopg.Connection:
    if getattr(_connections, "current", None) is None:
        _connections.current = psycopg.connect(os.environ["BENCH_FLOOR_DSN"], autocommit=True)
    return _connections.current


@app.post("/api/v1/stops")
def store_stop():
    """Store the stop with stopform's SQL; answer as the API does, in brief."""
    body = request.get_json()
    connection = _connection()
    for statement, parameters in _STATEMENTS:
        connection.execute(statement, fresh_parameters(statement, parameters))
    return {"stop_id": body["stop_id"]}, 201
