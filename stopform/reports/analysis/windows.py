"""Windows: each rate test on the report month and on the 3 and 12 months ending with it.

Count frames may carry a ``month`` column (``YYYY-MM``). A window of w months is *available*
when the data reach back to its first month. For every group the row shown and tested is the
one of the longest available window that passes the minimum counts (denominators and expected
events, :func:`.flags.below_minimum`), so a disparity too small to see in one month is tested
on a year of stops; the row names its window (``window``, in months) and lists every window's
adjusted ratio under ``windows``. Pooled months enter the strata: a stratum is area x time band
x day type x month, so a month with more stops or searches for everybody is not a difference
between groups either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from .flags import below_minimum

WINDOWS = (1, 3, 12)
Rows = list[dict[str, Any]]


def month_label(year: int, month: int) -> str:
    """``YYYY-MM``."""
    return f"{year:04d}-{month:02d}"


def months_ending(month: str, count: int) -> list[str]:
    """The ``count`` months ending with ``month`` (``YYYY-MM``), oldest first."""
    year, number = int(month[:4]), int(month[5:7])
    index = year * 12 + number - 1
    return [month_label(i // 12, i % 12 + 1) for i in range(index - count + 1, index + 1)]


def previous_month(month: str) -> str:
    """The month before ``month``."""
    return months_ending(month, 2)[0]


def window_frame(frame: pd.DataFrame, month: str, months: int, pooled: bool = False) -> pd.DataFrame:
    """The rows of ``frame`` in the ``months`` months ending with ``month``; with more than one
    month, the month joins the stratum unless ``pooled`` (months summed within strata). A frame
    without ``month`` holds the report month only."""
    if "month" not in frame.columns:
        return frame
    inside = frame[frame["month"].astype(str).isin(months_ending(month, months))]
    if months > 1 and "stratum" in inside.columns and not pooled:
        inside = inside.assign(stratum=inside["stratum"].astype(str) + "|" + inside["month"].astype(str))
    return inside.drop(columns="month")


def available_windows(frames: list[pd.DataFrame], month: str) -> tuple[int, ...]:
    """The windows whose first month the data reach (the report month's window always)."""
    months = [frame["month"].astype(str) for frame in frames if "month" in frame.columns and len(frame)]
    if not months:
        return (1,)
    first = min(series.min() for series in months)
    return tuple(w for w in WINDOWS if w == 1 or months_ending(month, w)[0] >= first)


def _summary(months: int, row: dict[str, Any]) -> dict[str, Any]:
    ratio_key = "ratio_adjusted" if "ratio_adjusted" in row else "ratio"
    low_key, high_key = ("ci_low_adjusted", "ci_high_adjusted") if ratio_key == "ratio_adjusted" else (
        "ci_low", "ci_high")
    return {"months": months, "ratio_adjusted": row.get(ratio_key), "ci_low_adjusted": row.get(low_key),
            "ci_high_adjusted": row.get(high_key), "p_value": row.get("p_value"),
            "suppressed": bool(row["suppressed"] or below_minimum(row))}


def windowed_rows(test: Callable[[pd.DataFrame], Rows], frame: pd.DataFrame, month: str,
                  windows: tuple[int, ...], pooled: bool = False) -> Rows:
    """One row per group: the longest window passing the minimum counts (else the longest).
    ``pooled``: sum the months within strata instead of making each month a stratum."""
    results = {w: {row["group"]: row for row in test(window_frame(frame, month, w, pooled))} for w in windows}
    rows = []
    for group in results[windows[-1]]:  # the longest window has every group of the shorter ones
        candidates = [(w, results[w][group]) for w in windows if group in results[w]]
        passing = [(w, row) for w, row in candidates if not row["suppressed"] and below_minimum(row) is None]
        # Failing every window, the row shows the longest: all rows of a report then share one
        # window, so no withheld count follows from two windows' difference.
        window, row = passing[-1] if passing else candidates[-1]
        row = dict(row, window=window, windows=[_summary(w, r) for w, r in candidates])
        rows.append(row)
    return rows
