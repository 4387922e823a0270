"""Pandas computations the report's SQL must match, on the rows of the `stored_stops` fixture."""
from __future__ import annotations

import pandas as pd

from stopform.reports import queries

MONTH = "2025-03"  # the clocks go forward on 30 March: local hours must follow


def events(frame: pd.DataFrame, metric: str) -> tuple[pd.Series, pd.Series]:
    """(denominator, event) flags of a metric per stop."""
    searched = frame["vehicle_searched"] | (frame["persons_searched"] > 0)
    every = pd.Series(True, index=frame.index)
    definitions = {
        "stops": (every, every), "search_rate": (every, searched), "hit_rate": (searched, frame["search_found"]),
        "extra_actions_rate": (every, frame["beyond_basis"]),
        "no_further_action_rate": (every, frame["outcome"] == "none"),
        "hit_triggered_share": (every, frame["triggered_by_hit"]),
        "hit_triggered_yield": (frame["triggered_by_hit"], frame["offence_found"]),
        "force_rate": (every, frame["force_used"]), "receipt_not_offered": (every, frame["receipt"] == "not_offered"),
        "receipt_declined": (every, frame["receipt"] == "declined"),
    }
    return definitions[metric]


def in_month(frame: pd.DataFrame, month: str = MONTH, months: int = 1) -> pd.DataFrame:
    """The stops of the `months` months ending with `month` (Dutch local dates)."""
    start, end = queries.month_range(month, months)
    return frame[(frame["local_date"] >= start) & (frame["local_date"] < end)]


def expected_counts(frame: pd.DataFrame, metric: str, dimension: str, stratified: bool = False) -> pd.DataFrame:
    """The month's count frame of `metric` per group of `dimension` (× stratum)."""
    frame = in_month(frame)
    frame = frame[frame[dimension].notna()]
    denominator, event = events(frame, metric)
    data = frame[denominator].assign(group=frame[dimension].astype(str), event=event[denominator].astype(int))
    keys = ["group"]
    if stratified:
        band = (data["local_hour"] // 4 * 4).map(lambda h: f"{h:02d}-{h + 3:02d}")
        day = data["weekday"].map(lambda d: "weekend" if d >= 5 else "weekday")
        data = data.assign(stratum=data["area"] + "|" + band + "|" + day)
        keys.append("stratum")
    result = data.groupby(keys, as_index=False).agg(n=("event", "size"), events=("event", "sum"))
    result[["n", "events"]] = result[["n", "events"]].astype("int64")
    return result[["group", "n", "events", *keys[1:]]].sort_values(keys).reset_index(drop=True)


def expected_trend(frame: pd.DataFrame, metric: str, month: str, dimension: str = "plate_country") -> pd.DataFrame:
    """`month`, `group`, `n`, `events` per month of the 12 months ending with `month`."""
    window = in_month(frame, month, 12)
    denominator, event = events(window, metric)
    data = window[denominator].assign(month=pd.to_datetime(window["local_date"]).dt.strftime("%Y-%m"),
                                      event=event[denominator].astype(int))
    expected = data.groupby(["month", dimension], as_index=False).agg(n=("event", "size"), events=("event", "sum"))
    return expected.rename(columns={dimension: "group"}).astype({"n": "int64", "events": "int64"})


def sorted_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame sorted by its keys (group, and stratum or month), index reset."""
    keys = [key for key in ("month", "group", "stratum") if key in frame]
    return frame.sort_values(keys).reset_index(drop=True)
