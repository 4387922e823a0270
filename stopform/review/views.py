"""`/reports/<YYYY-MM>/review`: the supervisors' review list (their units; admins: all), with
filters in the query string (see `filters`)."""
from __future__ import annotations

import uuid
from urllib.parse import urlencode

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..audit.services import record_event
from ..auth.access import roles_required, signed_in_user
from ..core.months import add_months, parse_month
from ..db import get_session
from ..reports.first_page import register_queue_counter
from ..reports.months import month_or_404, this_month
from . import services
from .filters import STATUS_LABELS, active_filters, filter_form, valid_filters
from .forms import OUTCOME_LABELS, REASON_LABELS, ReviewForm
from .options import filter_options

bp = Blueprint("review", __name__)
REVIEW_ROLES = ("supervisor", "admin")
# The report's first page shows this list's queue; the reports package cannot import this one.
bp.record_once(lambda state: register_queue_counter(state.app, services.queue_counts))


@bp.app_context_processor
def review_navigation():
    """`review_month()` for the nav link: this month in Dutch local time."""
    return {"review_month": this_month}


def _render(month: str, form: ReviewForm, form_stop: uuid.UUID | None = None, status: int = 200):
    session, user = get_session(), signed_in_user()
    filters_form = filter_form(request.args, filter_options(session, user))
    filters_valid = filters_form.validate()
    filters = valid_filters(filters_form, request.args)
    page = services.review_page(session=session, user=user, month=month, filters=filters)
    record_event(session, "review_list_viewed", actor=user,
                 details={"month": month, "page": page.page, "listed": page.total,
                          "filters": filters.query_args(page=1)})
    first = parse_month(month)
    if not filters_valid and status == 200:
        status = 400
    return render_template("review/list.html", listing=page, form=form, form_stop=form_stop,
                           filters_form=filters_form, active=active_filters(filters_form, filters),
                           outcomes=OUTCOME_LABELS, reasons=REASON_LABELS,
                           statuses=STATUS_LABELS,
                           previous_month=add_months(first, -1).strftime("%Y-%m"),
                           next_month=add_months(first, 1).strftime("%Y-%m")), status


@bp.route("/reports/<month>/review")
@roles_required(*REVIEW_ROLES)
def review_list(month: str):
    """The month's stops that need a second look (or those behind a report's flag), with reviews."""
    return _render(month_or_404(month), ReviewForm())


@bp.route("/reports/<month>/review/<uuid:stop_id>", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def add_review(month: str, stop_id: uuid.UUID):
    """Mark a stop as reviewed; a later review adds to the history. Back to the same filtered list."""
    month = month_or_404(month)
    session, user = get_session(), signed_in_user()
    stop = services.reviewable_stop(session=session, user=user, stop_id=stop_id)
    if stop is None:
        abort(404)
    form = ReviewForm()
    if not form.validate():
        return _render(month, form, form_stop=stop_id, status=422)
    services.add_review(session=session, user=user, stop=stop, outcome=form.outcome.data, comment=form.comment.data)
    flash(_("Review of %(reference)s saved.", reference=stop.reference))
    query = urlencode(request.args.to_dict())  # back to the same filtered page
    return redirect(url_for("review.review_list", month=month) + (f"?{query}" if query else "") + f"#stop-{stop_id}")
