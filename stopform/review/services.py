"""The review list's pages and append-only reviews, within the reader's units.

Which stops are listed and why: `reasons`; the filters: `filters` and `selection`.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlmodel import Session, col

from ..audit.services import record_event
from ..auth.access import unit_scope
from ..models import Stop, StopReview, User
from . import selection
from .filters import ReviewFilters
from .reasons import LIST_REASONS, listing_reasons

__all__ = ["LIST_REASONS", "PAGE_SIZE", "ReviewItem", "ReviewPage", "add_review", "listing_reasons",
           "queue_counts", "review_page", "reviewable_stop"]
PAGE_SIZE = 50


@dataclass
class ReviewItem:
    """A listed stop, why it is listed, and its reviews (oldest first)."""

    stop: Stop
    reasons: list[str]
    reviews: list[tuple[StopReview, str]] = field(default_factory=list)


@dataclass
class ReviewPage:
    """One page of the review list, with how many stops each status tab holds."""

    month: str
    filters: ReviewFilters
    items: list[ReviewItem]
    total: int
    page: int
    pages: int
    status_counts: dict[str, int] = field(default_factory=dict)


def review_page(*, session: Session, user: User, month: str, filters: ReviewFilters | None = None) -> ReviewPage:
    """The stops that match `filters` (default: this month's open listed stops) within the user's
    units, one page in the chosen order, with their review history and the count per status."""
    filters = filters or ReviewFilters()
    scope = selection.scope_conditions(session, user, month, filters)
    counts = selection.status_counts(session, scope)
    conditions = list(scope)
    status = selection.status_condition(filters.status)
    if status is not None:
        conditions.append(status)
    total = counts[filters.status]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(filters.page, 1), pages)
    query = select(Stop).where(*conditions).order_by(*selection.SORTS[filters.sort], col(Stop.stop_id)) \
        .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    items = [ReviewItem(stop, listing_reasons(stop)) for stop in session.execute(query).scalars()]
    _attach_reviews(session, items)
    return ReviewPage(month=month, filters=filters, items=items, total=total, page=page, pages=pages,
                      status_counts=counts)


def _attach_reviews(session: Session, items: list[ReviewItem]) -> None:
    by_stop = {item.stop.stop_id: item for item in items}
    if not by_stop:
        return
    query = select(StopReview, col(User.username)).join(User, col(User.id) == col(StopReview.reviewer_id)) \
        .where(col(StopReview.stop_id).in_(list(by_stop))).order_by(col(StopReview.created_at), col(StopReview.id))
    for review, username in session.execute(query):
        by_stop[review.stop_id].reviews.append((review, username))


def reviewable_stop(*, session: Session, user: User, stop_id: uuid.UUID) -> Stop | None:
    """The stop if it is listed for review (`reasons`) and in `user`'s units, else None. The list
    may show unlisted stops too (the stops behind a report's flag); those are read, not reviewed."""
    query = select(Stop).where(col(Stop.stop_id) == stop_id, or_(*LIST_REASONS.values()))
    units = unit_scope(session, user)
    if units is not None:
        query = query.where(col(Stop.unit).in_(units))
    return session.execute(query).scalars().first()


def queue_counts(session: Session, *, month: str, units: tuple[str, ...] | None, unit: str | None = None,
                 area: str | None = None) -> dict[str, int]:
    """The review queue of a month: how many of its listed stops within `units` (None: every
    unit), and `unit` and `area` when given, are open, in order, need follow-up, and all of them.
    What the review list's status tabs count (the start page and the report's first page)."""
    filters = ReviewFilters(unit=unit or "", area=area or "")
    return selection.status_counts(session, selection.unit_conditions(units, month, filters))


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
