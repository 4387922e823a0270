"""The officer's stop form. Field names are the record's field names; the plate is `plate`."""
from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import UUID, InputRequired, Length, NumberRange, Optional, Regexp, StopValidation

from ..catalog.data import CONSENT
from ..catalog.services import Catalog
from ..models import field_limits
from .codes import PLATE_MAX_LENGTH, PLATE_PATTERN
from .rules import LIMIT_MESSAGES

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
TWO_LETTERS = Regexp(r"^[A-Za-z]{2}$", message=_l("Use the two-letter country code, such as NL or DE."))
COMMON_COUNTRIES = ("NL", "DE", "BE", "PL", "RO", "BG", "FR", "LU", "GB", "LT", "CZ", "SK", "HU", "IT", "ES",
                    "PT", "TR", "MA", "UA", "XX")
BOOLEAN_FIELDS = ("triggered_by_hit", "documents_checked", "driver_id_demanded", "vehicle_searched",
                  "consent_refusal_explained", "force_used", "search_found", "offence_found",
                  "outcome_linked_to_reason", "caution_given", "identity_document_seen")


def _range(name: str, message=None) -> NumberRange:
    """The declared range of record field `name` (`models.StopFields`), as a validator; WTForms
    also writes it into the page as min and max, which the page's scripts check."""
    limits = field_limits(name)
    return NumberRange(limits.minimum, limits.maximum, message)


def _length(name: str) -> Length:
    """The declared maximum length of record field `name`, as a validator (and maxlength)."""
    return Length(max=field_limits(name).max_length)


def _count(label, name: str):
    return IntegerField(label, default=0, validators=[
        InputRequired(_l("Enter a number.")), _range(name, _l("Enter a number from %(min)s to %(max)s."))])


