"""Read the counts the database keeps as stops are written (`models.report_cells`).

Each query sums a table of cells over the scope (its months, unit or units, area, trigger) and
returns the same frame its count of the stops themselves would: the cells' '' is NULL again,
and cells whose stops are all gone (zeros) are left out.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import case, func, select
from sqlmodel import Session, col

from ..models import BasisCell, OfficerCell, Stop, StopCell
from . import queries
from .dialect import month_of, year_of
from .queries import Scope, event_column, n_column

# metric -> (denominator, events) as sums of stop_cells columns; None: every stop.
TRIGGERED = "triggered"
STOP_CELL_METRICS: dict[str, tuple[str | None, str]] = {
    "search_rate": (None, "searched"),
    "hit_rate": ("searched", "found"),
    "extra_actions_rate": (None, "extra"),
    "no_further_action_rate": (None, "no_further_action"),
    "hit_triggered_share": (None, TRIGGERED),
    "hit_triggered_yield": (TRIGGERED, "offence_after_hit"),
    "force_rate": (None, "force"),
}
GROUP_COLUMNS = ("plate_country", "driver_nationality", "perceived_origin")


def cell_conditions(scope: Scope, months: int = 1, table=OfficerCell) -> list:
    """WHERE conditions on a table of cells for the scope over the `months` months ending with its month."""
    start, end = queries.month_range(scope.month, months)
    return [col(table.month) >= start, col(table.month) < end, *queries.scope_filters(scope, table)]


def recorded(column):
    """A cell key column with '' (not recorded) read as NULL."""
    return func.nullif(column, "")


def triggered_stops(table):
    """The sum of a table of cells' stops that a system hit triggered."""
    return func.sum(case((col(table.triggered_by_hit), col(table.n)), else_=0))


def _stop_cell_sum(name: str):
    return triggered_stops(StopCell) if name == TRIGGERED else func.sum(getattr(StopCell, name))


def tally_frame(session: Session, scope: Scope, months: int, metrics) -> pd.DataFrame:
    """The scope's stops of its `months` months per year, month, group columns and stratum
    (area, hour_band, weekend) with `n` and each metric's denominator and event columns, as
    `tallies.tally_query` names them."""
    unknown = set(metrics) - set(STOP_CELL_METRICS)
    if unknown:
        raise ValueError(f"stop cells do not count {', '.join(sorted(unknown))}")
    cell = StopCell
    keys = [year_of(col(cell.month)).label("year"), month_of(col(cell.month)).label("month"),
            col(cell.plate_country).label("plate_country"),
            *(recorded(getattr(cell, name)).label(name) for name in GROUP_COLUMNS[1:]),
            col(cell.area).label("area"), col(cell.hour_band).label("hour_band"), col(cell.weekend).label("weekend")]
    counts = [func.sum(col(cell.n)).label("n")]
    for metric in metrics:
        denominator, events = STOP_CELL_METRICS[metric]
        if denominator is not None:
            counts.append(_stop_cell_sum(denominator).label(n_column(metric)))
        counts.append(_stop_cell_sum(events).label(event_column(metric)))
    query = select(*keys, *counts).where(*cell_conditions(scope, months, cell)) \
        .group_by(*keys).having(func.sum(col(cell.n)) > 0)
    frame = queries.read_rows(session, query)
    if frame.empty:
        frame = pd.DataFrame(columns=[key.name for key in keys] + [c.name for c in counts])
    numbers = [c.name for c in counts] + ["year", "month", "hour_band", "weekend"]
    return frame.astype(dict.fromkeys(numbers, "int64"))


def date_span(session: Session, scope: Scope, dimension: str, months: int) -> tuple[date, date] | None:
    """First and last local date of a stop with a value for `dimension` in the scope's `months`
    months (the index on the date finds them without reading the month)."""
    column = queries.dimension_column(dimension)
    query = select(func.min(col(Stop.local_date)), func.max(col(Stop.local_date))) \
        .where(*queries.scope_conditions(scope, months), column.is_not(None))
    first, last = session.execute(query).one()
    return None if first is None else (first, last)


COMPLIANCE_COLUMNS = {"n": "n", "e_receipt_not_offered": "receipt_not_offered",
                      "e_receipt_declined": "receipt_declined", "e_extra_actions_rate": "extra"}


def compliance_frame(session: Session, scope: Scope, by: str) -> pd.DataFrame:
    """The scope's month per `by` (a key of basis_cells) and legal basis: n and the event
    columns of registration compliance (receipts not offered or declined, hit-triggered, extra
    actions), named as `tallies.tally_query` names them."""
    cell = BasisCell
    if by not in BasisCell.model_fields or by in COMPLIANCE_COLUMNS.values():
        raise ValueError(f"basis cells are not counted by {by}")
    names = list(dict.fromkeys([by, "legal_basis"]))
    keys = [getattr(cell, name).label(name) for name in names]
    counts = [func.sum(getattr(cell, column)).label(label) for label, column in COMPLIANCE_COLUMNS.items()]
    triggered = triggered_stops(cell).label("e_hit_triggered_share")
    query = select(*keys, *counts, triggered).where(*cell_conditions(scope, 1, cell)) \
        .group_by(*keys).having(func.sum(col(cell.n)) > 0)
    frame = queries.read_rows(session, query)
    if frame.empty:
        frame = pd.DataFrame(columns=[*names, *COMPLIANCE_COLUMNS, "e_hit_triggered_share"])
    return frame.astype(dict.fromkeys([*COMPLIANCE_COLUMNS, "e_hit_triggered_share"], "int64"))


def search_frame(session: Session, scope: Scope, months: int) -> pd.DataFrame:
    """Searches over the scope's `months` months per plate country (`group`), area and the
    search's legal basis (None when unrecorded), with those that found something."""
    cell = BasisCell
    keys = [col(cell.plate_country).label("group"), col(cell.area).label("area"),
            recorded(col(cell.search_basis)).label("basis")]
    searches = func.sum(col(cell.searched))
    query = select(*keys, searches.label("searches"), func.sum(col(cell.found)).label("found")) \
        .where(*cell_conditions(scope, months, cell)).group_by(*keys).having(searches > 0)
    return queries.read_rows(session, query)
