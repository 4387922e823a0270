"""The open-data export: a month's stops as counts, no cell below 10 stops (docs/open-data.md).

Counts are computed in SQL per fine combination of the published columns; combinations with
fewer than K stops are then rolled up, one column at a time in a fixed order, by coarsening
their value ('14' → '12-15' → '*'), merging with whatever has the same values. What is still
below K at the end goes into one row of '*'s, topped up with the smallest other rows until it
reaches K. Nothing is dropped, so the rows add up to the month's total and no hidden cell
can be recovered by subtraction.
"""
from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
from sqlalchemy import case, func, or_, select
from sqlmodel import Session, col

from ..core.months import month_range
from ..models import Stop
from ..spreadsheet import neutralise
from .row_queries import consent_bases

# The report's small-cell rule (analysis.disclosure.SMALL: no count from 1 to 9; a test holds
# them equal). Not imported from there: the analysis package loads the statistics stack.
K = 10
ANY = "*"
KEYS = ("date", "hour", "area", "plate_country", "legal_basis", "reason", "triggered_by_hit", "searched",
        "search_kind", "search_basis", "search_found", "extra_action", "force_used", "outcome")
NO_SEARCH, UNRECORDED = "none", "unrecorded"
OPEN_COLUMNS = ("month", *KEYS, "stops")


def _hour_band(value: str) -> str:
    if value == ANY or "-" in value:
        return value
    start = int(value) // 4 * 4
    return f"{start:02d}-{start + 3:02d}"


def _iso_week(value: str) -> str:
    if value == ANY or "W" in value:
        return value
    year, week, _ = pd.Timestamp(value).isocalendar()
    return f"{year}-W{week:02d}"


def _any(_value: str) -> str:
    return ANY


# Least useful detail first; plate country, the report's main dimension, is kept longest.
STAGES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("hour", _hour_band), ("date", _iso_week), ("hour", _any), ("date", _any), ("outcome", _any),
    ("reason", _any), ("search_basis", _any), ("legal_basis", _any), ("search_found", _any), ("force_used", _any),
    ("extra_action", _any), ("search_kind", _any), ("searched", _any), ("triggered_by_hit", _any), ("area", _any),
    ("plate_country", _any))


def fine_counts(session: Session, month: str) -> pd.DataFrame:
    """Stops per finest published combination (local date and hour), from one GROUP BY."""
    start, end = month_range(month)
    searched = or_(col(Stop.vehicle_searched), col(Stop.persons_searched) > 0)
    basis = case((~searched, NO_SEARCH), else_=func.coalesce(col(Stop.search_basis), UNRECORDED))
    columns = [col(Stop.local_date), col(Stop.local_hour), col(Stop.area), col(Stop.plate_country),
               col(Stop.legal_basis), col(Stop.reason), col(Stop.triggered_by_hit), searched, basis,
               col(Stop.search_found), col(Stop.beyond_basis), col(Stop.force_used), col(Stop.outcome)]
    query = select(*columns, func.count()).where(col(Stop.local_date) >= start, col(Stop.local_date) < end) \
        .group_by(*columns)
    names = [key for key in KEYS if key != "search_kind"]
    frame = pd.DataFrame(session.execute(query).all(), columns=[*names, "stops"])
    frame.insert(KEYS.index("search_kind"), "search_kind", _search_kinds(frame["search_basis"], consent_bases(session)))
    return _as_text(frame)


def _search_kinds(basis: pd.Series, consent: frozenset[str]) -> pd.Series:
    """consent (a basis the catalogue marks voluntary), compulsory, or none / unrecorded."""
    kinds = basis.map(lambda code: code if code in (NO_SEARCH, UNRECORDED) else
                      "consent" if code in consent else "compulsory")
    return kinds.astype(object)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    text = frame.copy()
    text["date"] = text["date"].map(lambda d: d.isoformat())
    text["hour"] = text["hour"].map(lambda h: f"{int(h):02d}")
    for name in ("triggered_by_hit", "searched", "search_found", "extra_action", "force_used"):
        text[name] = text[name].map(lambda b: "true" if b else "false")
    text["stops"] = text["stops"].astype("int64")
    return text


def roll_up(frame: pd.DataFrame, k: int = K) -> pd.DataFrame:
    """Coarsen combinations below `k` stops (see the module docstring); every row ends with ≥ k."""
    frame = _merge(frame)
    for column, coarser in STAGES:
        small = frame["stops"] < k
        if not small.any():
            return frame
        frame.loc[small, column] = frame.loc[small, column].map(coarser)
        frame = _merge(frame)
    return _top_up_residual(frame, k)


def _merge(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.groupby(list(KEYS), as_index=False, sort=True)["stops"].sum()


def _top_up_residual(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    # After the last stage every small row is all '*': one residual row. If it is still below k,
    # fold the smallest published rows into it, so no count below k is published or derivable.
    if frame["stops"].sum() < k:
        return frame.iloc[0:0]
    residual = (frame[list(KEYS)] == ANY).all(axis=1)
    while residual.any() and frame.loc[residual, "stops"].sum() < k:
        smallest = frame.loc[~residual, "stops"].idxmin()
        frame.loc[smallest, list(KEYS)] = ANY
        residual = (frame[list(KEYS)] == ANY).all(axis=1)
    return _merge(frame)


def open_data_frame(session: Session, month: str, k: int = K) -> pd.DataFrame:
    """The month's open-data table (OPEN_COLUMNS), rows sorted by their published values."""
    frame = roll_up(fine_counts(session, month), k)
    frame.insert(0, "month", month)
    return frame[list(OPEN_COLUMNS)].reset_index(drop=True)


def open_data_csv(frame: pd.DataFrame) -> str:
    """The open-data table as RFC 4180 CSV (CRLF lines), text cells neutralised (spreadsheet.py)."""
    text = frame.copy()
    columns = text.select_dtypes(include=["object", "string"]).columns
    text[columns] = text[columns].map(lambda cell: neutralise(cell) if isinstance(cell, str) else cell)
    buffer = io.StringIO()
    text.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue()
