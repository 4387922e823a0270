"""The report as an Excel workbook for people: one sheet per table, numbers as numbers.

A CSV opened in Dutch Excel splits on the wrong separator and reads decimal points as
thousands; a workbook stores numbers as numbers, so every locale shows them right. Sheets:
summary and flags, every test row, registration compliance (per unit and per legal basis) and
the 12-month trend. Every text cell passes `spreadsheet.neutralise` (an officer reference such
as `=HYPERLINK(...)` stays text), and XlsxWriter is told never to turn strings into formulas,
numbers or links.
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import xlsxwriter
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..spreadsheet import neutralise
from . import labels
from .outputs import BLOCK_COLUMNS, CSV_COLUMNS

if TYPE_CHECKING:  # the service pulls in the statistics stack; only its type is needed here
    from xlsxwriter.worksheet import Worksheet

    from .service import MonthlyReport

SHEET_NAME_MAX = 31  # Excel's limit
COLUMN_HEADERS = {
    "group": _l("Group"), "n": _l("Total"), "events": _l("Events"), "rate": _l("Rate"),
    "reference_rate": _l("Reference rate"), "ratio": _l("Ratio"), "ci_low": _l("Interval from"),
    "ci_high": _l("Interval to"), "ratio_adjusted": _l("Adjusted ratio"),
    "ci_low_adjusted": _l("Adjusted interval from"), "ci_high_adjusted": _l("Adjusted interval to"),
    "window": _l("Months"), "p_value": _l("p"), "p_adjusted": _l("Adjusted p"), "flag": _l("Flag"),
    "suppressed": _l("Not compared"), "measure": _l("Measure"), "studied_group": _l("Studied group"),
    "basis": _l("Legal basis"),
}


def _write_row(sheet: Worksheet, row: int, values: Iterable[Any], formats: dict[str, Any]) -> None:
    for column, value in enumerate(values):
        if value is None:
            sheet.write_blank(row, column, None)
        elif isinstance(value, bool):
            sheet.write_string(row, column, _("yes") if value else _("no"))
        elif isinstance(value, int):
            sheet.write_number(row, column, value, formats["integer"])
        elif isinstance(value, float):
            sheet.write_number(row, column, value, formats["decimal"])
        else:
            sheet.write_string(row, column, neutralise(str(value)))


def _table(book: xlsxwriter.Workbook, name: str, header: Sequence[str], rows: Iterable[Iterable[Any]],
           formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(name[:SHEET_NAME_MAX])
    for column, title in enumerate(header):
        sheet.write_string(0, column, neutralise(title), formats["header"])
    count = 0
    for count, values in enumerate(rows, start=1):
        _write_row(sheet, count, values, formats)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(count, 1), len(header) - 1)
    sheet.set_column(0, len(header) - 1, 16)


def _summary_rows(report: MonthlyReport) -> list[list[Any]]:
    data, request = report.data, report.request
    rows: list[list[Any]] = [
        [_("Month"), request.month], [_("Unit"), request.unit or (", ".join(request.units or ()) or _("all units"))],
        [_("Area"), request.area or _("all areas")], [_("Stops"), data["n_stops"]],
        [_("Flags"), len(data["flags"])], [],
        [_("Flag"), _("Message"), _("Caveat"), _("Ratio"), _("Months")]]
    for flag in data["flags"]:
        title = f"{labels.test_title(flag['test'])} · {labels.dimension_name(flag['dimension'])} {flag['group']}"
        rows.append([title, flag.get("message"), flag.get("caveat"), flag.get("ratio"), flag.get("window", 1)])
    return rows


def _test_rows(report: MonthlyReport) -> Iterable[list[Any]]:
    for block in report.tests:
        head = [labels.test_title(block["test"]), labels.dimension_name(block["dimension"]), block["reference_group"]]
        tail = [block.get(column) for column in CSV_COLUMNS[-BLOCK_COLUMNS:]]
        for row in block["rows"]:
            yield head + [row.get(column) for column in CSV_COLUMNS[3:-BLOCK_COLUMNS]] + tail


def _compliance_rows(report: MonthlyReport) -> Iterable[list[Any]]:
    compliance = report.compliance
    for row in [*compliance.by_unit, compliance.total]:
        yield [_("All units") if row.key == "all" else row.key, row.stops, row.not_offered, row.declined,
               row.hit_triggered]


def _trend_rows(report: MonthlyReport) -> Iterable[list[Any]]:
    trend = report.trend
    for index, month in enumerate(trend.months):
        yield [month, *(trend.stops[group][index] for group in trend.groups), trend.totals[index],
               trend.reference_search_rate[index], trend.others_search_rate[index]]


def report_workbook(report: MonthlyReport) -> bytes:
    """The report's tables as an .xlsx file."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    formats = {"header": book.add_format({"bold": True, "text_wrap": True}),
               "integer": book.add_format({"num_format": "#,##0"}),
               "decimal": book.add_format({"num_format": "0.0000"})}
    _table(book, _("Summary"), [_("Report"), _("Value")], _summary_rows(report), formats)
    test_header = [_("Test"), _("Dimension"), _("Reference group"), *(str(COLUMN_HEADERS[c]) for c in CSV_COLUMNS[3:])]
    _table(book, _("Tests"), test_header, _test_rows(report), formats)
    _table(book, _("Compliance per unit"), [_("Unit"), _("Stops"), _("Receipt not offered"), _("Receipt declined"),
                                            _("Prompted by a system hit")], _compliance_rows(report), formats)
    _table(book, _("Extra actions by basis"), [_("Legal basis"), _("Stops"), _("With extra action")],
           ([row.basis, row.stops, row.extra] for row in report.compliance.by_basis), formats)
    trend = report.trend
    _table(book, _("Trend"), [_("Month"), *(_("other") if g == "other" else g for g in trend.groups), _("Total"),
                              _("Search rate %(group)s", group=trend.reference), _("Search rate, all other")],
           _trend_rows(report), formats)
    book.close()
    return buffer.getvalue()
