"""The flag rule: minimum counts, Benjamini–Hochberg, practical size, officer review flags."""

from __future__ import annotations

import pytest

from stopform.reports.analysis import apply_flag_rule, search_rate
from stopform.reports.analysis.flags import (
    MIN_DENOMINATOR,
    MIN_EXPECTED,
    benjamini_hochberg,
    interval_excludes_one,
    meets_practical_size,
)
from stopform.reports.analysis.rows import make_row

from .helpers import block, by_group, counts


def test_bh_hand_worked_step_up():
    # m = 4, q = 0.05: thresholds 0.0125, 0.025, 0.0375, 0.05. The largest k with p(k) <= k q / m
    # is k = 3 (0.035 <= 0.0375), so 0.03 is rejected although it misses its own threshold (0.025).
    reject, adjusted = benjamini_hochberg([0.035, 0.2, 0.012, 0.03])
    assert reject.tolist() == [True, False, True, True]
    # Adjusted p: running minimum from the top of p(k) m / k: 0.2, 0.035*4/3, min(0.03*2, .), min(0.012*4, .).
    assert adjusted.tolist() == pytest.approx([0.035 * 4 / 3, 0.2, 0.035 * 4 / 3, 0.035 * 4 / 3])


def _row(group: str, p: float, ratio: float = 2.0, n: int = 400, events: int = 40) -> dict:
    return make_row(group, n, events, rate=0.1, reference_rate=0.05, ratio=ratio, ci_low=1.5, ci_high=2.7,
                    p_value=p, reference_n=4000, reference_events=200)


def test_bh_runs_across_every_block_of_the_report():
    tests = [block("search_rate", [_row("PL", 0.035), _row("DE", 0.2)]),
             block("no_further_action_rate", [_row("PL", 0.012), _row("DE", 0.03)])]
    flags = apply_flag_rule(tests)
    assert {(f["test"], f["group"]) for f in flags} == {("search_rate", "PL"), ("no_further_action_rate", "PL"),
                                                        ("no_further_action_rate", "DE")}
    assert tests[0]["rows"][0]["p_adjusted"] == pytest.approx(0.035 * 4 / 3)


@pytest.mark.parametrize(
    ("n", "events", "ref_n", "ref_events", "reason"),
    [(30, 10, 30, 10, None), (30, 9, 30, 10, "fewer than 10 events expected for this group"),
     (29, 10, 30, 10, "fewer than 30 in total for this group"),
     (30, 10, 29, 10, "fewer than 30 in total for the reference group"),
     # Few observed events where many were expected is what an outcome test looks for: tested.
     (300, 2, 3_000, 300, None)],
)
def test_minimum_counts_apply_to_denominators_and_expected_events(n, events, ref_n, ref_events, reason):
    assert (MIN_EXPECTED, MIN_DENOMINATOR) == (10, 30)
    rows = search_rate(counts([("PL", n, events), ("NL", ref_n, ref_events)]))
    apply_flag_rule([block("search_rate", rows)])
    row = rows[0]
    assert row["suppressed"] is (reason is not None)
    if reason:
        assert row["ratio"] is row["ci_low"] is row["ci_high"] is row["p_value"] is row["p_adjusted"] is None
        assert row["suppressed_reason"] == reason and row["flag"] is False
    else:
        assert row["p_adjusted"] is not None


def test_suppressed_rows_stay_out_of_the_bh_family():
    alone = [block("search_rate", [_row("PL", 0.02)])]
    apply_flag_rule(alone)
    with_small = [block("search_rate", [_row("PL", 0.02), _row("BG", 0.9, events=3)])]
    apply_flag_rule(with_small)
    assert with_small[0]["rows"][0]["p_adjusted"] == alone[0]["rows"][0]["p_adjusted"] == pytest.approx(0.02)
    assert with_small[0]["rows"][1]["suppressed"]


def test_practical_size_and_interval_direction():
    assert meets_practical_size("search_rate", 1.26) and not meets_practical_size("search_rate", 1.25)
    assert meets_practical_size("hit_rate", 0.79) and not meets_practical_size("hit_rate", 0.80)
    assert not meets_practical_size("hit_rate", 1.5) and not meets_practical_size("search_rate", 0.5)
    assert not meets_practical_size("search_rate", None)
    assert interval_excludes_one("search_rate", 1.01, None) and not interval_excludes_one("search_rate", 0.99, 2)
    assert interval_excludes_one("hit_rate", 0.1, 0.99) and not interval_excludes_one("hit_rate", 0.1, None)


def test_significant_but_small_differences_are_not_flagged():
    rows = [_row("PL", 1e-6, ratio=1.2), _row("DE", 1e-6, ratio=1.3)]
    rows[0]["ci_low"] = 1.1
    flags = apply_flag_rule([block("search_rate", rows)])
    assert [f["group"] for f in flags] == ["DE"]


def test_yield_tests_flag_low_ratios_only():
    low = _row("PL", 1e-5, ratio=0.6)
    low.update(ci_low=0.45, ci_high=0.8)
    high = _row("DE", 1e-5, ratio=1.6)
    flags = apply_flag_rule([block("hit_rate", [low, high])])
    assert [f["group"] for f in flags] == ["PL"] and "infra-marginality" in flags[0]["caveat"]


def test_flags_carry_the_contract_fields():
    flags = apply_flag_rule([block("search_rate", [_row("PL", 1e-4)])])
    assert set(flags[0]) == {"test", "dimension", "group", "ratio", "ci_low", "ci_high", "p_adjusted",
                             "message", "caveat", "ratio_crude", "window", "status"}


def _officer(name: str, fdr: float | None, ratio: float, n_total: int = 80) -> dict:
    return make_row(name, n_total, 20, rate=0.25, reference_rate=0.25 / ratio, ratio=ratio, ci_low=1.0,
                    ci_high=3.0, p_value=0.01, z=2.5, local_fdr=fdr, n_total=n_total, studied_group=None)


def test_officer_flags_use_local_fdr_not_bh():
    rows = [_officer("A", 0.1, 1.8), _officer("B", 0.3, 1.8), _officer("C", 0.1, 0.7), _officer("D", None, 3.0)]
    tests = [block("officer_benchmark", rows), block("search_rate", [_row("PL", 0.04)])]
    flags = apply_flag_rule(tests)
    assert [(f["test"], f["group"]) for f in flags] == [("officer_benchmark", "A"), ("search_rate", "PL")]
    # The officers did not enlarge the report's BH family: PL keeps p_adjusted = p.
    assert by_group(tests[1]["rows"])["PL"]["p_adjusted"] == pytest.approx(0.04)
    assert "local false discovery rate" in flags[0]["message"]
