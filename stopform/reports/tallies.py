"""Every metric at once: the report's counts of 12 months in one small frame.

The frame holds the scope's stops of the last `TREND_MONTHS` months per month, the three group
columns (plate country, nationality, perceived origin) and the stratum (area, hour band,
weekday/weekend), with each metric's denominator and events as columns. It is read from
`stop_cells`, which the database keeps as stops are written (`models.report_cells`), so the
report no longer scans the stops for it; the per-test count frames of the month, the monthly
trends, the stop total and the stops per area are sums over it. `event_counts` and
`monthly_trend` count the stops themselves (`count(*) FILTER (WHERE ...)`), one metric at a
time, and the tests hold the two to the same answers.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session, col

from ..models import Stop
from . import cell_queries, queries
from .dialect import month_of, year_of
from .queries import COUNT_COLUMNS, HOUR_BAND, METRICS, TREND_MONTHS, Scope, event_column, n_column

GROUP_COLUMNS = queries.REPORT_DIMENSIONS
# The report's tests counted per stop (in the analysis catalogue's order), and so the only
# metrics the report's trends can be asked for.
REPORT_METRICS = ("search_rate", "hit_rate", "extra_actions_rate", "no_further_action_rate",
                  "hit_triggered_share", "hit_triggered_yield", "force_rate")
STRATUM_KEYS = ["area", "hour_band", "weekend"]


def metric_columns(metrics) -> list:
    """Labelled count columns: `n` and, per metric, its denominator (when not every stop) and
    events. A NULL condition counts as false, as it would in WHERE."""
    columns = [func.count().label("n")]
    for metric in metrics:
        denominator, event = queries.metric_conditions(metric)
        if denominator is not None:
            columns.append(func.count().filter(denominator).label(n_column(metric)))
            event = denominator & event
        columns.append(func.count().filter(event).label(event_column(metric)))
    return columns


def tally_query(scope: Scope, keys: list, months: int = 1, metrics=tuple(METRICS), extra=()):
    """SELECT keys, the metrics' count columns and `extra` columns over the scope's `months`
    months, grouped by the keys."""
    return select(*keys, *metric_columns(metrics), *extra) \
        .where(*queries.scope_conditions(scope, months)).group_by(*keys)


def read_tallies(session: Session, query) -> pd.DataFrame:
    """The rows of a tally query as a frame, count columns as int64."""
    frame = queries.read_rows(session, query)
    counts = [c for c in frame.columns if c == "n" or c.startswith(("n_", "e_"))]
    return frame.astype(dict.fromkeys(counts, "int64"))


def _stratum_keys() -> list:
    return [col(Stop.area).label("area"), (col(Stop.local_hour) // HOUR_BAND).label("hour_band"),
            queries.weekend().label("weekend")]


def _year_month() -> list:
    return [year_of(Stop.local_date).label("year"), month_of(Stop.local_date).label("month")]


def split_counts(frame: pd.DataFrame, metric: str, keys: list[str]) -> pd.DataFrame:
    """The metric's (keys..., n, events) rows of a tally frame, summed over the other columns;
    groups without any stop in the denominator are left out, as a WHERE on it would."""
    n, events = n_column(metric), event_column(metric)
    sums = frame.groupby(keys, sort=True, dropna=True)[[n, events]].sum().reset_index()
    sums = sums.rename(columns={n: "n", events: "events"})
    return sums[sums["n"] > 0].reset_index(drop=True)


def as_count_frame(frame: pd.DataFrame, dimension_keys: list[str], stratified: bool) -> pd.DataFrame:
    """`group`, `n`, `events` (and `stratum`) from split counts keyed by the group column first."""
    out = frame.rename(columns={dimension_keys[0]: "group"})
    out["group"] = out["group"].astype(str)
    out[["n", "events"]] = out[["n", "events"]].astype("int64")
    if not stratified:
        return out[COUNT_COLUMNS].reset_index(drop=True)
    out["stratum"] = queries.stratum_labels(out) if len(out) else pd.Series(dtype=str)
    return out[[*COUNT_COLUMNS, "stratum"]].reset_index(drop=True)


def _monthly_frame(sums: pd.DataFrame, group: str) -> pd.DataFrame:
    labels = [f"{y:04d}-{m:02d}" for y, m in zip(sums["year"], sums["month"], strict=True)]
    return as_count_frame(sums, [group], False).assign(month=labels)[["month", *COUNT_COLUMNS]]


@dataclass(frozen=True)
class Tallies:
    """The stratified monthly tallies of one scope (see the module docstring)."""

    month: str
    frame: pd.DataFrame
    metrics: tuple[str, ...] = REPORT_METRICS
    # dimension -> first and last local date with a value over the 12 months (`span`)
    spans: Mapping[str, tuple[date, date] | None] = field(default_factory=dict)

    def _in_month(self, month: str | None = None) -> pd.DataFrame:
        first = queries.parse_month(month or self.month)
        frame = self.frame
        return frame[(frame["year"] == first.year) & (frame["month"] == first.month)]

    def _last(self, months: int = TREND_MONTHS) -> pd.DataFrame:
        """The rows of the `months` months ending with the report month (the frame may hold one
        more, for the standing check of the 12-month window)."""
        first = queries.add_months(queries.parse_month(self.month), 1 - months)
        frame = self.frame
        return frame[frame["year"] * 12 + frame["month"] >= first.year * 12 + first.month]

    def months(self) -> list[str]:
        """The months (YYYY-MM) with stops in the frame, oldest first."""
        pairs = self.frame[["year", "month"]].drop_duplicates().sort_values(["year", "month"])
        return [f"{y:04d}-{m:02d}" for y, m in zip(pairs["year"], pairs["month"], strict=True)]

    def count_frames_by_month(self, metrics, dimension: str) -> dict[str, pd.DataFrame]:
        """As `count_frames`, over every month of the frame, with a `month` column (YYYY-MM)
        for the report's 3- and 12-month windows."""
        keys = ["year", "month", dimension, *STRATUM_KEYS]
        columns = list(dict.fromkeys(c for m in metrics for c in (n_column(m), event_column(m))))
        sums = self.frame.groupby(keys, sort=True, dropna=True)[columns].sum().reset_index()
        labels = [f"{y:04d}-{m:02d}" for y, m in zip(sums["year"], sums["month"], strict=True)]
        labelled = as_count_frame(sums.assign(n=0, events=0), [dimension, *STRATUM_KEYS], True)
        labelled["month"] = labels
        return _per_metric(sums, labelled, metrics)

    def total(self) -> int:
        """Stops in the scope's month."""
        return int(self._in_month()["n"].sum())

    def count_frames(self, metrics, dimension: str) -> dict[str, pd.DataFrame]:
        """The month's count frame per group of `dimension` × stratum for each of `metrics`, as
        `event_counts(..., stratified=True)` gives it."""
        keys = [dimension, *STRATUM_KEYS]
        columns = list(dict.fromkeys(c for m in metrics for c in (n_column(m), event_column(m))))
        sums = self._in_month().groupby(keys, sort=True, dropna=True)[columns].sum().reset_index()
        labelled = as_count_frame(sums.assign(n=0, events=0), keys, True)  # group and stratum once
        return _per_metric(sums, labelled, metrics)

    def monthly(self, metric: str, dimension: str) -> pd.DataFrame:
        """`month` (YYYY-MM), `group`, `n`, `events` per month with stops, as
        `monthly_trend` gives it."""
        return _monthly_frame(split_counts(self.frame, metric, ["year", "month", dimension]), dimension)

    def stops_by_area(self, month: str | None = None, triggered: bool | None = None) -> pd.DataFrame:
        """The month's (or `month`'s) stops per plate country (`group`) and `area`; with
        `triggered`, only the hit-triggered (True) or officer-initiated (False) ones."""
        frame = self._in_month(month)
        hits = event_column("hit_triggered_share")
        counted = frame["n"] if triggered is None else frame[hits] if triggered else frame["n"] - frame[hits]
        sums = frame.assign(stops=counted).groupby(["plate_country", "area"], sort=True)["stops"].sum()
        return sums.reset_index().rename(columns={"plate_country": "group"})

    def span(self, dimension: str) -> tuple[date, date] | None:
        """First and last local date with a stop that has a value for `dimension` (12 months);
        read for the dimensions `stratified_tallies` was asked to (KeyError for another one
        that has values)."""
        if dimension in self.spans:
            return self.spans[dimension]
        if not self.groups(dimension):
            return None
        raise KeyError(f"the span of {dimension} was not read")

    def areas(self, dimension: str) -> list[str]:
        """The areas of stops with a value for `dimension` (12 months), sorted."""
        frame = self._last()
        return sorted(frame.loc[frame[dimension].notna(), "area"].astype(str).unique())

    def groups(self, dimension: str) -> list[str]:
        """The values of `dimension` over the 12 months, sorted."""
        return sorted(self._last()[dimension].dropna().astype(str).unique())


