"""Officer internal benchmark per group and measure (after Ridgeway & MacDonald 2009).

Input: counts per officer x cell x group: ``officer_ref``, ``area``, ``time_band``, ``reason``,
``group``, ``n`` (stops), ``searched`` and ``extra`` (stops with a search / an action beyond
the legal basis). A cell is area x time band x reason: the officer's stops are compared with
the stops *peers* (every other officer) made in the same cells, so an officer working where a
group drives more is compared with colleagues working there too. The weighting is exact
stratification: a peer's stop in cell x counts n_i(x) / n_peers(x) (the propensity weight
e/(1-e) of a cell-based propensity), which needs no model and no prior.

Measures, each per group g other than the reference:

* ``stop_share``: O = the officer's stops of g; E = sum over cells of the officer's stops
  times peers' share of g in the cell;
* ``search_rate`` / ``extra_actions_rate``: O = the officer's searches (extra actions) of
  g-plated stops; E = sum over cells of the officer's g stops times peers' search rate for g
  stops in the cell (a group-specific post-stop comparison: an officer who searches
  everybody more shows in every group, which ``reference_group_ratio`` shows beside it).

z = (O - E) / sqrt(V), V = sum n p (1 - p) (1 + n / n_peers) (the officer's binomial variance
plus the benchmark's); only cells with peer stops count. The p-value is the larger of the
z-test's and the exact Poisson test's (mean E), as counts of ten or twenty are skewed. Rows
below the minimum (officer < 50 stops, or < 5 events expected) are suppressed. Local fdr (Efron 2004) over each block's
officers; the flag rule then asks for a BH-significant p within the officer family *and* local
fdr < 0.2 *and* a ratio above 1.25.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm, poisson

from ._frames import require_columns
from .fdr import local_fdr_values
from .rows import make_row, suppress

OFFICER_MIN_STOPS = 50
# Lower than the report's 10: the exact Poisson p (below) is valid at a few expected events, and
# at 10 an officer's search rate for any foreign plate country could never be tested at ~3,000
# stops a month (an officer stops ~100 DE-plated vehicles a year, 8 % searched).
MIN_EXPECTED = 5
MEASURES = {"stop_share": None, "search_rate": "searched", "extra_actions_rate": "extra"}
Z95 = float(norm.ppf(0.975))
COLUMNS = ("officer_ref", "area", "time_band", "reason", "group", "n", "searched", "extra")


def _scores(per: pd.DataFrame) -> pd.DataFrame:
    """Per officer: O, E, V, z from per officer x cell rows with ``n`` (trials) and ``y`` (events)."""
    cells = per.groupby("cell")[["n", "y"]].transform("sum")
    peer_n, peer_y = cells["n"] - per["n"], cells["y"] - per["y"]
    supported = peer_n > 0
    p = np.where(supported, peer_y / peer_n.clip(lower=1), 0.0)
    out = pd.DataFrame({
        "officer": per["officer"], "observed": np.where(supported, per["y"], 0),
        "expected": np.where(supported, per["n"] * p, 0.0),
        "variance": np.where(supported, per["n"] * p * (1 - p) * (1 + per["n"] / peer_n.clip(lower=1)), 0.0),
    }).groupby("officer", observed=True).sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["z"] = (out["observed"] - out["expected"]) / np.sqrt(out["variance"])
    return out


def _rows(scores: pd.DataFrame, totals: pd.Series, reference_ratio: pd.Series | None) -> list[dict[str, Any]]:
    listed = scores[totals.reindex(scores.index, fill_value=0) >= OFFICER_MIN_STOPS].sort_index()
    finite = np.isfinite(listed["z"].to_numpy())
    fdr = np.full(len(listed), np.nan)
    fdr[finite] = local_fdr_values(listed["z"].to_numpy()[finite])
    p_values = _p_values(listed["observed"].to_numpy(), listed["expected"].to_numpy(), listed["z"].to_numpy())
    rows = []
    for officer, o, e, v, z, p, local in zip(listed.index, listed["observed"], listed["expected"], listed["variance"],
                                            listed["z"], p_values, fdr, strict=True):
        half = Z95 * np.sqrt(v)
        values: dict[str, Any] = {"n_total": int(totals[officer]), "z": z, "local_fdr": local,
                                  "expected_events": e}
        if e > 0:
            values |= {"ratio": o / e, "ci_low": max(o - half, 0.0) / e, "ci_high": (o + half) / e}
        if np.isfinite(z):
            values["p_value"] = p
        if reference_ratio is not None and officer in reference_ratio.index:
            values["reference_group_ratio"] = reference_ratio[officer]
        row = make_row(str(officer), int(totals[officer]), int(o), **values)
        if e < MIN_EXPECTED:
            suppress(row, f"fewer than {MIN_EXPECTED} events expected for this officer", ("z", "local_fdr"))
        rows.append(row)
    return rows


def _p_values(observed: np.ndarray, expected: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Two-sided p: the larger of the normal one and the exact Poisson one with mean E.

    At ten or twenty expected events the normal upper tail is too light (P(O >= 20 | E = 10)
    is 0.0035, the z-test says 0.0008), and the officer family is hundreds of tests; the
    Poisson tail ignores the benchmark's own variance, which the z keeps.
    """
    with np.errstate(invalid="ignore"):
        normal = 2 * norm.sf(np.abs(z))
        exact = 2 * np.minimum(poisson.sf(observed - 1, expected), poisson.cdf(observed, expected))
    return np.minimum(1.0, np.fmax(normal, exact))


