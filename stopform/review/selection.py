"""Which stops the review list shows for a set of filters, as SQL conditions, and their order.

The conditions are those of the report where a link comes from the report: the same month or
window, units, area, group columns and metric definitions (`reports.queries.METRICS`), so the
stops behind a flag are exactly the stops the flag counted.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, func, not_, or_, select
from sqlmodel import Session, col

from ..auth.access import unit_scope
from ..core.elapsed import hours_between
from ..core.months import month_range
from ..models import Stop, StopReview, User
from ..reports.queries import METRICS, REPEAT_STOPS
from .filters import ReviewFilters
from .reasons import LIST_REASONS

# Recorded more than a day after the stop: after the shift, from memory (an outbox that waited
# for a connection, a paper form typed in later, an import).
LATE_AFTER_HOURS = 24


def _event(metric: str) -> SQLColumnExpression[bool]:
    denominator, event = METRICS[metric]
    return event if denominator is None else and_(denominator, event)


METRIC_CONDITIONS: dict[str, SQLColumnExpression[bool]] = {
    "searched": METRICS["search_rate"][1],
    "search_found": _event("hit_rate"),
    "search_nothing_found": and_(METRICS["search_rate"][1], not_(col(Stop.search_found))),
    "extra_action": METRICS["extra_actions_rate"][1],
    "no_further_action": METRICS["no_further_action_rate"][1],
    "hit_triggered": METRICS["hit_triggered_share"][1],
    "hit_offence_found": _event("hit_triggered_yield"),
    "force": METRICS["force_rate"][1],
    "receipt_not_offered": METRICS["receipt_not_offered"][1],
    "receipt_declined": METRICS["receipt_declined"][1],
    "late": hours_between(col(Stop.recorded_at), col(Stop.occurred_at)) > LATE_AFTER_HOURS,
}
SORTS = {
    "newest": (col(Stop.occurred_at).desc(),),
    "oldest": (col(Stop.occurred_at),),
    "area": (col(Stop.area), col(Stop.occurred_at).desc()),
    "officer": (col(Stop.officer_ref), col(Stop.occurred_at).desc()),
    "reason": (col(Stop.reason), col(Stop.occurred_at).desc()),
    "basis": (col(Stop.legal_basis), col(Stop.occurred_at).desc()),
    "unit": (col(Stop.unit), col(Stop.occurred_at).desc()),
}


def latest_outcome():
    """The outcome of the stop's latest review (NULL: not reviewed), as a correlated subquery."""
    return select(col(StopReview.outcome)).where(col(StopReview.stop_id) == col(Stop.stop_id)) \
        .order_by(col(StopReview.created_at).desc(), col(StopReview.id).desc()).limit(1).scalar_subquery()


def status_condition(status: str) -> ColumnElement[bool] | None:
    """`open`: never reviewed; `ok` / `follow_up`: the latest review says so; `all`: None."""
    if status == "open":
        return latest_outcome().is_(None)
    if status in ("ok", "follow_up"):
        return latest_outcome() == status
    return None


def scope_conditions(session: Session, user: User, month: str, filters: ReviewFilters) -> list[ColumnElement[bool]]:
    """Every condition but the status: period, the reader's units, why listed, metric, columns."""
    return unit_conditions(unit_scope(session, user), month, filters)


def unit_conditions(units: tuple[str, ...] | None, month: str,
                    filters: ReviewFilters) -> list[ColumnElement[bool]]:
    """`scope_conditions` for the stops of `units` (None: every unit), the reader's units already known."""
    start, end = month_range(month, filters.months)
    conditions: list[ColumnElement[bool]] = [col(Stop.local_date) >= start, col(Stop.local_date) < end]
    if units is not None:
        conditions.append(col(Stop.unit).in_(units))
    conditions.extend(getattr(Stop, name) == value for name, value in
                      (("unit", filters.unit), ("area", filters.area)) if value)
    if filters.metric == "repeat_vehicle":
        conditions.append(col(Stop.vehicle_pseudonym).in_(_repeated_vehicles(list(conditions))))
    elif filters.metric in METRIC_CONDITIONS:
        conditions.append(and_(METRIC_CONDITIONS[filters.metric]))
    if filters.why == "listed":
        conditions.append(or_(*LIST_REASONS.values()))
    elif filters.why in LIST_REASONS:
        conditions.append(and_(LIST_REASONS[filters.why]))
    if filters.trigger:
        conditions.append(col(Stop.triggered_by_hit).is_(filters.trigger == "hit_triggered"))
    columns = {"officer_ref": filters.officer, "reason": filters.reason,
               "legal_basis": filters.basis, **filters.groups}
    conditions.extend(getattr(Stop, name) == value for name, value in columns.items() if value)
    return conditions


def _repeated_vehicles(scope: list[ColumnElement[bool]]):
    # As the report counts them: vehicles with REPEAT_STOPS or more stops in the period and scope.
    return select(col(Stop.vehicle_pseudonym)).where(*scope).group_by(col(Stop.vehicle_pseudonym)) \
        .having(func.count() >= REPEAT_STOPS)


def status_counts(session: Session, conditions: list[ColumnElement[bool]]) -> dict[str, int]:
    """How many of the selected stops are open, in order and need follow-up (and all of them)."""
    outcome = latest_outcome().label("outcome")
    inner = select(outcome).where(*conditions).subquery()
    rows = session.execute(select(inner.c.outcome, func.count()).group_by(inner.c.outcome)).all()
    counts = {"open": 0, "follow_up": 0, "ok": 0}
    for value, count in rows:
        counts["open" if value is None else value] = count
    counts["all"] = sum(counts.values())
    return counts