def stratified_tallies(session: Session, scope: Scope, months: int = TREND_MONTHS + 1,
                       metrics: tuple[str, ...] = REPORT_METRICS,
                       spans: tuple[str, ...] = (queries.REPORT_DIMENSIONS[0],)) -> Tallies:
    """The tallies of the scope's last `months` months (see the module docstring): by default
    the 12 months of the report's windows and trends and the month before them, which the
    standing check of the 12-month window needs; with the first and last date of each of
    `spans`' dimensions over the 12 months."""
    frame = cell_queries.tally_frame(session, scope, months, metrics)
    dates = {dimension: cell_queries.date_span(session, scope, dimension, TREND_MONTHS) for dimension in spans}
    return Tallies(month=scope.month, frame=frame, metrics=metrics, spans=dates)


def event_counts(session: Session, scope: Scope, metric: str, dimension: str = "plate_country", *,
                 stratified: bool = False) -> pd.DataFrame:
    """Per group of `dimension` (not-null values only): n = stops in the metric's denominator,
    events = those with the metric's event; with `stratified`, one row per group × stratum."""
    column = queries.dimension_column(dimension)
    keys = [column.label("group"), *(_stratum_keys() if stratified else [])]
    frame = read_tallies(session, tally_query(scope, keys, metrics=[metric]))
    names = [key.name for key in keys]
    return as_count_frame(split_counts(frame, metric, names), names, stratified)


