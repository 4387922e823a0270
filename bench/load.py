"""Concurrent load: N threads repeat one operation for a while; throughput and latency out."""
from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LoadResult:
    """Operations per second over the timed window, and per-operation latencies in ms."""

    per_second: float
    operations: int
    seconds: float
    p50_ms: float
    p95_ms: float
    completed: int  # every operation that finished, warm-up included (for CPU per operation)

    def as_dict(self) -> dict:
        """The figures, rounded for the results file."""
        return {"per_second": round(self.per_second, 1), "operations": self.operations,
                "seconds": round(self.seconds, 2), "p50_ms": round(self.p50_ms, 2), "p95_ms": round(self.p95_ms, 2),
                "completed": self.completed}


def run_concurrently(workers: list[Callable[[], None]], *, seconds: float, warmup: float = 2.0) -> LoadResult:
    """Call each worker's operation in its own thread until time is up; only operations that
    start after `warmup` and finish inside the window count."""
    latencies: list[list[float]] = [[] for _ in workers]
    completed = [0] * len(workers)
    errors: list[BaseException] = []
    start = time.perf_counter()
    window = (start + warmup, start + warmup + seconds)

    def loop(index: int, operation: Callable[[], None]) -> None:
        try:
            while (began := time.perf_counter()) < window[1]:
                operation()
                ended = time.perf_counter()
                completed[index] += 1
                if began >= window[0] and ended <= window[1]:
                    latencies[index].append((ended - began) * 1000)
        except BaseException as error:  # surfaced below: a failed operation spoils the figure
            errors.append(error)

    threads = [threading.Thread(target=loop, args=(i, op), daemon=True) for i, op in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} load threads failed; first: {errors[0]!r}") from errors[0]
    flat = sorted(ms for per_thread in latencies for ms in per_thread)
    if not flat:
        raise RuntimeError("no operation finished inside the timed window")
    return LoadResult(per_second=len(flat) / seconds, operations=len(flat), seconds=seconds,
                      p50_ms=statistics.median(flat), p95_ms=flat[max(0, int(len(flat) * 0.95) - 1)],
                      completed=sum(completed))
