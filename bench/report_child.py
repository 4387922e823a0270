"""Run in a fresh process by bench.report: time one month's JSON report and PDF, print JSON."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main(month: str) -> None:
    """Time compute_report + its JSON, then the PDF, as `flask report` makes them."""
    from stopform import create_app
    from stopform.db import new_session
    from stopform.reports import outputs, service  # noqa: F401 - loaded before timing, as in a warm worker
    from stopform.reports.inputs import reference_groups
    from stopform.reports.reading import read_report
    app = create_app()
    with app.app_context(), new_session() as session:
        started = time.perf_counter()
        report = read_report(session, user=None, month=month, unit=None, area=None, output="json",
                             reference_groups=reference_groups(app.config))
        body = outputs.report_json(report)
        report_seconds = time.perf_counter() - started
        rss = peak_rss_mb()
        from stopform.reports.document import render_pdf
        from stopform.reports.presenter import report_view
        started = time.perf_counter()
        with app.test_request_context(f"/reports/{month}?lang=nl"):
            pdf = render_pdf(report_view(report))
        pdf_seconds = time.perf_counter() - started
    print(json.dumps({"report_seconds": round(report_seconds, 3), "pdf_seconds": round(pdf_seconds, 3),
                      "peak_rss_mb": round(rss, 1), "peak_rss_after_pdf_mb": round(peak_rss_mb(), 1),
                      "n_stops": report.data["n_stops"], "json_bytes": len(body), "pdf_bytes": len(pdf)}))


if __name__ == "__main__":
    main(sys.argv[1])
