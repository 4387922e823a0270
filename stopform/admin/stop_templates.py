"""Stop templates for admins: the form that edits one, and saving it with its audit entry.

A template fills in the answers of a scenario ("speed check at control site"); officers pick it in
one tap at the start of the form (stopform/stops/favourites.py) and still see every answer on the
check page. Its codes are the catalogue's of the day; a template is retired by unticking "active".
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlmodel import Session, col, select
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..areas.services import list_areas
from ..audit.actions import STOP_TEMPLATE_SAVED
from ..audit.services import record_event
from ..auth.access import Actor
from ..catalog.services import Catalog
from ..models import StopTemplate, User, field_limits, utcnow
from ..stops.favourites import TEMPLATE_BOOLEANS, TEMPLATE_FIELDS

NOT_FILLED = ("", _l("Not filled in"))


class StopTemplateForm(FlaskForm):
    """A template's name and the answers it fills in (empty: the officer answers)."""

    name = StringField(_l("Name"), validators=[InputRequired(_l("Enter a name.")), Length(max=80)])
    active = BooleanField(_l("Offered to officers"), default=True)
    area = SelectField(_l("Area"), validators=[Optional()])
    duration_minutes = IntegerField(_l("Duration in minutes"), validators=[
        Optional(), NumberRange(0, field_limits("duration_minutes").maximum)])
    reason = SelectField(_l("Reason for the stop"), validators=[Optional()])
    legal_basis = SelectField(_l("Legal basis for the stop"), validators=[Optional()])
    reason_text = TextAreaField(_l("Concrete, objective ground"), validators=[
        Optional(), Length(max=field_limits("reason_text").max_length)])
    triggered_by_hit = BooleanField(_l("An automated system's hit prompted the stop"))
    hit_source = SelectField(_l("Which system"), validators=[Optional()])
    vehicle_type = SelectField(_l("Vehicle type"), validators=[Optional()])
    occupants = IntegerField(_l("People in the vehicle"), validators=[
        Optional(), NumberRange(1, field_limits("occupants").maximum)])
    documents_checked = BooleanField(_l("Driving licence or registration inspected"))
    outcome = SelectField(_l("Outcome"), validators=[Optional()])
    outcome_linked_to_reason = BooleanField(_l("The outcome concerns the reason for the stop"))
    receipt = SelectField(_l("Receipt"), validators=[Optional()])

    def fill_choices(self, session: Session, catalog: Catalog, locale: str) -> None:
        """Every picker from the catalogue valid today and the known areas."""
        def codes(kind):
            return [NOT_FILLED] + [(code, catalog.label(kind, code, locale)) for code in catalog.codes.get(kind, {})]
        self.area.choices = [NOT_FILLED] + [(a.code, a.name) for a in list_areas(session)]
        self.legal_basis.choices = [NOT_FILLED] + [(b.code, f"{b.code} · {b.short(locale)}")
                                                   for b in catalog.stop_bases()]
        for name in ("reason", "hit_source", "vehicle_type", "outcome", "receipt"):
            self[name].choices = codes(name)

    def answers(self) -> dict:
        """The answers the template fills in: ticked boxes and given values only."""
        answers: dict = {}
        for name in TEMPLATE_FIELDS:
            value = self[name].data
            if name in TEMPLATE_BOOLEANS:
                if value:
                    answers[name] = True
            elif value not in (None, ""):
                answers[name] = value
        return answers

    def show(self, template: StopTemplate) -> None:
        """Put a stored template into the form."""
        self.name.data, self.active.data = template.name, template.active
        for name in TEMPLATE_FIELDS:
            self[name].data = template.answers.get(name)


def list_templates(session: Session) -> list[StopTemplate]:
    """Every template, active or not, by name."""
    return list(session.exec(select(StopTemplate).order_by(col(StopTemplate.name))))


def save_template(*, session: Session, template: StopTemplate | None, form: StopTemplateForm,
                  actor: User | Actor) -> StopTemplate:
    """Create or change a template and log it (which answers it fills, not their text). Raises
    ValueError when another template has the name."""
    name = form.name.data.strip()
    clash = session.exec(select(StopTemplate).where(StopTemplate.name == name)).first()
    if clash is not None and clash is not template:
        raise ValueError(str(_l("Another template has this name.")))
    if template is None:
        template = StopTemplate(name=name)
    template.name, template.active, template.answers = name, bool(form.active.data), form.answers()
    template.updated_at = utcnow()
    session.add(template)
    session.flush()
    record_event(session, STOP_TEMPLATE_SAVED, actor=actor, target_type="stop_template", target_id=template.id,
                 details={"name": name, "active": template.active, "fields": sorted(template.answers)})
    return template
