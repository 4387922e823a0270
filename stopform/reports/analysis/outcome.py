"""The outcome test's per-area view: hit rates averaged over areas (Pierson et al. 2020).

Pooling searches over areas lets an area with many searches of one group and a low hit rate
(an airport, a border site) set that group's rate. Pierson et al. ("A large-scale analysis of
racial disparities in police stops across the United States", Nature Human Behaviour 2020)
compute each group's hit rate per area, then the unweighted mean over the areas, with
SE = sqrt(sum_i h_i (1 - h_i) / n_i) / m over the m areas. Here only areas where both the
group and the reference had searches count, so both means cover the same places.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

Z95 = float(norm.ppf(0.975))


def _mean_and_se(hits: np.ndarray, searches: np.ndarray) -> tuple[float, float]:
    rates = hits / searches
    return float(rates.mean()), math.sqrt(float((rates * (1 - rates) / searches).sum())) / len(rates)


def per_area_rates(counts: pd.DataFrame, group: str, reference: str) -> dict[str, Any]:
    """Per-area averaged hit rates of ``group`` and ``reference`` and their difference with a
    95% interval, from a count frame whose ``stratum`` starts with the area (``AREA|...``)."""
    area = counts["stratum"].astype(str).str.split("|", n=1).str[0]
    sums = counts.assign(area=area).groupby(["group", "area"])[["n", "events"]].sum()
    if group not in sums.index.get_level_values(0) or reference not in sums.index.get_level_values(0):
        return {}
    both = sums.loc[group].join(sums.loc[reference], suffixes=("_g", "_r"), how="inner")
    both = both[(both["n_g"] > 0) & (both["n_r"] > 0)]
    if both.empty:
        return {}
    rate, se = _mean_and_se(both["events_g"].to_numpy(float), both["n_g"].to_numpy(float))
    ref_rate, ref_se = _mean_and_se(both["events_r"].to_numpy(float), both["n_r"].to_numpy(float))
    half = Z95 * math.hypot(se, ref_se)
    return {"per_area_rate": rate, "per_area_reference_rate": ref_rate, "per_area_difference": rate - ref_rate,
            "per_area_ci_low": rate - ref_rate - half, "per_area_ci_high": rate - ref_rate + half,
            "per_area_areas": len(both)}
