"""Input checks and small frame helpers shared by the analysis functions."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise ValueError naming the columns missing from ``frame``."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def require_counts(frame: pd.DataFrame, part: str, whole: str | None, what: str) -> None:
    """Raise ValueError unless the counts are >= 0 and, if ``whole`` is given, part <= whole."""
    columns = [part] if whole is None else [part, whole]
    values = frame[columns].apply(pd.to_numeric)
    if values.isna().any().any() or (values < 0).any().any():
        raise ValueError(f"{what}: counts must be numbers >= 0")
    if whole is not None and (values[part] > values[whole]).any():
        raise ValueError(f"{what}: {part} exceeds {whole} in some row")


def group_totals(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Sum ``columns`` per ``group`` (as strings); largest first by the first column."""
    data = frame.assign(group=frame["group"].astype(str))
    totals = data.groupby("group", sort=True)[columns].sum()
    order = totals.sort_values(columns[0], ascending=False, kind="stable").index
    return totals.loc[order]


def stratum_table(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``column`` summed into a groups x strata table (both as strings), zeros where absent."""
    data = frame.assign(group=frame["group"].astype(str), stratum=frame["stratum"].astype(str))
    sums = data.groupby(["group", "stratum"], sort=True)[column].sum()
    return sums.unstack("stratum", fill_value=0).astype(float)
