"""Stratified comparisons: the exact conditional tests against known distributions."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import binomtest, fisher_exact, norm

from stopform.reports.analysis import stratified
from stopform.reports.analysis.stratified import stratified_proportions, stratified_rates


def test_one_stratum_is_fishers_exact_test():
    result = stratified_proportions(np.array([12]), np.array([60]), np.array([40]), np.array([400]))
    assert result.p_value == pytest.approx(fisher_exact([[12, 48], [40, 360]]).pvalue, rel=1e-9)
    assert result.ratio == pytest.approx((12 / 60) / (40 / 400))
    assert result.expected == pytest.approx(60 * 52 / 460)


def test_one_stratum_of_rates_is_the_exact_binomial_test():
    result = stratified_rates(np.array([30]), np.array([10_000.0]), np.array([200]), np.array([150_000.0]))
    expected = binomtest(30, 230, 10_000 / 160_000).pvalue
    assert result.p_value == pytest.approx(expected, rel=1e-9)
    assert result.expected == pytest.approx(230 / 16)


def test_two_strata_convolve_to_the_brute_force_distribution():
    a, n1, c, n0 = np.array([3, 5]), np.array([10, 12]), np.array([4, 20]), np.array([20, 40])
    result = stratified_proportions(a, n1, c, n0)
    from scipy.stats import hypergeom
    first = hypergeom(30, 10, 7)  # N, group size, events
    second = hypergeom(52, 12, 25)
    values = {}
    for x in range(0, 8):
        for y in range(0, 13):
            values[x + y] = values.get(x + y, 0.0) + first.pmf(x) * second.pmf(y)
    observed = values[8]
    brute = sum(p for p in values.values() if p <= observed * (1 + 1e-7))
    assert result.p_value == pytest.approx(brute, rel=1e-9)


def test_large_counts_use_the_cmh_normal_approximation(monkeypatch):
    monkeypatch.setattr(stratified, "EXACT_SUPPORT", 10)
    a, n1, c, n0 = np.array([60, 90]), np.array([500, 600]), np.array([400, 500]), np.array([5000, 4000])
    result = stratified_proportions(a, n1, c, n0)
    m, total = a + c, n1 + n0
    mean = (n1 * m / total).sum()
    var = (n1 * n0 * m * (total - m) / (total**2 * (total - 1))).sum()
    assert "CMH" in result.method
    assert result.p_value == pytest.approx(2 * norm.sf(abs(a.sum() - mean) / np.sqrt(var)), rel=1e-12)


def test_a_place_effect_is_no_group_difference():
    # Everybody is searched 4x as often in area A, where PL drives; the same rate for both inside each area.
    a, n1 = np.array([80, 20]), np.array([400, 400])
    c, n0 = np.array([40, 300]), np.array([200, 6000])
    result = stratified_proportions(a, n1, c, n0)
    assert result.ratio == pytest.approx(1.0)
    assert result.p_value == pytest.approx(1.0, abs=0.02)
