"""`/reports/<YYYY-MM>/review`: the supervisors' review list (their units; admins: all)."""
from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..audit.services import record_event
from ..auth.access import roles_required, signed_in_user
from ..core.months import add_months, parse_month
from ..db import get_session
from ..reports.months import month_or_404, this_month
from . import services
from .forms import OUTCOME_LABELS, REASON_LABELS, ReviewForm

bp = Blueprint("review", __name__)
REVIEW_ROLES = ("supervisor", "admin")


@bp.app_context_processor
def review_navigation():
    """`review_month()` for the nav link: this month in Dutch local time."""
    return {"review_month": this_month}


def _render(month: str, form: ReviewForm, form_stop: uuid.UUID | None = None, status: int = 200):
    session, user = get_session(), signed_in_user()
    page = services.review_page(session=session, user=user, month=month, page=request.args.get("page", 1, type=int))
    record_event(session, "review_list_viewed", actor=user,
                 details={"month": month, "page": page.page, "listed": page.total})
    first = parse_month(month)
    return render_template("review/list.html", listing=page, form=form, form_stop=form_stop,
                           outcomes=OUTCOME_LABELS, reasons=REASON_LABELS,
                           previous_month=add_months(first, -1).strftime("%Y-%m"),
                           next_month=add_months(first, 1).strftime("%Y-%m")), status


@bp.route("/reports/<month>/review")
@roles_required(*REVIEW_ROLES)
def review_list(month: str):
    """The month's stops that need a second look, with their reviews."""
    return _render(month_or_404(month), ReviewForm())


@bp.route("/reports/<month>/review/<uuid:stop_id>", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def add_review(month: str, stop_id: uuid.UUID):
    """Mark a listed stop as reviewed; a later review adds to the history."""
    month = month_or_404(month)
    session, user = get_session(), signed_in_user()
    stop = services.reviewable_stop(session=session, user=user, stop_id=stop_id, month=month)
    if stop is None:
        abort(404)
    form = ReviewForm()
    if not form.validate():
        return _render(month, form, form_stop=stop_id, status=422)
    services.add_review(session=session, user=user, stop=stop, outcome=form.outcome.data, comment=form.comment.data)
    flash(_("Review of %(reference)s saved.", reference=stop.reference))
    return redirect(url_for("review.review_list", month=month, page=request.args.get("page", 1, type=int),
                            _anchor=f"stop-{stop_id}"))

