"""What the HTML page and the PDF show: the MonthlyReport turned into formatted tables and charts.

Both outputs render the same `ReportView`, so the page and the PDF cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from . import charts, drilldown, labels
from .analysis import messages, plain
from .analysis.catalogue import REVIEW_TESTS, SEARCH_BREAKDOWN_TESTS
from .analysis.group_names import group_label
from .analysis.reasons import reason_text
from .analysis.wording import Wording
from .collector import collector_paused
from .extras import FlagTrend
from .formatting import reader_wording
from .officer_view import OfficerView, officer_view
from .recording_time import MonthTime
from .search_view import SearchBreakdown, search_breakdowns
from .service import MonthlyReport
from .svg import Chart

DASH = "–"
BLOCK_VARIANTS = ("trigger", "measure", "studied_group")


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


@dataclass
class FlagView:
    """A flag in plain words first (finding, strength, what it is not), its statistics for those
    who ask, its caveat and its month-by-month trend."""

    key: str
    flag: dict[str, Any]
    title: str
    finding: str
    strength: str
    reminder: str
    statistics: str
    caveat: str
    trend: FlagTrend
    chart: Chart | None
    stops: dict[str, str | int] = field(default_factory=dict)  # the review list's filters (drilldown)


@dataclass
class ReportView:
    """Everything the report templates need."""

    report: MonthlyReport
    flags: list[FlagView]
    tests: list[BlockView]
    charts: dict[str, Chart | None] = field(default_factory=dict)
    searches: list[SearchBreakdown] = field(default_factory=list)
    officers: OfficerView | None = None
    # The first page's figures read when the document is laid out (`first_page`); None: not shown.
    review_queue: dict[str, int] | None = None  # open, ok, follow_up, all
    time_to_record: MonthTime | None = None


def _rate(test: str, value: float | None, words: Wording) -> str:
    if test in labels.RATE_IS_PER_PASSAGE:
        return words.per_10000(value)
    return words.percent(value) if test in labels.RATE_IS_SHARE else words.per_1000(value)


def _interval(low: float | None, high: float | None, words: Wording) -> str:
    if low is None and high is None:
        return DASH
    return f"{words.ratio(low)}–{words.ratio(high)}"


def _p(value: float | None, words: Wording) -> str:
    return DASH if value is None else words.p_value(value).removeprefix("= ")


def _ratio(value: float | None, words: Wording) -> str:
    return DASH if value is None else words.ratio(value)


def table_row(test: str, row: dict[str, Any], words: Wording | None = None) -> dict[str, Any]:
    """A result row as table cells (strings), plus its flag, window and suppression. Withheld
    figures (small cells) are None in the row and a dash here."""
    words = words or reader_wording()
    estimates = not row["suppressed"]
    adjusted = estimates and (row.get("ratio_adjusted") is not None or row.get("ci_low_adjusted") is not None)
    return {
        "group": row["group"], "n": words.count(row["n"]), "events": words.count(row["events"]),
        "rate": _rate(test, row["rate"], words), "reference_rate": _rate(test, row["reference_rate"], words),
        "ratio": _ratio(row["ratio"], words) if estimates else DASH,
        "interval": _interval(row["ci_low"], row["ci_high"], words) if estimates else DASH,
        "ratio_adjusted": _ratio(row.get("ratio_adjusted"), words) if adjusted else DASH,
        "interval_adjusted": _interval(row.get("ci_low_adjusted"), row.get("ci_high_adjusted"), words)
        if adjusted else DASH,
        "ratio_shown": _ratio(messages.adjusted_figures(row)[0], words) if estimates else DASH,
        "window": row.get("window", 1),
        "note": messages.comparison_note(row, words) if row.get("comparison_note") else None,
        "p_value": _p(row["p_value"], words), "p_adjusted": _p(row["p_adjusted"], words),
        "flag": row["flag"], "suppressed": row["suppressed"],
        "reason": reason_text(row.get("suppressed_reason"), words),
    }


def _reference_line(block: dict[str, Any], words: Wording) -> str | None:
    row = next((r for r in block["rows"] if r.get("reference_n")), None)
    if row is None:
        return None
    test, events, n = block["test"], row["reference_events"], row["reference_n"]
    values = {"group": block["reference_group"], "events": words.count(events), "n": words.count(n),
              "rate": _rate(test, events / n, words)}
    if test in labels.RATE_IS_PER_PASSAGE or test in labels.RATE_IS_SHARE:
        return _("Reference group %(group)s: %(events)s of %(n)s (%(rate)s).", **values)
    return _("Reference group %(group)s: %(events)s of %(n)s (%(rate)s per 1,000).", **values)


def _headers(test: str) -> dict[str, str]:
    n_label, events_label = (str(label) for label in labels.TEST_COUNTS.get(test, ("n", "events")))
    rate, reference_rate = labels.rate_headers(test)
    return {"n": n_label, "events": events_label, "rate": rate, "reference_rate": reference_rate}


def block_view(index: int, block: dict[str, Any], words: Wording | None = None) -> BlockView:
    """A BlockView for the `index`-th block of the report."""
    words = words or reader_wording()
    test, dimension = block["test"], block["dimension"]
    title = labels.block_title(block)
    key = f"t{index}-{test.replace('_', '-')}"
    rows = block["rows"]
    chart = charts.ratio_chart(test, rows, key=key, title=_("%(title)s: ratio against %(reference)s with "
                                                                 "95%% interval", title=title,
                                                                 reference=block["reference_group"]),
                                   xlabel=_("Ratio against %(reference)s (log scale)",
                                            reference=block["reference_group"]))
    reference = group_label(dimension, block["reference_group"], "reference", words)
    explanation = str(labels.TEST_EXPLANATIONS.get(test, "")) % {"reference": reference}
    return BlockView(key=key, test=test, dimension=dimension, title=title, explanation=explanation,
                     reference=block["reference_group"], reference_line=_reference_line(block, words),
                     headers=_headers(test),
                     rows=[{**table_row(test, row, words), "stops": drilldown.row_args(block, row)} for row in rows],
                     chart=chart)


def _flagged(report: MonthlyReport, flag: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The block and row a flag was raised on."""
    for block in report.tests:
        if (block["test"], block["dimension"]) != (flag["test"], flag["dimension"]):
            continue
        if any(block.get(key) != flag.get(key) for key in BLOCK_VARIANTS):
            continue
        for row in block["rows"]:
            if row["group"] == flag["group"]:
                return block, row
    raise LookupError(f"no row for the flag {flag['test']} {flag['group']}")  # build_report makes flags from rows


