"""CPU time by role, read from /proc while a benchmark's load runs."""
import subprocess
import sys
import time

from bench.cpu import cpu_seconds, per_operation_ms

# A worker that burns 0.3 s of CPU, says so and waits; its parent (the "server") only waits on it.
WORKER = ("import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n"
          "print('burnt', flush=True)\ninput()\n")
SERVER = f"import subprocess, sys\nsubprocess.run([sys.executable, '-c', {WORKER!r}])\n"


def test_milliseconds_per_operation_by_role_and_their_sum():
    before = {"server": 1.0, "database": 2.0, "clients": 0.5}
    after = {"server": 3.0, "database": 3.0, "clients": 0.75}
    assert per_operation_ms(before, after, 1000) == {"server": 2.0, "database": 1.0, "clients": 0.25, "total": 3.25}


def test_a_server_and_its_workers_count_as_the_server_and_this_process_as_the_clients():
    before_clients = cpu_seconds()["clients"]
    end = time.process_time() + 0.2
    while time.process_time() < end:
        pass
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "burnt"
        reading = cpu_seconds(server.pid)
    finally:
        server.communicate("\n", timeout=30)
    # /proc counts in clock ticks, so allow some rounding below the CPU time burnt
    assert reading["server"] >= 0.25
    assert reading["clients"] - before_clients >= 0.15
    assert cpu_seconds()["server"] == 0.0
