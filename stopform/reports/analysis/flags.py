"""The flag rule: when a result row becomes a flag (docs/reports.md, "When a result is a flag").

All of, for the burden and yield tests:

1. minimum counts: denominator >= 30 and >= 10 events *expected* under no
   difference, for the group and, where the row has one, the reference group
   (never a minimum on the observed events); rows below are suppressed (no
   ratio, interval or p) and stay out of step 2;
2. Benjamini–Hochberg over every remaining row of the report (all tests,
   dimensions and groups, one row per group on its chosen window; q = 0.05) on
   ``p_value`` (the stratified test's where the row has strata), giving ``p_adjusted``;
3. practical size, the EEOC four-fifths rule turned into ratios, on the adjusted
   ratio and interval where there are any: burden ratio above 1.25 with ci_low > 1,
   yield ratio below 0.80 with ci_high < 1. As in the four-fifths rule, a ratio of
   exactly 0.80 (or 1.25) is not adverse.

officer_benchmark is a review list with a BH family of its own (every officer row
of the report: officers x groups x measures, q = 0.05): a row is flagged when its
p survives that BH step, its local fdr is below 0.2, the officer has >= 50 stops
and the ratio is above 1.25.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from statsmodels.stats.multitest import multipletests

from . import messages
from .catalogue import BURDEN_TESTS, REVIEW_TESTS, YIELD_TESTS
from .officers import OFFICER_MIN_STOPS
from .rows import suppress

MIN_NUMERATOR = 10  # for rows without an expected count (veil of darkness)
MIN_EXPECTED = 10
MIN_DENOMINATOR = 30
FDR_Q = 0.05
BURDEN_MIN_RATIO = 1.25
YIELD_MAX_RATIO = 0.80
OFFICER_MAX_LOCAL_FDR = 0.2
# Ratios computed from counts land a rounding error off the threshold (48/60 vs 0.8).
_TOLERANCE = 1e-9
# Estimates beside the §3 ones that a suppressed row must not carry either.
EXTRA_ESTIMATES = (
    "ratio_adjusted", "ci_low_adjusted", "ci_high_adjusted", "p_value_crude", "beta", "se", "z", "local_fdr",
    "placebo_ratio", "placebo_ci_low", "placebo_ci_high", "placebo_p_value", "expected_events",
    "reference_expected_events", "per_area_rate", "per_area_reference_rate", "per_area_difference",
    "per_area_ci_low", "per_area_ci_high",
)


def below_minimum(row: dict[str, Any]) -> str | None:
    """Why ``row`` fails the minimum counts, or None if it passes.

    The rule is on denominators and on the events *expected* under no difference (within
    strata), never on the observed events: a low observed count is what an outcome test
    looks for.
    """
    if row["n"] < MIN_DENOMINATOR:
        return f"fewer than {MIN_DENOMINATOR} in total for this group"
    ref_n = row.get("reference_n")
    if ref_n is not None and ref_n < MIN_DENOMINATOR:
        return f"fewer than {MIN_DENOMINATOR} in total for the reference group"
    expected = row.get("expected_events")
    if expected is None and "expected_events" not in row:
        return None if row["events"] >= MIN_NUMERATOR else f"fewer than {MIN_NUMERATOR} events for this group"
    if expected is None or expected < MIN_EXPECTED:
        return f"fewer than {MIN_EXPECTED} events expected for this group"
    ref_expected = row.get("reference_expected_events")
    if ref_expected is not None and ref_expected < MIN_EXPECTED:
        return f"fewer than {MIN_EXPECTED} events expected for the reference group"
    return None


def decision_figures(row: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    """The ratio and interval the flag rule uses: the adjusted (stratified) ones where computed."""
    if "ratio_adjusted" in row:
        return row["ratio_adjusted"], row["ci_low_adjusted"], row["ci_high_adjusted"]
    return row["ratio"], row["ci_low"], row["ci_high"]


def meets_practical_size(test: str, ratio: float | None) -> bool:
    """Burden ratio above 1.25 or yield ratio below 0.80 (four-fifths rule; boundary excluded)."""
    if ratio is None:
        return False
    if test in YIELD_TESTS:
        return ratio < YIELD_MAX_RATIO - _TOLERANCE
    return ratio > BURDEN_MIN_RATIO + _TOLERANCE


def interval_excludes_one(test: str, ci_low: float | None, ci_high: float | None) -> bool:
    """The interval lies wholly on the concerning side of 1 for this kind of test."""
    if test in YIELD_TESTS:
        return ci_high is not None and ci_high < 1
    return ci_low is not None and ci_low > 1


def benjamini_hochberg(p_values: list[float], q: float = FDR_Q) -> tuple[np.ndarray, np.ndarray]:
    """BH step-up: (reject, adjusted p) for ``p_values``, as statsmodels fdr_bh."""
    if not p_values:
        return np.zeros(0, dtype=bool), np.zeros(0)
    reject, adjusted, _, _ = multipletests(p_values, alpha=q, method="fdr_bh")
    return reject, adjusted


def _apply_minimums(tests: list[dict[str, Any]]) -> None:
    for block in tests:
        if block["test"] in REVIEW_TESTS:
            continue  # the officer benchmark applies its own minimums (officers.py, officer_groups.py)
        for row in block["rows"]:
            reason = None if row["suppressed"] else below_minimum(row)
            if reason:
                suppress(row, reason, EXTRA_ESTIMATES)


def _adjust(rows: list[dict[str, Any]]) -> dict[int, bool]:
    """Fill p_adjusted on ``rows`` with a p-value; return BH rejection by row id."""
    family = [row for row in rows if not row["suppressed"] and row["p_value"] is not None]
    reject, adjusted = benjamini_hochberg([row["p_value"] for row in family])
    for row, p_adj in zip(family, adjusted, strict=True):
        row["p_adjusted"] = float(p_adj)
    return {id(row): bool(r) for row, r in zip(family, reject, strict=True)}


def _officer_flag(row: dict[str, Any], rejected: bool) -> bool:
    fdr, ratio = row.get("local_fdr"), row["ratio"]
    return (rejected and not row["suppressed"] and fdr is not None and fdr < OFFICER_MAX_LOCAL_FDR
            and row.get("n_total", row["n"]) >= OFFICER_MIN_STOPS and meets_practical_size("", ratio))


def _test_flag(test: str, row: dict[str, Any], rejected: bool) -> bool:
    if test not in BURDEN_TESTS | YIELD_TESTS:
        return False
    ratio, low, high = decision_figures(row)
    return rejected and meets_practical_size(test, ratio) and interval_excludes_one(test, low, high)


def apply_flag_rule(tests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Suppress, adjust and flag every row of ``tests`` in place; return the flags list.

    ``tests`` are §3 test blocks (test, dimension, reference_group, rows).
    """
    _apply_minimums(tests)
    main = [row for block in tests if block["test"] not in REVIEW_TESTS for row in block["rows"]]
    rejected = _adjust(main)
    rejected |= _adjust([row for block in tests if block["test"] in REVIEW_TESTS for row in block["rows"]])
    flags = []
    for block in tests:
        for row in block["rows"]:
            if block["test"] in REVIEW_TESTS:
                row["flag"] = _officer_flag(row, rejected.get(id(row), False))
            else:
                row["flag"] = _test_flag(block["test"], row, rejected.get(id(row), False))
            if row["flag"]:
                flags.append(flag_entry(block, row))
    return flags


def flag_entry(block: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The §3 ``flags`` item for a flagged row, with its message and caveat.

    ``ratio``, ``ci_low``, ``ci_high`` are the figures the flag rests on (adjusted where the
    row has them); ``ratio_crude`` is the pooled ratio beside them.
    """
    ratio, low, high = decision_figures(row)
    return {
        "test": block["test"],
        "dimension": block["dimension"],
        "group": row["group"],
        "ratio": ratio,
        "ci_low": low,
        "ci_high": high,
        "ratio_crude": row["ratio"],
        "p_adjusted": row["p_adjusted"],
        "window": row.get("window", 1),
        "status": "new",
        **{key: block[key] for key in ("trigger", "measure", "studied_group") if key in block},
        "message": messages.flag_message(block, row),
        "caveat": messages.flag_caveat(block, row),
    }
