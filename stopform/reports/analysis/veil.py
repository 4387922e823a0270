"""Veil of darkness (Grogger & Ridgeway 2006; Stanford Open Policing procedure).

Per non-reference group: within the inter-twilight window (see :mod:`.twilight`),
a binomial GLM of (group, reference) stop counts per (is_dark, 5-minute clock
bin, area) on ``is_dark + cr(clock time, df) + C(area)``. The spline uses
``df = 6`` and falls back to 4, 3, then a straight line when the data are thin.

Orientation: ``ratio = exp(-beta)``, beta being the is_dark coefficient. A ratio
above 1 means the group makes up relatively more of the stops in daylight, when
officers can see who is driving: the burden direction, flagged like other
burden ratios. ``rate`` is the group's share of daylight stops, ``reference_rate``
its share of after-dusk stops (both within the window); n = group + reference
stops in the window, events = the group's.

The test uses officer-initiated stops; the same model on hit-triggered stops is
a placebo (cameras read plates in the dark, so expect a ratio near 1) reported
beside it as ``placebo_*`` keys, never flagged itself.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import patsy
import statsmodels.api as sm
from scipy.stats import norm
from statsmodels.tools.sm_exceptions import ModelWarning

from ._frames import require_columns
from .catalogue import DEFAULT_REFERENCE
from .rows import make_row, suppress
from .twilight import classify_twilight

BIN_MINUTES = 5
# Fewer stops than this in daylight or darkness, for the group or the reference: no model.
MIN_CELL_STOPS = 10
SPLINE_FORMULAS = (
    "is_dark + cr(hour, df=6, constraints='center') + C(area)",
    "is_dark + cr(hour, df=4, constraints='center') + C(area)",
    "is_dark + cr(hour, df=3, constraints='center') + C(area)",
    "is_dark + hour + C(area)",
)
PLACEBO_KEYS = ("placebo_ratio", "placebo_ci_low", "placebo_ci_high", "placebo_p_value")


def binned_stops(frame: pd.DataFrame) -> pd.Series:
    """Stops per (is_dark, clock bin, area, group) of classified stops (see :func:`bin_counts`)."""
    hour = (frame["minute"] // BIN_MINUTES * BIN_MINUTES + BIN_MINUTES / 2) / 60
    data = frame[["is_dark", "area", "group"]].assign(hour=hour)
    return data.groupby(["is_dark", "hour", "area", "group"], sort=True).size()


def bin_table(binned: pd.Series) -> pd.DataFrame:
    """:func:`binned_stops` as a table: a row per (is_dark, clock bin, area), sorted, and a
    column of stops per group (0 where none)."""
    return binned.unstack("group", fill_value=0)


def _column(table: pd.DataFrame, group: str) -> np.ndarray:
    if group in table.columns:
        return table[group].to_numpy(dtype=np.int64)
    return np.zeros(len(table), dtype=np.int64)


def _cells(table: pd.DataFrame, group: str, reference: str) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """The (is_dark, clock bin, area) rows with stops of either group, and the group's and both
    groups' stops in each."""
    own, other = _column(table, group), _column(table, reference)
    present = (own > 0) | (other > 0)
    return table.index[present], own[present], (own + other)[present]


def bin_counts(frame: pd.DataFrame, group: str, reference: str, binned: pd.Series | None = None) -> pd.DataFrame:
    """Group and reference stop counts per (is_dark, clock bin, area) with stops of either.

    ``binned`` (``binned_stops(frame)``) saves counting the frame again for every group.
    """
    return _cell_frame(*_cells(bin_table(binned_stops(frame) if binned is None else binned), group, reference))


def _cell_frame(index: pd.Index, group: np.ndarray, total: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"group": group, "total": total}, index=index).reset_index()


def _thin_reason(dark: np.ndarray, group: np.ndarray, total: np.ndarray, reference: str) -> str | None:
    counts = {"group": [group[dark == d].sum() for d in (0, 1)],
              "reference": [(total - group)[dark == d].sum() for d in (0, 1)]}
    for who, column in (("this group", "group"), (f"the reference group {reference}", "reference")):
        for is_dark, when in ((0, "daylight"), (1, "darkness")):
            if counts[column][is_dark] < MIN_CELL_STOPS:
                return f"fewer than {MIN_CELL_STOPS} stops of {who} in {when} within the twilight window"
    return None


