"""How long officers spend recording: the median time from opening the form to sending it, per
month, over the report's scope (stops sent from the form or a device that measured it; imports and
older stops have no time and are left out). Read from `recording_cells`, so a page or PDF that
shows it costs no scan of the stops."""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session, col

from ..models import RecordingCell
from .cell_queries import cell_conditions
from .dialect import month_of, year_of
from .queries import TREND_MONTHS, Scope


@dataclass(frozen=True)
class MonthTime:
    """One month: how many stops measured the time, and their median in whole seconds."""

    month: str
    measured: int
    median_seconds: int | None


def monthly_medians(frame: pd.DataFrame, months: list[str]) -> list[MonthTime]:
    """Per month of `months`, the count and median of the times in `frame`: columns month,
    seconds and stops (how many stops took that many seconds)."""
    result = []
    for month in months:
        counted = frame[frame["month"] == month].sort_values("seconds")
        measured = int(counted["stops"].sum())
        result.append(MonthTime(month, measured, _median(counted, measured) if measured else None))
    return result


def _median(counted: pd.DataFrame, measured: int) -> int:
    """The median of `measured` times given as seconds and how many stops took them (sorted),
    rounded to whole seconds as pandas' median would be."""
    reach = counted["stops"].cumsum().to_numpy()
    seconds = counted["seconds"].to_numpy()
    lower = seconds[np.searchsorted(reach, (measured + 1) // 2)]  # the ((n + 1) // 2)-th time
    upper = seconds[np.searchsorted(reach, measured // 2 + 1)]  # the (n // 2 + 1)-th time
    return int(round((float(lower) + float(upper)) / 2))


def recording_times(session: Session, scope: Scope, months: int = TREND_MONTHS) -> list[MonthTime]:
    """The median time to record per month, the `months` months ending with the scope's month,
    from `recording_cells` (stops per whole second, kept by the database as stops are written)."""
    cell = RecordingCell
    keys = [year_of(col(cell.month)), month_of(col(cell.month)), col(cell.seconds)]
    stops = func.sum(col(cell.n))
    query = select(*keys, stops).where(*cell_conditions(scope, months, cell), col(cell.seconds) >= 0) \
        .group_by(*keys).having(stops > 0)
    rows = [(f"{year:04d}-{number:02d}", seconds, count) for year, number, seconds, count in session.execute(query)]
    frame = pd.DataFrame(rows, columns=["month", "seconds", "stops"]).astype({"seconds": "int64", "stops": "int64"})
    return monthly_medians(frame, month_list(scope.month, months))


def month_list(month: str, months: int) -> list[str]:
    """The `months` months (YYYY-MM) ending with `month`, oldest first."""
    end = pd.Period(month, freq="M")
    return [str(end - back) for back in range(months - 1, -1, -1)]


def as_json(times: list[MonthTime]) -> list[dict]:
    """The block for the report's JSON."""
    return [asdict(item) for item in times]
