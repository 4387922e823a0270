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
from . import steps as stepping
from .context import apply_defaults, attach_errors, prepared_form, rule_context
from .favourites import active_templates, favourite_answers, favourites_first, template_answers
from .flow import answers_and_problems, opened_token, problems_as_posted, seconds_since_opened, show_problems
from .forms import AmendForm, StopForm
from .presenting import readable_rows, vocabulary
from .recording import record_stop
from .rules import validate_record
from .steps import STEPS, errors_on, errors_up_to, first_step_with

bp = Blueprint("stops", __name__, url_prefix="/stops")
RECORDING_ROLES = ("officer", "supervisor")
VIEWING_ROLES = ("officer", "supervisor", "admin")


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*RECORDING_ROLES)
def new():
    """The stepped stop form (docs/stop-record.md): action=next checks the step shown and moves on,
    back and change:<step> move without checking, check shows the answers, send stores them."""
    session, user = get_session(), signed_in_user()
    form = StopForm()
    catalog = prepared_form(form, session, user)
    if request.method == "GET":
        template = apply_defaults(form, session, user, request.args.get("template", type=int))
        start = first_step_with(problems_as_posted(form, catalog, user)) if template else 1
        return _step_page(form, catalog, start, {}, opened=opened_token())
    existing = _existing_own_stop(form.stop_id.data, user)
    if existing is not None:
        return redirect(url_for("stops.done", stop_id=existing.stop_id))
    action, shown = request.form.get("action", ""), _step_number(request.form.get("step"))
    if action == "back":
        return _step_page(form, catalog, max(1, shown - 1), {})
    if action.startswith("change"):
        return _step_page(form, catalog, _changed_step(action.partition(":")[2]), {})
    record, problems = answers_and_problems(form, catalog, user)
    if action == "next" and errors_up_to(shown, problems):
        return _first_problem_page(form, catalog, errors_up_to(shown, problems))
    following = stepping.next_step(shown, problems) if action == "next" else None
    if following is not None:
        return _step_page(form, catalog, following, {})
    if problems:
        return _first_problem_page(form, catalog, problems)
    if action != "send":
        show_problems(form, {})
        return render_template("stops/check.html", form=form, catalog=catalog, record=record, steps=STEPS,
                               rows={step.number: stepping.check_rows(step, record, catalog) for step in STEPS})
    record["time_to_record_seconds"] = seconds_since_opened(request.form.get("opened"))
    stored = record_stop(session=session, record=record, actor=Actor.of_user(user), catalog=catalog,
                         pseudonym_key=current_app.config["PSEUDONYM_KEY"], source="form")
    # None: sent twice at once, and the other request stored it
    stop_id = stored.stop_id if stored else _existing_own_stop(form.stop_id.data, user).stop_id
    return redirect(url_for("stops.done", stop_id=stop_id))


def _first_problem_page(form: StopForm, catalog, problems: dict[str, str]):
    """The earliest step with a problem, showing that step's problems (its links lead to its fields)."""
    step = first_step_with(problems)
    return _step_page(form, catalog, step, errors_on(step, problems)), 422


def _step_number(text: str | None) -> int:
    try:
        return min(max(int(text or 1), 1), stepping.LAST_STEP)
    except ValueError:
        return 1


def _changed_step(target: str) -> int:
    """The step a Change button names: a step number, or (older pages) a field."""
    return _step_number(target) if target.isdigit() else stepping.STEP_OF.get(target, 1)


def _step_page(form: StopForm, catalog, step: int, problems: dict[str, str], opened: str | None = None):
    show_problems(form, problems)
    record = form.to_record(current_app.config["DISPLAY_TIMEZONE"])
    favourites = favourite_answers(get_session(), signed_in_user())
    for name, ranking in favourites.items():
        form[name].choices = favourites_first(form[name].choices, ranking)
    return render_template("stops/form.html", form=form, catalog=catalog, step=step, steps=STEPS,
                           opened=opened or request.form.get("opened", ""), check_always=stepping.CHECK_ALWAYS,
                           reveals=stepping.reveal_states(step, record, catalog),
                           reason_attrs=catalog.suggestion_attributes(), templates=active_templates(get_session()),
                           template_answers=template_answers)


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