def _fit(cells: pd.DataFrame, formula: str) -> tuple[float, float, float] | None:
    """beta, SE and p of is_dark, or None if this specification cannot be fitted cleanly."""
    with warnings.catch_warnings():
        # A convergence, separation or overflow warning means this specification failed.
        warnings.simplefilter("error", ModelWarning)
        warnings.simplefilter("error", RuntimeWarning)
        try:
            design = patsy.dmatrix(formula, cells, return_type="dataframe")
            if np.linalg.matrix_rank(design.to_numpy()) < design.shape[1]:
                return None  # darkness not separable from clock time and area
            endog = np.column_stack([cells["group"], cells["total"] - cells["group"]])
            result = sm.GLM(endog, design, family=sm.families.Binomial()).fit()
            beta, se = float(result.params["is_dark"]), float(result.bse["is_dark"])
        except (ModelWarning, RuntimeWarning, ValueError, np.linalg.LinAlgError, patsy.PatsyError):
            return None
    if not (math.isfinite(beta) and math.isfinite(se) and se > 0):
        return None
    return beta, se, float(2 * norm.sf(abs(beta / se)))


def darkness_model(frame: pd.DataFrame, group: str, reference: str, binned: pd.Series | None = None) -> dict[str, Any]:
    """Fit the model for one group; returns estimates or a ``reason`` when it cannot
    (``binned``: see :func:`bin_counts`)."""
    return _model(bin_table(binned_stops(frame) if binned is None else binned), group, reference)


def _share(group: np.ndarray, total: np.ndarray) -> Any:
    return group.sum() / total.sum() if len(total) else None


def _model(table: pd.DataFrame, group: str, reference: str) -> dict[str, Any]:
    """:func:`darkness_model` from the stops per cell and group (:func:`bin_table`)."""
    index, own, total = _cells(table, group, reference)
    dark = index.get_level_values("is_dark").to_numpy()
    light = dark == 0
    summary: dict[str, Any] = {
        "n": int(total.sum()),
        "events": int(own.sum()),
        "light_share": _share(own[light], total[light]),
        "dark_share": _share(own[dark == 1], total[dark == 1]),
        "n_light": int(total[light].sum()),
        "n_dark": int(total[dark == 1].sum()),
    }
    reason = _thin_reason(dark, own, total, reference)
    cells = None if reason else _cell_frame(index, own, total)
    for formula in () if cells is None else SPLINE_FORMULAS:
        fitted = _fit(cells, formula)
        if fitted is not None:
            beta, se, p_value = fitted
            return summary | {"beta": beta, "se": se, "p_value": p_value, "model": formula}
    return summary | {"reason": reason or "the model could not be fitted on these data"}


def _interval(beta: float, se: float) -> tuple[float, float, float]:
    half = float(norm.ppf(0.975)) * se
    return math.exp(-beta), math.exp(-beta - half), math.exp(-beta + half)


def _row(group: str, main: dict[str, Any], placebo: dict[str, Any]) -> dict[str, Any]:
    extra = {k: main[k] for k in ("n_light", "n_dark")}
    extra |= {"placebo_n": placebo["n"], "placebo_events": placebo["events"]}
    if "beta" in placebo:
        ratio, low, high = _interval(placebo["beta"], placebo["se"])
        extra |= dict(zip(PLACEBO_KEYS, (ratio, low, high, placebo["p_value"]), strict=True))
    else:
        extra |= dict.fromkeys(PLACEBO_KEYS) | {"placebo_note": placebo["reason"]}
    row = make_row(group, main["n"], main["events"], rate=main["light_share"],
                   reference_rate=main["dark_share"], **extra)
    if "beta" not in main:
        suppress(row, main["reason"])
        return row
    ratio, low, high = _interval(main["beta"], main["se"])
    row.update(ratio=ratio, ci_low=low, ci_high=high, p_value=main["p_value"],
               beta=main["beta"], se=main["se"], model=main["model"])
    return row


def veil_of_darkness(
    stops: pd.DataFrame,
    areas: pd.DataFrame,
    *,
    reference: str = DEFAULT_REFERENCE,
    dates: tuple[dt.date, dt.date] | None = None,
    groups: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Veil-of-darkness rows, one per non-reference group (use a 12-month window).

    ``stops``: row level, with ``occurred_at`` (tz-aware UTC), ``area``, ``group``,
    ``triggered_by_hit``. ``areas``: ``code``, ``latitude``, ``longitude``. Thin
    data never raise: such rows come back ``suppressed`` with a reason.

    ``stops`` may hold only the stops that can fall in the inter-twilight window
    (those near dusk), if ``dates`` (first and last local date of all the
    period's stops) and ``groups`` (every group among them) describe the whole:
    the window and the rows are then the same as from all the stops.
    """
    require_columns(stops, ("occurred_at", "area", "group", "triggered_by_hit"), "veil of darkness")
    data = stops.assign(group=stops["group"].astype(str))
    listed = set(data["group"].unique()) if groups is None else {str(group) for group in groups}
    window = classify_twilight(data, areas, dates)
    triggered = window["triggered_by_hit"].astype("boolean").fillna(False).astype(bool)
    officer, hit = window[~triggered], window[triggered]
    tables = bin_table(binned_stops(officer)), bin_table(binned_stops(hit))
    return [_row(g, _model(tables[0], g, reference), _model(tables[1], g, reference))
            for g in sorted(listed - {reference})]
