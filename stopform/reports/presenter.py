"""What the HTML page and the PDF show: the MonthlyReport turned into formatted tables and charts.

Both outputs render the same `ReportView`, so the page and the PDF cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from . import charts, labels
from .analysis.catalogue import REVIEW_TESTS, SEARCH_BREAKDOWN_TESTS
from .analysis.messages import format_p, format_per_10000, format_percent, format_ratio
from .collector import collector_paused
from .extras import FlagTrend
from .search_view import SearchBreakdown, search_breakdowns
from .service import MonthlyReport
from .svg import Chart

# Officers listed on the page: the review threshold (local fdr 0.5, docs/reports.md; all are in JSON/CSV).
OFFICER_REVIEW_FDR = 0.5
DASH = "–"


@dataclass
class BlockView:
    """One §3 test block, ready for a table and a chart."""

    key: str
    test: str
    dimension: str
    title: str
    explanation: str
    reference: str
    reference_line: str | None
    headers: dict[str, str]
    rows: list[dict[str, Any]]
    chart: Chart | None
    hidden_rows: int = 0


@dataclass
class FlagView:
    """A flag with its message, caveat and month-by-month trend."""

    key: str
    flag: dict[str, Any]
    title: str
    trend: FlagTrend
    chart: Chart | None


@dataclass
class ReportView:
    """Everything the report templates need."""

    report: MonthlyReport
    flags: list[FlagView]
    tests: list[BlockView]
    charts: dict[str, Chart | None] = field(default_factory=dict)
    searches: list[SearchBreakdown] = field(default_factory=list)


def _rate(test: str, value: float | None) -> str:
    return format_per_10000(value) if test in labels.RATE_IS_PER_PASSAGE else format_percent(value)


def _interval(row: dict[str, Any]) -> str:
    if row["ci_low"] is None and row["ci_high"] is None:
        return DASH
    return f"{format_ratio(row['ci_low'])}–{format_ratio(row['ci_high'])}"


def _p(value: float | None) -> str:
    return DASH if value is None else format_p(value).removeprefix("= ")


def _count(value: int | None) -> str:
    return DASH if value is None else f"{value:,}"


def _adjusted(row: dict[str, Any]) -> tuple[str, str]:
    if row.get("ratio_adjusted") is None and row.get("ci_low_adjusted") is None:
        return DASH, DASH
    adjusted = {"ci_low": row.get("ci_low_adjusted"), "ci_high": row.get("ci_high_adjusted")}
    ratio = row.get("ratio_adjusted")
    return (DASH if ratio is None else format_ratio(ratio)), _interval(adjusted)


def table_row(test: str, row: dict[str, Any]) -> dict[str, Any]:
    """A result row as table cells (strings), plus its flag, window and suppression. Withheld
    figures (small cells) are None in the row and a dash here."""
    estimates = not row["suppressed"]
    ratio_adjusted, interval_adjusted = _adjusted(row) if estimates else (DASH, DASH)
    return {
        "group": row["group"], "n": _count(row["n"]), "events": _count(row["events"]),
        "rate": _rate(test, row["rate"]), "reference_rate": _rate(test, row["reference_rate"]),
        "ratio": format_ratio(row["ratio"]) if estimates and row["ratio"] is not None else DASH,
        "interval": _interval(row) if estimates else DASH,
        "ratio_adjusted": ratio_adjusted, "interval_adjusted": interval_adjusted,
        "window": row.get("window", 1), "note": row.get("comparison_note"),
        "p_value": _p(row["p_value"]), "p_adjusted": _p(row["p_adjusted"]),
        "flag": row["flag"], "suppressed": row["suppressed"], "reason": row.get("suppressed_reason"),
    }


def _reference_line(block: dict[str, Any]) -> str | None:
    row = next((r for r in block["rows"] if r.get("reference_n")), None)
    if row is None:
        return None
    events, n = row["reference_events"], row["reference_n"]
    return _("Reference group %(group)s: %(events)s of %(n)s (%(rate)s).", group=block["reference_group"],
             events=format(events, ","), n=format(n, ","), rate=_rate(block["test"], events / n))


def _headers(test: str) -> dict[str, str]:
    n_label, events_label = (str(label) for label in labels.TEST_COUNTS.get(test, ("n", "events")))
    rate, reference_rate = labels.rate_headers(test)
    return {"n": n_label, "events": events_label, "rate": rate, "reference_rate": reference_rate}


def _listed_rows(block: dict[str, Any]) -> list[dict[str, Any]]:
    if block["test"] not in REVIEW_TESTS:
        return block["rows"]
    return [r for r in block["rows"] if r["flag"] or (r.get("local_fdr") is not None
                                                         and r["local_fdr"] < OFFICER_REVIEW_FDR)]


def block_view(index: int, block: dict[str, Any]) -> BlockView:
    """A BlockView for the `index`-th block of the report."""
    test, dimension = block["test"], block["dimension"]
    title = f"{labels.test_title(test)} · {labels.dimension_name(dimension)}"
    key = f"t{index}-{test.replace('_', '-')}"
    rows = _listed_rows(block)
    chart = None
    if test not in REVIEW_TESTS:
        chart = charts.ratio_chart(test, rows, key=key, title=_("%(title)s: ratio against %(reference)s with "
                                                                 "95%% interval", title=title,
                                                                 reference=block["reference_group"]),
                                   xlabel=_("Ratio against %(reference)s (log scale)",
                                            reference=block["reference_group"]))
    return BlockView(key=key, test=test, dimension=dimension, title=title,
                    explanation=str(labels.TEST_EXPLANATIONS.get(test, "")), reference=block["reference_group"],
                    reference_line=_reference_line(block), headers=_headers(test),
                    rows=[table_row(test, row) for row in rows], chart=chart,
                    hidden_rows=len(block["rows"]) - len(rows))


def flag_view(index: int, flag: dict[str, Any], trend: FlagTrend) -> FlagView:
    """A FlagView with the flag's monthly trend chart."""
    title = _("%(test)s, %(dimension)s %(group)s", test=labels.test_title(flag["test"]),
              dimension=labels.dimension_name(flag["dimension"]), group=flag["group"])
    key = f"f{index}"
    chart = charts.flag_trend_chart(trend, key=key, title=_("%(title)s: ratio per month over 12 months",
                                                            title=title), ylabel=_("Ratio (log scale)"))
    return FlagView(key=key, flag=flag, title=title, trend=trend, chart=chart)


