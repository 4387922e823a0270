"""The report's charts, drawn with matplotlib on the server as inline SVG.

Every chart stands beside a table holding the same numbers (its text alternative); the chart
itself carries a `<title>`. Flagged results differ by marker shape as well as colour.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from .analysis.catalogue import YIELD_TESTS
from .analysis.flags import BURDEN_MIN_RATIO, YIELD_MAX_RATIO
from .chart_memo import drawn_once
from .extras import Compliance, FlagTrend, Trend, share
from .formatting import decimal
from .formatting import share as percent_label
from .svg import Chart, figure_svg, rc_params

ACCENT, FLAG, GREY = "#154273", "#b0120a", "#6f777b"
LINE_STYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)))
MARKERS = ("o", "s", "^", "D", "v", "P")
RATIO_TICKS = (0.1, 0.25, 0.5, 0.8, 1, 1.25, 2, 4, 8, 16)
WIDTH = 6.4  # inches
CHAR_INCHES = 0.075  # average width of a 9 pt label character


def _figure(height: float, *, labels: Sequence[str] = (), bottom: float = 0.55, legend: bool = False):
    """A figure with one axis and fixed margins (in inches): laying out by measuring text
    (tight_layout) draws every chart twice and was the slowest part of a page."""
    figure = Figure(figsize=(WIDTH, height))
    left = 0.5 + CHAR_INCHES * max((len(label) for label in labels), default=4)
    top = 0.4 if legend else 0.12
    figure.subplots_adjust(left=left / WIDTH, right=1 - 0.2 / WIDTH, bottom=bottom / height, top=1 - top / height)
    return figure, figure.add_subplot()


def _log_ratio_axis(axis, values: Sequence[float | None], which: str = "x") -> tuple[float, float]:
    """Log scale spanning the values and at least 0.5 to 2, with plain-number ticks."""
    finite = [v for v in values if v is not None and v > 0 and math.isfinite(v)] + [0.5, 2.0]
    low, high = min(finite) / 1.15, max(finite) * 1.15
    ticks = [t for t in RATIO_TICKS if low <= t <= high]
    scale_axis = axis.xaxis if which == "x" else axis.yaxis
    (axis.set_xscale if which == "x" else axis.set_yscale)("log")
    (axis.set_xlim if which == "x" else axis.set_ylim)(low, high)
    scale_axis.set_major_locator(FixedLocator(ticks))
    scale_axis.set_minor_locator(NullLocator())
    scale_axis.set_major_formatter(lambda value, _pos: decimal(value, "#,##0.##"))
    return low, high


@drawn_once
def ratio_chart(test: str, rows: list[dict], *, key: str, title: str, xlabel: str) -> Chart | None:
    """Dot-and-interval chart of each group's ratio against the reference (log scale); None when
    no row has a ratio."""
    shown = [row for row in rows if not row["suppressed"] and row["ratio"] is not None]
    if not shown:
        return None
    groups = [row["group"] for row in reversed(shown)]
    with matplotlib.rc_context(rc_params(key)):
        figure, axis = _figure(0.75 + 0.24 * len(shown), labels=groups)
        low, high = _log_ratio_axis(axis, [v for r in shown for v in (r["ratio"], r["ci_low"], r["ci_high"])])
        axis.axvline(1, color=GREY, linewidth=1)
        threshold = YIELD_MAX_RATIO if test in YIELD_TESTS else BURDEN_MIN_RATIO
        axis.axvline(threshold, color=GREY, linewidth=0.8, linestyle="--")
        for y, row in enumerate(reversed(shown)):
            ci_low = max(row["ci_low"] or low, low)
            ci_high = min(row["ci_high"] if row["ci_high"] is not None else high, high)
            colour, marker = (FLAG, "s") if row["flag"] else (ACCENT, "o")
            axis.plot([ci_low, ci_high], [y, y], color=colour, linewidth=1.6)
            axis.plot([min(max(row["ratio"], low), high)], [y], marker=marker, color=colour, markersize=5.5)
        axis.set_yticks(range(len(shown)), groups)
        axis.set_ylim(-0.7, len(shown) - 0.3)
        axis.set_xlabel(xlabel)
        return figure_svg(figure, key=key, title=title)


def _month_axis(axis, months: list[str]) -> None:
    axis.set_xticks(range(len(months)), [m[2:] for m in months], rotation=45, ha="right")
    axis.set_xlim(-0.5, len(months) - 0.5)


@drawn_once
def trend_chart(trend: Trend, *, key: str, title: str, ylabel: str, labels: dict[str, str]) -> Chart:
    """Stops per month per plate country (largest groups, the rest as one line)."""
    with matplotlib.rc_context(rc_params(key)):
        figure, axis = _figure(2.8, labels=["10000"], bottom=0.6, legend=True)
        for index, group in enumerate(trend.groups):
            values = [math.nan if v is None else v for v in trend.stops[group]]  # withheld: a gap
            axis.plot(range(len(trend.months)), values, label=labels.get(group, group),
                      linestyle=LINE_STYLES[index % len(LINE_STYLES)], marker=MARKERS[index % len(MARKERS)],
                      markersize=3.5, color=ACCENT if index == 0 else None)
        _month_axis(axis, trend.months)
        axis.set_ylabel(ylabel)
        axis.set_ylim(bottom=0)
        if trend.groups:
            axis.legend(frameon=False, fontsize=8, ncols=len(trend.groups), loc="lower left",
                        bbox_to_anchor=(0, 1.0))
        return figure_svg(figure, key=key, title=title)


@drawn_once
def rates_chart(months: list[str], series: dict[str, list[float | None]], *, key: str, title: str,
                ylabel: str) -> Chart:
    """Monthly rates, one line per series (gaps where a month has none)."""
    with matplotlib.rc_context(rc_params(key)):
        figure, axis = _figure(2.4, labels=["100%"], bottom=0.6, legend=True)
        for index, (label, values) in enumerate(series.items()):
            axis.plot(range(len(months)), [math.nan if v is None else v for v in values], label=label,
                      linestyle=LINE_STYLES[index], marker=MARKERS[index], markersize=3.5,
                      color=ACCENT if index == 0 else FLAG)
        _month_axis(axis, months)
        axis.yaxis.set_major_formatter(lambda value, _pos: percent_label(round(value, 2)))
        axis.set_ylim(bottom=0)
        axis.set_ylabel(ylabel)
        axis.legend(frameon=False, fontsize=8, ncols=len(series), loc="lower left", bbox_to_anchor=(0, 1.0))
        return figure_svg(figure, key=key, title=title)


@drawn_once
def flag_trend_chart(trend: FlagTrend, *, key: str, title: str, ylabel: str) -> Chart | None:
    """The flagged ratio month by month with its interval; None when no month has one."""
    points = [(i, p) for i, p in enumerate(trend.points) if not p.suppressed and p.ratio]
    if not points:
        return None
    with matplotlib.rc_context(rc_params(key)):
        figure, axis = _figure(2.2, labels=["1.25"], bottom=0.6)
        low, high = _log_ratio_axis(axis, [v for _, p in points for v in (p.ratio, p.ci_low, p.ci_high)], "y")
        axis.axhline(1, color=GREY, linewidth=1)
        for i, p in points:
            axis.plot([i, i], [max(p.ci_low or low, low), min(p.ci_high or high, high)], color=FLAG, linewidth=1.6)
            axis.plot([i], [p.ratio], marker="s", color=FLAG, markersize=5)
        _month_axis(axis, [p.month for p in trend.points])
        axis.set_ylabel(ylabel)
        return figure_svg(figure, key=key, title=title)


@drawn_once
def basis_chart(compliance: Compliance, *, key: str, title: str, xlabel: str) -> Chart | None:
    """Share of stops with an action beyond the legal basis, per basis (horizontal bars)."""
    rows = [row for row in compliance.by_basis if share(row.extra, row.stops) is not None]  # withheld: no bar
    if not rows:
        return None
    bases = [row.basis for row in reversed(rows)]
    with matplotlib.rc_context(rc_params(key)):
        figure, axis = _figure(0.75 + 0.22 * len(rows), labels=bases)
        axis.barh(range(len(rows)), [share(r.extra, r.stops) for r in reversed(rows)], color=ACCENT, height=0.6)
        axis.set_yticks(range(len(rows)), bases)
        axis.xaxis.set_major_formatter(lambda value, _pos: percent_label(round(value, 2)))
        axis.set_xlabel(xlabel)
        return figure_svg(figure, key=key, title=title)
