"""Count queries for the monthly report: GROUP BY in SQL, small pandas frames out.

Every count frame has the columns `group`, `n`, `events` (and `stratum` when stratified), so
memory grows with the number of groups, never with the number of stops. Months are Dutch
calendar months: stops are selected on the stored `Stop.local_date` (Europe/Amsterdam), and
hour bands use `Stop.local_hour`, so SQLite and PostgreSQL give the same answer.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Integer, case, cast, extract, false, func, or_, select, true
from sqlmodel import Session

from ..models import Stop, TrafficCount

DIMENSIONS = ("plate_country", "driver_nationality", "perceived_origin", "legal_basis", "reason", "unit", "area")
HOUR_BAND = 4  # hours per band: 00-03, 04-07, ... 20-23
REPEAT_STOPS = 3
TREND_MONTHS = 12
_SEARCHED = or_(Stop.vehicle_searched, Stop.persons_searched > 0)
# metric -> (denominator condition or None for every stop, event condition)
METRICS = {
    "stops": (None, true()),
    "search_rate": (None, _SEARCHED),
    "hit_rate": (_SEARCHED, Stop.search_found),
    "extra_actions_rate": (None, Stop.beyond_basis),
    "no_further_action_rate": (None, Stop.outcome == "none"),
    "hit_triggered_share": (None, Stop.triggered_by_hit),
    "hit_triggered_yield": (Stop.triggered_by_hit, Stop.offence_found),
    "force_rate": (None, Stop.force_used),
    "receipt_not_offered": (None, Stop.receipt == "not_offered"),
    "receipt_declined": (None, Stop.receipt == "declined"),
}
COUNT_COLUMNS = ["group", "n", "events"]


@dataclass(frozen=True)
class Scope:
    """What a report covers: a month (YYYY-MM), optionally one unit or area, a supervisor's units
    (`units`; None = no limit) and one kind of trigger (`triggered_by_hit`; None = both)."""

    month: str
    unit: str | None = None
    area: str | None = None
    units: tuple[str, ...] | None = None
    triggered_by_hit: bool | None = None


def parse_month(text: str) -> date:
    """The first day of a `YYYY-MM` month; ValueError when it is not one."""
    year, _, month = text.partition("-")
    if len(year) != 4 or len(month) != 2 or not (year + month).isdigit():
        raise ValueError(f"not a month like 2026-10: {text!r}")
    return date(int(year), int(month), 1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_range(month: str, months: int = 1) -> tuple[date, date]:
    """[first day, first day after) of the `months` months ending with `month`."""
    first = parse_month(month)
    return add_months(first, 1 - months), add_months(first, 1)


def scope_conditions(scope: Scope, months: int = 1) -> list:
    """WHERE conditions on `stops` for the scope over the `months` months ending with its month."""
    start, end = month_range(scope.month, months)
    conditions = [Stop.local_date >= start, Stop.local_date < end]
    if scope.unit:
        conditions.append(Stop.unit == scope.unit)
    if scope.area:
        conditions.append(Stop.area == scope.area)
    if scope.units is not None:
        conditions.append(Stop.unit.in_(scope.units) if scope.units else false())
    if scope.triggered_by_hit is not None:
        conditions.append(Stop.triggered_by_hit.is_(scope.triggered_by_hit))
    return conditions


def _dimension(name: str):
    if name not in DIMENSIONS:
        raise ValueError(f"unknown dimension {name!r}; use one of {', '.join(DIMENSIONS)}")
    return getattr(Stop, name)


def _metric(name: str):
    if name not in METRICS:
        raise ValueError(f"unknown metric {name!r}; use one of {', '.join(METRICS)}")
    return METRICS[name]


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _weekend():
    # Day of week 0 = Sunday .. 6 = Saturday on both SQLite (strftime %w) and PostgreSQL (dow).
    return case((cast(extract("dow", Stop.local_date), Integer).in_([0, 6]), 1), else_=0)


def _band(hour_band: pd.Series) -> pd.Series:
    start = hour_band.astype(int) * HOUR_BAND
    return start.map(lambda h: f"{h:02d}-{h + HOUR_BAND - 1:02d}")


def stratum_labels(frame: pd.DataFrame) -> pd.Series:
    """`AREA|HH-HH|weekday` (or `weekend`) from the area, band and weekend columns of a frame."""
    day = frame["weekend"].map({1: "weekend", 0: "weekday"})
    return frame["area"].astype(str) + "|" + _band(frame["hour_band"]) + "|" + day


def event_counts(session: Session, scope: Scope, metric: str, dimension: str = "plate_country", *,
                 stratified: bool = False) -> pd.DataFrame:
    """Per group of `dimension` (not-null values only): n = stops in the metric's denominator,
    events = those with the metric's event; with `stratified`, one row per group × stratum."""
    denominator, event = _metric(metric)
    column = _dimension(dimension)
    keys = [column.label("group")]
    if stratified:
        keys += [Stop.area.label("area"), (Stop.local_hour // HOUR_BAND).label("hour_band"),
                 _weekend().label("weekend")]
    conditions = [*scope_conditions(scope), column.is_not(None)]
    if denominator is not None:
        conditions.append(denominator)
    query = select(*keys, func.count().label("n"), _count_if(event).label("events")) \
        .where(*conditions).group_by(*keys).order_by(*keys)
    return _count_frame(session.execute(query).all(), [k.name for k in keys], stratified)


def _count_frame(rows, keys: list[str], stratified: bool) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*keys, "n", "events"])
    frame["group"] = frame["group"].astype(str)
    frame[["n", "events"]] = frame[["n", "events"]].astype("int64")
    if not stratified:
        return frame[COUNT_COLUMNS].reset_index(drop=True)
    frame["stratum"] = stratum_labels(frame) if len(frame) else pd.Series(dtype=str)
    return frame[[*COUNT_COLUMNS, "stratum"]].reset_index(drop=True)


