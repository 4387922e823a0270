"""The report page's extras beside the §3 tests: the 12-month trend, a trend beside every flag,
and registration compliance. All from GROUP BY count frames."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import queries
from .analysis import proportion_test
from .analysis.disclosure import is_small
from .analysis.flags import below_minimum
from .small_cells import protect_compliance, protect_flag_points, protect_trend
from .tallies import Tallies

TREND_GROUPS = 5  # groups drawn separately in the trend; the rest are summed as "other"
OTHER = "other"


@dataclass(frozen=True)
class Trend:
    """Stops per month per plate country, and the search rate of the reference group against
    every other group together, over the 12 months ending with the report's month. None: a
    small or complementary cell, withheld (`small_cells`)."""

    months: list[str]
    groups: list[str]
    stops: dict[str, list[int | None]]
    totals: list[int | None]
    reference: str
    reference_search_rate: list[float | None]
    others_search_rate: list[float | None]


@dataclass(frozen=True)
class TrendPoint:
    """One month of a flagged comparison; `suppressed` below the flag rule's minimum counts."""

    month: str
    n: int | None
    events: int | None
    ratio: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool


@dataclass(frozen=True)
class FlagTrend:
    """The ratio of a flagged group against the reference, month by month (empty when the test
    has no monthly count, e.g. veil of darkness)."""

    test: str
    dimension: str
    group: str
    points: list[TrendPoint]


@dataclass(frozen=True)
class ComplianceRow:
    """Registration counts for one unit (or all): stops, receipts not offered or declined,
    and stops prompted by a system hit. None: withheld (`small_cells`)."""

    key: str
    stops: int | None
    not_offered: int | None
    declined: int | None
    hit_triggered: int | None


@dataclass(frozen=True)
class BasisRow:
    """Stops under one legal basis and those with an action beyond it (None: withheld)."""

    basis: str
    stops: int | None
    extra: int | None


@dataclass(frozen=True)
class Compliance:
    """How well stops were registered, per unit and in total; extra actions per legal basis."""

    by_unit: list[ComplianceRow]
    total: ComplianceRow
    by_basis: list[BasisRow]


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole, or None when there is no whole or either is withheld."""
    return part / whole if whole and part is not None else None


def trend_months(month: str, months: int = queries.TREND_MONTHS) -> list[str]:
    """The `months` months ending with `month`, oldest first, as YYYY-MM."""
    first = queries.parse_month(month)
    return [queries.add_months(first, offset).strftime("%Y-%m") for offset in range(1 - months, 1)]


def _rates(frame: pd.DataFrame, months: list[str]) -> list[float | None]:
    sums = frame.groupby("month")[["n", "events"]].sum()
    return [share(int(sums.loc[m, "events"]), int(sums.loc[m, "n"])) if m in sums.index else None for m in months]


def _monthly_sums(frame: pd.DataFrame, months: list[str], column: str) -> list[int]:
    sums = frame.groupby("month")[column].sum()
    return [int(sums.loc[m]) if m in sums.index else 0 for m in months]


def build_trend(frame: pd.DataFrame, month: str, reference: str) -> Trend:
    """A Trend from the monthly search-rate counts per plate country (`Tallies.monthly`, or
    `tallies.monthly_trend`): n = stops, events = searched; small cells withheld."""
    months = trend_months(month)
    per_group = frame.pivot_table(index="month", columns="group", values="n", aggfunc="sum", fill_value=0)
    per_group = per_group.reindex(months, fill_value=0)
    ranked = per_group.sum().sort_values(ascending=False, kind="stable").index.tolist()
    shown = ranked[:TREND_GROUPS]
    stops: dict[str, list[int | None]] = {group: [int(v) for v in per_group[group]] for group in shown}
    if len(ranked) > TREND_GROUPS:
        stops[OTHER] = [int(v) for v in per_group[ranked[TREND_GROUPS:]].sum(axis=1)]
    is_reference = frame["group"] == reference
    trend = Trend(months=months, groups=list(stops), stops=stops,
                  totals=[int(v) for v in per_group.sum(axis=1)], reference=reference,
                  reference_search_rate=_rates(frame[is_reference], months),
                  others_search_rate=_rates(frame[~is_reference], months))
    parts = {"reference": frame[is_reference], "others": frame[~is_reference]}
    return protect_trend(trend, searched={k: _monthly_sums(v, months, "events") for k, v in parts.items()},
                         stops={k: _monthly_sums(v, months, "n") for k, v in parts.items()})


def _point(month: str, rows: list[dict[str, Any]], group: str) -> TrendPoint:
    row = next((r for r in rows if r["group"] == group), None)
    if row is None:
        return TrendPoint(month, 0, 0, None, None, None, True)
    if row["suppressed"] or below_minimum(row) or is_small(row["events"]) or is_small(row["n"]):
        # A withheld month publishes neither its events nor a small total (docs/reports.md).
        return TrendPoint(month, None if is_small(row["n"]) else row["n"], None, None, None, None, True)
    return TrendPoint(month, row["n"], row["events"], row["ratio"], row["ci_low"], row["ci_high"], False)


def monthly_tests(frame: pd.DataFrame, months: list[str], reference: str) -> list[list[dict[str, Any]]]:
    """The proportion test's rows in each month of a monthly count frame."""
    return [proportion_test(frame[frame["month"] == month], reference=reference) for month in months]


