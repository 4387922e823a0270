"""Count queries for the monthly report: GROUP BY in SQL, small pandas frames out.

Every count frame has the columns `group`, `n`, `events` (and `stratum` when stratified), so
memory grows with the number of groups, never with the number of stops. Months are Dutch
calendar months: stops are selected on the stored `Stop.local_date` (Europe/Amsterdam), and
hour bands use `Stop.local_hour`, so SQLite and PostgreSQL give the same answer. The report
itself counts most things in one query (`tallies`); this module holds the scope, the metrics
and the counts that need a query of their own (vehicles stopped again, traffic).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
from sqlalchemy import Label, SQLColumnExpression, case, false, func, or_, select, true
from sqlmodel import Session, col

from ..core.months import add_months, month_range, parse_month  # noqa: F401 (the report modules use them from here)
from ..models import RepeatVehicle, Stop, TrafficCount
from .dialect import nested_loops, weekday_of

DIMENSIONS = ("plate_country", "driver_nationality", "perceived_origin", "legal_basis", "reason", "unit", "area")
REPORT_DIMENSIONS = DIMENSIONS[:3]  # the group columns the report's tests compare
HOUR_BAND = 4  # hours per band: 00-03, 04-07, ... 20-23
REPEAT_STOPS = 3
TREND_MONTHS = 12
_SEARCHED = or_(col(Stop.vehicle_searched), col(Stop.persons_searched) > 0)
# metric -> (denominator condition or None for every stop, event condition)
METRICS: dict[str, tuple[SQLColumnExpression[bool] | None, SQLColumnExpression[bool]]] = {
    "stops": (None, true()),
    "search_rate": (None, _SEARCHED),
    "hit_rate": (_SEARCHED, col(Stop.search_found)),
    "extra_actions_rate": (None, col(Stop.beyond_basis)),
    "no_further_action_rate": (None, col(Stop.outcome) == "none"),
    "hit_triggered_share": (None, col(Stop.triggered_by_hit)),
    "hit_triggered_yield": (col(Stop.triggered_by_hit), col(Stop.offence_found)),
    "force_rate": (None, col(Stop.force_used)),
    "receipt_not_offered": (None, col(Stop.receipt) == "not_offered"),
    "receipt_declined": (None, col(Stop.receipt) == "declined"),
}
COUNT_COLUMNS = ["group", "n", "events"]


def n_column(metric: str) -> str:
    """The tally column holding the metric's denominator (`n`: every stop)."""
    return "n" if METRICS[metric][0] is None else f"n_{metric}"


def event_column(metric: str) -> str:
    """The tally column holding the metric's events."""
    return f"e_{metric}"


@dataclass(frozen=True)
class Scope:
    """What a report covers: a month (YYYY-MM), optionally one unit or area, a supervisor's units
    (`units`; None = no limit) and one kind of trigger (`triggered_by_hit`; None = both)."""

    month: str
    unit: str | None = None
    area: str | None = None
    units: tuple[str, ...] | None = None
    triggered_by_hit: bool | None = None


def scope_conditions(scope: Scope, months: int = 1, stop=Stop) -> list:
    """WHERE conditions on `stops` (or an alias of it: `stop`) for the scope over the `months`
    months ending with its month."""
    start, end = month_range(scope.month, months)
    return [stop.local_date >= start, stop.local_date < end, *scope_filters(scope, stop)]


def scope_filters(scope: Scope, table) -> list:
    """The scope's unit, area, units and trigger as conditions on `table`'s columns of those names."""
    conditions = []
    if scope.unit:
        conditions.append(table.unit == scope.unit)
    if scope.area:
        conditions.append(table.area == scope.area)
    if scope.units is not None:
        conditions.append(table.unit.in_(scope.units) if scope.units else false())
    if scope.triggered_by_hit is not None:
        conditions.append(table.triggered_by_hit.is_(scope.triggered_by_hit))
    return conditions


def read_rows(session: Session, query, columns: list[str] | None = None) -> pd.DataFrame:
    """The query's rows as a frame, columns named as in the SELECT unless given."""
    result = session.execute(query)
    names = columns or list(result.keys())
    # Plain tuples: pandas takes several times longer to build a frame from Row objects.
    return pd.DataFrame([tuple(row) for row in result], columns=names)


