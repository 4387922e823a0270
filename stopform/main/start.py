"""The supervisor's start page: the last complete month at a glance.

Its flags (from the monthly report), the review queue, stops without a receipt offered and
stops recorded late, each with a link to the stops behind it; and which stops these figures
count (the reader's units, the month's Dutch calendar days), so nobody wonders why the figures
differ from what was recorded or loaded.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from ..auth.access import unit_scope
from ..core.months import month_range
from ..models import Stop, User
from ..reports import labels
from ..reports.reading import read_report
from ..review import selection
from ..review.filters import ReviewFilters
from ..review.services import queue_counts


@dataclass(frozen=True)
class StartPage:
    """What the start page shows for one month within the reader's units (None: every unit)."""

    month: str
    first_day: date
    last_day: date
    units: tuple[str, ...] | None
    n_stops: int
    flags: list[tuple[str, dict[str, Any]]]  # (title, flag)
    review_counts: dict[str, int]
    counts: dict[str, int] = field(default_factory=dict)  # metric -> stops (not_offered, late)
    later_stops: int = 0  # stops of the units after the month: not counted here


def flag_title(flag: Mapping[str, Any]) -> str:
    """A flag's name as the report heads it: test, dimension and group."""
    return f"{labels.test_title(flag['test'])} · {labels.dimension_name(flag['dimension'])} {flag['group']}"


def _metric_count(session: Session, user: User, month: str, metric: str) -> int:
    conditions = selection.scope_conditions(session, user, month, ReviewFilters(why="all", metric=metric))
    return session.execute(select(func.count()).select_from(Stop).where(*conditions)).scalar_one()


def _later_stops(session: Session, units: tuple[str, ...] | None, month: str) -> int:
    _, end = month_range(month)
    query = select(func.count()).select_from(Stop).where(col(Stop.local_date) >= end)
    if units is not None:
        query = query.where(col(Stop.unit).in_(units))
    return session.execute(query).scalar_one()


def start_page(session: Session, user: User, month: str,
               reference_groups: Mapping[str, str] | None = None) -> StartPage:
    """The start page of `month` for `user` (the report view is audited as any report view)."""
    report = read_report(session, user=user, month=month, unit=None, area=None, output="start",
                         reference_groups=reference_groups)
    first, end = month_range(month)
    units = unit_scope(session, user)
    return StartPage(
        month=month, first_day=first, last_day=end - timedelta(days=1), units=units,
        n_stops=report.data["n_stops"], flags=[(flag_title(flag), flag) for flag in report.flags],
        review_counts=queue_counts(session, month=month, units=units),
        counts={metric: _metric_count(session, user, month, metric) for metric in ("receipt_not_offered", "late")},
        later_stops=_later_stops(session, units, month))