def total_stops(session: Session, scope: Scope) -> int:
    """How many stops the scope holds."""
    return int(session.execute(select(func.count()).select_from(Stop).where(*scope_conditions(scope))).scalar_one())


def repeat_vehicles(session: Session, scope: Scope, dimension: str = "plate_country", *,
                    min_stops: int = REPEAT_STOPS) -> pd.DataFrame:
    """Per group: n = distinct vehicles stopped in the scope with that group value, events = those
    stopped `min_stops` or more times (with that value) in the period."""
    column = _dimension(dimension)
    per_vehicle = select(column.label("grp"), Stop.vehicle_pseudonym, func.count().label("stops")) \
        .where(*scope_conditions(scope), column.is_not(None)) \
        .group_by(column, Stop.vehicle_pseudonym).subquery()
    query = select(per_vehicle.c.grp.label("group"), func.count().label("n"),
                   _count_if(per_vehicle.c.stops >= min_stops).label("events")) \
        .group_by(per_vehicle.c.grp).order_by(per_vehicle.c.grp)
    return _count_frame(session.execute(query).all(), ["group"], False)


def monthly_trend(session: Session, scope: Scope, metric: str, dimension: str = "plate_country", *,
                  months: int = TREND_MONTHS) -> pd.DataFrame:
    """`month` (YYYY-MM), `group`, `n`, `events` for each of the `months` months ending with the
    scope's month (months without stops have no rows)."""
    denominator, event = _metric(metric)
    column = _dimension(dimension)
    year = cast(extract("year", Stop.local_date), Integer).label("year")
    month = cast(extract("month", Stop.local_date), Integer).label("month")
    conditions = [*scope_conditions(scope, months), column.is_not(None)]
    if denominator is not None:
        conditions.append(denominator)
    query = select(year, month, column.label("group"), func.count().label("n"), _count_if(event).label("events")) \
        .where(*conditions).group_by(year, month, column).order_by(year, month, column)
    frame = pd.DataFrame(session.execute(query).all(), columns=["year", "month", "group", "n", "events"])
    frame["month"] = [f"{y:04d}-{m:02d}" for y, m in zip(frame["year"], frame["month"], strict=True)]
    frame["group"] = frame["group"].astype(str)
    frame[["n", "events"]] = frame[["n", "events"]].astype("int64")
    return frame[["month", *COUNT_COLUMNS]]


