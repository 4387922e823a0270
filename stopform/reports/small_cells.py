"""Small cells of the page's own tables: the 12-month trend and registration compliance.

The same rule as the report's rows (Statistics Netherlands, "Statistische beveiliging";
`analysis.disclosure`): no count of 1 to 9, no rate from which a withheld count follows, and
complementary cells withheld where a published total would give a withheld one back. The tables'
sums are the relations (`analysis.disclosure.linked_suppression`):

* trend: each month's groups add up to its total; each group's 12 months add up to its 12-month
  stops (the report's 12-month rows publish them); the two search-rate series add up to the
  month's searches. A rate is withheld with its searches or its stops;
* compliance: each column's units add up to the total row; the stops per legal basis add up to
  the month's stops, and the extra actions per basis to the month's extra actions;
* a flag's month-by-month table: the group's months add up to its counts over the report's 1-,
  3- and 12-month windows, which the report's rows publish; so do the differences of two windows
  (the 9 months before the last 3, say). A month withheld alone in one of those sums takes a
  second month with it (`protect_flag_points`).

Withheld values are None; the page, the PDF and the charts show a dash or leave a gap.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .analysis.disclosure import linked_suppression

if TYPE_CHECKING:  # extras imports this module; only its types are needed here
    from .extras import Compliance, ComplianceRow, Trend, TrendPoint

COMPLIANCE_COLUMNS = ("stops", "not_offered", "declined", "hit_triggered")


def _shown(value: int | None, key: tuple, hidden: set[tuple]) -> int | None:
    return None if key in hidden else value


def protect_trend(trend: Trend, searched: dict[str, list[int]], stops: dict[str, list[int]]) -> Trend:
    """The trend with small and complementary cells withheld. ``searched`` and ``stops``: per
    series (``reference``, ``others``) and month, the counts behind the two search rates."""
    months = range(len(trend.months))
    cells: dict[tuple, int] = {("stops", g, i): int(trend.stops[g][i] or 0) for g in trend.groups for i in months}
    cells |= {("stops", "total", i): int(trend.totals[i] or 0) for i in months}
    cells |= {("searched", s, i): searched[s][i] for s in searched for i in months}
    relations: list[list[tuple]] = [[("stops", g, i) for g in (*trend.groups, "total")] for i in months]
    relations += [[("stops", g, i) for i in months] for g in (*trend.groups, "total")]
    relations += [[("searched", s, i) for s in searched] for i in months]
    relations += [[("searched", s, i) for i in months] for s in searched]
    hidden = linked_suppression(cells, relations)
    # A rate gives its count back with its denominator: withheld with either.
    rate_hidden = {s: [("searched", s, i) in hidden or 0 < stops[s][i] < 10
                       or (s == "reference" and ("stops", trend.reference, i) in hidden) for i in months]
                   for s in searched}
    return replace(
        trend,
        stops={g: [_shown(trend.stops[g][i], ("stops", g, i), hidden) for i in months] for g in trend.groups},
        totals=[_shown(trend.totals[i], ("stops", "total", i), hidden) for i in months],
        reference_search_rate=[None if rate_hidden["reference"][i] else trend.reference_search_rate[i]
                               for i in months],
        others_search_rate=[None if rate_hidden["others"][i] else trend.others_search_rate[i] for i in months],
    )


def protect_compliance(compliance: Compliance) -> Compliance:
    """Compliance with small and complementary cells withheld (see the module docstring)."""
    rows = [*compliance.by_unit, compliance.total]
    cells: dict[tuple, int] = {(c, r.key): int(getattr(r, c) or 0) for r in rows for c in COMPLIANCE_COLUMNS}
    cells |= {(c, "basis", b.basis): int(getattr(b, c) or 0) for b in compliance.by_basis for c in ("stops", "extra")}
    relations: list[list[tuple]] = [[(c, r.key) for r in rows] for c in COMPLIANCE_COLUMNS]
    relations.append([*(("stops", "basis", b.basis) for b in compliance.by_basis), ("stops", "all")])
    relations.append([("extra", "basis", b.basis) for b in compliance.by_basis])
    hidden = linked_suppression(cells, relations)

    def row(item: ComplianceRow) -> ComplianceRow:
        shown = {c: _shown(getattr(item, c), (c, item.key), hidden) for c in COMPLIANCE_COLUMNS}
        return replace(item, stops=shown["stops"], not_offered=shown["not_offered"], declined=shown["declined"],
                       hit_triggered=shown["hit_triggered"])

    by_basis = [replace(b, stops=_shown(b.stops, ("stops", "basis", b.basis), hidden),
                        extra=_shown(b.extra, ("extra", "basis", b.basis), hidden)) for b in compliance.by_basis]
    return replace(compliance, by_unit=[row(r) for r in compliance.by_unit], total=row(compliance.total),
                   by_basis=by_basis)


WINDOWS = (1, 3, 12)  # months ending with the report's month, as in analysis.windows


def _window_relations(count: int) -> list[list[tuple]]:
    """The sums a reader can form over the last `count` months: each window, and the months one
    window adds to a shorter one (a published total each, the pseudo cell ``("window", ...)``)."""
    spans = [w for w in WINDOWS if w <= count]
    relations: list[list[tuple]] = [[*[("month", i) for i in range(count - w, count)], ("window", w, 0)]
                                     for w in spans]
    relations += [[*[("month", i) for i in range(count - long, count - short)], ("window", long, short)]
                  for short in spans for long in spans if long > short]
    return relations


def protect_flag_points(points: list[TrendPoint]) -> list[TrendPoint]:
    """A flag's monthly points with complementary months withheld: no month's events or stops
    follow from the window totals the report publishes and the months shown."""
    relations = _window_relations(len(points))
    # Totals published elsewhere: a large value, so a month is always taken as the complement first.
    totals = {relation[-1]: 10**12 for relation in relations}
    withheld: set[int] = set()
    for value in ("events", "n"):
        cells = {("month", i): int(getattr(p, value) or 0) for i, p in enumerate(points)} | totals
        gone = {("month", i) for i, p in enumerate(points) if getattr(p, value) is None}
        hidden = linked_suppression(cells, relations, hidden=gone)
        withheld |= {key[1] for key in hidden if key[0] == "month" and key not in gone}
    return [replace(p, n=None, events=None, ratio=None, ci_low=None, ci_high=None, suppressed=True)
            if i in withheld else p for i, p in enumerate(points)]
