"""Apply the retention period: reduce old stops to what the aggregate reports need.

Kept: codes and counts (legal basis, reason, area, unit, plate country, actions, outcome, local
date and hour). Removed: the reason text, the plate pseudonym, coordinates, the officer, alert
and order references, amendments, reviews, receipts (their links stop working) and feedback.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, update
from sqlmodel import Session, select

from ..audit.services import record_event
from ..core.months import shift_months
from ..models import Amendment, Receipt, ReceiptFeedback, Stop, StopReview, utcnow

REDUCED_VALUES = {"reason_text": "", "vehicle_pseudonym": "", "latitude": None, "longitude": None,
                  "officer_ref": "", "hit_reference": None, "authorisation_ref": None,
                  "receipt_not_offered_reason": None, "created_by_id": None, "submission_hash": None}


@dataclass
class PurgeReport:
    """What a purge did (or, in a dry run, would do)."""

    cutoff: str
    stops_reduced: int = 0
    amendments_deleted: int = 0
    reviews_deleted: int = 0
    receipts_deleted: int = 0
    feedback_deleted: int = 0
    dry_run: bool = False


def retention_cutoff(now: datetime, months: int) -> datetime:
    """The moment before which record-level data goes."""
    return shift_months(now, -months)


def _count(session: Session, model, *conditions) -> int:
    return session.exec(select(func.count()).select_from(model).where(*conditions)).one()


def purge(*, session: Session, months: int, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Reduce stops older than `months`; idempotent (reduced stops are skipped)."""
    cutoff = retention_cutoff(now or utcnow(), months)
    due = select(Stop.stop_id).where(Stop.occurred_at < cutoff, Stop.purged_at.is_(None))
    cutoff_month = date(cutoff.year, cutoff.month, 1)
    report = PurgeReport(
        cutoff=cutoff.isoformat(), dry_run=dry_run,
        stops_reduced=_count(session, Stop, Stop.stop_id.in_(due)),
        amendments_deleted=_count(session, Amendment, Amendment.stop_id.in_(due)),
        reviews_deleted=_count(session, StopReview, StopReview.stop_id.in_(due)),
        receipts_deleted=_count(session, Receipt, Receipt.stop_id.in_(due)),
        feedback_deleted=_count(session, ReceiptFeedback, ReceiptFeedback.month < cutoff_month))
    if dry_run:
        return report
    for model in (Amendment, StopReview, Receipt):
        session.execute(delete(model).where(model.stop_id.in_(due)))
    session.execute(delete(ReceiptFeedback).where(ReceiptFeedback.month < cutoff_month))
    session.execute(update(Stop).where(Stop.occurred_at < cutoff, Stop.purged_at.is_(None))
                    .values(**REDUCED_VALUES, purged_at=utcnow()))
    record_event(session, "purge", details=asdict(report))
    session.flush()
    return report
