"""Run in a fresh process by bench.report: time one month's JSON report and PDF, print JSON.

Nothing is stored when it starts: `report_seconds` is the JSON report as `flask report` makes it
the first time (computed and stored). `stored_seconds` is the same call again (read from the
store). The PDF is timed as `/reports/<month>.pdf` serves it once it has been asked for in Dutch: the
stored report read and its stored PDF. `pdf_first_seconds` is that first Dutch PDF: nothing
stored in Dutch yet (the flags' words are in the data), so computed, charts drawn, laid out.
"""
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
    """Time the report (computed, then stored) + its JSON, then the PDF, as `flask report` makes them."""
    from stopform import create_app
    from stopform.db import new_session
    from stopform.reports import outputs, service  # noqa: F401 - loaded before timing, as in a warm worker
    from stopform.reports.document import report_pdf
    from stopform.reports.inputs import reference_groups
    from stopform.reports.reading import read_report
    app = create_app()
    references = reference_groups(app.config)

    def timed_pdf(session) -> tuple[float, bytes]:
        started = time.perf_counter()
        with app.test_request_context(f"/reports/{month}?lang=nl"):
            stored = read_report(session, user=None, month=month, unit=None, area=None, output="pdf",
                                 reference_groups=references)
            pdf = report_pdf(session, stored, with_queue=True)
        session.commit()
        return time.perf_counter() - started, pdf

    with app.app_context(), new_session() as session:
        started = time.perf_counter()
        report = read_report(session, user=None, month=month, unit=None, area=None, output="json",
                             reference_groups=references)
        body = outputs.report_json(report)
        session.commit()
        report_seconds = time.perf_counter() - started
        rss = peak_rss_mb()
        started = time.perf_counter()
        outputs.report_json(read_report(session, user=None, month=month, unit=None, area=None, output="json",
                                        reference_groups=references))
        stored_seconds = time.perf_counter() - started
        session.commit()
        pdf_first_seconds, _ = timed_pdf(session)
        pdf_seconds, pdf = timed_pdf(session)
    print(json.dumps({"report_seconds": round(report_seconds, 3), "stored_seconds": round(stored_seconds, 3),
                      "pdf_seconds": round(pdf_seconds, 3), "pdf_first_seconds": round(pdf_first_seconds, 3),
                      "peak_rss_mb": round(rss, 1), "peak_rss_after_pdf_mb": round(peak_rss_mb(), 1),
                      "n_stops": report.data["n_stops"], "json_bytes": len(body), "pdf_bytes": len(pdf)}))


if __name__ == "__main__":
    main(sys.argv[1])
