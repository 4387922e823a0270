"""Proportion tests: pooled ratio, Katz interval, p-value choice, Mantel–Haenszel, edge cases."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact, hypergeom
from statsmodels.stats.contingency_tables import StratifiedTable

from stopform.reports import analysis
from stopform.reports.analysis.catalogue import PROPORTION_TESTS
from stopform.reports.analysis.proportions import (
    fisher_two_sided,
    proportion_test,
    two_sided_p,
)
from stopform.reports.analysis.stratified import mh_risk_ratio as mantel_haenszel

from .helpers import by_group, counts, strict_json

Z975 = 1.959963984540054


def test_hand_computed_ratio_and_katz_interval():
    # PL: 30 of 200 stops searched (15 %), NL: 40 of 800 (5 %).
    row = proportion_test(counts([("PL", 200, 30), ("NL", 800, 40)]))[0]
    se = math.sqrt(1 / 30 - 1 / 200 + 1 / 40 - 1 / 800)
    assert (row["rate"], row["reference_rate"], row["ratio"]) == pytest.approx((0.15, 0.05, 3.0))
    assert row["ci_low"] == pytest.approx(3 * math.exp(-Z975 * se), rel=1e-12)
    assert row["ci_high"] == pytest.approx(3 * math.exp(Z975 * se), rel=1e-12)
    assert (row["reference_n"], row["reference_events"]) == (800, 40)


def test_large_tables_use_the_pooled_z_test():
    # Every expected cell >= 1,000: PL 3,000 of 20,000 vs NL 4,000 of 40,000.
    pooled = 7_000 / 60_000
    z = (0.15 - 0.10) / math.sqrt(pooled * (1 - pooled) * (1 / 20_000 + 1 / 40_000))
    expected = math.erfc(z / math.sqrt(2))  # two-sided normal p
    assert two_sided_p(3_000, 20_000, 4_000, 40_000) == pytest.approx(expected, rel=1e-6)


def test_small_tables_use_fishers_exact_test():
    # PL 3 of 20 vs NL 10 of 400: sum the hypergeometric probabilities no larger than the observed one.
    dist = hypergeom(420, 13, 20)
    observed = dist.pmf(3)
    support = np.arange(0, 14)
    expected = dist.pmf(support)[dist.pmf(support) <= observed * (1 + 1e-7)].sum()
    assert two_sided_p(3, 20, 10, 400) == pytest.approx(expected, rel=1e-9)


def test_moderate_tables_also_use_fisher_so_small_groups_are_not_over_flagged():
    # 40 of 400 vs 540 of 5,600 has expected cells ~ 39 (>= 5 but < 1,000): Fisher, not z.
    expected = fisher_exact([[40, 360], [540, 5_060]]).pvalue
    assert two_sided_p(40, 400, 540, 5_600) == pytest.approx(expected, rel=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 300), st.integers(1, 3_000), st.data())
def test_fast_fisher_equals_scipy(n1, n2, data):
    a, c = data.draw(st.integers(0, n1)), data.draw(st.integers(0, n2))
    expected = fisher_exact([[a, n1 - a], [c, n2 - c]]).pvalue
    assert fisher_two_sided(a, n1, c, n2) == pytest.approx(expected, rel=1e-8, abs=1e-300)


def test_mantel_haenszel_removes_a_confounded_pooled_difference():
    # Simpson's paradox: within each area PL and NL are searched at the same rate,
    # but PL stops are concentrated in the high-search area.
    frame = counts([("PL", 80, 40, "A"), ("NL", 40, 20, "A"), ("PL", 20, 2, "B"), ("NL", 800, 80, "B")], True)
    row = proportion_test(frame)[0]
    assert row["ratio"] == pytest.approx((42 / 100) / (100 / 840))
    assert row["ratio_adjusted"] == pytest.approx(1.0, abs=1e-12)
    assert row["ci_low_adjusted"] < 1 < row["ci_high_adjusted"]
    # The stratified test drives the row's p: no difference inside either area.
    assert row["p_value_crude"] < 1e-6 and row["p_value"] > 0.5


def test_mantel_haenszel_matches_statsmodels():
    tables = [np.array([[6, 34], [5, 95]]), np.array([[4, 31], [7, 118]])]
    estimate, low, high = mantel_haenszel(np.array([6, 4]), np.array([40, 35]), np.array([5, 7]), np.array([100, 125]))
    assert estimate == pytest.approx(StratifiedTable(tables).riskratio_pooled, rel=1e-12)
    assert low < estimate < high


def test_zero_group_events_give_ratio_zero_and_an_unbounded_interval():
    row = proportion_test(counts([("BG", 40, 0), ("NL", 225, 12)]))[0]
    assert (row["ratio"], row["ci_low"], row["ci_high"]) == (0.0, 0.0, None)
    assert 0 < row["p_value"] <= 1


def test_zero_reference_events_give_no_ratio_but_json_safe_values():
    rows = by_group(proportion_test(counts([("PL", 75, 10), ("BE", 50, 0), ("NL", 225, 0)])))
    assert (rows["PL"]["ratio"], rows["PL"]["ci_low"], rows["PL"]["ci_high"]) == (None, 0.0, None)
    assert rows["BE"]["ratio"] is None and rows["BE"]["p_value"] == 1.0
    strict_json(list(rows.values()))


def test_missing_reference_group_suppresses_every_row_with_a_reason():
    rows = proportion_test(counts([("PL", 75, 10), ("DE", 50, 5)]))
    assert all(row["suppressed"] and row["ratio"] is None for row in rows)
    assert all("reference group NL" in row["suppressed_reason"] for row in rows)


def test_reference_group_is_configurable_and_left_out_of_the_rows():
    rows = proportion_test(counts([("PL", 75, 10), ("NL", 225, 12), ("DE", 300, 12)]), reference="DE")
    assert {row["group"] for row in rows} == {"PL", "NL"}
    assert by_group(rows)["NL"]["ratio"] == pytest.approx((12 / 225) / (12 / 300))


@pytest.mark.parametrize(
    ("frame", "message"),
    [(counts([("PL", 5, 6), ("NL", 10, 1)]), "exceeds"), (counts([("PL", -1, 0), ("NL", 10, 1)]), ">= 0")],
)
def test_bad_counts_are_refused(frame, message):
    with pytest.raises(ValueError, match=message):
        proportion_test(frame)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="events"):
        proportion_test(counts([("PL", 5, 1)]).drop(columns="events"))


@pytest.mark.parametrize("name", PROPORTION_TESTS)
def test_every_named_proportion_test_compares_rates(name):
    rows = getattr(analysis, name)(counts([("PL", 200, 30), ("NL", 800, 40)]))
    assert rows[0]["ratio"] == pytest.approx(3.0)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), min_size=1, max_size=4),
    st.integers(0, 2_000),
    st.integers(0, 2_000),
)
def test_any_counts_give_coherent_json_safe_rows_without_warnings(groups, ref_n, ref_events):
    rows_in = [(f"G{i}", max(n, e), min(n, e)) for i, (n, e) in enumerate(groups)]
    frame = counts([*rows_in, ("NL", max(ref_n, ref_events), min(ref_n, ref_events))])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = proportion_test(frame)
    strict_json(rows)
    for row in rows:
        if row["ratio"] is not None and row["ci_high"] is not None and not row["suppressed"]:
            assert row["ci_low"] <= row["ratio"] <= row["ci_high"]
        if row["p_value"] is not None:
            assert 0 <= row["p_value"] <= 1
