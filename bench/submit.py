"""submit_ratio: stops per second through the API under gunicorn, against raw INSERT+COMMIT.

Both sides run 16 concurrent clients on the same database in the same run. The baseline is one
psycopg connection per client, each inserting one row of a stop's width and committing.
"""
from __future__ import annotations

import http.client
import json
import time
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import psycopg

from .cpu import cpu_seconds, per_operation_ms
from .load import run_concurrently
from .pg import dsn, on_connections, stopform_app
from .server import Served, gunicorn
from .statements import captured_statements, database_only_rate, flask_floor_rate

CLIENTS = 16
SECONDS = 15.0
RAW_TABLE = """CREATE TABLE IF NOT EXISTS bench_raw_stops (
    stop_id uuid PRIMARY KEY, occurred_at timestamptz NOT NULL, area text NOT NULL,
    legal_basis text NOT NULL, reason text NOT NULL, plate_country text NOT NULL, body jsonb NOT NULL)"""


def stop_body() -> dict:
    """A valid stop as an officer's device sends it, new each call."""
    from stopform.models import utcnow
    return {
        "stop_id": str(uuid.uuid4()), "occurred_at": (utcnow() - timedelta(minutes=15)).isoformat(),
        "duration_minutes": 6, "area": "VENLO", "legal_basis": "WVW160-1", "reason": "document_check",
        "reason_text": "Routine licence check at the A73 exit.", "plate": "GH-456-J", "plate_country": "DE",
        "vehicle_type": "car", "occupants": 1, "documents_checked": True, "outcome": "none",
        "receipt": "qr_shown",
    }


def raw_insert_rate(database: str, clients: int = CLIENTS, seconds: float = SECONDS) -> dict:
    """Single-row INSERT + COMMIT per second through psycopg, one connection per client."""
    with psycopg.connect(dsn(database), autocommit=True) as conn:
        conn.execute(RAW_TABLE)
        conn.execute("TRUNCATE bench_raw_stops")
    def inserter(conn):
        def insert() -> None:
            body = stop_body()
            conn.execute("INSERT INTO bench_raw_stops VALUES (%s, %s, %s, %s, %s, %s, %s)",
                         [body["stop_id"], body["occurred_at"], body["area"], body["legal_basis"],
                          body["reason"], body["plate_country"], json.dumps(body)])
            conn.commit()
        return insert

    return on_connections(database, inserter, clients=clients, seconds=seconds)


def officer_tokens(database: str, count: int) -> list[str]:
    """`count` officers with one API token each (a device per officer)."""
    from stopform.api.tokens import create_token
    from stopform.auth.services import create_user
    from stopform.db import new_session
    with stopform_app(database), new_session() as session:
        tokens = []
        for index in range(count):
            user = create_user(session=session, username=f"bench-officer-{uuid.uuid4().hex[:8]}-{index}",
                               role="officer", unit_code="LIMBURG-NOORD", password="bench-password",
                               service_number=f"NL-BENCH-{index}", enforce_policy=False)  # tokens only, no login
            tokens.append(create_token(session=session, user=user)[1])
        session.commit()
    return tokens


def api_submit_rate(database: str, clients: int = CLIENTS, seconds: float = SECONDS) -> dict:
    """Stops per second through POST /api/v1/stops under gunicorn, one keep-alive client per officer."""
    tokens = officer_tokens(database, clients)
    with gunicorn(database) as served:
        return submit_load(served, tokens, seconds)


def submit_load(served: Served, tokens: list[str], seconds: float = SECONDS) -> dict:
    """One keep-alive client per token posting stops to `served`; the rate, the latencies, and
    the CPU milliseconds per request of the server, PostgreSQL and the clients."""
    address = urlsplit(served.url)
    before = cpu_seconds(served.pid)
    result = run_concurrently([_poster(address.hostname, address.port, token) for token in tokens], seconds=seconds)
    return {**result.as_dict(), "cpu_ms_per_request": per_operation_ms(before, cpu_seconds(served.pid),
                                                                        result.completed)}


def _poster(host: str, port: int, token: str):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def post() -> None:
        body = stop_body()
        connection.request("POST", "/api/v1/stops", body=json.dumps(body),
                           headers={**headers, "Idempotency-Key": body["stop_id"]})
        response = connection.getresponse()
        answer = response.read()
        if response.status != 201:
            raise RuntimeError(f"API answered {response.status}: {answer[:300]!r}")
    return post


def app_cost_per_stop(database: str, stops: int = 300, warmup: int = 30) -> dict:
    """Where the ratio comes from: one client in-process (no HTTP, no contention), the app's CPU
    and wall milliseconds per submitted stop."""
    tokens = officer_tokens(database, 1)
    with stopform_app(database) as app:
        client = app.test_client()
        headers = {"Authorization": f"Bearer {tokens[0]}"}
        bodies = [stop_body() for _ in range(warmup + stops)]
        for body in bodies[:warmup]:
            client.post("/api/v1/stops", json=body, headers=headers)
        cpu, wall = time.process_time(), time.perf_counter()
        for body in bodies[warmup:]:
            client.post("/api/v1/stops", json=body, headers=headers)
        return {"cpu_ms": round((time.process_time() - cpu) / stops * 1000, 2),
                "wall_ms": round((time.perf_counter() - wall) / stops * 1000, 2)}


def audit_chain_after_load(database: str) -> dict:
    """The audit chain after 16 clients appended to it at once: every entry must still verify."""
    from stopform.audit.services import verify_chain
    from stopform.db import new_session
    with stopform_app(database), new_session() as session:
        checked, problem = verify_chain(session)
    if problem is not None:
        raise RuntimeError(f"the audit chain broke under load at entry {problem.seq}: {problem.message}")
    return {"entries_verified": checked}


def database_only(database: str, statements: list[tuple[str, dict]], raw: dict) -> dict:
    """The API's own SQL replayed from 16 connections without the app: the ratio no application
    code could beat on this machine with this schema (bench.statements)."""
    rate = database_only_rate(database, statements, clients=CLIENTS, seconds=SECONDS)
    return {**rate, "statements": len(statements), "ratio": round(rate["per_second"] / raw["per_second"], 3)}


def flask_floor(database: str, statements: list[tuple[str, dict]], raw: dict) -> dict:
    """The same load and SQL through a bare Flask view under the same gunicorn (bench.floor_app):
    the ratio no Flask app storing these rows could beat on this machine."""
    tokens = [f"unused-{index}" for index in range(CLIENTS)]  # the floor app checks no caller
    rate = flask_floor_rate(database, statements, lambda served: submit_load(served, tokens))
    return {**rate, "ratio": round(rate["per_second"] / raw["per_second"], 3)}


def run(database: str) -> dict:
    """Both sides, then the ratio and the API's 95th percentile latency."""
    raw = raw_insert_rate(database)
    api = api_submit_rate(database)
    statements = captured_statements(database, officer_tokens(database, 1)[0], (stop_body(), stop_body()))
    floor = flask_floor(database, statements, raw)
    return {"submit_ratio": round(api["per_second"] / raw["per_second"], 3), "submit_p95_ms": api["p95_ms"],
            "submit_vs_floor": round(api["per_second"] / floor["per_second"], 3),
            "submit": {"clients": CLIENTS, "api": api, "raw_insert": raw,
                       "audit_chain": audit_chain_after_load(database),
                       "database_only": database_only(database, statements, raw),
                       "flask_floor": floor,
                       "one_client_in_process": app_cost_per_stop(database)}}