def monthly_ratios(frame: pd.DataFrame, months: list[str], group: str, reference: str) -> list[TrendPoint]:
    """The group's ratio against the reference in each month of a monthly count frame."""
    return [_point(month, rows, group) for month, rows in zip(months, monthly_tests(frame, months, reference),
                                                                strict=True)]


def flag_trends(tallies: Tallies, flags: list[dict], references: dict[str, str]) -> list[FlagTrend]:
    """A FlagTrend for every flag, in the flags' order, from the report's monthly tallies; flags
    of one test and dimension (several groups) share its monthly tests."""
    months = trend_months(tallies.month)
    tested: dict[tuple[str, str], list[list[dict[str, Any]]]] = {}
    trends = []
    for flag in flags:
        test, dimension = flag["test"], flag["dimension"]
        points: list[TrendPoint] = []
        if test in tallies.metrics:
            if (test, dimension) not in tested:
                monthly = tallies.monthly(test, dimension)
                tested[test, dimension] = monthly_tests(monthly, months, references[dimension])
            points = protect_flag_points([_point(month, rows, flag["group"])
                                          for month, rows in zip(months, tested[test, dimension], strict=True)])
        trends.append(FlagTrend(test=test, dimension=dimension, group=flag["group"], points=points))
    return trends


def _counts(frame: pd.DataFrame) -> dict[str, tuple[int, int]]:
    return {str(g): (int(n), int(e)) for g, n, e in frame[["group", "n", "events"]].itertuples(index=False)}


def build_compliance(frames: dict[str, pd.DataFrame]) -> Compliance:
    """Compliance from `tallies.registration_compliance(..., by="unit")`, small cells withheld."""
    not_offered, declined = _counts(frames["receipt_not_offered"]), _counts(frames["receipt_declined"])
    hits = _counts(frames["hit_triggered"])
    rows = [ComplianceRow(key=unit, stops=stops, not_offered=events, declined=declined.get(unit, (0, 0))[1],
                          hit_triggered=hits.get(unit, (0, 0))[1])
            for unit, (stops, events) in sorted(not_offered.items())]
    total = ComplianceRow(key="all", stops=sum(r.stops or 0 for r in rows),
                          not_offered=sum(r.not_offered or 0 for r in rows),
                          declined=sum(r.declined or 0 for r in rows),
                          hit_triggered=sum(r.hit_triggered or 0 for r in rows))
    by_basis = _counts(frames["extra_actions_by_legal_basis"])
    basis = [BasisRow(basis=b, stops=n, extra=e) for b, (n, e) in by_basis.items()]
    basis.sort(key=lambda row: (-(row.stops or 0), row.basis))
    return protect_compliance(Compliance(by_unit=rows, total=total, by_basis=basis))
