"""A stopform server under gunicorn on a benchmark database, as production runs it."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .pg import app_environment

ROOT = Path(__file__).resolve().parent.parent
# As docs/deployment.md: four workers; threads let a worker overlap its clients' database waits.
WORKERS, THREADS = 4, 4


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on {port} within {timeout} s")


@dataclass(frozen=True)
class Served:
    """A running server: where to reach it, and its master process (for its CPU time)."""

    url: str
    pid: int


@contextmanager
def gunicorn(database: str, *, workers: int = WORKERS, threads: int = THREADS, extra_env: dict | None = None,
             target: str = "app:app"):
    """Serve `target` (stopform by default) on `database`; yields a `Served` and stops the server
    afterwards."""
    port = free_port()
    env = {**os.environ, **app_environment(database), "STOPFORM_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
           **(extra_env or {})}
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads),
               "--worker-class", "gthread", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
               "--preload", target]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        _wait_until_listening(port, process)
        yield Served(f"http://127.0.0.1:{port}", process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
