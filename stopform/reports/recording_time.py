"""How long officers spend recording: the median time from opening the form to sending it, per
month, over the report's scope (stops sent from the form or a device that measured it; imports and
older stops have no time and are left out)."""
from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd
from sqlmodel import Session, col, select

from ..models import Stop
from .queries import TREND_MONTHS, Scope, scope_conditions


@dataclass(frozen=True)
class MonthTime:
    """One month: how many stops measured the time, and their median in whole seconds."""

    month: str
    measured: int
    median_seconds: int | None


def monthly_medians(frame: pd.DataFrame, months: list[str]) -> list[MonthTime]:
    """Per month of `months`, the count and median of `seconds` in `frame` (columns month, seconds)."""
    grouped = frame.groupby("month")["seconds"] if len(frame) else None
    result = []
    for month in months:
        values = grouped.get_group(month) if grouped is not None and month in grouped.groups else pd.Series([])
        result.append(MonthTime(month, int(values.count()),
                                int(round(values.median())) if values.count() else None))
    return result


def recording_times(session: Session, scope: Scope, months: int = TREND_MONTHS) -> list[MonthTime]:
    """The median time to record per month, the `months` months ending with the scope's month."""
    query = (select(col(Stop.local_date), col(Stop.time_to_record_seconds))
             .where(*scope_conditions(scope, months), col(Stop.time_to_record_seconds).is_not(None)))
    rows = session.exec(query).all()
    frame = pd.DataFrame([(day.strftime("%Y-%m"), seconds) for day, seconds in rows], columns=["month", "seconds"])
    return monthly_medians(frame, month_list(scope.month, months))


def month_list(month: str, months: int) -> list[str]:
    """The `months` months (YYYY-MM) ending with `month`, oldest first."""
    end = pd.Period(month, freq="M")
    return [str(end - back) for back in range(months - 1, -1, -1)]


def as_json(times: list[MonthTime]) -> list[dict]:
    """The block for the report's JSON."""
    return [asdict(item) for item in times]