def registration_compliance(session: Session, scope: Scope, by: str = "unit") -> dict[str, pd.DataFrame]:
    """How well stops are registered: receipts not offered / declined and hit-triggered stops per
    `by` (n = stops), and stops with an action beyond their basis per legal basis."""
    return {
        "receipt_not_offered": event_counts(session, scope, "receipt_not_offered", by),
        "receipt_declined": event_counts(session, scope, "receipt_declined", by),
        "hit_triggered": event_counts(session, scope, "hit_triggered_share", by),
        "extra_actions_by_legal_basis": event_counts(session, scope, "extra_actions_rate", "legal_basis"),
    }


def veil_rows(session: Session, scope: Scope, dimension: str = "plate_country", *,
              months: int = TREND_MONTHS) -> pd.DataFrame:
    """One row per stop over the `months` months ending with the scope's month, only the columns
    the veil-of-darkness test needs: occurred_at (aware UTC), area, the group, triggered_by_hit."""
    column = _dimension(dimension)
    query = select(Stop.occurred_at, Stop.area, column, Stop.triggered_by_hit) \
        .where(*scope_conditions(scope, months), column.is_not(None)).order_by(Stop.occurred_at)
    return _row_frame(session, query, ["occurred_at", "area", dimension, "triggered_by_hit"])


def officer_rows(session: Session, scope: Scope, dimension: str = "plate_country", *,
                 months: int = TREND_MONTHS) -> pd.DataFrame:
    """One row per stop over the `months` months ending with the scope's month for the officer
    benchmark: officer_ref, area, occurred_at (aware UTC), reason and the group."""
    column = _dimension(dimension)
    query = select(Stop.officer_ref, Stop.area, Stop.occurred_at, Stop.reason, column) \
        .where(*scope_conditions(scope, months), column.is_not(None)).order_by(Stop.occurred_at)
    return _row_frame(session, query, ["officer_ref", "area", "occurred_at", "reason", dimension])


def _row_frame(session: Session, query, columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    frame["occurred_at"] = pd.to_datetime(frame["occurred_at"], utc=True)
    return frame


def stops_vs_traffic(session: Session, scope: Scope, *, by_area: bool = False) -> pd.DataFrame:
    """Per plate country (and area as `stratum` with `by_area`): n = passages, events = stops, also
    as `passages`, `stops` and `hits` (system alerts, NaN when not counted).

    A traffic period overlapping the month counts in proportion to its days inside the month
    (both ends inclusive), so passages may be fractional. Stops count only in areas with traffic
    counts for the month, so both sides cover the same places; countries without passages are left out.
    """
    keys = ["group", "area"] if by_area else ["group"]
    traffic = _traffic_in_month(session, scope)
    columns = [*COUNT_COLUMNS, "passages", "stops", "hits"] + (["stratum"] if by_area else [])
    if traffic.empty:
        return pd.DataFrame(columns=columns)
    exposure = traffic.groupby(keys, as_index=False).agg(passages=("passages", "sum"),
                                                         hits=("hits", lambda h: h.sum(min_count=1)))
    stop_keys = [Stop.plate_country.label("group"), *([Stop.area.label("area")] if by_area else [])]
    query = select(*stop_keys, func.count().label("stops")) \
        .where(*scope_conditions(scope), Stop.area.in_(sorted(traffic["area"].unique()))).group_by(*stop_keys)
    stops = pd.DataFrame(session.execute(query).all(), columns=[*keys, "stops"])
    frame = exposure.merge(stops, on=keys, how="left").fillna({"stops": 0})
    frame = frame[frame["passages"] > 0].sort_values(keys).reset_index(drop=True)
    frame["stops"] = frame["stops"].astype("int64")
    frame = frame.assign(n=frame["passages"], events=frame["stops"]).rename(columns={"area": "stratum"})
    return frame[columns]


def _traffic_in_month(session: Session, scope: Scope) -> pd.DataFrame:
    """Traffic rows overlapping the month, passages and hits scaled to the days inside it."""
    start, end = month_range(scope.month)
    table = TrafficCount
    keys = [table.period_start, table.period_end, table.area, table.plate_country]
    conditions = [table.period_start < end, table.period_end >= start]
    if scope.area:
        conditions.append(table.area == scope.area)
    query = select(*keys, func.sum(table.passages), func.sum(table.hits)).where(*conditions).group_by(*keys)
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