def report_view(report: MonthlyReport) -> ReportView:
    """The view of a report: tables and charts for the page and the PDF."""
    with collector_paused():  # matplotlib's many short-lived objects (see .collector)
        return _report_view(report)


def _report_view(report: MonthlyReport) -> ReportView:
    flags = [flag_view(i, flag, trend) for i, (flag, trend)
             in enumerate(zip(report.flags, report.flag_trends, strict=True))]
    tests = [block_view(i, block) for i, block in enumerate(report.tests)
             if block["test"] not in SEARCH_BREAKDOWN_TESTS]  # shown in a section of their own
    trend, reference = report.trend, report.trend.reference
    other = _("other")
    page_charts = {
        "trend": charts.trend_chart(trend, key="chart-trend", title=_("Stops per month by plate country, 12 months"),
                                    ylabel=_("Stops"), labels={"other": other}),
        "search_trend": charts.rates_chart(
            trend.months, {reference: trend.reference_search_rate, _("all other"): trend.others_search_rate},
            key="chart-search-trend", title=_("Search rate per month: %(reference)s against all other plate countries",
                                        reference=reference), ylabel=_("Search rate")),
        "basis": charts.basis_chart(report.compliance, key="chart-basis",
                                    title=_("Share of stops with an action beyond the legal basis, per basis"),
                                    xlabel=_("Share of stops")),
    }
    return ReportView(report=report, flags=flags, tests=tests, charts=page_charts,
                      searches=search_breakdowns(report.tests))
