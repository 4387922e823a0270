"""`python -m bench [section ...]`: run the benchmarks on PostgreSQL, write results and a summary.

Sections: submit, import, report, pages (page weight and Lighthouse); all when none is named.
Exit status 1 when a budget is missed, so `make bench` fails loudly.
"""
from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from . import imports, report, submit
from .browsing import demo_stops_with_receipt, signed_in_cookie
from .budgets import verdicts
from .data import previous_month
from .pg import SERVER, prepare_database
from .server import gunicorn

# Other names through the environment, for several people benchmarking on one server.
DATABASE = os.environ.get("BENCH_DATABASE", "stopform_bench")
PAGES_DATABASE = os.environ.get("BENCH_PAGES_DATABASE", "stopform_bench_pages")
RESULTS = Path(__file__).resolve().parent / "results"
SECTIONS = ("submit", "import", "report", "pages")


def pages(_database: str) -> dict:
    """Page weight of the form and receipt, the report page's first (cold) load, and Lighthouse
    on form, receipt and report, on a database of its own holding what `make run` shows (the
    import's 300,000 rows are not)."""
    from .lighthouse import run_lighthouse
    from .pages import page_bytes
    from .report_page import page_ms
    database = PAGES_DATABASE
    prepare_database(database)
    receipt_path = demo_stops_with_receipt(database)
    with gunicorn(database) as served:
        base_url = served.url
        officer = signed_in_cookie(base_url, "officer")
        supervisor = signed_in_cookie(base_url, "supervisor")
        # The month's first view: nothing stored yet (Lighthouse then loads the stored report).
        cold = page_ms(base_url, f"/reports/{previous_month()}", supervisor)
        weights = page_bytes(base_url, officer, receipt_path)
        scores = run_lighthouse(base_url, {"form": ("/stops/new", officer), "receipt": (receipt_path, None),
                                           "report": (f"/reports/{previous_month()}", supervisor)})
    return {**weights, "lighthouse": scores, "report_page_cold_ms": round(cold)}


RUNNERS = {"submit": submit.run, "import": imports.run, "report": report.run, "pages": pages}


def summary(results: dict) -> str:
    """A short human summary: each budgeted figure, its budget and whether it was kept."""
    lines = [f"stopform benchmarks, {results['finished_at']} on {results['machine']}"]
    for key, value, budget, kept in verdicts(results):
        status = "    " if value is None else "ok  " if kept else "MISS"
        shown = "not run" if value is None else f"{value:g}"
        lines.append(f"  {status} {key:<36} {shown:>12}   budget {budget}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Run the named sections (all by default); write latest.json and summary.txt."""
    chosen = argv or list(SECTIONS)
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        print(f"unknown sections: {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    try:
        prepare_database(DATABASE)
    except psycopg.OperationalError as error:
        print(f"bench: PostgreSQL is needed at {SERVER} (set BENCH_PG to another server): {error}", file=sys.stderr)
        return 2
    results: dict = {"sections": chosen}
    for section in chosen:
        print(f"bench: {section} ...", file=sys.stderr, flush=True)
        results.update(RUNNERS[section](DATABASE))
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["machine"] = f"{platform.node()}, {platform.processor() or platform.machine()}, " \
                         f"{__import__('os').cpu_count()} CPUs, Python {platform.python_version()}"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    text = summary(results)
    (RESULTS / "summary.txt").write_text(text)
    print(text)
    measured = [row for row in verdicts(results) if row[1] is not None]
    return 0 if all(kept for *_, kept in measured) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
