"""Stop rates against traffic counts: Poisson rate ratios per passage.

Input: counts with ``group``, ``passages`` and ``stops`` (or ``hits`` for the
algorithm audit), optionally ``stratum`` (e.g. area). Passages may be fractional
(traffic periods pro-rated to the month); rows with a missing count are left
out. n = passages (rounded in the row; the test uses the exact exposure),
events = stops (or hits); ``rate`` is per passage (x 10,000 for display).

The two-sided p is statsmodels' ``test_poisson_2indep`` (score method,
compare='ratio'); the interval is that of ``confint_poisson_2indep`` with the
same method, in closed form (:func:`score_interval`). Both break down on a zero
count: then the exact conditional binomial test and the Clopper–Pearson interval
are used, and the row says ``method: 'exact-cond'`` (else ``'score'``).

With a ``stratum`` column (area, and month when months are pooled) the Mantel–Haenszel rate
ratio ``ratio_adjusted`` and its interval sit beside the crude ``ratio``, and ``p_value`` is
the stratified conditional test's (see :mod:`.stratified`; the crude p is ``p_value_crude``).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from scipy.stats import beta, binomtest, norm
from statsmodels.stats.rates import test_poisson_2indep

from ._frames import group_totals, require_columns, require_counts, stratum_table
from .catalogue import DEFAULT_REFERENCE
from .proportions import add_adjusted
from .rows import make_row, suppress
from .stratified import stratified_rates

CONFIDENCE = 0.95


def _exact_conditional(a: int, t1: float, c: int, t0: float) -> tuple[float, float, float]:
    """Clopper–Pearson on a | a + c ~ Bin(a + c, pi), mapped back to the rate ratio."""
    total = a + c
    if total == 0:
        return 0.0, math.inf, 1.0
    alpha = 1 - CONFIDENCE
    pi_low = 0.0 if a == 0 else float(beta.ppf(alpha / 2, a, total - a + 1))
    pi_high = 1.0 if a == total else float(beta.ppf(1 - alpha / 2, a + 1, total - a))
    p_value = binomtest(a, total, t1 / (t1 + t0)).pvalue
    return _pi_to_ratio(pi_low, t1, t0), _pi_to_ratio(pi_high, t1, t0), float(p_value)


def _pi_to_ratio(pi: float, t1: float, t0: float) -> float:
    # pi = RR*t1 / (RR*t1 + t0), so RR = pi / (1 - pi) * t0 / t1.
    return math.inf if pi >= 1 else pi / (1 - pi) * t0 / t1


def score_interval(a: int, t1: float, c: int, t0: float) -> tuple[float, float]:
    """The score interval of ``confint_poisson_2indep(method='score', compare='ratio')``, in closed form.

    The score test of the ratio is the score test of pi = RR t1 / (RR t1 + t0) in
    a | a + c ~ Bin(a + c, pi), so its inversion is the Wilson interval for pi,
    mapped back to RR. statsmodels finds the same bounds numerically (to about
    1e-8), at ~20 ms a group instead of microseconds.
    """
    total, z = a + c, float(norm.ppf(0.5 + CONFIDENCE / 2))
    centre = (a + z * z / 2) / (total + z * z)
    half = z * math.sqrt(a * c / total + z * z / 4) / (total + z * z)
    return _pi_to_ratio(centre - half, t1, t0), _pi_to_ratio(centre + half, t1, t0)


def poisson_compare(a: int, t1: float, c: int, t0: float) -> dict[str, Any]:
    """Rate ratio (a/t1)/(c/t0) with its 95% interval and two-sided p-value."""
    if a == 0 or c == 0:
        low, high, p_value = _exact_conditional(a, t1, c, t0)
        ratio = math.nan if a == c == 0 else (0.0 if a == 0 else math.inf)
        return {"ratio": ratio, "ci_low": low, "ci_high": high, "p_value": p_value, "method": "exact-cond"}
    test = test_poisson_2indep(a, t1, c, t0, method="score", compare="ratio")
    low, high = score_interval(a, t1, c, t0)
    return {
        "ratio": (a / t1) / (c / t0),
        "ci_low": float(low),
        "ci_high": float(high),
        "p_value": float(test.pvalue),
        "method": "score",
    }


def _group_row(group: str, a: int, t1: float, c: int, t0: float) -> dict[str, Any]:
    base = {"reference_n": round(t0), "reference_events": c}
    if t1 == 0:
        row = make_row(group, 0, a, **base)
        suppress(row, "no traffic counted for this group")
        return row
    result = poisson_compare(a, t1, c, t0)
    share = t1 / (t1 + t0)
    expected = {"expected_events": (a + c) * share, "reference_expected_events": (a + c) * (1 - share)}
    return make_row(group, round(t1), a, rate=a / t1, reference_rate=c / t0, **result, **base, **expected)


def poisson_rate_test(
    counts: pd.DataFrame, events: str, *, reference: str = DEFAULT_REFERENCE
) -> list[dict[str, Any]]:
    """Compare each group's ``events`` per passage with the reference group's."""
    require_columns(counts, ("group", "passages", events), "traffic counts")
    counts = counts.dropna(subset=["passages", events])
    require_counts(counts, events, None, "traffic counts")
    require_counts(counts, "passages", None, "traffic counts")
    totals = group_totals(counts, ["passages", events])
    t0 = float(totals.loc[reference, "passages"]) if reference in totals.index else 0.0
    c = round(totals.loc[reference, events]) if t0 else 0
    strata = None
    if "stratum" in counts.columns:
        strata = (stratum_table(counts, events), stratum_table(counts, "passages"))
    rows = []
    for group in (g for g in totals.index if g != reference):
        a, t1 = round(totals.loc[group, events]), float(totals.loc[group, "passages"])
        if t0 == 0:
            row = make_row(group, round(t1), a, reference_n=0, reference_events=0)
            suppress(row, f"no traffic counted for the reference group {reference}")
        else:
            row = _group_row(group, a, t1, c, t0)
        if strata is not None and not row["suppressed"]:
            ev, pas = strata
            add_adjusted(row, stratified_rates(
                ev.loc[group].to_numpy(), pas.loc[group].to_numpy(),
                ev.loc[reference].to_numpy(), pas.loc[reference].to_numpy(),
            ))
        rows.append(row)
    return rows


def stop_rate_vs_traffic(counts: pd.DataFrame, *, reference: str = DEFAULT_REFERENCE) -> list[dict[str, Any]]:
    """Stops per passage by group vs the reference (n = passages, events = stops; burden)."""
    return poisson_rate_test(counts, "stops", reference=reference)


def system_hit_rate_vs_traffic(counts: pd.DataFrame, *, reference: str = DEFAULT_REFERENCE) -> list[dict[str, Any]]:
    """Algorithm audit: system hits per passage (traffic CSV ``hits``) vs the reference (burden).

    Report test name ``system_hit_rate_vs_traffic``; n = passages, events = hits.
    """
    return poisson_rate_test(counts, "hits", reference=reference)
