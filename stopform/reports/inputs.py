"""Feed the analysis from SQL: the month's count frames and the 12-month tests' inputs, per dimension.

The count frames are sums over one GROUP BY of the 12 months (`tallies`); the officer benchmark
gets counts per officer and cell, and the veil of darkness only the stops near dusk
(`row_queries`), so memory grows with the number of groups and cells, not of stops.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session, col

from ..models import Area
from . import queries, row_queries
from .analysis import DimensionInputs, ReportInputs
from .analysis.catalogue import REPEAT_VEHICLE, SEARCH_RATE
from .analysis.twilight import window_bounds, window_minutes
from .queries import Scope
from .tallies import REPORT_METRICS, Tallies, stratified_tallies

DIMENSIONS = ("plate_country", "driver_nationality", "perceived_origin")
# Row-level tests (veil of darkness, officer benchmark) run on these dimensions only: nationality
# and perceived origin are recorded for a selection of stops (an identity document inspected, a
# setting switched on), so comparing their shares across daylight or officers mostly measures
# that selection, and each would read another 12 months of rows.
ROW_LEVEL_DIMENSIONS = ("plate_country",)
# Count tests computed in SQL per group x stratum (area, 4-hour band, weekday/weekend), in the
# order of the analysis catalogue; the search rate goes first: an empty one means the dimension
# was not recorded in scope.
STRATIFIED_TESTS = REPORT_METRICS
ALWAYS = "plate_country"
DEFAULT_REFERENCES = {"plate_country": "NL", "driver_nationality": "NL", "perceived_origin": "dutch"}


def reference_groups(config: Mapping | None = None) -> dict[str, str]:
    """Reference group per dimension: `REFERENCE_GROUP` (a country code) for the two country
    dimensions; perceived origin is coded in words and keeps `dutch`. A `REFERENCE_GROUPS` dict
    in the configuration overrides any of them."""
    config = config or {}
    country = config.get("REFERENCE_GROUP") or DEFAULT_REFERENCES["plate_country"]
    groups = {**DEFAULT_REFERENCES, "plate_country": country, "driver_nationality": country}
    return groups | dict(config.get("REFERENCE_GROUPS") or {})


def area_frame(session: Session) -> pd.DataFrame:
    """Every area with its centre (inactive ones too: old stops may name them)."""
    rows = session.execute(select(col(Area.code), col(Area.latitude), col(Area.longitude))).all()
    frame = pd.DataFrame(rows, columns=["code", "latitude", "longitude"])
    return frame.astype({"latitude": float, "longitude": float})


def count_frames(tallies: Tallies, dimension: str, repeated: pd.DataFrame) -> dict[str, pd.DataFrame] | None:
    """Count frame per proportion test for `dimension`; None when no stop in scope has a value
    (never for plate_country: the report always covers it). `repeated`: the month's
    `queries.repeated_vehicle_stops`."""
    counts = tallies.count_frames_by_month(STRATIFIED_TESTS, dimension)
    first = counts[SEARCH_RATE]  # n = every stop with a value
    in_month = first[first["month"] == tallies.month]
    if in_month.empty and dimension != ALWAYS:
        return None
    stops = in_month.groupby("group")["n"].sum()
    counts[REPEAT_VEHICLE] = queries.repeat_counts(stops, repeated, dimension)
    return counts


TRIGGERS = {"officer_initiated": False, "hit_triggered": True}


def traffic_frame(session: Session, scope: Scope, tallies: Tallies) -> pd.DataFrame | None:
    """Stops against camera passages per plate country, area and month (`month`, YYYY-MM) over
    the tallies' months, once for officer-initiated and once for hit-triggered stops
    (`trigger`); None without traffic counts in the report month."""
    frames = []
    for month in tallies.months():
        for trigger, triggered in TRIGGERS.items():
            frame = queries.stops_vs_traffic(session, replace(scope, month=month), by_area=True,
                                             stops_by_area=tallies.stops_by_area(month, triggered))
            if not frame.empty:
                frames.append(frame.assign(month=month, trigger=trigger))
    if not any((frame["month"] == scope.month).any() for frame in frames):
        return None
    return pd.concat(frames, ignore_index=True)


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as categories: a year of stops repeats a few areas, officers and groups a
    million times, and one string object per cell would dominate the report's memory."""
    text = [column for column in frame.columns
            if pd.api.types.is_object_dtype(frame[column]) or pd.api.types.is_string_dtype(frame[column])]
    return frame.astype(dict.fromkeys(text, "category"))


def veil_inputs(session: Session, scope: Scope, tallies: Tallies, dimension: str,
                areas: pd.DataFrame) -> dict:
    """The veil-of-darkness fields of DimensionInputs: only the stops at the times of day the
    inter-twilight window can reach (per area, over the 12 months' dates), with those dates and
    every group, so the test sees the same window and rows as with all stops."""
    dates = tallies.span(dimension)
    minutes = None
    if dates is not None:
        used = areas[areas["code"].astype(str).isin(tallies.areas(dimension))]
        minutes = window_minutes(window_bounds(used, *dates)[1])
    stops = row_queries.veil_rows(session, scope, dimension, minutes=minutes)
    return {"veil_stops": compact(stops), "veil_dates": dates, "veil_groups": tuple(tallies.groups(dimension))}


def dimension_inputs(session: Session, scope: Scope, tallies: Tallies, dimension: str, *, reference: str,
                     areas: pd.DataFrame, repeated: pd.DataFrame) -> DimensionInputs | None:
    """Everything the analysis needs for one dimension, or None when it is not recorded."""
    counts = count_frames(tallies, dimension, repeated)
    if counts is None:
        return None
    row_level = {}
    if dimension in ROW_LEVEL_DIMENSIONS:
        row_level = veil_inputs(session, scope, tallies, dimension, areas)
        row_level["officer_groups"] = row_queries.officer_group_counts(session, scope, dimension)
        row_level["searches"] = row_queries.search_basis_counts(session, scope, dimension)
    traffic = traffic_frame(session, scope, tallies) if dimension == "plate_country" else None
    return DimensionInputs(counts=counts, traffic=traffic, **row_level)


def report_inputs(session: Session, scope: Scope, tallies: Tallies | None = None,
                  references: Mapping[str, str] | None = None) -> ReportInputs:
    """The month's ReportInputs for `scope`; plate_country is always there, even when empty.
    `tallies` (from `stratified_tallies`) may be passed in when the caller needs them too;
    `references` maps dimension -> reference group (the officer benchmark counts against it)."""
    tallies = tallies if tallies is not None else stratified_tallies(session, scope)
    references = {**DEFAULT_REFERENCES, **(references or {})}
    start, end = queries.month_range(scope.month)
    areas = area_frame(session)
    repeated = queries.repeated_vehicle_stops(session, scope)
    dimensions = {}
    for dimension in DIMENSIONS:
        inputs = dimension_inputs(session, scope, tallies, dimension, reference=references[dimension], areas=areas,
                                  repeated=repeated)
        if inputs is not None:
            dimensions[dimension] = inputs
    return ReportInputs(period_start=start, period_end=end - timedelta(days=1), n_stops=tallies.total(),
                        dimensions=dimensions, unit=scope.unit, area=scope.area, areas=areas)