def finite(_form, field) -> None:
    """Refuse NaN and infinities, which `Decimal` parses but cannot compare (`sNaN` raises)."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_l("Enter a number."))


class StopForm(FlaskForm):
    """Every field of a stop; choices come from the dated catalogue (see `fill_choices`)."""

    countries = COMMON_COUNTRIES
    stop_id = HiddenField(validators=[Optional(), UUID(_l("The form was damaged: reload the page and try again."))])
    occurred_at = DateTimeLocalField(_l("Date and time the stop began"), format=LOCAL_FORMAT,
                                     validators=[InputRequired(_l("Enter the date and time the stop began."))])
    duration_minutes = IntegerField(_l("Duration in minutes"), default=5, validators=[
        InputRequired(LIMIT_MESSAGES["duration_minutes"]),
        _range("duration_minutes", LIMIT_MESSAGES["duration_minutes"])])
    area = SelectField(_l("Area"), validate_choice=False)
    unit = SelectField(_l("Unit"), validate_choice=False)
    latitude = DecimalField(_l("Latitude"), places=None, validators=[Optional(), finite, _range("latitude")])
    longitude = DecimalField(_l("Longitude"), places=None, validators=[Optional(), finite, _range("longitude")])
    legal_basis = RadioField(_l("Legal basis for the stop"), validate_choice=False)
    reason = RadioField(_l("Reason for the stop"), validate_choice=False)
    reason_text = TextAreaField(_l("Concrete, objective ground"), validators=[_length("reason_text")])
    triggered_by_hit = BooleanField(_l("An automated system's hit prompted the stop"))
    hit_source = SelectField(_l("Which system"), validate_choice=False)
    hit_reference = StringField(_l("Alert reference (optional)"), validators=[Optional(), _length("hit_reference")])
    plate = StringField(_l("Number plate"), validators=[
        InputRequired(_l("Enter the number plate.")), Length(max=PLATE_MAX_LENGTH),
        Regexp(PLATE_PATTERN, message=_l("Use letters, digits, spaces and hyphens only."))])
    plate_country = StringField(_l("Plate country"), default="NL", validators=[
        InputRequired(_l("Select the country of the number plate (XX if unknown).")), TWO_LETTERS])
    vehicle_type = RadioField(_l("Vehicle type"), validate_choice=False)
    occupants = IntegerField(_l("People in the vehicle"), default=1, validators=[
        InputRequired(LIMIT_MESSAGES["occupants"]), _range("occupants", LIMIT_MESSAGES["occupants"])])
    driver_nationality = StringField(_l("Driver's nationality, from an identity document already inspected (optional)"),
                                     validators=[Optional(), TWO_LETTERS])
    perceived_origin = SelectField(_l("Perceived origin (optional)"), validate_choice=False)
    documents_checked = BooleanField(_l("Driving licence or registration inspected"))
    driver_id_demanded = BooleanField(_l("Identity document demanded from the driver (beyond the licence)"))
    passenger_ids_demanded = _count(_l("Passengers asked to identify themselves"), "passenger_ids_demanded")
    id_basis = SelectField(_l("Legal basis for the identity demand"), validate_choice=False)
    vehicle_searched = BooleanField(_l("Vehicle searched"))
    persons_searched = _count(_l("People frisked or searched"), "persons_searched")
    search_basis = SelectField(_l("Legal basis for the search"), validate_choice=False)
    consent_refusal_explained = BooleanField(_l("The person was told they could refuse the search"))
    authorisation_ref = StringField(_l("Area designation and prosecutor's order reference"),
                                    validators=[Optional(), _length("authorisation_ref")])
    force_used = BooleanField(_l("Force used"))
    search_found = BooleanField(_l("The search found what it was for"))
    found_category = SelectField(_l("What was found"), validate_choice=False)
    offence_found = BooleanField(_l("An offence was found"))
    outcome = RadioField(_l("Outcome"), validate_choice=False)
    outcome_linked_to_reason = BooleanField(_l("The outcome concerns the reason for the stop"))
    receipt = RadioField(_l("Receipt"), validate_choice=False)
    receipt_not_offered_reason = StringField(_l("Why no receipt was offered"),
                                             validators=[Optional(), _length("receipt_not_offered_reason")])
    # Catalogue version 2 (docs/stop-record.md).
    caution_given = BooleanField(_l("The suspect was cautioned (told they need not answer)"))
    reason_for_person = StringField(_l("Reason for the person's receipt, in plain words, no names"),
                                    validators=[Optional(), _length("reason_for_person")])
    suspected_offence = StringField(_l("Suspected offence"), validators=[Optional(), _length("suspected_offence")])
    supervised_law = StringField(_l("Law the inspector supervises"), validators=[Optional(), _length("supervised_law")])
    identity_document_seen = BooleanField(_l("An identity document was seen (needed to record nationality)"))

    def fill_choices(self, catalog: Catalog, locale: str, areas: list, units: list[str]) -> None:
        """Set every picker from the catalogue valid today and the known areas and units."""
        def codes(kind):
            return [(code, catalog.label(kind, code, locale)) for code in catalog.codes.get(kind, {})]
        self.area.choices = [("", _l("Select an area"))] + [(a.code, a.name) for a in areas]
        self.unit.choices = [(u, u) for u in units]
        def basis(b):
            return (b.code, f"{b.code} · {b.short(locale)}")
        self.legal_basis.choices = [basis(b) for b in catalog.stop_bases()]
        self.reason.choices = codes("reason")
        self.hit_source.choices = [("", _l("Not applicable"))] + codes("hit_source")
        self.vehicle_type.choices = codes("vehicle_type")
        self.perceived_origin.choices = [("", _l("Not recorded"))] + codes("perceived_origin")
        self.id_basis.choices = [("", _l("None needed"))] + [
            basis(b) for b in catalog.bases.values() if {"driver_id", "passenger_id"} & b.permits]
        self.search_basis.choices = [("", _l("None needed"))] + [
            basis(b) for b in catalog.bases.values()
            if {"vehicle_search", "person_search"} & b.permits and b.code != CONSENT
        ] + [(CONSENT, _l("Consent (CONSENT)"))]
        self.found_category.choices = codes("found_category")
        self.outcome.choices = codes("outcome")
        self.receipt.choices = codes("receipt")

    def to_record(self, timezone: str) -> dict:
        """The submitted values as a record dict (times in UTC, codes normalised)."""
        record = {name: field.data for name, field in self._fields.items() if name not in {"csrf_token"}}
        for name in ("area", "unit", "hit_source", "id_basis", "search_basis", "perceived_origin",
                     "legal_basis", "reason", "vehicle_type", "outcome", "receipt", "found_category"):
            record[name] = record.get(name) or None
        for name in ("plate_country", "driver_nationality"):
            record[name] = (record.get(name) or "").strip().upper() or None
        for name in ("reason_text", "hit_reference", "authorisation_ref", "receipt_not_offered_reason",
                     "reason_for_person", "suspected_offence", "supervised_law"):
            record[name] = (record.get(name) or "").strip() or None
        if isinstance(record.get("occurred_at"), datetime):
            record["occurred_at"] = record["occurred_at"].replace(tzinfo=ZoneInfo(timezone))
        record["plate"] = (record.get("plate") or "").strip().upper()
        record["stop_id"] = _uuid_or_none(record.get("stop_id"))
        return record


def _uuid_or_none(text: str | None) -> uuid.UUID | None:
    # A page from the device's cache brings its own stop id; anything else gets a new one.
    try:
        return uuid.UUID(text or "")
    except ValueError:
        return None


class AmendForm(StopForm):
    """A correction: the same fields, a required reason, and the plate only if it changes."""

    plate = StringField(_l("Number plate (leave empty to keep it)"), validators=[
        Optional(), Length(max=PLATE_MAX_LENGTH),
        Regexp(PLATE_PATTERN, message=_l("Use letters, digits, spaces and hyphens only."))])
    amendment_reason = TextAreaField(_l("Why is this record corrected?"), validators=[
        InputRequired(_l("Say why the record is corrected.")), Length(min=3, max=500)])
