"""report_ratio, report_peak_rss_mb, pdf_seconds and report_page_ms on a month of 1,000,000 stops.

The baseline is one plain `GROUP BY plate_country` over the month, warm, on the same database.
The report runs in a fresh process (`bench.report_child`) so its peak memory is its own, and
with nothing stored, so `report_ratio` times the computation (and storing it). The PDF and the
page are then timed as a reader gets them once the month's report is stored.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

import psycopg

from .browsing import signed_in_cookie
from .data import previous_month, read_meta, store_demo_stops, write_meta
from .pg import app_environment, database_exists, dsn, prepare_database, upgrade_database
from .report_page import stored_page
from .server import ROOT, gunicorn

STOPS = 1_000_000
# BENCH_REPORT_DATABASE: another name, for several people benchmarking on one server.
DATABASE = os.environ.get("BENCH_REPORT_DATABASE", "stopform_bench_report")
RUNS = 3
PLAIN_GROUP_BY = ("SELECT plate_country, count(*) FROM stops WHERE local_date >= %s AND local_date < %s "
                  "GROUP BY plate_country")


def ensure_month(month: str, stops: int = STOPS) -> None:
    """A database holding `stops` synthetic stops in `month` (kept between runs: it takes minutes)."""
    wanted = f"{stops} stops in {month}"
    if database_exists(DATABASE) and read_meta(DATABASE, "contents") == wanted:
        upgrade_database(DATABASE)  # the schema may have moved on since the stops were stored
        return
    prepare_database(DATABASE)
    store_demo_stops(DATABASE, stops, month=month, seed=1000)
    write_meta(DATABASE, "contents", wanted)


def month_bounds(month: str) -> tuple[str, str]:
    """First day of the month and of the next, as ISO dates."""
    year, number = (int(part) for part in month.split("-"))
    following = f"{year + number // 12:04d}-{number % 12 + 1:02d}-01"
    return f"{month}-01", following


def group_by_seconds(month: str, runs: int = RUNS) -> float:
    """Median seconds of the plain GROUP BY, after one warm-up run."""
    times = []
    with psycopg.connect(dsn(DATABASE)) as conn:
        conn.execute(PLAIN_GROUP_BY, month_bounds(month)).fetchall()
        for _ in range(runs):
            started = time.perf_counter()
            conn.execute(PLAIN_GROUP_BY, month_bounds(month)).fetchall()
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def forget_stored_reports() -> None:
    """Empty `stored_reports`, so the next report is computed."""
    with psycopg.connect(dsn(DATABASE), autocommit=True) as conn:
        conn.execute("DELETE FROM stored_reports")


def report_in_child(month: str) -> dict:
    """One fresh process, nothing stored: the JSON report's seconds, the PDF's seconds and peak
    RSS in MB (see `bench.report_child`)."""
    forget_stored_reports()
    env = {**app_environment(DATABASE)}
    result = subprocess.run([sys.executable, "-m", "bench.report_child", month], cwd=ROOT,
                            env={**__import__("os").environ, **env}, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"report child failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def page_on_gunicorn(month: str) -> dict:
    """The 1M-stop month's report page for an admin (every unit) under gunicorn: first load and stored."""
    with gunicorn(DATABASE) as served:
        return stored_page(served.url, f"/reports/{month}", signed_in_cookie(served.url, "admin"))


def run(_database: str | None = None) -> dict:
    """Median over RUNS fresh processes, each against a median warm GROUP BY; then the page."""
    month = previous_month()
    ensure_month(month)
    children = [report_in_child(month) for _ in range(RUNS)]
    baseline = group_by_seconds(month)
    report_seconds = statistics.median(c["report_seconds"] for c in children)
    page = page_on_gunicorn(month)
    return {"report_ratio": round(report_seconds / baseline, 2),
            "report_peak_rss_mb": round(max(c["peak_rss_mb"] for c in children)),
            "pdf_seconds": round(statistics.median(c["pdf_seconds"] for c in children), 2),
            "report_page_ms": page["median_ms"],
            "report": {"stops": children[0]["n_stops"], "month": month, "group_by_seconds": round(baseline, 3),
                       "report_seconds": round(report_seconds, 2), "runs": children, "page": page}}
