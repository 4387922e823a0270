"""The citizen's optional feedback: stored once per receipt, apart from the stop, shown only in
aggregate and never for fewer than MIN_GROUP people."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Integer, case, cast, func, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col

from ..models import Receipt, ReceiptFeedback, Stop
from .labels import BACKGROUNDS, RESPECT, YES_NO_UNSURE
from .services import find_receipt

MIN_GROUP = 10
CHOICES = {"reason_explained": YES_NO_UNSURE, "respect": RESPECT, "singled_out": YES_NO_UNSURE,
           "background": BACKGROUNDS}


def parse_answers(form: Mapping[str, str]) -> dict:
    """The answers of a submitted form; anything missing or not offered counts as unanswered."""
    answers: dict = {name: (form.get(name) if form.get(name) in choices else None)
                     for name, choices in CHOICES.items()}
    answers["respect"] = int(answers["respect"]) if answers["respect"] else None
    return answers


def record_feedback(*, session: Session, credential: str, answers: Mapping, timezone: str) -> str:
    """Store answers for the receipt: 'stored', 'empty' (nothing answered), 'already' or 'not_found'."""
    receipt = find_receipt(session=session, credential=credential)
    if receipt is None:
        return "not_found"
    if all(value is None for value in answers.values()):
        return "empty"
    # One atomic UPDATE claims the receipt's single answer, so a double submit cannot store two.
    claimed = session.exec(update(Receipt).where(col(Receipt.id) == receipt.id, col(Receipt.feedback_given).is_(False))
                           .values(feedback_given=True))
    if claimed.rowcount != 1:
        return "already"
    stop = session.get(Stop, receipt.stop_id)
    if stop is None:  # a receipt's stop is removed with it (retention), never before it
        raise LookupError(f"receipt {receipt.id} has no stop")
    local_day = stop.occurred_at.astimezone(ZoneInfo(timezone)).date()
    session.add(ReceiptFeedback(month=local_day.replace(day=1), unit=stop.unit, area=stop.area, **answers))
    session.flush()
    session.refresh(receipt)
    return "stored"


@dataclass
class FeedbackGroup:
    """Counts and means for one group of respondents (or all of them)."""

    key: str
    responses: int
    reason_explained_share: float | None = None
    respect_mean: float | None = None
    singled_out_share: float | None = None

    @property
    def background_label(self):
        """The self-described background this group answered, in words."""
        return BACKGROUNDS.get(self.key, self.key)


@dataclass
class FeedbackSummary:
    """Feedback in aggregate. `suppressed` when fewer than MIN_GROUP people answered: then no figure."""

    responses: int
    suppressed: bool
    overall: FeedbackGroup | None = None
    by_background: list[FeedbackGroup] = field(default_factory=list)
    min_group: int = MIN_GROUP


def _yes_share(column):
    answered = func.count(column)
    return func.sum(case((column == "yes", 1), else_=0)), answered


def _group_rows(session: Session, scope: list[ColumnElement[bool]]) -> list[dict]:
    explained_yes, explained_n = _yes_share(col(ReceiptFeedback.reason_explained))
    singled_yes, singled_n = _yes_share(col(ReceiptFeedback.singled_out))
    # Eight columns: more than SQLModel's typed `select` takes, so SQLAlchemy's own.
    query = core_select(col(ReceiptFeedback.background), func.count(), explained_yes, explained_n,
                        func.sum(cast(col(ReceiptFeedback.respect), Integer)), func.count(col(ReceiptFeedback.respect)),
                        singled_yes, singled_n).where(*scope).group_by(col(ReceiptFeedback.background))
    names = ("background", "n", "explained_yes", "explained_n", "respect_sum", "respect_n", "singled_yes",
             "singled_n")
    return [dict(zip(names, row, strict=True)) for row in session.execute(query)]


def _combine(key: str, rows: Iterable[dict]) -> FeedbackGroup:
    rows = list(rows)
    total = {name: sum(row[name] or 0 for row in rows) for name in
             ("n", "explained_yes", "explained_n", "respect_sum", "respect_n", "singled_yes", "singled_n")}
    return FeedbackGroup(key=key, responses=total["n"],
                         reason_explained_share=_ratio(total["explained_yes"], total["explained_n"]),
                         respect_mean=_ratio(total["respect_sum"], total["respect_n"]),
                         singled_out_share=_ratio(total["singled_yes"], total["singled_n"]))


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def shown_groups(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split groups into shown and hidden: hide each group under MIN_GROUP, then hide the smallest
    shown ones until the hidden total is zero or at least MIN_GROUP (else it follows by subtraction)."""
    ordered = sorted(rows, key=lambda row: row["n"])
    hidden = [row for row in ordered if row["n"] < MIN_GROUP]
    shown = [row for row in ordered if row["n"] >= MIN_GROUP]
    while shown and 0 < sum(row["n"] for row in hidden) < MIN_GROUP:
        hidden.append(shown.pop(0))
    return shown, hidden


def feedback_summary(session: Session, *, units: Iterable[str] | None = None, start: date,
                     end: date) -> FeedbackSummary:
    """Feedback about stops from `start` to `end` (by month) in `units` (None: all units)."""
    scope = [col(ReceiptFeedback.month) >= start.replace(day=1), col(ReceiptFeedback.month) <= end]
    if units is not None:
        scope.append(col(ReceiptFeedback.unit).in_(list(units)))
    rows = _group_rows(session, scope)
    responses = sum(row["n"] for row in rows)
    if responses < MIN_GROUP:
        return FeedbackSummary(responses=0, suppressed=True)
    shown, hidden = shown_groups(rows)
    groups = [_combine(row["background"] or "unanswered", [row]) for row in reversed(shown)]
    if hidden and shown:
        groups.append(_combine("other_or_small", hidden))
    return FeedbackSummary(responses=responses, suppressed=False, overall=_combine("all", rows),
                           by_background=groups)
