"""Sunset and civil dusk per area and date (astral), and the inter-twilight window.

Times are local clock time in Europe/Amsterdam, as minutes after midnight, so
the window follows what officers see on the clock (summer time included).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import pandas as pd
from astral import Observer
from astral.sun import dusk, sunset

from ._frames import require_columns

LOCAL_TZ = "Europe/Amsterdam"
# Civil dusk: the sun 6 degrees below the horizon.
DUSK_DEPRESSION = 6.0


def _clock_minutes(moment: dt.datetime) -> float:
    return moment.hour * 60 + moment.minute + moment.second / 60


def sun_times(areas: pd.DataFrame, dates: Iterable[dt.date]) -> pd.DataFrame:
    """Sunset and dusk (local clock minutes) for every area x date.

    ``areas`` has ``code``, ``latitude``, ``longitude``. Returns columns ``area``,
    ``date``, ``sunset``, ``dusk``; a date on which the sun never gets 6 degrees
    below the horizon at that place is left out.
    """
    require_columns(areas, ("code", "latitude", "longitude"), "areas")
    tz = ZoneInfo(LOCAL_TZ)
    dates = list(dates)
    records = []
    for code, lat, lon in areas[["code", "latitude", "longitude"]].itertuples(index=False):
        observer = Observer(float(lat), float(lon))
        for day in dates:
            try:
                set_at = sunset(observer, day, tzinfo=tz)
                dusk_at = dusk(observer, day, tzinfo=tz, depression=DUSK_DEPRESSION)
            except ValueError:  # astral: the sun does not reach that elevation that day
                continue
            records.append((str(code), day, _clock_minutes(set_at), _clock_minutes(dusk_at)))
    return pd.DataFrame.from_records(records, columns=["area", "date", "sunset", "dusk"])


def window_bounds(areas: pd.DataFrame, first: dt.date, last: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sun times of every area x date from ``first`` to ``last`` (see :func:`sun_times`), and per
    area the inter-twilight window: ``earliest`` and ``latest`` dusk (index ``area``)."""
    times = sun_times(areas, pd.date_range(first, last, freq="D").date)
    return times, times.groupby("area")["dusk"].agg(earliest="min", latest="max")


def window_minutes(bounds: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """Per area the first and last whole minute of the local clock (hour * 60 + minute) that its
    window reaches (from :func:`window_bounds`): a stop outside them is never in the window,
    whatever its second."""
    return {str(area): (math.floor(row.earliest) - 1, math.floor(row.latest)) for area, row in bounds.iterrows()}


def classify_twilight(stops: pd.DataFrame, areas: pd.DataFrame,
                      dates: tuple[dt.date, dt.date] | None = None) -> pd.DataFrame:
    """Keep stops in the inter-twilight window and mark ``is_dark`` (after civil dusk).

    The window runs, per area, from the earliest to the latest dusk over ``dates`` (first, last;
    default: the dates spanned by the data); stops between sunset and dusk are dropped. Adds
    ``minute`` (local clock) and ``is_dark`` (0/1). Raises ValueError for stops in an area
    without coordinates.
    """
    require_columns(stops, ("occurred_at", "area"), "veil of darkness stops")
    # Local wall-clock time without the zone: each field below would convert from UTC again.
    local = pd.to_datetime(stops["occurred_at"], utc=True).dt.tz_convert(LOCAL_TZ).dt.tz_localize(None)
    data = stops.assign(
        area=stops["area"].astype(str),
        date=local.dt.date,
        minute=local.dt.hour * 60 + local.dt.minute + local.dt.second / 60,
    )
    present = set(data["area"].unique())
    unknown = present - set(areas["code"].astype(str))
    if unknown:
        raise ValueError(f"areas without coordinates: {', '.join(sorted(unknown))}")
    if data.empty:
        return data.assign(is_dark=pd.Series(dtype="int64"))
    first, last = dates or (data["date"].min(), data["date"].max())
    used = areas[areas["code"].astype(str).isin(present)]
    times, bounds = window_bounds(used, first, last)
    data = data.merge(times, on=["area", "date"], how="inner").join(bounds, on="area")
    in_window = data["minute"].between(data["earliest"], data["latest"])
    in_twilight = (data["minute"] >= data["sunset"]) & (data["minute"] < data["dusk"])
    kept = data[in_window & ~in_twilight]
    return kept.assign(is_dark=(kept["minute"] >= kept["dusk"]).astype("int64"))
