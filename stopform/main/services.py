"""Aggregate counts for the overview page, computed in SQL."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, cast, func
from sqlmodel import Session, col, select

from ..auth.access import unit_scope
from ..models import Stop, User, utcnow
from ..receipts.feedback import FeedbackSummary, feedback_summary


@dataclass
class Overview:
    """Counts for one calendar month."""

    month: str
    total: int
    beyond_basis: int
    triggered_by_hit: int
    by_basis: list[tuple[str, int]]
    by_country: list[tuple[str, int]]
    feedback: FeedbackSummary | None = None


def month_overview(session: Session, user: User, now: datetime | None = None) -> Overview:
    """This month's counts within the user's scope (a supervisor: their units)."""
    now = now or utcnow()
    start = datetime(now.year, now.month, 1, tzinfo=UTC)
    scope: list[ColumnElement[bool]] = [col(Stop.occurred_at) >= start]
    units = unit_scope(session, user)
    if units is not None:
        scope.append(col(Stop.unit).in_(units))
    total, beyond, hits = session.exec(select(
        func.count(), func.coalesce(func.sum(cast(col(Stop.beyond_basis), int_type())), 0),
        func.coalesce(func.sum(cast(col(Stop.triggered_by_hit), int_type())), 0)).where(*scope)).one()
    return Overview(month=start.strftime("%Y-%m"), total=total, beyond_basis=beyond, triggered_by_hit=hits,
                    by_basis=_grouped(session, col(Stop.legal_basis), scope),
                    by_country=_grouped(session, col(Stop.plate_country), scope),
                    feedback=feedback_summary(session, units=units, start=start.date(), end=now.date()))


def int_type():
    """Integer type for summing booleans portably."""
    from sqlalchemy import Integer
    return Integer()


def _grouped(session: Session, column, scope) -> list[tuple[str, int]]:
    query = select(column, func.count()).where(*scope).group_by(column).order_by(func.count().desc())
    return [(code, count) for code, count in session.exec(query)]