def monthly_trend(session: Session, scope: Scope, metric: str, dimension: str = "plate_country", *,
                  months: int = TREND_MONTHS) -> pd.DataFrame:
    """`month` (YYYY-MM), `group`, `n`, `events` for each of the `months` months ending with the
    scope's month (months without stops have no rows)."""
    keys = [*_year_month(), queries.dimension_column(dimension).label("group")]
    frame = read_tallies(session, tally_query(scope, keys, months, metrics=[metric]))
    return _monthly_frame(split_counts(frame, metric, ["year", "month", "group"]), "group")


COMPLIANCE = {  # frame -> (metric, key)
    "receipt_not_offered": ("receipt_not_offered", None),
    "receipt_declined": ("receipt_declined", None),
    "hit_triggered": ("hit_triggered_share", None),
    "extra_actions_by_legal_basis": ("extra_actions_rate", "legal_basis"),
}


def registration_compliance(session: Session, scope: Scope, by: str = "unit") -> dict[str, pd.DataFrame]:
    """How well stops are registered: receipts not offered / declined and hit-triggered stops per
    `by` (n = stops), and stops with an action beyond their basis per legal basis. Read from
    `basis_cells`."""
    frame = cell_queries.compliance_frame(session, scope, by)
    frames = {}
    for name, (metric, key) in COMPLIANCE.items():
        frames[name] = as_count_frame(split_counts(frame, metric, [key or by]), [key or by], False)
    return frames


def _per_metric(sums: pd.DataFrame, labelled: pd.DataFrame, metrics) -> dict[str, pd.DataFrame]:
    """One count frame per metric: the labelled rows with that metric's `n` and `events`, rows
    without stops left out."""
    out = {}
    for metric in metrics:
        n, events = sums[n_column(metric)], sums[event_column(metric)]
        kept = n > 0
        out[metric] = labelled[kept].assign(n=n[kept], events=events[kept]).reset_index(drop=True)
    return out
