"""What the standalone report's first page reads when it is laid out, beside the (stored) report:
the review queue of the report's scope and the month's time to record a stop.

The review queue changes when a supervisor reviews a stop, which bumps no data version
(`storage`); so a stored PDF is kept for these figures too (`FirstPage.key`, see
`storage.stored_pdf`) and laid out again when they change, never served with an old queue.

The review package counts the queue (its "why listed" rules and status tabs). It imports this
package, so this one cannot import it: its blueprint registers its counter here
(`register_queue_counter`). An app without the review list has no queue to show.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Protocol

from flask import current_app
from flask.sansio.app import App
from sqlmodel import Session

if TYPE_CHECKING:
    from .presenter import ReportView
    from .recording_time import MonthTime
    from .service import ReportRequest

QUEUE_COUNTER = "stopform.reports.review_queue"


class QueueCounter(Protocol):
    """Counts a month's review queue: `open`, `ok`, `follow_up` and `all` listed stops."""

    def __call__(self, session: Session, *, month: str, units: tuple[str, ...] | None, unit: str | None,
                 area: str | None) -> dict[str, int]: ...


@dataclass(frozen=True)
class FirstPage:
    """The figures read when the first page is laid out (None: not shown)."""

    review_queue: dict[str, int] | None
    time_to_record: MonthTime | None

    def key(self) -> str:
        """The figures as canonical JSON: a stored PDF shows them only while they are the same."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


def register_queue_counter(app: App, counter: QueueCounter) -> None:
    """Let the report's first page count the review queue with `counter`."""
    app.extensions[QUEUE_COUNTER] = counter


def review_queue(session: Session, request: ReportRequest) -> dict[str, int] | None:
    """The review queue of the report's month and scope (None: the app has no review list)."""
    counter: QueueCounter | None = current_app.extensions.get(QUEUE_COUNTER)
    if counter is None:
        return None
    return counter(session, month=request.month, units=request.units, unit=request.unit, area=request.area)


def first_page(session: Session, request: ReportRequest, *, with_queue: bool) -> FirstPage:
    """The first page's figures now: the report month's time to record, and the review queue
    when `with_queue` (readers who may open the review list)."""
    from .recording_time import recording_times  # pandas: loaded with the report, not with the app
    (month,) = recording_times(session, request.scope, months=1)
    return FirstPage(review_queue=review_queue(session, request) if with_queue else None, time_to_record=month)


def with_first_page(view: ReportView, figures: FirstPage) -> ReportView:
    """`view` with the first page's figures."""
    return replace(view, review_queue=figures.review_queue, time_to_record=figures.time_to_record)
