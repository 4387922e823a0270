"""Feed the analysis from SQL: the month's count frames and row-level frames, per dimension.

Every frame comes from `queries` (GROUP BY counts, or only the columns a row-level test needs),
so memory grows with the number of groups, not of stops, except for the two row-level tests.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from ..models import Area
from . import queries
from .analysis import DimensionInputs, ReportInputs
from .analysis.catalogue import REPEAT_VEHICLE, SEARCH_RATE
from .queries import Scope

DIMENSIONS = ("plate_country", "driver_nationality", "perceived_origin")
# Row-level tests (veil of darkness, officer benchmark) run on these dimensions only: nationality
# and perceived origin are recorded for a selection of stops (an identity document inspected, a
# setting switched on), so comparing their shares across daylight or officers mostly measures
# that selection, and each would read another 12 months of rows.
ROW_LEVEL_DIMENSIONS = ("plate_country",)
# Count tests computed in SQL per group x stratum (area, 4-hour band, weekday/weekend), in the
# order of the analysis catalogue; the search rate goes first: an empty one means the dimension
# was not recorded in scope.
STRATIFIED_TESTS = ("search_rate", "hit_rate", "extra_actions_rate", "no_further_action_rate",
                    "hit_triggered_share", "hit_triggered_yield")
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
    rows = session.execute(select(Area.code, Area.latitude, Area.longitude)).all()
    frame = pd.DataFrame(rows, columns=["code", "latitude", "longitude"])
    return frame.astype({"latitude": float, "longitude": float})


def count_frames(session: Session, scope: Scope, dimension: str) -> dict[str, pd.DataFrame] | None:
    """Count frame per proportion test for `dimension`; None when no stop in scope has a value
    (never for plate_country: the report always covers it)."""
    first = queries.event_counts(session, scope, SEARCH_RATE, dimension, stratified=True)
    if first.empty and dimension != ALWAYS:
        return None
    counts = {SEARCH_RATE: first}
    for test in STRATIFIED_TESTS[1:]:
        counts[test] = queries.event_counts(session, scope, test, dimension, stratified=True)
    counts[REPEAT_VEHICLE] = queries.repeat_vehicles(session, scope, dimension)
    return counts


def traffic_frame(session: Session, scope: Scope) -> pd.DataFrame | None:
    """Stops against camera passages per plate country and area; None without traffic counts."""
    frame = queries.stops_vs_traffic(session, scope, by_area=True)
    return None if frame.empty else frame


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as categories: a year of stops repeats a few areas, officers and groups a
    million times, and one string object per cell would dominate the report's memory."""
    text = [column for column in frame.columns
            if pd.api.types.is_object_dtype(frame[column]) or pd.api.types.is_string_dtype(frame[column])]
    return frame.astype(dict.fromkeys(text, "category"))


def dimension_inputs(session: Session, scope: Scope, dimension: str) -> DimensionInputs | None:
    """Everything the analysis needs for one dimension, or None when it is not recorded."""
    counts = count_frames(session, scope, dimension)
    if counts is None:
        return None
    row_level = dimension in ROW_LEVEL_DIMENSIONS
    return DimensionInputs(
        counts=counts,
        traffic=traffic_frame(session, scope) if dimension == "plate_country" else None,
        veil_stops=compact(queries.veil_rows(session, scope, dimension)) if row_level else None,
        officer_stops=compact(queries.officer_rows(session, scope, dimension)) if row_level else None,
    )


def report_inputs(session: Session, scope: Scope) -> ReportInputs:
    """The month's ReportInputs for `scope`; plate_country is always there, even when empty."""
    start, end = queries.month_range(scope.month)
    dimensions = {}
    for dimension in DIMENSIONS:
        inputs = dimension_inputs(session, scope, dimension)
        if inputs is not None:
            dimensions[dimension] = inputs
    needs_areas = any(d.veil_stops is not None for d in dimensions.values())
    return ReportInputs(period_start=start, period_end=end - timedelta(days=1),
                        n_stops=queries.total_stops(session, scope), dimensions=dimensions,
                        unit=scope.unit, area=scope.area, areas=area_frame(session) if needs_areas else None)
