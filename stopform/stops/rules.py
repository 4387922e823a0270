"""Validation of a stop record beyond types: codes, ranges, times and the legality guard.

Shared by the officer's form, the JSON API and the CSV import, so the three can never
disagree on what a valid record is.
"""
from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l

from ..catalog.data import CONSENT, SEARCH_ACTIONS
from ..catalog.services import Catalog
from ..models import field_limits
from .codes import country_codes
from .grounds import check_grounds
from .guard import check_legality, performed_actions
from .personal_data import fields_with_personal_data
from .text import fields_with_control_characters

_DURATION, _OCCUPANTS, _REASON = (field_limits(name) for name in ("duration_minutes", "occupants", "reason_text"))
# The messages of the declared limits (`models.StopFields`), shared with the form's validators.
LIMIT_MESSAGES = {
    "duration_minutes": _l("Enter the duration in minutes, from %(min)s to %(max)s.",
                           min=_DURATION.minimum, max=_DURATION.maximum),
    "occupants": _l("Enter the number of people in the vehicle, from %(min)s to %(max)s.",
                    min=_OCCUPANTS.minimum, max=_OCCUPANTS.maximum),
    "reason_text": _l("Keep the reason to %(max)s characters or fewer.", max=_REASON.max_length),
}
CLOCK_SKEW = timedelta(minutes=5)
FIRST_YEAR, LAST_YEAR = 2000, 2099  # a sane range: far outside it, time-zone arithmetic overflows
CODE_FIELDS = {"reason": "reason", "vehicle_type": "vehicle_type", "outcome": "outcome",
               "receipt": "receipt", "found_category": "found_category"}


@dataclass(frozen=True)
class RuleContext:
    """What validation needs besides the record."""

    catalog: Catalog
    areas: frozenset[str]
    now: datetime
    max_age: timedelta | None = timedelta(days=7)
    record_perceived_origin: bool = False
    units: frozenset[str] | None = None  # known units; None where any code is taken as given (imports)
    kmar_units: frozenset[str] = frozenset()  # units of the Koninklijke Marechaussee


def validate_record(record: MutableMapping, ctx: RuleContext) -> dict[str, str]:
    """Return `{field: message}` for every problem; fills derived defaults in `record`."""
    errors: dict[str, str] = {}
    _check_codes(record, ctx, errors)
    _check_time(record, ctx, errors)
    _check_counts(record, errors)
    _check_hit(record, ctx, errors)
    _check_people(record, ctx, errors)
    _check_outcome(record, errors)
    _default_search_basis(record, ctx.catalog)
    _check_special_categories(record, errors)
    if "legal_basis" not in errors:
        for name, message in check_legality(record, ctx.catalog).problems.items():
            errors.setdefault(name, message)
        _check_grounds(record, ctx, errors)
    for name, message in fields_with_personal_data(record).items():
        errors.setdefault(name, message)
    for name in fields_with_control_characters(record):  # the clearest message for such a field
        errors[name] = str(_l("Remove the control character (such as NUL) from this field."))
    return errors


def perceived_origin_enabled(config: Mapping) -> bool:
    """Whether `perceived_origin` may be recorded: switched on, and only with the reference of
    its data protection impact assessment (DPIA) configured (Art. 5 Wpg: special categories)."""
    return bool(config.get("RECORD_PERCEIVED_ORIGIN")) and bool((config.get("PERCEIVED_ORIGIN_DPIA") or "").strip())


def _check_grounds(record: Mapping, ctx: RuleContext, errors: dict) -> None:
    """The Sensing lesson and who may use a power (stops.grounds)."""
    for name, message in check_grounds(record, ctx.catalog, ctx.kmar_units).items():
        errors.setdefault(name, message)


def _check_special_categories(record: Mapping, errors: dict) -> None:
    """Nationality only from an identity document seen: a guess at it would stand for ethnicity."""
    if record.get("driver_nationality") and not record.get("identity_document_seen"):
        errors.setdefault("driver_nationality", str(_l(
            "Record nationality only from an identity document you saw (a driving licence shows none); "
            "otherwise leave it empty.")))


def _missing(record: Mapping, name: str) -> bool:
    value = record.get(name)
    return value is None or (isinstance(value, str) and not value.strip())