def _per_cell(officers: pd.Series, cells: pd.Series, trials: pd.Series, events: pd.Series) -> pd.DataFrame:
    data = pd.DataFrame({"officer": officers, "cell": cells, "n": trials.astype("int64"), "y": events.astype("int64")})
    return data.groupby(["officer", "cell"], sort=True)[["n", "y"]].sum().reset_index()


def _ratio(scores: pd.DataFrame) -> pd.Series:
    return scores["observed"] / scores["expected"].where(scores["expected"] > 0)


def _coded(counts: pd.DataFrame) -> tuple[pd.DataFrame, pd.Index, pd.Index]:
    """The counts with officers, cells and groups as integer codes in the sort order of their
    names (grouping and comparing strings took most of the benchmark's time), and the names of
    the officers and groups by code."""
    officer_codes, officers = pd.factorize(counts["officer_ref"].astype(str), sort=True)
    cells = counts["area"].astype(str) + "|" + counts["time_band"].astype(str) + "|" + counts["reason"].astype(str)
    cell_codes, _ = pd.factorize(cells, sort=True)
    group_codes, groups = pd.factorize(counts["group"].astype(str), sort=True)
    frame = pd.DataFrame({"officer": officer_codes, "cell": cell_codes, "group": group_codes,
                          **{name: counts[name].to_numpy() for name in ("n", "searched", "extra")}})
    return frame, pd.Index(officers), pd.Index(groups)


def _named(scores: pd.DataFrame, officers: pd.Index) -> pd.DataFrame:
    return scores.set_axis(officers[scores.index.to_numpy()])


def officer_group_blocks(counts: pd.DataFrame, *, reference: str) -> list[dict[str, Any]]:
    """(measure, studied group, rows) per block, before the flag rule (see the module docstring)."""
    require_columns(counts, COLUMNS, "officer benchmark")
    frame, officers, names = _coded(counts)
    totals = frame.groupby("officer")["n"].sum().set_axis(officers)
    codes = {str(name): code for code, name in enumerate(names)}
    groups = sorted(set(codes) - {reference})
    # Stops per officer x cell, and of each group: one grouping for every stop-share block.
    stops = frame.groupby(["officer", "cell", "group"], sort=True)["n"].sum().unstack("group", fill_value=0)
    stop_cells = stops.index.to_frame(index=False)
    blocks = []
    for measure, column in MEASURES.items():
        reference_ratio = None
        if column is not None:
            mine = frame[frame["group"] == codes.get(reference, -1)]
            scores = _scores(_per_cell(mine["officer"], mine["cell"], mine["n"], mine[column]))
            reference_ratio = _ratio(_named(scores, officers))
        for group in groups:
            if column is None:
                per = stop_cells.assign(n=stops.sum(axis=1).to_numpy(), y=stops[codes[group]].to_numpy())
            else:
                mine = frame[frame["group"] == codes[group]]
                per = _per_cell(mine["officer"], mine["cell"], mine["n"], mine[column])
            blocks.append({"measure": measure, "studied_group": group,
                           "rows": _rows(_named(_scores(per), officers), totals, reference_ratio)})
    return blocks
