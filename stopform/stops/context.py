"""What a request needs to show and check a stop form: catalogue, areas, units, the clock."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import get_locale
from sqlmodel import Session
from werkzeug.datastructures import MultiDict

from ..areas.known_codes import known_area_and_unit_codes, known_kmar_unit_codes
from ..areas.services import list_areas
from ..auth.access import Actor, own_unit_code, recordable_units
from ..catalog.services import Catalog, load_catalog
from ..models import StopTemplate, User, utcnow
from .favourites import favourite_answers, template_answers
from .forms import LOCAL_FORMAT, StopForm
from .rules import RuleContext, perceived_origin_enabled


def local_today(now: datetime | None = None):
    """Today's date in the display timezone (catalogue versions change at local midnight)."""
    return (now or utcnow()).astimezone(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])).date()


def rule_context(session: Session, catalog: Catalog, recorder: Actor | User, *, live: bool = True) -> RuleContext:
    """Validation context for a stop `recorder` files: the live form refuses stops older than
    7 days, and a unit must be one of the recorder's own (`auth.access.recordable_units`)."""
    max_age = timedelta(days=current_app.config["STOP_MAX_AGE_DAYS"]) if live else None
    areas, _ = known_area_and_unit_codes(session)
    return RuleContext(catalog=catalog, areas=areas, now=utcnow(), max_age=max_age,
                       record_perceived_origin=perceived_origin_enabled(current_app.config),
                       units=frozenset(recordable_units(session, recorder)), kmar_units=known_kmar_unit_codes(session))


def past_live_window(occurred_at: datetime | None) -> bool:
    """Whether a stop that occurred at `occurred_at` arrives after the live window (7 days): a
    device's queued stop is then accepted as a late submission rather than refused."""
    window = timedelta(days=current_app.config["STOP_MAX_AGE_DAYS"])
    return occurred_at is not None and occurred_at < utcnow() - window


def prepared_form(form: StopForm, session: Session, user: User) -> Catalog:
    """Fill the form's pickers for today and return the catalogue used."""
    catalog = load_catalog(session, local_today())
    form.fill_choices(catalog, str(get_locale() or "nl"), list_areas(session), list(recordable_units(session, user)))
    return catalog


def apply_defaults(form: StopForm, session: Session, user: User, template_id: int | None = None) -> StopTemplate | None:
    """Sensible starting values for a new stop: now, the officer's unit and last area, their most
    used vehicle type, a receipt by QR code; then the answers of the template chosen, if any
    (returned). Every one of them is listed on the check page before sending."""
    from uuid import uuid4

    zone = ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])
    form.stop_id.data = str(uuid4())
    form.occurred_at.data = datetime.strptime(utcnow().astimezone(zone).strftime(LOCAL_FORMAT), LOCAL_FORMAT)
    form.unit.data = own_unit_code(session, user)
    form.area.data = user.last_area or ""
    form.plate_country.data = "NL"
    form.receipt.data = "qr_shown"
    form.vehicle_type.data = next(iter(favourite_answers(session, user)["vehicle_type"]), None)
    template = session.get(StopTemplate, template_id) if template_id else None
    if template is None or not template.active:
        return None
    for name, value in template_answers(template).items():
        form[name].process(MultiDict({name: value}))  # as if typed, so each field reads its own type
    return template


def attach_errors(form: StopForm, errors: dict[str, str]) -> None:
    """Show rule errors next to their fields (the summary is built from the fields)."""
    for name, message in errors.items():
        field = form._fields.get(name)
        if field is not None and message not in field.errors:
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
