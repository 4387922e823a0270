"""Officer internal benchmarking (after Ridgeway & MacDonald), as a review list: one studied group.

The report itself now uses :mod:`.officer_groups` (per plate country and measure); this
single-group form remains for ``DimensionInputs.officer_stops`` / ``officer_counts``.

For each officer with enough stops, the officer's share of stops of the studied
group is compared with colleagues' stops in the same cells x = (area, time band,
reason). Propensity is cell-based (exact strata, no model): e(x) = the share of
cell x's stops made by the officer, so the weight e/(1 - e) on a colleague's stop
in x is n_i(x) / n_other(x), and the weighted group share among colleagues'
stops is the benchmark sum_x n_i(x) p(x) / N_i, p(x) being colleagues' group share
in x. Cells with no colleague stop have no comparison and are left out.

p(x) is the colleagues' share alone (no prior: a pseudo-stop at the overall
share pulled benchmarks towards the unit's mix). z = (O - E) / sqrt(V) with O the officer's group stops,
E = sum n_i p, V = sum n_i p (1 - p) (1 + n_i / n_other) (the officer's binomial
variance plus that of the benchmark). Then local fdr over all listed officers'
z (see :mod:`.fdr`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

from ._frames import require_columns
from .catalogue import DEFAULT_REFERENCE
from .fdr import local_fdr_values
from .rows import make_row
from .twilight import LOCAL_TZ

OFFICER_MIN_STOPS = 50
BAND_HOURS = 4


def time_band(occurred_at: pd.Series) -> pd.Series:
    """Local 4-hour band and day type, e.g. ``'weekday 16-20'``."""
    local = pd.to_datetime(occurred_at, utc=True).dt.tz_convert(LOCAL_TZ)
    start = local.dt.hour // BAND_HOURS * BAND_HOURS
    day = np.where(local.dt.day_of_week >= 5, "weekend", "weekday")
    return pd.Series(day, index=occurred_at.index) + " " + start.astype(str) + "-" + (start + BAND_HOURS).astype(str)


def group_indicator(group: pd.Series, reference: str, studied_group: str | None) -> pd.Series:
    """1 for a stop of the studied group, else 0.

    A boolean or 0/1 ``group`` column is used as it is. Strings: the studied group
    if given, otherwise every group but the reference.
    """
    if pd.api.types.is_bool_dtype(group) or pd.api.types.is_numeric_dtype(group):
        values = group.astype("int64")
        if not values.isin([0, 1]).all():
            raise ValueError("officer benchmark: a numeric group column must be 0/1")
        return values
    labels = group.astype(str)
    return (labels == studied_group if studied_group else labels != reference).astype("int64")


def officer_scores(officer: pd.Series, cell: pd.Series, is_group: pd.Series) -> pd.DataFrame:
    """Per officer: stops, supported stops, O, E, V and z (cell-based benchmark), from row-level stops."""
    data = pd.DataFrame({"officer": officer.astype(str), "cell": cell, "y": is_group})
    return cell_scores(data.groupby(["officer", "cell"])["y"].agg(n="size", g="sum").reset_index())


def cell_scores(per: pd.DataFrame) -> pd.DataFrame:
    """Per officer: stops, supported stops, O, E, V and z (cell-based benchmark), from counts
    per officer x cell: ``officer``, ``cell``, ``n`` stops, ``g`` of them of the studied group
    (one row per officer and cell, sorted by both)."""
    cells = per.groupby("cell")[["n", "g"]].sum().rename(columns={"n": "cell_n", "g": "cell_g"})
    per = per.join(cells, on="cell")
    per["other_n"] = per["cell_n"] - per["n"]
    supported = per["other_n"] > 0
    # Colleagues' share in the cell, no prior: a pseudo-stop at the overall share pulled every
    # officer's benchmark towards the unit's mix and so made z follow the officer's areas.
    p = np.where(supported, (per["cell_g"] - per["g"]) / per["other_n"].clip(lower=1), 0.0)
    per["expected"] = np.where(supported, per["n"] * p, 0.0)
    per["variance"] = np.where(supported, per["n"] * p * (1 - p) * (1 + per["n"] / per["other_n"].clip(lower=1)), 0.0)
    per["n_supported"] = np.where(supported, per["n"], 0)
    per["g_supported"] = np.where(supported, per["g"], 0)
    out = per.groupby("officer")[["n", "n_supported", "g_supported", "expected", "variance"]].sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["z"] = (out["g_supported"] - out["expected"]) / np.sqrt(out["variance"])
    return out


def _row(officer: str, s: pd.Series, fdr: float, studied: str | None) -> dict[str, Any]:
    n, g, e, v = int(s["n_supported"]), int(s["g_supported"]), s["expected"], s["variance"]
    half = norm.ppf(0.975) * np.sqrt(v)
    values: dict[str, Any] = {"n_total": int(s["n"]), "z": s["z"], "local_fdr": fdr, "studied_group": studied}
    if n and e > 0:
        values |= {"rate": g / n, "reference_rate": e / n, "ratio": g / e,
                   "ci_low": max(g - half, 0.0) / e, "ci_high": (g + half) / e}
    if np.isfinite(s["z"]):
        values["p_value"] = 2 * norm.sf(abs(s["z"]))
    return make_row(officer, n, g, **values)


def officer_benchmark(
    stops: pd.DataFrame,
    *,
    reference: str = DEFAULT_REFERENCE,
    studied_group: str | None = None,
    min_stops: int = OFFICER_MIN_STOPS,
) -> list[dict[str, Any]]:
    """Review list: one row per officer with at least ``min_stops`` stops (rolling 12 months).

    ``stops`` has ``officer_ref``, ``area``, ``reason``, ``group`` and ``time_band``
    (or ``occurred_at`` to derive it). Row ``group`` is the officer_ref; n = the
    officer's stops with a colleague comparison (``n_total`` = all), events = the
    officer's stops of the studied group, ``reference_rate`` = the benchmark share,
    plus ``z`` and ``local_fdr``. Every officer's stops also serve as colleagues'
    comparison stops.
    """
    require_columns(stops, ("officer_ref", "area", "reason", "group"), "officer benchmark")
    band = stops["time_band"] if "time_band" in stops.columns else time_band(stops["occurred_at"])
    is_group = group_indicator(stops["group"], reference, studied_group)
    scores = officer_scores(stops["officer_ref"], _cells(stops["area"], band, stops["reason"]), is_group)
    return _review_list(scores, studied_group, min_stops)


def officer_benchmark_counts(
    counts: pd.DataFrame,
    *,
    studied_group: str | None = None,
    min_stops: int = OFFICER_MIN_STOPS,
) -> list[dict[str, Any]]:
    """The review list of :func:`officer_benchmark` from stops counted per officer and cell.

    ``counts`` has ``officer_ref``, ``area``, ``time_band``, ``reason``, ``n`` (stops)
    and ``events`` (of them, stops of the studied group: ``studied_group``, or every
    group but the reference when None). Same rows as from the stops themselves.
    """
    require_columns(counts, ("officer_ref", "area", "time_band", "reason", "n", "events"), "officer benchmark")
    per = pd.DataFrame({"officer": counts["officer_ref"].astype(str),
                        "cell": _cells(counts["area"], counts["time_band"], counts["reason"]),
                        "n": counts["n"].astype("int64"), "g": counts["events"].astype("int64")})
    per = per.groupby(["officer", "cell"])[["n", "g"]].sum().reset_index()
    return _review_list(cell_scores(per), studied_group, min_stops)


def _cells(area: pd.Series, band: pd.Series, reason: pd.Series) -> pd.Series:
    return area.astype(str) + "|" + band.astype(str) + "|" + reason.astype(str)


def _review_list(scores: pd.DataFrame, studied_group: str | None, min_stops: int) -> list[dict[str, Any]]:
    listed = scores[scores["n"] >= min_stops].sort_index()
    finite = np.isfinite(listed["z"].to_numpy())
    fdr = np.full(len(listed), np.nan)
    fdr[finite] = local_fdr_values(listed["z"].to_numpy()[finite])
    return [_row(str(o), s, f, studied_group) for (o, s), f in zip(listed.iterrows(), fdr, strict=True)]
