"""Input checks and small frame helpers shared by the analysis functions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise ValueError naming the columns missing from ``frame``."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def _numeric(frame: pd.DataFrame, columns: list[str]) -> bool:
    return all(isinstance(frame[c].dtype, np.dtype) and frame[c].dtype.kind in "iuf" for c in columns)


def require_counts(frame: pd.DataFrame, part: str, whole: str | None, what: str) -> None:
    """Raise ValueError unless the counts are >= 0 and, if ``whole`` is given, part <= whole."""
    columns = [part] if whole is None else [part, whole]
    if _numeric(frame, columns):  # already numbers: check the arrays (to_numeric would return them as they are)
        values = {column: frame[column].to_numpy() for column in columns}
        invalid = any(np.isnan(v).any() or (v < 0).any() for v in values.values())
        exceeds = whole is not None and bool((values[part] > values[whole]).any())
    else:
        numbers = frame[columns].apply(pd.to_numeric)
        invalid = bool(numbers.isna().any().any() or (numbers < 0).any().any())
        exceeds = whole is not None and bool((numbers[part] > numbers[whole]).any())
    if invalid:
        raise ValueError(f"{what}: counts must be numbers >= 0")
    if exceeds:
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


def _is_text(values: pd.Series) -> bool:
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return pd.api.types.is_string_dtype(dtype.categories)
    return pd.api.types.is_string_dtype(values)


def sorted_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """The codes and names of ``pd.factorize(values.astype(str), sort=True)``; text is converted
    once per distinct value instead of once per row (a year of counts repeats a few labels)."""
    if _is_text(values):
        codes, uniques = pd.factorize(values)
        if not (codes < 0).any():
            ranks, names = pd.factorize(pd.Index(uniques).astype(str), sort=True)
            return ranks[codes], pd.Index(names)
    codes, names = pd.factorize(values.astype(str), sort=True)
    return codes, pd.Index(names)


@dataclass(frozen=True)
class GroupCounts:
    """Integer counts of a frame per group and per group x stratum.

    ``totals``: group -> the sums of the columns, largest first by the first column (as
    :func:`group_totals`); ``strata``: column -> groups x strata table (rows as in ``rows``,
    strata sorted, as :func:`stratum_table`), None without a ``stratum`` column."""

    totals: dict[str, tuple[int, ...]]
    rows: dict[str, int]
    strata: dict[str, np.ndarray] | None


def group_counts(frame: pd.DataFrame, columns: list[str]) -> GroupCounts:
    """The frame's GroupCounts: :func:`group_totals` and :func:`stratum_table` of ``columns``
    (as integers), grouped with integer codes when the counts are integers and no label is missing."""
    coded = _coded_counts(frame, columns)
    if coded is not None:
        return coded
    totals = group_totals(frame, columns).astype("int64")
    sums = {str(group): tuple(int(v) for v in values) for group, *values in totals.itertuples()}
    if "stratum" not in frame.columns:
        return GroupCounts(sums, {}, None)
    tables = {column: stratum_table(frame, column) for column in columns}
    rows = {str(group): i for i, group in enumerate(tables[columns[0]].index)}
    return GroupCounts(sums, rows, {column: table.to_numpy() for column, table in tables.items()})


def _int_sums(codes: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    sums = np.zeros(size, dtype=np.int64)
    np.add.at(sums, codes, values)
    return sums


def _coded_counts(frame: pd.DataFrame, columns: list[str]) -> GroupCounts | None:
    if not all(isinstance(frame[c].dtype, np.dtype) and frame[c].dtype.kind in "iu" for c in columns):
        return None
    keys = [sorted_codes(frame[key]) for key in ("group", "stratum") if key in frame.columns]
    if any((codes < 0).any() for codes, _ in keys):  # missing labels: groupby leaves those rows out
        return None
    (group, names), size = keys[0], len(keys[0][1])
    values = {column: frame[column].to_numpy(dtype=np.int64) for column in columns}
    sums = {column: _int_sums(group, v, size) for column, v in values.items()}
    order = np.argsort(-sums[columns[0]], kind="stable")
    totals = {str(names[i]): tuple(int(sums[c][i]) for c in columns) for i in order}
    rows = {str(name): i for i, name in enumerate(names)}
    if len(keys) == 1:
        return GroupCounts(totals, rows, None)
    stratum, width = keys[1][0], len(keys[1][1])
    strata = {column: _int_sums(group * width + stratum, v, size * width).reshape(size, width)
              for column, v in values.items()}
    return GroupCounts(totals, rows, strata)
