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


def area_tables(counts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Searches (``n``) and hits (``events``) per group (rows) and area (columns, sorted; 0 where
    none) of a count frame whose ``stratum`` starts with the area (``AREA|...``)."""
    area = counts["stratum"].astype(str).str.split("|", n=1).str[0]
    sums = counts.assign(area=area).groupby(["group", "area"])[["n", "events"]].sum()
    return sums["n"].unstack("area", fill_value=0), sums["events"].unstack("area", fill_value=0)


def per_area_rates(counts: pd.DataFrame, group: str, reference: str,
                   tables: tuple[pd.DataFrame, pd.DataFrame] | None = None) -> dict[str, Any]:
    """Per-area averaged hit rates of ``group`` and ``reference`` and their difference with a
    95% interval, over the areas where both had searches, from a count frame whose ``stratum``
    starts with the area (``AREA|...``); ``tables`` (its :func:`area_tables`) saves grouping
    the frame again for every group."""
    n, events = area_tables(counts) if tables is None else tables
    if group not in n.index or reference not in n.index:
        return {}
    searches, hits = n.to_numpy(), events.to_numpy()
    mine, theirs = n.index.get_loc(group), n.index.get_loc(reference)
    both = (searches[mine] > 0) & (searches[theirs] > 0)
    if not both.any():
        return {}
    rate, se = _mean_and_se(hits[mine][both].astype(float), searches[mine][both].astype(float))
    ref_rate, ref_se = _mean_and_se(hits[theirs][both].astype(float), searches[theirs][both].astype(float))
    half = Z95 * math.hypot(se, ref_se)
    return {"per_area_rate": rate, "per_area_reference_rate": ref_rate, "per_area_difference": rate - ref_rate,
            "per_area_ci_low": rate - ref_rate - half, "per_area_ci_high": rate - ref_rate + half,
            "per_area_areas": int(both.sum())}