def flag_view(index: int, flag: dict[str, Any], trend: FlagTrend, block: dict[str, Any], row: dict[str, Any],
              words: Wording | None = None) -> FlagView:
    """A FlagView: the flag in plain words, its statistics and caveat, and its monthly trend chart."""
    words = words or reader_wording()
    test = flag["test"]
    title = _("%(test)s, %(dimension)s %(group)s", test=labels.test_title(test),
              dimension=labels.dimension_name(flag["dimension"]), group=flag["group"])
    key = f"f{index}"
    chart = charts.flag_trend_chart(trend, key=key, title=_("%(title)s: ratio per month over 12 months",
                                                            title=title), ylabel=_("Ratio (log scale)"))
    if flag.get("figures_withheld"):
        statistics = ""
        finding = messages.withheld_message(block, row, words, test_name=labels.test_title(test).lower(),
                                            remind=False)
    else:
        statistics = messages.flag_message(block, row, words)
        finding = plain.finding(block, row, words)
    placebo = dict(row, placebo_note=reason_text(row.get("placebo_note"), words))
    return FlagView(key=key, flag=flag, title=title, finding=finding,
                    strength=plain.strength(test, row if not flag.get("figures_withheld") else {}, words),
                    reminder=plain.reminder(test, words), statistics=statistics,
                    caveat=messages.flag_caveat(block, placebo, words), trend=trend, chart=chart,
                    stops=drilldown.flag_args(flag))


def report_view(report: MonthlyReport) -> ReportView:
    """The view of a report: tables and charts for the page and the PDF."""
    with collector_paused():  # matplotlib's many short-lived objects (see .collector)
        return _report_view(report)


def _report_view(report: MonthlyReport) -> ReportView:
    words = reader_wording()
    flags = [flag_view(i, flag, trend, *_flagged(report, flag), words=words) for i, (flag, trend)
             in enumerate(zip(report.flags, report.flag_trends, strict=True))]
    shown_elsewhere = REVIEW_TESTS.union(SEARCH_BREAKDOWN_TESTS)  # the officers' and the searches' own sections
    tests = [block_view(i, block, words) for i, block in enumerate(report.tests)
             if block["test"] not in shown_elsewhere]
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
                      searches=search_breakdowns(report.tests), officers=officer_view(report.tests, words, table_row))