def _check_codes(record: Mapping, ctx: RuleContext, errors: dict) -> None:
    basis = ctx.catalog.bases.get(record.get("legal_basis") or "")
    if _missing(record, "legal_basis"):
        errors["legal_basis"] = str(_l("Select the legal basis used to stop the vehicle."))
    elif basis is None or not basis.stop_power:
        errors["legal_basis"] = str(_l("Unknown legal basis: select one from the list."))
    for name, kind in CODE_FIELDS.items():
        if _missing(record, name):
            if name != "found_category":
                errors[name] = str(_l("Select an answer."))
        elif not ctx.catalog.valid(kind, record[name]):
            errors[name] = str(_l("Unknown code: select one from the list."))
    if ctx.units is not None and record.get("unit") and record["unit"] not in ctx.units:
        errors["unit"] = str(_l("You can record stops only for your own unit: select it from the list."))
    if _missing(record, "area"):
        errors["area"] = str(_l("Select the area where the stop took place."))
    elif record["area"] not in ctx.areas:
        errors["area"] = str(_l("Unknown area: select one from the list."))
    if _missing(record, "plate_country"):
        errors["plate_country"] = str(_l("Select the country of the number plate (XX if unknown)."))
    elif record["plate_country"] not in country_codes():
        errors["plate_country"] = str(_l("Unknown country code: use two letters, such as NL or DE."))
    text = (record.get("reason_text") or "").strip()
    if not text:
        errors["reason_text"] = str(_l("Describe the concrete, objective reason for the stop."))
    elif len(text) > (_REASON.max_length or len(text)):
        errors["reason_text"] = str(LIMIT_MESSAGES["reason_text"])
    for name in ("id_basis", "search_basis"):
        code = record.get(name)
        if code and code not in ctx.catalog.bases and not (name == "search_basis" and code == CONSENT):
            errors[name] = str(_l("Unknown legal basis: select one from the list."))


def _check_time(record: Mapping, ctx: RuleContext, errors: dict) -> None:
    when = record.get("occurred_at")
    if when is None:
        errors["occurred_at"] = str(_l("Enter the date and time the stop began."))
    elif not FIRST_YEAR <= when.year <= LAST_YEAR:
        errors["occurred_at"] = str(_l("Enter a date between %(first)s and %(last)s.", first=FIRST_YEAR,
                                       last=LAST_YEAR))
    elif when > ctx.now + CLOCK_SKEW:
        errors["occurred_at"] = str(_l("The time of the stop cannot be in the future."))
    elif ctx.max_age is not None and when < ctx.now - ctx.max_age:
        errors["occurred_at"] = str(_l("The stop is more than %(days)s days ago: ask a supervisor to import it.",
                                       days=ctx.max_age.days))


def _check_counts(record: Mapping, errors: dict) -> None:
    for name in ("duration_minutes", "occupants"):
        if not within_limits(name, record.get(name)):
            errors[name] = str(LIMIT_MESSAGES[name])
    if "occupants" in errors:
        return
    occupants = record["occupants"]
    passengers = record.get("passenger_ids_demanded") or 0
    if not 0 <= passengers <= occupants - 1:
        errors["passenger_ids_demanded"] = str(_l(
            "Passengers asked for identity must be between 0 and %(max)s (the occupants less the driver).",
            max=occupants - 1))
    searched = record.get("persons_searched") or 0
    if not 0 <= searched <= occupants:
        errors["persons_searched"] = str(_l("People searched must be between 0 and %(max)s.", max=occupants))


def within_limits(name: str, value) -> bool:
    """Whether `value` is given and inside the range `StopFields` declares for `name`."""
    limits = field_limits(name)
    return value is not None and limits.minimum <= value <= limits.maximum


def _check_hit(record: MutableMapping, ctx: RuleContext, errors: dict) -> None:
    if record.get("triggered_by_hit"):
        if _missing(record, "hit_source"):
            errors["hit_source"] = str(_l("Select the system whose hit prompted the stop."))
        elif not ctx.catalog.valid("hit_source", record["hit_source"]):
            errors["hit_source"] = str(_l("Unknown system: select one from the list."))
    else:
        if record.get("reason") == "system_hit":
            errors["triggered_by_hit"] = str(_l("The reason is a system hit: tick that a system prompted the stop."))
        record["hit_source"] = None
        record["hit_reference"] = None


def _check_people(record: MutableMapping, ctx: RuleContext, errors: dict) -> None:
    nationality = record.get("driver_nationality")
    if nationality and nationality not in country_codes():
        errors["driver_nationality"] = str(_l("Unknown country code: use two letters, such as NL or DE."))
    origin = record.get("perceived_origin")
    if origin and not ctx.record_perceived_origin:
        errors["perceived_origin"] = str(_l("Perceived origin is not recorded in this deployment."))
    elif origin and not ctx.catalog.valid("perceived_origin", origin):
        errors["perceived_origin"] = str(_l("Unknown code: select one from the list."))


def _check_outcome(record: MutableMapping, errors: dict) -> None:
    searched = any(a in SEARCH_ACTIONS for a in performed_actions(record))
    if not searched:
        record["search_found"] = False
        if record.get("search_basis"):
            errors["search_basis"] = str(_l("A search basis was given but nothing was searched."))
    found = record.get("found_category") or "none"
    record["found_category"] = found
    if record.get("search_found") and found == "none":
        errors["found_category"] = str(_l("Select what the search found."))
    if record.get("receipt") == "not_offered" and _missing(record, "receipt_not_offered_reason"):
        errors["receipt_not_offered_reason"] = str(_l("Say why no receipt was offered."))


def _default_search_basis(record: MutableMapping, catalog: Catalog) -> None:
    """A search the stop's own basis permits defaults to that basis."""
    searches = [a for a in performed_actions(record) if a in SEARCH_ACTIONS]
    basis = catalog.bases.get(record.get("legal_basis") or "")
    if searches and not record.get("search_basis") and basis and all(a in basis.permits for a in searches):
        record["search_basis"] = basis.code
