"""The flag rule: when a result row becomes a flag (analysis-methods.md §2).

All of, for the burden and yield tests:

1. minimum counts: numerator >= 10 and denominator >= 30, for the group and,
   where the row has one, the reference group; rows below are suppressed (no
   ratio, interval or p) and stay out of step 2;
2. Benjamini–Hochberg over every remaining row of the report (all tests,
   dimensions and groups; q = 0.05), giving ``p_adjusted``;
3. practical size, the EEOC four-fifths rule turned into ratios: burden ratio
   above 1.25 with ci_low > 1, yield ratio below 0.80 with ci_high < 1. As in the
   four-fifths rule, a ratio of exactly 0.80 (or 1.25) is not adverse.

officer_benchmark is a review list, not part of the BH family: its rows are
flagged when local fdr < 0.2, the officer has >= 50 stops and the ratio is above
1 (more stops of the group than the benchmark). Its ``p_adjusted`` is BH within
that block only, for information.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from statsmodels.stats.multitest import multipletests

from . import messages
from .catalogue import BURDEN_TESTS, REVIEW_TESTS, YIELD_TESTS
from .officers import OFFICER_MIN_STOPS
from .rows import suppress

MIN_NUMERATOR = 10
MIN_DENOMINATOR = 30
FDR_Q = 0.05
BURDEN_MIN_RATIO = 1.25
YIELD_MAX_RATIO = 0.80
OFFICER_MAX_LOCAL_FDR = 0.2
# Ratios computed from counts land a rounding error off the threshold (48/60 vs 0.8).
_TOLERANCE = 1e-9
# Estimates beside the §3 ones that a suppressed row must not carry either.
EXTRA_ESTIMATES = (
    "ratio_mh", "ci_low_mh", "ci_high_mh", "beta", "se", "z", "local_fdr",
    "placebo_ratio", "placebo_ci_low", "placebo_ci_high", "placebo_p_value",
)


def below_minimum(row: dict[str, Any]) -> str | None:
    """Why ``row`` fails the minimum counts, or None if it passes."""
    if row["events"] < MIN_NUMERATOR or row["n"] < MIN_DENOMINATOR:
        return f"fewer than {MIN_NUMERATOR} events or {MIN_DENOMINATOR} in total for this group"
    ref_events, ref_n = row.get("reference_events"), row.get("reference_n")
    if ref_n is not None and (ref_events < MIN_NUMERATOR or ref_n < MIN_DENOMINATOR):
        return f"fewer than {MIN_NUMERATOR} events or {MIN_DENOMINATOR} in total for the reference group"
    return None


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


def _officer_flag(row: dict[str, Any]) -> bool:
    fdr, ratio = row.get("local_fdr"), row["ratio"]
    return (not row["suppressed"] and fdr is not None and fdr < OFFICER_MAX_LOCAL_FDR
            and row.get("n_total", row["n"]) >= OFFICER_MIN_STOPS and ratio is not None and ratio > 1)


def _test_flag(test: str, row: dict[str, Any], rejected: bool) -> bool:
    if test not in BURDEN_TESTS | YIELD_TESTS:
        return False
    return rejected and meets_practical_size(test, row["ratio"]) and interval_excludes_one(
        test, row["ci_low"], row["ci_high"]
    )


def apply_flag_rule(tests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Suppress, adjust and flag every row of ``tests`` in place; return the flags list.

    ``tests`` are §3 test blocks (test, dimension, reference_group, rows).
    """
    _apply_minimums(tests)
    main = [row for block in tests if block["test"] not in REVIEW_TESTS for row in block["rows"]]
    rejected = _adjust(main)
    for block in tests:
        if block["test"] in REVIEW_TESTS:
            _adjust(block["rows"])
    flags = []
    for block in tests:
        for row in block["rows"]:
            if block["test"] in REVIEW_TESTS:
                row["flag"] = _officer_flag(row)
            else:
                row["flag"] = _test_flag(block["test"], row, rejected.get(id(row), False))
            if row["flag"]:
                flags.append(flag_entry(block, row))
    return flags


def flag_entry(block: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The §3 ``flags`` item for a flagged row, with its message and caveat."""
    return {
        "test": block["test"],
        "dimension": block["dimension"],
        "group": row["group"],
        "ratio": row["ratio"],
        "ci_low": row["ci_low"],
        "ci_high": row["ci_high"],
        "p_adjusted": row["p_adjusted"],
        "message": messages.flag_message(block, row),
        "caveat": messages.flag_caveat(block, row),
    }
