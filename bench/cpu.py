"""CPU time by role while a load runs: the app server's processes, PostgreSQL's, the load's own.

On a machine of two cores every role takes from the same budget, so the milliseconds of CPU
each spends per request say where a faster rate would have to come from. Read from /proc (Linux).
"""
from __future__ import annotations

import os
from pathlib import Path

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def _processes():
    """(pid, name, parent pid, CPU seconds) of every process we may read."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone since the listing
            continue
        name_end = stat.rindex(")")
        fields = stat[name_end + 2:].split()  # from field 3 (state) on: see proc(5)
        yield int(entry.name), stat[stat.index("(") + 1:name_end], int(fields[1]), \
            (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND


def cpu_seconds(server_pid: int | None = None) -> dict[str, float]:
    """CPU seconds used so far by the server (`server_pid` and its children; none without one), by
    PostgreSQL's processes on this machine, and by this process (the load's clients)."""
    totals = {"server": 0.0, "database": 0.0, "clients": 0.0}
    for pid, name, parent, seconds in _processes():
        if server_pid is not None and server_pid in (pid, parent):
            totals["server"] += seconds
        elif name.startswith("postgres"):
            totals["database"] += seconds
        elif pid == os.getpid():
            totals["clients"] += seconds
    return totals


def per_operation_ms(before: dict[str, float], after: dict[str, float], operations: int) -> dict[str, float]:
    """Milliseconds of CPU per operation by role between two readings, and their sum."""
    spent = {role: (after[role] - before[role]) * 1000 / operations for role in before}
    return {**{role: round(ms, 3) for role, ms in spent.items()}, "total": round(sum(spent.values()), 3)}