def dimension_column(name: str):
    """The Stop column of a report dimension; ValueError for any other name."""
    if name not in DIMENSIONS:
        raise ValueError(f"unknown dimension {name!r}; use one of {', '.join(DIMENSIONS)}")
    return getattr(Stop, name)


def metric_conditions(name: str):
    """(denominator condition or None, event condition) of a metric; ValueError if unknown."""
    if name not in METRICS:
        raise ValueError(f"unknown metric {name!r}; use one of {', '.join(METRICS)}")
    return METRICS[name]


def weekend():
    """1 for a stop on a Saturday or Sunday (local date), else 0."""
    return case((weekday_of(Stop.local_date).in_([0, 6]), 1), else_=0)


def _band(hour_band: pd.Series) -> pd.Series:
    start = hour_band.astype(int) * HOUR_BAND
    return start.map(lambda h: f"{h:02d}-{h + HOUR_BAND - 1:02d}")


def stratum_labels(frame: pd.DataFrame) -> pd.Series:
    """`AREA|HH-HH|weekday` (or `weekend`) from the area, band and weekend columns of a frame."""
    day = frame["weekend"].map({1: "weekend", 0: "weekday"})
    return frame["area"].astype(str) + "|" + _band(frame["hour_band"]) + "|" + day


def total_stops(session: Session, scope: Scope) -> int:
    """How many stops the scope holds."""
    return int(session.execute(select(func.count()).select_from(Stop).where(*scope_conditions(scope))).scalar_one())


def repeated_vehicle_stops(session: Session, scope: Scope,
                           dimensions: tuple[str, ...] = REPORT_DIMENSIONS) -> pd.DataFrame:
    """The scope's stops of vehicles stopped more than once in it (a few percent of the stops),
    counted (`stops`) per value of each of `dimensions` and vehicle_pseudonym."""
    with nested_loops(session):
        frame = read_rows(session, repeated_vehicle_query(scope, dimensions)).astype({"stops": "int64"})
    # `repeat_vehicles` lists the month's vehicles with two stops or more in any scope.
    in_scope = frame.groupby("vehicle_pseudonym")["stops"].transform("sum")
    return frame[in_scope > 1].reset_index(drop=True)


def repeated_vehicle_query(scope: Scope, dimensions: tuple[str, ...] = REPORT_DIMENSIONS):
    """The query behind `repeated_vehicle_stops`: the scope's stops of the vehicles that
    `repeat_vehicles` (kept by the database as stops are written) lists for the month."""
    start, _ = month_range(scope.month)
    listed = select(col(RepeatVehicle.vehicle_pseudonym)).where(col(RepeatVehicle.month) == start)
    keys = [*(dimension_column(d) for d in dimensions), Stop.vehicle_pseudonym]
    return select(*keys, func.count().label("stops")) \
        .where(*scope_conditions(scope), col(Stop.vehicle_pseudonym).in_(listed)).group_by(*keys)


def repeat_counts(stops: pd.Series, repeated: pd.DataFrame, dimension: str, *,
                  min_stops: int = REPEAT_STOPS) -> pd.DataFrame:
    """`group`, `n` distinct vehicles, `events` vehicles stopped `min_stops` or more times with
    that group value, from the stops per group (`stops`, indexed by group) and the stops of
    vehicles stopped more than once (`repeated_vehicle_stops`): a vehicle stopped k times counts
    k times among the stops, so n = stops minus the sum of (k - 1)."""
    recorded = repeated[repeated[dimension].notna()]
    per_vehicle = recorded.groupby([dimension, "vehicle_pseudonym"])["stops"].sum()
    extra = (per_vehicle - 1).groupby(level=0).sum().reindex(stops.index, fill_value=0)
    events = (per_vehicle >= min_stops).groupby(level=0).sum().reindex(stops.index, fill_value=0)
    frame = pd.DataFrame({"group": stops.index.astype(str), "n": (stops - extra).to_numpy(),
                          "events": events.to_numpy()})
    return frame.astype({"n": "int64", "events": "int64"}).sort_values("group").reset_index(drop=True)


