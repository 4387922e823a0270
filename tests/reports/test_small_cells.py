"""The page's own tables (12-month trend, registration compliance) publish no count of 1 to 9
and nothing from which a withheld count could be worked out (reports.small_cells)."""
from __future__ import annotations

import pandas as pd
import pytest

from stopform.reports.analysis.disclosure import is_small
from stopform.reports.extras import build_compliance, build_trend, trend_months

MONTH = "2026-10"


def _solve(known: dict, sums: list[tuple[object, list]]) -> dict:
    """Close ``known`` under sums a reader knows hold (total, parts); each step fills the one
    unknown of a sum."""
    known = dict(known)
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            unknown = [c for c in (total, *parts) if c not in known]
            if len(unknown) != 1:
                continue
            cell = unknown[0]
            known[cell] = sum(known[p] for p in parts) if cell == total else \
                known[total] - sum(known[p] for p in parts if p != cell)
            changed = True
    return known


def _trend_frame() -> pd.DataFrame:
    """12 months of stops and searches per plate country in a small unit: RO and BG in single
    figures in some months, few searches among the non-Dutch plates."""
    rows = []
    for index, month in enumerate(trend_months(MONTH)):
        for group, n, searched in (("NL", 300 + index, 20), ("DE", 60, 6 + index % 5), ("BE", 40, 3),
                                   ("PL", 25 + index, 2), ("RO", 4 + index % 9, 1), ("BG", 12 - index % 4, 0),
                                   ("FR", 3, 0)):
            rows.append((month, group, n, searched))
    return pd.DataFrame(rows, columns=["month", "group", "n", "events"])


def test_the_trend_withholds_small_and_complementary_cells():
    frame = _trend_frame()
    trend = build_trend(frame, MONTH, "NL")
    true = frame.pivot_table(index="month", columns="group", values="n", aggfunc="sum")
    groups = [g for g in trend.groups if g != "other"]
    published = {(g, i): v for g in trend.groups for i, v in enumerate(trend.stops[g]) if v is not None}
    published |= {("total", i): v for i, v in enumerate(trend.totals) if v is not None}
    assert not [v for v in published.values() if is_small(v)]
    assert any(v is None for g in trend.groups for v in trend.stops[g])
    # A reader also has each group's 12-month stops (the report's 12-month rows) and the year's total.
    year = {(g, "year"): int(true[g].sum()) for g in groups} | {("total", "year"): int(true.to_numpy().sum())}
    if "other" in trend.groups:
        year[("other", "year")] = int(true.drop(columns=groups).to_numpy().sum())
    months = range(len(trend.months))
    sums = [(("total", i), [(g, i) for g in trend.groups]) for i in months]
    sums += [((g, "year"), [(g, i) for i in months]) for g in (*trend.groups, "total")]
    derived = _solve(published | year, sums)
    for group in trend.groups:
        for i in months:
            if trend.stops[group][i] is None:
                assert (group, i) not in derived, (group, trend.months[i])


def test_a_search_rate_is_withheld_with_its_count():
    frame = _trend_frame()
    trend = build_trend(frame, MONTH, "NL")
    others = frame[frame["group"] != "NL"].groupby("month")["events"].sum()
    for i, month in enumerate(trend.months):
        if is_small(int(others.loc[month])):
            assert trend.others_search_rate[i] is None
    assert all(rate is not None for rate in trend.reference_search_rate)  # 20 searches of 300 a month


def _compliance_frames() -> dict[str, pd.DataFrame]:
    units = {"LIMBURG-NOORD": (900, 40, 120, 75), "LIMBURG-ZUID": (700, 3, 90, 60), "KMAR-ZUID": (8, 0, 2, 1)}
    frame = lambda column: pd.DataFrame(  # noqa: E731
        [(u, v[0], v[column]) for u, v in units.items()], columns=["group", "n", "events"])
    basis = pd.DataFrame([("WVW160-1", 1400, 30), ("SV52", 150, 12), ("WED23", 50, 4), ("POLW3", 8, 1)],
                         columns=["group", "n", "events"])
    return {"receipt_not_offered": frame(1), "receipt_declined": frame(2), "hit_triggered": frame(3),
            "extra_actions_by_legal_basis": basis}


def test_compliance_withholds_small_and_complementary_cells():
    compliance = build_compliance(_compliance_frames())
    rows = {row.key: row for row in compliance.by_unit}
    # LIMBURG-ZUID's 3 receipts not offered, KMAR-ZUID's 8 stops, 2 declined and 1 hit: withheld;
    # and one more in each column, or the total row would give them back.
    assert rows["LIMBURG-ZUID"].not_offered is None and rows["KMAR-ZUID"].stops is None
    assert rows["KMAR-ZUID"].declined is None and rows["KMAR-ZUID"].hit_triggered is None
    for column in ("stops", "not_offered", "declined", "hit_triggered"):
        values = [getattr(row, column) for row in compliance.by_unit]
        assert values.count(None) != 1 and getattr(compliance.total, column) is not None
        assert not [v for v in values if v is not None and is_small(v)]
    basis = {row.basis: row for row in compliance.by_basis}
    assert basis["POLW3"].stops is None and basis["WED23"].extra is None and basis["POLW3"].extra is None
    assert [row.stops for row in compliance.by_basis].count(None) != 1
    assert [row.extra for row in compliance.by_basis].count(None) != 1


@pytest.mark.parametrize("column", ["stops", "not_offered", "declined", "hit_triggered"])
def test_no_withheld_compliance_count_follows_from_the_total(column):
    compliance = build_compliance(_compliance_frames())
    known = {row.key: getattr(row, column) for row in compliance.by_unit if getattr(row, column) is not None}
    known["all"] = getattr(compliance.total, column)
    derived = _solve(known, [("all", [row.key for row in compliance.by_unit])])
    assert all(row.key not in derived for row in compliance.by_unit if getattr(row, column) is None)


def _flag_points(events: list[int | None]):
    from stopform.reports.extras import TrendPoint
    return [TrendPoint(f"m{i}", 200 + i, e, None if e is None else 1.5, None, None, e is None)
            for i, e in enumerate(events)]


@pytest.mark.parametrize("withheld", [[11], [9], [3], [0, 10]])
def test_no_withheld_month_of_a_flag_follows_from_the_window_totals(withheld):
    from stopform.reports.small_cells import protect_flag_points
    true_events = [40 + 3 * i for i in range(12)]
    points = protect_flag_points(_flag_points([None if i in withheld else e for i, e in enumerate(true_events)]))
    known = {("m", i): p.events for i, p in enumerate(points) if p.events is not None}
    # The report's rows publish the group's events over the last 1, 3 and 12 months (the last
    # month's own row not when that month is withheld for the same small count).
    windows = {w: ("w", w) for w in (1, 3, 12)}
    known |= {windows[w]: sum(true_events[12 - w:]) for w in windows if not (w == 1 and 11 in withheld)}
    sums = [(windows[w], [("m", i) for i in range(12 - w, 12)]) for w in windows]
    solved = _solve(known, sums)
    for short in (1, 3):  # a reader subtracts one window from another too
        if windows[short] in solved:
            solved[("d", short)] = solved[windows[12]] - solved[windows[short]]
    solved = _solve(solved, sums + [(("d", s), [("m", i) for i in range(12 - 12, 12 - s)]) for s in (1, 3)])
    assert all(("m", i) not in solved for i in withheld)
    assert sum(p.suppressed for p in points) >= max(2, len(withheld))
    assert all(p.ratio is None and p.n is None for p in points if p.suppressed and p.events is None
               and p.month not in {f"m{i}" for i in withheld})
