"""report_page_ms and report_page_cold_ms: the report page as a signed-in reader gets it from
gunicorn, timed from the request to the last byte of the page (its charts are inline)."""
from __future__ import annotations

import statistics
import time
import urllib.request

RUNS = 5


def page_ms(base_url: str, path: str, cookie: str) -> float:
    """Milliseconds for one GET of `path` with the session `cookie` (an error unless 200)."""
    request = urllib.request.Request(base_url + path, headers={"Cookie": cookie, "Accept-Encoding": "br, gzip"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - our own local server
        response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def stored_page(base_url: str, path: str, cookie: str, runs: int = RUNS) -> dict:
    """The first load (which computes and stores the report) and the median of `runs` loads after
    it (the stored report), in milliseconds."""
    first = page_ms(base_url, path, cookie)
    times = [page_ms(base_url, path, cookie) for _ in range(runs)]
    return {"first_ms": round(first), "stored_ms": [round(t) for t in times],
            "median_ms": round(statistics.median(times))}
