"""The report as JSON (docs/reports.md, "JSON") and as CSV (one line per test row), from one MonthlyReport."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..spreadsheet import neutralise

if TYPE_CHECKING:  # the service pulls in the statistics stack; only its type is needed here
    from .service import MonthlyReport

CSV_COLUMNS = ("test", "dimension", "reference_group", "group", "n", "events", "rate", "reference_rate", "ratio",
               "ci_low", "ci_high", "ratio_adjusted", "ci_low_adjusted", "ci_high_adjusted", "window", "p_value",
               "p_adjusted", "flag", "suppressed", "measure", "studied_group", "basis")
BLOCK_COLUMNS = 3  # measure, studied_group, basis: the block's own keys, at the end of each line
FORMATS = ("json", "csv", "html", "pdf")
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8",
               "pdf": "application/pdf",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def report_json(report: MonthlyReport) -> str:
    """The §3 object as indented JSON text."""
    return json.dumps(report.data, ensure_ascii=False, indent=2) + "\n"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_rows(report: MonthlyReport) -> Iterator[list[str]]:
    """One list of cells per result row, in CSV_COLUMNS order."""
    for block in report.tests:
        head = [block["test"], block["dimension"], block["reference_group"]]
        tail = [_cell(block.get(column)) for column in CSV_COLUMNS[-BLOCK_COLUMNS:]]
        for row in block["rows"]:
            yield head + [_cell(row.get(column)) for column in CSV_COLUMNS[3:-BLOCK_COLUMNS]] + tail


def report_csv(report: MonthlyReport) -> str:
    """Every test row as RFC 4180 CSV (CRLF lines) with a header line, for machines; cells a
    spreadsheet would run are neutralised. People get the workbook (`workbook`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([neutralise(cell) for cell in row] for row in csv_rows(report))
    return buffer.getvalue()


def file_name(report: MonthlyReport, output: str) -> str:
    """A download name such as `stop-report-2026-10-LIMBURG-NOORD.pdf`."""
    parts = ["stop-report", report.request.month, report.request.unit, report.request.area]
    stem = "-".join(part for part in parts if part)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)
    return f"{safe}.{output}"
