"""Which stops go on the review list, who may see them, and append-only reviews.

A stop is listed when it used force, involved a search by consent, included an action beyond
its legal basis, was prompted by a system hit with no ground of the officer's own (reason
`system_hit`), concerned a possible suspect or was prompted by a risk model (a power of criminal
procedure is then required: stops.grounds), ended without a receipt offered (`not_offered`; a receipt the person
declined is counted in the report, not listed: declining is the person's choice), or reached the server
after the live window (`late_submission`: a device long offline).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, func, or_, select
from sqlmodel import Session, col

from ..audit.services import record_event
from ..auth.access import unit_scope
from ..catalog.data import CONSENT, CRIME_HIT_SOURCES, CRIME_REASONS
from ..core.months import month_range
from ..models import Stop, StopReview, User

PAGE_SIZE = 50
LIST_REASONS: dict[str, SQLColumnExpression[bool]] = {
    "force": col(Stop.force_used),
    "consent_search": col(Stop.search_basis) == CONSENT,
    "beyond_basis": col(Stop.beyond_basis),
    "hit_without_own_ground": and_(col(Stop.triggered_by_hit), col(Stop.reason) == "system_hit"),
    "no_receipt_offered": col(Stop.receipt) == "not_offered",
    "crime_or_risk_model": or_(col(Stop.reason).in_(CRIME_REASONS),
                               and_(col(Stop.triggered_by_hit), col(Stop.hit_source).in_(CRIME_HIT_SOURCES))),
    "late_submission": col(Stop.late_submission),
}


@dataclass
class ReviewItem:
    """A listed stop, why it is listed, and its reviews (oldest first)."""

    stop: Stop
    reasons: list[str]
    reviews: list[tuple[StopReview, str]] = field(default_factory=list)


@dataclass
class ReviewPage:
    """One page of the review list."""

    month: str
    items: list[ReviewItem]
    total: int
    page: int
    pages: int


def listing_reasons(stop: Stop) -> list[str]:
    """The keys of LIST_REASONS that apply to `stop`."""
    found = {"force": stop.force_used, "consent_search": stop.search_basis == CONSENT,
             "beyond_basis": stop.beyond_basis,
             "hit_without_own_ground": stop.triggered_by_hit and stop.reason == "system_hit",
             "no_receipt_offered": stop.receipt == "not_offered",
             "crime_or_risk_model": stop.reason in CRIME_REASONS
             or (stop.triggered_by_hit and stop.hit_source in CRIME_HIT_SOURCES),
             "late_submission": stop.late_submission}
    return [key for key in LIST_REASONS if found[key]]


def _listed(session: Session, user: User, month: str) -> list[ColumnElement[bool]]:
    start, end = month_range(month)
    conditions = [col(Stop.local_date) >= start, col(Stop.local_date) < end, or_(*LIST_REASONS.values())]
    units = unit_scope(session, user)
    if units is not None:
        conditions.append(col(Stop.unit).in_(units))
    return conditions


def review_page(*, session: Session, user: User, month: str, page: int = 1) -> ReviewPage:
    """The month's listed stops within the user's units, newest first, with their review history."""
    conditions = _listed(session, user, month)
    total = session.execute(select(func.count()).select_from(Stop).where(*conditions)).scalar_one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    query = select(Stop).where(*conditions).order_by(col(Stop.occurred_at).desc(), col(Stop.stop_id)) \
        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    items = [ReviewItem(stop, listing_reasons(stop)) for stop in session.execute(query).scalars()]
    _attach_reviews(session, items)
    return ReviewPage(month=month, items=items, total=total, page=page, pages=pages)


def _attach_reviews(session: Session, items: list[ReviewItem]) -> None:
    by_stop = {item.stop.stop_id: item for item in items}
    if not by_stop:
        return
    query = select(StopReview, col(User.username)).join(User, col(User.id) == col(StopReview.reviewer_id)) \
        .where(col(StopReview.stop_id).in_(list(by_stop))).order_by(col(StopReview.created_at), col(StopReview.id))
    for review, username in session.execute(query):
        by_stop[review.stop_id].reviews.append((review, username))


def reviewable_stop(*, session: Session, user: User, stop_id: uuid.UUID, month: str) -> Stop | None:
    """The stop if it is on `user`'s review list for `month`, else None."""
    query = select(Stop).where(col(Stop.stop_id) == stop_id, *_listed(session, user, month))
    return session.execute(query).scalars().first()


def add_review(*, session: Session, user: User, stop: Stop, outcome: str, comment: str,
               now: datetime | None = None) -> StopReview:
    """Record a review; earlier reviews stay as they are (append-only)."""
    if user.id is None:  # the signed-in reviewer is a stored row; this only narrows the type
        raise ValueError("reviews are made by a saved user")
    review = StopReview(stop_id=stop.stop_id, reviewer_id=user.id, outcome=outcome, comment=comment.strip(),
                        created_at=now or datetime.now(UTC))
    session.add(review)
    session.flush()
    record_event(session, "stop_reviewed", actor=user, target_type="stop", target_id=stop.stop_id,
                 details={"outcome": outcome})
    return review
