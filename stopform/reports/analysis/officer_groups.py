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

from ._frames import require_columns, sorted_codes
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
CELL_COLUMNS = ("area", "time_band", "reason")


def _cell_sums(cells: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """``values`` (integer counts) summed per cell code, as int64 (exact below 2**53)."""
    return np.bincount(cells, weights=values, minlength=size).astype(np.int64)


def _terms(per: dict[str, np.ndarray], n_cells: int) -> dict[str, np.ndarray]:
    """Each officer x cell row's observed, expected and variance terms, from rows (``officer``,
    ``cell``, ``n`` trials, ``y`` events) sorted by officer and cell; only cells with peer stops count."""
    n, y, cell = per["n"], per["y"], per["cell"]
    peer_n, peer_y = _cell_sums(cell, n, n_cells)[cell] - n, _cell_sums(cell, y, n_cells)[cell] - y
    supported = peer_n > 0
    p = np.where(supported, peer_y / peer_n.clip(min=1), 0.0)
    return {"officer": per["officer"], "observed": np.where(supported, y, 0),
            "expected": np.where(supported, n * p, 0.0),
            "variance": np.where(supported, n * p * (1 - p) * (1 + n / peer_n.clip(min=1)), 0.0)}


def _scores(pers: list[dict[str, np.ndarray]], n_cells: int, n_officers: int) -> list[dict[str, np.ndarray]]:
    """Per block of officer x cell rows: each officer's O, E, V and z (``officer``: the codes with rows).

    The blocks are summed in one grouping keyed by block and officer: a grouping sums each
    group's rows apart and in their order, so every block gets the very floats a grouping of its
    own would give, for one call instead of one per block."""
    terms = [_terms(per, n_cells) for per in pers]
    block = np.repeat(np.arange(len(terms)), [len(t["officer"]) for t in terms])
    key = block * n_officers + np.concatenate([t["officer"] for t in terms]).astype(np.int64)
    columns = {name: np.concatenate([t[name] for t in terms]) for name in ("observed", "expected", "variance")}
    sums = pd.DataFrame(columns).groupby(key, sort=True).sum()
    labels = sums.index.to_numpy()
    out = {"officer": labels % n_officers, **{name: sums[name].to_numpy() for name in columns}}
    with np.errstate(divide="ignore", invalid="ignore"):
        out["z"] = (out["observed"] - out["expected"]) / np.sqrt(out["variance"])
    bounds = np.searchsorted(labels // n_officers, np.arange(len(terms) + 1))
    return [{name: values[start:end] for name, values in out.items()}
            for start, end in zip(bounds[:-1], bounds[1:], strict=True)]


def _rows(scores: dict[str, np.ndarray], officers: list[str], totals: np.ndarray,
          reference_ratio: dict[int, float] | None) -> list[dict[str, Any]]:
    """The block's rows: officers with at least OFFICER_MIN_STOPS stops, in name order."""
    listed = totals[scores["officer"]] >= OFFICER_MIN_STOPS
    code, observed, expected, variance, z = (scores[k][listed] for k in ("officer", "observed", "expected",
                                                                         "variance", "z"))
    finite = np.isfinite(z)
    fdr = np.full(len(z), np.nan)
    fdr[finite] = local_fdr_values(z[finite])
    p_values = _p_values(observed, expected, z)
    rows = []
    for officer, o, e, v, zed, p, local in zip(code.tolist(), observed.tolist(), expected.tolist(), variance.tolist(),
                                              z.tolist(), p_values.tolist(), fdr.tolist(), strict=True):
        half = Z95 * np.sqrt(v)
        total = int(totals[officer])
        values: dict[str, Any] = {"n_total": total, "z": zed, "local_fdr": local, "expected_events": e}
        if e > 0:
            values |= {"ratio": o / e, "ci_low": max(o - half, 0.0) / e, "ci_high": (o + half) / e}
        if np.isfinite(zed):
            values["p_value"] = p
        if reference_ratio is not None and officer in reference_ratio:
            values["reference_group_ratio"] = reference_ratio[officer]
        row = make_row(officers[officer], total, int(o), **values)
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


def _unique(key: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(key, return_inverse=True)`` for keys in [0, size): by counting instead of
    sorting when the key space is not much larger than the keys."""
    if size > max(4 * len(key), 1 << 16):
        return np.unique(key, return_inverse=True)
    present = np.bincount(key, minlength=size) > 0
    return np.flatnonzero(present), (np.cumsum(present) - 1)[key]


def _cell_codes(counts: pd.DataFrame) -> np.ndarray:
    """Codes of the cells ``area|time_band|reason`` in the sort order of those labels, each
    distinct combination labelled once."""
    parts = [sorted_codes(counts[name]) for name in CELL_COLUMNS]
    key, size = np.zeros(len(counts), dtype=np.int64), 1
    for codes, names in parts:
        key, size = key * len(names) + codes, size * len(names)
    combos, inverse = _unique(key, size)
    labels, rest = None, combos
    for _, names in reversed(parts):
        rest, code = np.divmod(rest, len(names))
        labels = names[code] if labels is None else names[code] + "|" + labels
    return pd.factorize(labels, sort=True)[0][inverse] if len(combos) else inverse


def _coded(counts: pd.DataFrame) -> tuple[dict[str, np.ndarray], pd.Index, pd.Index]:
    """The counts as arrays, with officers, cells and groups as integer codes in the sort order
    of their names (grouping and comparing strings took most of the benchmark's time), and the
    names of the officers and groups by code."""
    officer_codes, officers = sorted_codes(counts["officer_ref"])
    group_codes, groups = sorted_codes(counts["group"])
    frame = {"officer": officer_codes, "cell": _cell_codes(counts), "group": group_codes,
             **{name: counts[name].to_numpy(dtype=np.int64) for name in ("n", "searched", "extra")}}
    return frame, officers, groups


def _pair_tables(frame: dict[str, np.ndarray], n_groups: int) -> dict[str, np.ndarray]:
    """Per officer x cell pair (sorted): its ``officer``, ``cell`` and ``stops``, and per group x
    pair the sums of ``n``, ``searched``, ``extra`` and the number of ``rows``."""
    n_cells = int(frame["cell"].max()) + 1 if len(frame["cell"]) else 1
    n_officers = int(frame["officer"].max()) + 1 if len(frame["officer"]) else 1
    pairs, pair = _unique(frame["officer"].astype(np.int64) * n_cells + frame["cell"], n_officers * n_cells)
    slot, size = frame["group"] * len(pairs) + pair, len(pairs) * n_groups  # a group's pairs side by side
    shape = (n_groups, len(pairs))
    tables = {"officer": pairs // n_cells, "cell": pairs % n_cells,
              "rows": np.bincount(slot, minlength=size).reshape(shape)}
    for name in ("n", "searched", "extra"):  # integer counts: exact in float64 below 2**53
        tables[name] = np.bincount(slot, weights=frame[name], minlength=size).astype(np.int64).reshape(shape)
    tables["stops"] = tables["n"].sum(axis=0)
    return tables


def _per(tables: dict[str, np.ndarray], group: int, column: str | None) -> dict[str, np.ndarray]:
    """The officer x cell rows of one block: for the stop share every pair (n = its stops, y =
    those of ``group``), else the pairs with stops of ``group`` (n = those, y = their ``column``)."""
    if column is None:
        return {"officer": tables["officer"], "cell": tables["cell"], "n": tables["stops"], "y": tables["n"][group]}
    if group < 0:  # a group without stops (the reference, when absent): no rows
        return dict.fromkeys(("officer", "cell", "n", "y"), np.zeros(0, dtype=np.int64))
    present = tables["rows"][group] > 0
    return {"officer": tables["officer"][present], "cell": tables["cell"][present],
            "n": tables["n"][group][present], "y": tables[column][group][present]}


def _ratios(scores: dict[str, np.ndarray]) -> dict[int, float]:
    """observed / expected per officer code (NaN where nothing is expected)."""
    expected = scores["expected"]
    ratio = scores["observed"] / np.where(expected > 0, expected, np.nan)
    return dict(zip(scores["officer"].tolist(), ratio, strict=True))


def officer_group_blocks(counts: pd.DataFrame, *, reference: str) -> list[dict[str, Any]]:
    """(measure, studied group, rows) per block, before the flag rule (see the module docstring)."""
    require_columns(counts, COLUMNS, "officer benchmark")
    missing = [name for name in ("officer_ref", *CELL_COLUMNS, "group") if counts[name].isna().any()]
    if missing:
        raise ValueError(f"officer benchmark: missing values in {', '.join(missing)}")
    frame, officers, names = _coded(counts)
    totals = np.bincount(frame["officer"], weights=frame["n"], minlength=len(officers)).astype(np.int64)
    codes = {str(name): code for code, name in enumerate(names)}
    groups = sorted(set(codes) - {reference})
    if not groups:
        return []
    tables = _pair_tables(frame, len(names))
    keys = [(measure, group) for measure in MEASURES for group in groups]
    pers = [_per(tables, codes[group], MEASURES[measure]) for measure, group in keys]
    references = [_per(tables, codes.get(reference, -1), column) for column in MEASURES.values() if column]
    n_cells = int(tables["cell"].max()) + 1 if len(tables["cell"]) else 1
    scores = _scores(pers + references, n_cells, len(officers))
    ratios = dict(zip([m for m, column in MEASURES.items() if column], map(_ratios, scores[len(pers):]), strict=True))
    names_by_code = [str(officer) for officer in officers]
    return [{"measure": measure, "studied_group": group,
             "rows": _rows(block, names_by_code, totals, ratios.get(measure))}
            for (measure, group), block in zip(keys, scores[:len(pers)], strict=True)]
