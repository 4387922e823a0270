"""Apply the retention periods: reduce old stops to what aggregate reports need, delete them at the
statutory maximum keeping only counts, and leave stops under a legal hold alone.

Reduced after STOPFORM_RETENTION_MONTHS: the reason text and the reason written for the person,
the suspected offence and the supervised law, the plate pseudonym, coordinates, the officer,
alert and order references, nationality and perceived origin are cleared; the time is coarsened
to the hour; amendments, reviews, receipts (their links and codes stop working) and feedback go.
Kept until the final deletion: codes and counts (legal basis, reason, area, unit, plate
country, actions, outcome, local date and hour). At FINAL_DELETION_MONTHS the stop itself goes
and only a `StopTally` count per month, unit, area, basis, reason and outcome remains.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, delete, func, update
from sqlalchemy import select as core_select
from sqlmodel import Session, SQLModel, col, select

from ..audit.services import record_event
from ..core.months import shift_months
from ..models import Amendment, Receipt, ReceiptFeedback, Stop, StopReview, StopTally, utcnow
from .policy import FINAL_DELETION_MONTHS, checked_retention_months

REDUCED_VALUES = {"reason_text": "", "vehicle_pseudonym": "", "latitude": None, "longitude": None,
                  "officer_ref": "", "hit_reference": None, "authorisation_ref": None,
                  "receipt_not_offered_reason": None, "created_by_id": None, "submission_hash": None,
                  "driver_nationality": None, "perceived_origin": None, "reason_for_person": None,
                  "suspected_offence": None, "supervised_law": None}
TALLY_KEYS = ("unit", "area", "legal_basis", "reason", "outcome")


@dataclass
class PurgeReport:
    """What a purge did (or, in a dry run, would do)."""

    cutoff: str
    stops_reduced: int = 0
    amendments_deleted: int = 0
    reviews_deleted: int = 0
    receipts_deleted: int = 0
    feedback_deleted: int = 0
    final_cutoff: str = ""
    stops_deleted: int = 0
    stops_held: int = 0
    dry_run: bool = False


def retention_cutoff(now: datetime, months: int) -> datetime:
    """The moment before which record-level data goes."""
    return shift_months(now, -months)


def _count(session: Session, model: type[SQLModel], *conditions: ColumnElement[bool]) -> int:
    return session.exec(select(func.count()).select_from(model).where(*conditions)).one()


def purge(*, session: Session, months: int, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Reduce stops older than `months` and delete those past the final limit; idempotent.

    Refuses (RetentionError) a period above the Wpg's maximum. Stops under a legal hold are
    neither reduced nor deleted.
    """
    now = now or utcnow()
    cutoff = retention_cutoff(now, checked_retention_months(months))
    final_cutoff = retention_cutoff(now, FINAL_DELETION_MONTHS)
    free = col(Stop.legal_hold).is_(False)
    due = select(Stop.stop_id).where(col(Stop.occurred_at) < cutoff, col(Stop.occurred_at) >= final_cutoff,
                                     col(Stop.purged_at).is_(None), free)
    final = select(Stop.stop_id).where(col(Stop.occurred_at) < final_cutoff, free)
    cutoff_month = date(cutoff.year, cutoff.month, 1)
    report = PurgeReport(
        cutoff=cutoff.isoformat(), final_cutoff=final_cutoff.isoformat(), dry_run=dry_run,
        stops_reduced=_count(session, Stop, col(Stop.stop_id).in_(due)),
        amendments_deleted=_count(session, Amendment, col(Amendment.stop_id).in_(due.union(final))),
        reviews_deleted=_count(session, StopReview, col(StopReview.stop_id).in_(due.union(final))),
        receipts_deleted=_count(session, Receipt, col(Receipt.stop_id).in_(due.union(final))),
        feedback_deleted=_count(session, ReceiptFeedback, col(ReceiptFeedback.month) < cutoff_month),
        stops_deleted=_count(session, Stop, col(Stop.stop_id).in_(final)),
        stops_held=_count(session, Stop, col(Stop.occurred_at) < cutoff, col(Stop.legal_hold).is_(True)))
    if dry_run:
        return report
    for model in (Amendment, StopReview, Receipt):
        session.execute(delete(model).where(col(model.stop_id).in_(due.union(final))))
    session.execute(delete(ReceiptFeedback).where(col(ReceiptFeedback.month) < cutoff_month))
    _reduce(session, cutoff)
    _delete_finally(session, final_cutoff)
    record_event(session, "purge", details=asdict(report))
    session.flush()
    return report


def _reduce(session: Session, cutoff: datetime) -> None:
    due = [(stop_id, occurred_at) for stop_id, occurred_at in session.execute(
        select(Stop.stop_id, Stop.occurred_at).where(col(Stop.occurred_at) < cutoff, col(Stop.purged_at).is_(None),
                                                     col(Stop.legal_hold).is_(False)))]
    if not due:
        return
    reduced_at = utcnow()
    # Bulk UPDATE by primary key: each stop keeps only the hour it began.
    session.execute(update(Stop), [{"stop_id": stop_id, "occurred_at": _hour(occurred_at),
                                    "purged_at": reduced_at, **REDUCED_VALUES} for stop_id, occurred_at in due])


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _delete_finally(session: Session, final_cutoff: datetime) -> None:
    """Count the stops past the final limit into `StopTally`, then delete them."""
    condition = (col(Stop.occurred_at) < final_cutoff, col(Stop.legal_hold).is_(False))
    columns = (col(Stop.local_date), *(getattr(Stop, key) for key in TALLY_KEYS))
    counts: dict[tuple, int] = {}
    for local_date, *keys, stops in session.execute(core_select(*columns, func.count()).where(*condition)
                                                    .group_by(*columns)):
        group = (local_date.replace(day=1), *keys)
        counts[group] = counts.get(group, 0) + stops
    for (first_day, *keys), stops in counts.items():
        values = dict(zip(TALLY_KEYS, keys, strict=True))
        tally = session.exec(select(StopTally).where(StopTally.month == first_day, *(
            getattr(StopTally, key) == value for key, value in values.items()))).first()
        tally = tally or StopTally(month=first_day, **values)
        tally.stops += stops
        session.add(tally)
    session.flush()
    session.execute(delete(Stop).where(*condition))
