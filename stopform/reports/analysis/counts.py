"""Count tables from row-level stops, with pandas.

The app counts the same things in SQL (GROUP BY); this is the reference
definition, used by tests, calibration and the demo data. Each frame has
``group``, ``n``, ``events`` and, when strata are asked for, ``stratum``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import pandas as pd

from ._frames import require_columns
from .catalogue import (
    EXTRA_ACTIONS_RATE,
    FORCE_RATE,
    HIT_RATE,
    HIT_TRIGGERED_SHARE,
    HIT_TRIGGERED_YIELD,
    NO_FURTHER_ACTION_RATE,
    REPEAT_VEHICLE,
    SEARCH_RATE,
)

# A vehicle stopped this often in the period counts for repeat_vehicle.
REPEAT_MIN_STOPS = 3
TRAFFIC = "traffic"


def _flag(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].astype("boolean").fillna(False).astype(bool)


def _joined(frame: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    joined = frame[columns[0]].astype(str)
    for column in columns[1:]:
        joined = joined + "|" + frame[column].astype(str)
    return joined


def _table(frame: pd.DataFrame, events: pd.Series, keys: list[str]) -> pd.DataFrame:
    data = frame[keys].assign(events=events.astype("int64"))
    out = data.groupby(keys, sort=True)["events"].agg(n="size", events="sum").reset_index()
    return out.astype({"n": "int64", "events": "int64"})


def _repeat_table(frame: pd.DataFrame) -> pd.DataFrame:
    per_vehicle = frame.groupby(["group", "vehicle_pseudonym"], sort=True).size()
    repeated = (per_vehicle >= REPEAT_MIN_STOPS).astype("int64")
    out = repeated.groupby(level="group").agg(n="size", events="sum").reset_index()
    return out.astype({"n": "int64", "events": "int64"})


def count_tables(
    stops: pd.DataFrame,
    dimension: str,
    *,
    strata: Sequence[str] | None = ("area",),
    traffic: pd.DataFrame | None = None,
    tests: Collection[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Count frames per proportion test (and ``'traffic'``) for one group column.

    ``stops`` holds stop-record fields (§1) plus ``beyond_basis``. Stops with no
    value in ``dimension`` are left out. ``strata`` columns are joined into one
    ``stratum`` string (None: no stratum). repeat_vehicle is never stratified: n =
    distinct vehicles, events = those stopped 3+ times. With ``traffic`` (the
    traffic CSV frame) and ``dimension == 'plate_country'``, ``'traffic'`` has
    group, stratum (area), passages, stops (and hits); stops in an area x country
    cell without counted traffic have no exposure and are left out. ``tests``
    limits the result to those names (default: all).
    """
    require_columns(stops, (dimension, "vehicle_searched", "persons_searched", "outcome"), "count_tables")
    data = stops[stops[dimension].notna()].assign(group=lambda f: f[dimension].astype(str))
    keys = ["group"]
    if strata:
        data = data.assign(stratum=_joined(data, strata))
        keys.append("stratum")
    searched = _flag(data, "vehicle_searched") | (data["persons_searched"].fillna(0) > 0)
    triggered = _flag(data, "triggered_by_hit")
    builders: dict[str, Callable[[], pd.DataFrame]] = {
        SEARCH_RATE: lambda: _table(data, searched, keys),
        HIT_RATE: lambda: _table(data[searched], _flag(data[searched], "search_found"), keys),
        NO_FURTHER_ACTION_RATE: lambda: _table(data, data["outcome"] == "none", keys),
        HIT_TRIGGERED_SHARE: lambda: _table(data, triggered, keys),
        HIT_TRIGGERED_YIELD: lambda: _table(data[triggered], _flag(data[triggered], "offence_found"), keys),
        REPEAT_VEHICLE: lambda: _repeat_table(data),
    }
    if "force_used" in data.columns:
        builders[FORCE_RATE] = lambda: _table(data, _flag(data, "force_used"), keys)
    if "beyond_basis" in data.columns:
        builders[EXTRA_ACTIONS_RATE] = lambda: _table(data, _flag(data, "beyond_basis"), keys)
    if traffic is not None and dimension == "plate_country":
        builders[TRAFFIC] = lambda: traffic_table(data, traffic)
    return {name: build() for name, build in builders.items() if tests is None or name in tests}


def traffic_table(stops: pd.DataFrame, traffic: pd.DataFrame) -> pd.DataFrame:
    """Passages (and hits) per area x plate country beside the stops counted there."""
    require_columns(traffic, ("area", "plate_country", "passages"), "traffic")
    value_columns = ["passages"] + (["hits"] if "hits" in traffic.columns else [])
    counted = traffic.assign(group=traffic["plate_country"].astype(str), stratum=traffic["area"].astype(str))
    counted = counted.groupby(["group", "stratum"], sort=True)[value_columns].sum()
    stopped = stops.assign(stratum=stops["area"].astype(str)).groupby(["group", "stratum"]).size()
    out = counted.join(stopped.rename("stops"), how="left").fillna({"stops": 0}).reset_index()
    return out.astype(dict.fromkeys([*value_columns, "stops"], "int64"))
