"""Comparisons within strata (area x time band x day type, and month when months are pooled).

A group's rate is compared with the reference group's *inside* each stratum and the strata
are then pooled, so that a place (or hour) where everybody is stopped or searched more cannot
pass for a difference between groups (Simpson's paradox).

* Proportions (events of n per stratum): Mantel–Haenszel risk ratio (Mantel & Haenszel 1959)
  with the Greenland–Robins (1985) variance; the test is the exact conditional test of no
  difference in any stratum (the stratified generalisation of Fisher's exact test: the sum over
  strata of the group's events, each hypergeometric given the stratum's margins), or its normal
  approximation, the Cochran–Mantel–Haenszel statistic, when the counts are large.
* Rates per exposure (stops per camera passage): Mantel–Haenszel rate ratio (person-time form,
  Greenland & Robins 1985); the test conditions on each stratum's events, so the group's share is
  binomial with p = the group's share of the stratum's exposure (Breslow & Day 1987, ch. 2).

The exact distribution is the convolution of the strata's conditional distributions, computed
while its support stays below ``EXACT_SUPPORT``; beyond that the expected counts are large and
the normal approximation is accurate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln
from scipy.stats import norm

CONFIDENCE = 0.95
# Largest total support of the exact convolution; above it the normal approximation is used.
EXACT_SUPPORT = 6000
Z = float(norm.ppf(0.5 + CONFIDENCE / 2))
# Trim each binomial stratum to its mean +- this many SD (the mass outside is below 1e-20).
TRIM_SD = 10
_TIES = 1e-7


@dataclass(frozen=True)
class Stratified:
    """A stratified comparison: MH ratio and interval, p of no difference, expected events."""

    ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    expected: float
    reference_expected: float
    method: str


def _two_sided(values: np.ndarray, pmf: np.ndarray, observed: int) -> float:
    """P(a table no likelier than the observed one), as Fisher's two-sided test counts it."""
    at = np.searchsorted(values, observed)
    if at >= len(values) or values[at] != observed:
        return 0.0
    return float(min(1.0, pmf[pmf <= pmf[at] * (1 + _TIES)].sum()))


def _log_choose(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)