def repeat_vehicles(session: Session, scope: Scope, dimension: str = "plate_country", *,
                    min_stops: int = REPEAT_STOPS) -> pd.DataFrame:
    """Per group: n = distinct vehicles stopped in the scope with that group value, events = those
    stopped `min_stops` or more times (with that value) in the period."""
    column = dimension_column(dimension)
    query = select(column, func.count()).where(*scope_conditions(scope), column.is_not(None)).group_by(column)
    stops = pd.Series(dict(session.execute(query).all()), dtype="int64")
    return repeat_counts(stops, repeated_vehicle_stops(session, scope, (dimension,)), dimension, min_stops=min_stops)


def stops_vs_traffic(session: Session, scope: Scope, *, by_area: bool = False,
                     stops_by_area: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per plate country (and area as `stratum` with `by_area`): n = passages, events = stops, also
    as `passages`, `stops` and `hits` (system alerts, NaN when not counted).

    A traffic period overlapping the month counts in proportion to its days inside the month
    (both ends inclusive), so passages may be fractional. Stops count only in areas with traffic
    counts for the month, so both sides cover the same places; countries without passages are left out.
    `stops_by_area` (`group`, `area`, `stops`: the month's stops in scope) saves counting them again.
    """
    keys = ["group", "area"] if by_area else ["group"]
    traffic = _traffic_in_month(session, scope)
    columns = [*COUNT_COLUMNS, "passages", "stops", "hits"] + (["stratum"] if by_area else [])
    if traffic.empty:
        return pd.DataFrame(columns=columns)
    exposure = traffic.groupby(keys, as_index=False).agg(passages=("passages", "sum"),
                                                         hits=("hits", lambda h: h.sum(min_count=1)))
    areas = sorted(traffic["area"].unique())
    if stops_by_area is None:
        stops = _stops_in_areas(session, scope, areas, keys)
    else:
        counted = stops_by_area[stops_by_area["area"].isin(areas)]
        stops = counted.groupby(keys, as_index=False)["stops"].sum()
    frame = exposure.merge(stops, on=keys, how="left").fillna({"stops": 0})
    frame = frame[frame["passages"] > 0].sort_values(keys).reset_index(drop=True)
    frame["stops"] = frame["stops"].astype("int64")
    frame = frame.assign(n=frame["passages"], events=frame["stops"]).rename(columns={"area": "stratum"})
    return frame[columns]


def _stops_in_areas(session: Session, scope: Scope, areas: list[str], keys: list[str]) -> pd.DataFrame:
    stop_keys: list[Label[str]] = [col(Stop.plate_country).label("group")]
    if "area" in keys:
        stop_keys.append(col(Stop.area).label("area"))
    query = select(*stop_keys, func.count().label("stops")) \
        .where(*scope_conditions(scope), col(Stop.area).in_(areas)).group_by(*stop_keys)
    return pd.DataFrame(session.execute(query).all(), columns=[*keys, "stops"])


def _traffic_in_month(session: Session, scope: Scope) -> pd.DataFrame:
    """Traffic rows overlapping the month, passages and hits scaled to the days inside it."""
    start, end = month_range(scope.month)
    table = TrafficCount
    keys = [col(table.period_start), col(table.period_end), col(table.area), col(table.plate_country)]
    conditions = [col(table.period_start) < end, col(table.period_end) >= start]
    if scope.area:
        conditions.append(col(table.area) == scope.area)
    query = select(*keys, func.sum(col(table.passages)), func.sum(col(table.hits))).where(*conditions).group_by(*keys)
    frame = pd.DataFrame(session.execute(query).all(),
                         columns=["period_start", "period_end", "area", "group", "passages", "hits"])
    if frame.empty:
        return frame
    last = end - timedelta(days=1)
    inside = [(min(e, last) - max(s, start)).days + 1 for s, e in zip(frame["period_start"], frame["period_end"],
                                                                     strict=True)]
    length = [(e - s).days + 1 for s, e in zip(frame["period_start"], frame["period_end"], strict=True)]
    share = pd.Series(inside, dtype=float) / pd.Series(length, dtype=float)
    return frame.assign(passages=frame["passages"].astype(float) * share,
                        hits=pd.to_numeric(frame["hits"], errors="coerce").astype(float) * share)


