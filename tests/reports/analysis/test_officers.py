"""Officer internal benchmark: the cell-based benchmark by hand, a planted officer, local fdr, and the same
rows from stops counted per officer and cell."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import gaussian_kde

from stopform.reports.analysis import apply_flag_rule, officer_benchmark, officer_benchmark_counts
from stopform.reports.analysis.fdr import empirical_null, kernel_density, local_fdr_values
from stopform.reports.analysis.officers import group_indicator, time_band

from .helpers import block, by_group, strict_json


def officer_stops(spec: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    """Rows from (officer, area, stops, of which group 'PL'); the rest 'NL'."""
    rows = []
    for officer, area, n, group in spec:
        rows += [(officer, area, "band", "traffic_violation", "PL" if i < group else "NL") for i in range(n)]
    return pd.DataFrame(rows, columns=["officer_ref", "area", "time_band", "reason", "group"])


def test_hand_computed_cell_benchmark():
    # Officer X: 10 stops in A (4 PL), 30 in B (3 PL). Colleagues: A 90 (18 PL), B 270 (27 PL).
    stops = officer_stops([("X", "A", 10, 4), ("X", "B", 30, 3), ("Y", "A", 45, 9), ("Y", "B", 135, 14),
                           ("Z", "A", 45, 9), ("Z", "B", 135, 13)])
    row = by_group(officer_benchmark(stops, min_stops=30))["X"]
    p_a, p_b = 18 / 90, 27 / 270  # colleagues' shares, no prior
    expected = 10 * p_a + 30 * p_b  # weights e/(1-e) = 10/90 and 30/270 on colleagues' stops
    variance = 10 * p_a * (1 - p_a) * (1 + 10 / 90) + 30 * p_b * (1 - p_b) * (1 + 30 / 270)
    assert expected == pytest.approx(5.0)
    assert (row["n"], row["events"]) == (40, 7)
    assert row["rate"] == pytest.approx(7 / 40)
    assert row["reference_rate"] == pytest.approx(expected / 40)
    assert row["ratio"] == pytest.approx(7 / expected)
    assert row["z"] == pytest.approx((7 - expected) / math.sqrt(variance))
    assert row["p_value"] == pytest.approx(math.erfc(abs(row["z"]) / math.sqrt(2)))
    assert row["local_fdr"] is None  # three officers are too few for an empirical null


def test_cells_without_colleagues_are_left_out_of_the_comparison():
    stops = officer_stops([("X", "A", 40, 10), ("X", "C", 20, 20), ("Y", "A", 60, 15)])
    row = by_group(officer_benchmark(stops, min_stops=30))["X"]
    assert (row["n"], row["n_total"], row["events"]) == (40, 60, 10)


def test_planted_officer_is_the_only_flag(year_of_stops):
    stops = year_of_stops.rename(columns={"plate_country": "group"})[
        ["officer_ref", "area", "occurred_at", "reason", "group"]].copy()
    planted = stops["officer_ref"].value_counts().index[5]
    rng = np.random.default_rng(0)
    flip = (stops["officer_ref"] == planted) & (stops["group"] == "NL") & (rng.random(len(stops)) < 0.15)
    stops.loc[flip, "group"] = "PL"
    rows = officer_benchmark(stops)
    flags = apply_flag_rule([block("officer_benchmark", rows)])
    assert [flag["group"] for flag in flags] == [planted]
    assert flags[0]["ratio"] > 1.3
    assert "review list, never a verdict" in flags[0]["message"]
    assert all(row["n_total"] >= 50 for row in rows)
    strict_json(rows)


def test_no_planted_officer_no_flag(year_of_stops):
    stops = year_of_stops.rename(columns={"plate_country": "group"})
    rows = officer_benchmark(stops[["officer_ref", "area", "occurred_at", "reason", "group"]])
    assert len(rows) >= 30
    assert apply_flag_rule([block("officer_benchmark", rows)]) == []


def test_time_band_is_local_four_hours_and_day_type():
    # Saturday 3 October 2026, 14:30 UTC = 16:30 summer time.
    stamps = pd.Series(pd.to_datetime(["2026-10-03 14:30", "2026-10-05 23:10"], utc=True))
    assert time_band(stamps).tolist() == ["weekend 16-20", "weekday 0-4"]


def test_group_indicator_accepts_flags_strings_and_a_studied_group():
    assert group_indicator(pd.Series([True, False]), "NL", None).tolist() == [1, 0]
    assert group_indicator(pd.Series(["PL", "NL", "DE"]), "NL", None).tolist() == [1, 0, 1]
    assert group_indicator(pd.Series(["PL", "NL", "DE"]), "NL", "PL").tolist() == [1, 0, 0]
    with pytest.raises(ValueError, match="0/1"):
        group_indicator(pd.Series([0, 2]), "NL", None)


def test_local_fdr_is_high_for_null_z_and_low_for_an_outlier():
    z = np.random.default_rng(1).normal(0, 1, 200)
    z[0] = 6.0
    fdr = local_fdr_values(z)
    assert fdr[0] < 0.001
    assert np.mean(fdr[1:] < 0.2) < 0.03
    assert np.all((fdr >= 0) & (fdr <= 1))


def test_the_kernel_density_is_scipys_gaussian_kde():
    z = np.random.default_rng(3).normal(0.5, 1.5, 60)
    assert kernel_density(z) == pytest.approx(gaussian_kde(z)(z), rel=1e-12)


def test_empirical_null_is_never_narrower_than_the_theoretical_one():
    mean, sd = empirical_null(np.random.default_rng(2).normal(0.3, 0.5, 300))
    assert sd == 1.0 and mean == pytest.approx(0.3, abs=0.1)
    assert empirical_null(np.array([5.0, 6.0, 7.0])) == (6.0, 1.0)  # centred on the median, SD floored at 1
    assert np.isnan(local_fdr_values(np.zeros(20))).all()


def _counted(stops: pd.DataFrame, reference: str = "NL", studied_group: str | None = None) -> pd.DataFrame:
    """The stops counted per officer and cell, as the SQL layer hands them over."""
    data = stops.assign(time_band=time_band(stops["occurred_at"]),
                        events=group_indicator(stops["group"], reference, studied_group))
    keys = ["officer_ref", "area", "time_band", "reason"]
    return data.groupby(keys, as_index=False).agg(n=("events", "size"), events=("events", "sum"))


@pytest.mark.parametrize("studied_group", [None, "PL"])
def test_counts_give_exactly_the_rows_of_the_stops(year_of_stops, studied_group):
    stops = year_of_stops.rename(columns={"plate_country": "group"})[
        ["officer_ref", "area", "occurred_at", "reason", "group"]]
    rows = officer_benchmark(stops, studied_group=studied_group)
    counts = _counted(stops, studied_group=studied_group).sample(frac=1, random_state=1)  # any order
    assert officer_benchmark_counts(counts, studied_group=studied_group) == rows
    assert len(rows) >= 30 and rows[0]["studied_group"] == studied_group


def test_counts_need_their_columns():
    with pytest.raises(ValueError, match="events"):
        officer_benchmark_counts(pd.DataFrame({"officer_ref": ["X"], "area": ["A"], "time_band": ["b"],
                                               "reason": ["r"], "n": [3]}))


def test_no_stops_give_an_empty_review_list_without_warnings():
    empty = pd.DataFrame({name: pd.Series(dtype="int64" if name in ("n", "events") else object)
                          for name in ("officer_ref", "area", "time_band", "reason", "n", "events")})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert officer_benchmark_counts(empty) == []
