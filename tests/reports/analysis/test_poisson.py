"""Stop rate per camera passage: Poisson rate ratios, the algorithm audit, zero counts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binom
from statsmodels.stats.rates import confint_poisson_2indep

from stopform.reports.analysis import stop_rate_vs_traffic, system_hit_rate_vs_traffic
from stopform.reports.analysis.poisson import poisson_compare, score_interval

from .helpers import by_group, strict_json

Z975 = 1.959963984540054


def _conditional_score(ratio: float, a: int, t1: float, c: int, t0: float) -> float:
    # Given a + c stops, a ~ Bin(a + c, pi) with pi = ratio * t1 / (ratio * t1 + t0).
    total, pi = a + c, ratio * t1 / (ratio * t1 + t0)
    return (a - total * pi) / math.sqrt(total * pi * (1 - pi))


def traffic(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["group", "passages", "stops", "hits"])


def test_hand_computed_rate_ratio_score_test_and_interval():
    # PL: 30 stops per 10,000 passages; NL: 200 per 150,000.
    row = stop_rate_vs_traffic(traffic([("PL", 10_000, 30, 3), ("NL", 150_000, 200, 10)]))[0]
    assert (row["n"], row["events"]) == (10_000, 30)
    assert row["rate"] == pytest.approx(0.003) and row["reference_rate"] == pytest.approx(200 / 150_000)
    assert row["ratio"] == pytest.approx(2.25)
    z = _conditional_score(1.0, 30, 10_000, 200, 150_000)  # (30 - 230 * 0.0625) / sqrt(230 * 0.0625 * 0.9375)
    assert z == pytest.approx(4.2563, abs=1e-4)
    assert row["p_value"] == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-9)
    # The score interval is where the score statistic is within +-1.96.
    assert _conditional_score(row["ci_low"], 30, 10_000, 200, 150_000) == pytest.approx(Z975, abs=1e-6)
    assert _conditional_score(row["ci_high"], 30, 10_000, 200, 150_000) == pytest.approx(-Z975, abs=1e-6)


@pytest.mark.parametrize("counts", [(30, 10_000, 200, 150_000), (3, 1_000.5, 5_000, 2e6), (400, 10_000, 20, 150_000)])
def test_closed_form_interval_equals_statsmodels_score_interval(counts):
    expected = confint_poisson_2indep(*counts, method="score", compare="ratio")
    assert score_interval(*counts) == pytest.approx(expected, rel=1e-6)


def test_zero_stops_use_the_exact_conditional_interval():
    result = poisson_compare(0, 20_000, 200, 150_000)
    # Clopper–Pearson upper bound for 0 of 200: 1 - 0.025 ** (1 / 200); mapped back to a rate ratio.
    pi_high = 1 - 0.025 ** (1 / 200)
    assert result["ratio"] == 0.0 and result["ci_low"] == 0.0
    assert result["ci_high"] == pytest.approx(pi_high / (1 - pi_high) * 150_000 / 20_000, rel=1e-9)
    # Two-sided binomial p: every outcome no more likely than "all 200 stops are NL".
    pmf = binom.pmf(np.arange(201), 200, 20_000 / 170_000)
    assert pmf[0] == pytest.approx((150_000 / 170_000) ** 200, rel=1e-9)
    assert result["p_value"] == pytest.approx(pmf[pmf <= pmf[0] * (1 + 1e-7)].sum(), rel=1e-9)
    assert result["method"] == "exact-cond"


def test_zero_reference_stops_give_json_safe_unbounded_results():
    rows = stop_rate_vs_traffic(traffic([("PL", 10_000, 30, 0), ("NL", 150_000, 0, 0)]))
    strict_json(rows)
    assert rows[0]["ratio"] is None and rows[0]["ci_high"] is None


def test_algorithm_audit_compares_system_hits_per_passage():
    row = system_hit_rate_vs_traffic(traffic([("PL", 10_000, 30, 50), ("NL", 150_000, 200, 150)]))[0]
    assert (row["n"], row["events"], row["ratio"]) == (10_000, 50, pytest.approx(5.0))
    assert row["ci_low"] > 1


def test_strata_give_a_mantel_haenszel_rate_ratio():
    # The same 2x rate ratio in both areas, different traffic volumes.
    frame = pd.DataFrame(
        [("PL", 10_000, 40, "A"), ("NL", 100_000, 200, "A"), ("PL", 5_000, 10, "B"), ("NL", 200_000, 200, "B")],
        columns=["group", "passages", "stops", "stratum"],
    )
    row = stop_rate_vs_traffic(frame)[0]
    assert row["ratio_adjusted"] == pytest.approx(2.0, rel=1e-12)
    assert row["ratio"] == pytest.approx((50 / 15_000) / (400 / 300_000))
    assert row["ci_low_adjusted"] < 2.0 < row["ci_high_adjusted"]


def test_fractional_passages_and_missing_hits_are_accepted():
    frame = traffic([("PL", 10_000.5, 30, float("nan")), ("NL", 150_000.25, 200, float("nan"))])
    row = stop_rate_vs_traffic(frame)[0]
    assert row["n"] == 10_000 and row["ratio"] == pytest.approx((30 / 10_000.5) / (200 / 150_000.25))
    assert system_hit_rate_vs_traffic(frame) == []


def test_groups_without_traffic_or_reference_are_suppressed_with_reasons():
    rows = by_group(stop_rate_vs_traffic(traffic([("PL", 0, 3, 0), ("NL", 150_000, 200, 0)])))
    assert rows["PL"]["suppressed"] and "no traffic" in rows["PL"]["suppressed_reason"]
    rows = stop_rate_vs_traffic(traffic([("PL", 10_000, 3, 0)]))
    assert rows[0]["suppressed"] and "reference group NL" in rows[0]["suppressed_reason"]