def _supports(lows: np.ndarray, highs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every stratum's support values, flattened, and each value's stratum index."""
    lengths = highs - lows + 1
    stratum = np.repeat(np.arange(len(lows)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return lows[stratum] + offsets, stratum


def _convolve(lows: np.ndarray, highs: np.ndarray, log_pmf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distribution of the sum of independent strata, each a pmf on [low, high] (flattened)."""
    lengths = highs - lows + 1
    pmf_all = np.exp(log_pmf)
    start, pmf, at = int(lows.sum()), np.ones(1), 0
    for length in lengths:
        if length > 1:  # a one-value stratum only shifts the sum
            pmf = np.convolve(pmf, pmf_all[at:at + length])
        at += length
    return np.arange(start, start + len(pmf)), pmf


def _normal_p(observed: float, expected: float, variance: float) -> float:
    if variance <= 0:
        return 1.0
    return float(2 * norm.sf(abs(observed - expected) / math.sqrt(variance)))


def _greenland_robins(numerator: float, denominator: float, variance_sum: float) -> tuple[float, float, float]:
    if numerator == 0 or denominator == 0:
        ratio = math.nan if numerator == denominator == 0 else (0.0 if numerator == 0 else math.inf)
        return ratio, 0.0, math.inf
    log_rr = math.log(numerator / denominator)
    half = Z * math.sqrt(max(variance_sum, 0.0) / (numerator * denominator))
    return math.exp(log_rr), math.exp(log_rr - half), math.exp(log_rr + half)


def mh_risk_ratio(a: np.ndarray, n1: np.ndarray, c: np.ndarray, n0: np.ndarray) -> tuple[float, float, float]:
    """MH risk ratio with the Greenland–Robins 95% interval; strata lacking either side are dropped."""
    keep = (n1 > 0) & (n0 > 0)
    a, n1, c, n0 = (np.asarray(x, dtype=float)[keep] for x in (a, n1, c, n0))
    total = n1 + n0
    numerator, denominator = float((a * n0 / total).sum()), float((c * n1 / total).sum())
    variance = float(((a + c) * n1 * n0 / total**2 - a * c / total).sum())
    return _greenland_robins(numerator, denominator, variance)


def mh_rate_ratio(a: np.ndarray, t1: np.ndarray, c: np.ndarray, t0: np.ndarray) -> tuple[float, float, float]:
    """MH rate ratio over strata with the Greenland–Robins 95% interval (person-time form)."""
    keep = (t1 > 0) & (t0 > 0)
    a, t1, c, t0 = (np.asarray(x, dtype=float)[keep] for x in (a, t1, c, t0))
    total = t1 + t0
    numerator, denominator = float((a * t0 / total).sum()), float((c * t1 / total).sum())
    return _greenland_robins(numerator, denominator, float(((a + c) * t1 * t0 / total**2).sum()))


def stratified_proportions(a: np.ndarray, n1: np.ndarray, c: np.ndarray, n0: np.ndarray) -> Stratified:
    """Group (a of n1) against reference (c of n0) per stratum: MH ratio, exact/CMH p, expectations."""
    a, n1, c, n0 = (np.asarray(x, dtype=np.int64) for x in (a, n1, c, n0))
    both = (n1 > 0) & (n0 > 0)
    a, n1, c, n0 = a[both], n1[both], c[both], n0[both]
    m, total = a + c, n1 + n0
    expected = float((n1 * m / np.maximum(total, 1)).sum())
    reference_expected = float((n0 * m / np.maximum(total, 1)).sum())
    ratio, low, high = mh_risk_ratio(a, n1, c, n0)
    informative = (m > 0) & (m < total)
    a, n1, n0, m, total = a[informative], n1[informative], n0[informative], m[informative], total[informative]
    lows, highs = np.maximum(0, m - n0), np.minimum(m, n1)
    observed = int(a.sum())
    if len(a) == 0:
        p_value, method = 1.0, "mantel-haenszel"
    elif int((highs - lows + 1).sum()) <= EXACT_SUPPORT:
        x, k = _supports(lows, highs)
        log_pmf = _log_choose(n1[k], x) + _log_choose(n0[k], m[k] - x) - _log_choose(total[k], m[k])
        p_value = _two_sided(*_convolve(lows, highs, log_pmf), observed)
        method = "mantel-haenszel, exact conditional test"
    else:
        inner = (n1 * m / total).sum()
        variance = (n1 * n0 * m * (total - m) / (total.astype(float) ** 2 * (total - 1))).sum()
        p_value, method = _normal_p(observed, float(inner), float(variance)), "mantel-haenszel, CMH test"
    return Stratified(ratio, low, high, p_value, expected, reference_expected, method)


def stratified_rates(a: np.ndarray, t1: np.ndarray, c: np.ndarray, t0: np.ndarray) -> Stratified:
    """Group events a per exposure t1 against reference c per t0, per stratum (see module docstring)."""
    a, c = (np.rint(np.asarray(x, dtype=float)).astype(np.int64) for x in (a, c))
    t1, t0 = (np.asarray(x, dtype=float) for x in (t1, t0))
    both = (t1 > 0) & (t0 > 0)
    a, t1, c, t0 = a[both], t1[both], c[both], t0[both]
    m, share = a + c, t1 / (t1 + t0)
    expected, reference_expected = float((m * share).sum()), float((m * (1 - share)).sum())
    ratio, low, high = mh_rate_ratio(a, t1, c, t0)
    keep = m > 0
    a, m, share = a[keep], m[keep], share[keep]
    sd = np.sqrt(m * share * (1 - share))
    lows = np.maximum(0, np.floor(m * share - TRIM_SD * sd - 10)).astype(np.int64)
    highs = np.minimum(m, np.ceil(m * share + TRIM_SD * sd + 10)).astype(np.int64)
    observed = int(a.sum())
    if len(a) == 0:
        p_value, method = 1.0, "mantel-haenszel"
    elif int((highs - lows + 1).sum()) <= EXACT_SUPPORT:
        x, k = _supports(lows, highs)
        log_pmf = _log_choose(m[k], x) + x * np.log(share[k]) + (m[k] - x) * np.log1p(-share[k])
        p_value = _two_sided(*_convolve(lows, highs, log_pmf), observed)
        method = "mantel-haenszel, exact conditional test"
    else:
        variance = float((m * share * (1 - share)).sum())
        p_value, method = _normal_p(observed, float((m * share).sum()), variance), "mantel-haenszel, score test"
    return Stratified(ratio, low, high, p_value, expected, reference_expected, method)
