"""Sunset and civil dusk per area and date (astral), and the inter-twilight window.

Times are local clock time in Europe/Amsterdam, as minutes after midnight, so
the window follows what officers see on the clock (summer time included).
"""

from __future__ import annotations

import datetime as dt
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


def classify_twilight(stops: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Keep stops in the inter-twilight window and mark ``is_dark`` (after civil dusk).

    The window runs, per area, from the earliest to the latest dusk over the
    dates spanned by the data; stops between sunset and dusk are dropped. Adds
    ``minute`` (local clock) and ``is_dark`` (0/1). Raises ValueError for stops in
    an area without coordinates.
    """
    require_columns(stops, ("occurred_at", "area"), "veil of darkness stops")
    local = pd.to_datetime(stops["occurred_at"], utc=True).dt.tz_convert(LOCAL_TZ)
    data = stops.assign(
        area=stops["area"].astype(str),
        date=local.dt.date,
        minute=local.dt.hour * 60 + local.dt.minute + local.dt.second / 60,
    )
    unknown = set(data["area"]) - set(areas["code"].astype(str))
    if unknown:
        raise ValueError(f"areas without coordinates: {', '.join(sorted(unknown))}")
    if data.empty:
        return data.assign(is_dark=pd.Series(dtype="int64"))
    days = pd.date_range(min(data["date"]), max(data["date"]), freq="D").date
    used = areas[areas["code"].astype(str).isin(set(data["area"]))]
    times = sun_times(used, days)
    bounds = times.groupby("area")["dusk"].agg(earliest="min", latest="max")
    data = data.merge(times, on=["area", "date"], how="inner").join(bounds, on="area")
    in_window = data["minute"].between(data["earliest"], data["latest"])
    in_twilight = (data["minute"] >= data["sunset"]) & (data["minute"] < data["dusk"])
    kept = data[in_window & ~in_twilight]
    return kept.assign(is_dark=(kept["minute"] >= kept["dusk"]).astype("int64"))
