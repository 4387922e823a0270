"""Officer pages: record a stop (form → check answers → send), confirmation, my stops, amend."""
from __future__ import annotations

import uuid

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..auth.access import Actor, roles_required, signed_in_user
from ..catalog.services import load_catalog
from ..db import get_session
from ..models import Stop
from . import services
from .context import apply_defaults, attach_errors, prepared_form, rule_context
from .forms import AmendForm, StopForm
from .presenting import readable_rows, vocabulary
from .recording import record_stop
from .rules import validate_record

bp = Blueprint("stops", __name__, url_prefix="/stops")
RECORDING_ROLES = ("officer", "supervisor")
VIEWING_ROLES = ("officer", "supervisor", "admin")


def _checked_record(form: StopForm, catalog) -> dict | None:
    """The validated record, or None after attaching every error to the form."""
    valid = form.validate()
    record = form.to_record(current_app.config["DISPLAY_TIMEZONE"])
    errors = validate_record(record, rule_context(get_session(), catalog, signed_in_user()))
    attach_errors(form, errors)
    return record if valid and not errors else None


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*RECORDING_ROLES)
def new():
    """The stop form; POST with action=check shows the answers, action=send stores them."""
    session, user = get_session(), signed_in_user()
    form = StopForm()
    catalog = prepared_form(form, session, user)
    action = request.form.get("action", "")
    if request.method == "GET":
        apply_defaults(form, session, user)
        return render_template("stops/form.html", form=form, catalog=catalog)
    existing = _existing_own_stop(form.stop_id.data, user)
    if existing is not None:
        return redirect(url_for("stops.done", stop_id=existing.stop_id))
    if action.startswith("change"):
        return render_template("stops/form.html", form=form, catalog=catalog, focus=action.partition(":")[2])
    record = _checked_record(form, catalog)
    if record is None:
        return render_template("stops/form.html", form=form, catalog=catalog), 422
    if action != "send":
        return render_template("stops/check.html", form=form, catalog=catalog, record=record)
    stored = record_stop(session=session, record=record, actor=Actor.of_user(user), catalog=catalog,
                         pseudonym_key=current_app.config["PSEUDONYM_KEY"], source="form")
    # None: sent twice at once, and the other request stored it
    stop_id = stored.stop_id if stored else _existing_own_stop(form.stop_id.data, user).stop_id
    return redirect(url_for("stops.done", stop_id=stop_id))


def _existing_own_stop(stop_id: str | None, user) -> Stop | None:
    try:
        parsed = uuid.UUID(stop_id or "")
    except ValueError:
        return None
    stop = get_session().get(Stop, parsed)
    if stop is not None and stop.created_by_id != user.id:
        abort(409)
    return stop


def _visible_or_404(stop_id: uuid.UUID) -> Stop:
    stop = services.find_visible_stop(session=get_session(), user=signed_in_user(), stop_id=stop_id)
    if stop is None:
        abort(404)
    return stop


@bp.route("/<uuid:stop_id>/done")
@roles_required(*RECORDING_ROLES)
def done(stop_id: uuid.UUID):
    """Confirmation with the reference and the receipt's QR code, for the stop's author whenever
    the server minted the receipt (a device that minted its own shows it from its sent log)."""
    from flask_babel import gettext

    from ..receipts.handover import authors_handover
    stop = _visible_or_404(stop_id)
    label = gettext("QR code of the receipt for reference %(reference)s", reference=stop.reference)
    receipt = authors_handover(get_session(), stop, signed_in_user(), qr_label=label)
    return render_template("stops/done.html", stop=stop, receipt=receipt)


@bp.route("/")
@roles_required(*VIEWING_ROLES)
def mine():
    """My stops, newest first, narrowed by date, area, outcome or reference; each with its receipt
    to show again while it lives."""
    from ..areas.services import list_areas
    from ..receipts.services import reshowable_receipts
    from .context import local_today
    session, user = get_session(), signed_in_user()
    filters = _stop_filters(request.args)
    stops = services.find_own_stops(session=session, user=user, filters=filters)
    catalog = load_catalog(session, local_today())
    locale = str(get_locale() or "nl")
    outcomes = {code: catalog.label("outcome", code, locale) for code in catalog.codes.get("outcome", {})}
    return render_template("stops/list.html", stops=stops, filters=filters, filtered=filters != services.StopFilters(),
                           areas={area.code: area.name for area in list_areas(session, active_only=False)},
                           outcomes=outcomes,
                           receipts=reshowable_receipts(session=session, stops=stops))


def _stop_filters(args) -> services.StopFilters:
    """The filters typed into "My stops"; a date that cannot be read is no filter."""
    from datetime import date

    def day(name: str):
        try:
            return date.fromisoformat(args.get(name, ""))
        except ValueError:
            return None
    return services.StopFilters(start=day("from"), end=day("to"), area=args.get("area", ""),
                                outcome=args.get("outcome", ""), reference=args.get("reference", "").strip())


@bp.route("/<uuid:stop_id>")
@roles_required(*VIEWING_ROLES)
def show(stop_id: uuid.UUID):
    """One stop as it stands, with its amendments and the record as first submitted."""
    session = get_session()
    stop = _visible_or_404(stop_id)
    words = vocabulary(session, load_catalog(session, stop.local_date), locale=str(get_locale() or "nl"),
                       timezone=current_app.config["DISPLAY_TIMEZONE"])
    amendments = services.amendments_of(session=session, stop=stop)
    from ..receipts.services import reshowable_receipts
    reshowable = stop.created_by_id == signed_in_user().id and bool(reshowable_receipts(session=session, stops=[stop]))
    changes = [(a, readable_rows(a.before, words), readable_rows(a.after, words, a.before)) for a in amendments]
    return render_template("stops/show.html", stop=stop, rows=readable_rows(stop.model_dump(), words,
                                                                            services.RECORD_FIELDS),
                           changes=changes, reshowable=reshowable,
                           original=readable_rows(services.original_record(session=session, stop=stop), words))


@bp.route("/<uuid:stop_id>/amend", methods=["GET", "POST"])
@roles_required(*RECORDING_ROLES)
def amend(stop_id: uuid.UUID):
    """Correct a stop: every change is kept as an amendment with its reason."""
    session, user = get_session(), signed_in_user()
    stop = _visible_or_404(stop_id)
    form = AmendForm(obj=stop) if request.method == "GET" else AmendForm()
    catalog = prepared_form(form, session, user)
    if request.method == "GET":
        form.occurred_at.data = _local_naive(stop.occurred_at)
        return render_template("stops/amend.html", form=form, stop=stop, catalog=catalog)
    record = _checked_amendment(form, catalog)
    if record is None:
        return render_template("stops/amend.html", form=form, stop=stop, catalog=catalog), 422
    amendment = services.amend_stop(session=session, stop=stop, record=record, user=user, catalog=catalog,
                                    reason=form.amendment_reason.data,
                                    pseudonym_key=current_app.config["PSEUDONYM_KEY"])
    flash(_("Amendment saved.") if amendment else _("Nothing changed: the record is as it was."))
    return redirect(url_for("stops.show", stop_id=stop.stop_id))


def _checked_amendment(form: AmendForm, catalog) -> dict | None:
    valid = form.validate()
    record = form.to_record(current_app.config["DISPLAY_TIMEZONE"])
    context = rule_context(get_session(), catalog, signed_in_user(), live=False)
    errors = validate_record(record, context)
    attach_errors(form, errors)
    return record if valid and not errors else None


def _local_naive(moment):
    from zoneinfo import ZoneInfo
    return moment.astimezone(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])).replace(tzinfo=None)
