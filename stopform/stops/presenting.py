"""A stop record as its reader sees it: labels instead of field names, value names instead of codes,
Yes/No instead of True/False, local time instead of UTC, the plate's pseudonym shortened.

Used by the stop's page for the record as it stands, the record as first submitted and each
amendment's before and after (those hold JSON values: times as ISO text, decimals as text).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from ..catalog.data import CONSENT
from ..catalog.services import Catalog
from ..models import Area, Unit
from .codes import country_name
from .forms import StopForm

CODE_KINDS = {"reason": "reason", "vehicle_type": "vehicle_type", "outcome": "outcome", "receipt": "receipt",
              "found_category": "found_category", "hit_source": "hit_source", "perceived_origin": "perceived_origin"}
BASIS_FIELDS = ("legal_basis", "id_basis", "search_basis")
COUNTRY_FIELDS = ("plate_country", "driver_nationality")
# Fields the form does not ask for under these names.
OWN_LABELS = {"officer_ref": _l("Officer's service number"), "unit": _l("Unit"),
              "vehicle_pseudonym": _l("Vehicle (pseudonym of the plate)")}
PSEUDONYM_SHOWN = 8  # hex digits: enough to compare two records by eye, not a whole key-derived value
TIME_FORMAT = "%d-%m-%Y %H:%M"


@dataclass(frozen=True)
class Vocabulary:
    """What turns codes into words for one reader: the stop's catalogue, language, zone and names."""

    catalog: Catalog
    locale: str
    timezone: str
    area_names: Mapping[str, str]
    unit_names: Mapping[str, str]


@dataclass(frozen=True)
class Row:
    """One line of a readable record."""

    name: str
    label: str
    value: str


def vocabulary(session: Session, catalog: Catalog, *, locale: str, timezone: str) -> Vocabulary:
    """The words for a stop's page: its catalogue's labels and the names of areas and units."""
    areas = dict(session.exec(select(Area.code, Area.name)).all())
    units = dict(session.exec(select(Unit.code, Unit.name)).all())
    return Vocabulary(catalog=catalog, locale=locale, timezone=timezone, area_names=areas, unit_names=units)


def field_label(name: str) -> str:
    """The label the form gives field `name` (or its own), else the name itself."""
    if name in OWN_LABELS:
        return str(OWN_LABELS[name])
    unbound = getattr(StopForm, name, None)
    args = getattr(unbound, "args", ())
    return str(args[0]) if args else name


def readable_value(name: str, value: object, words: Vocabulary) -> str:
    """`value` of field `name` in words."""
    if value is None or value == "":
        return _("Not provided")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "occurred_at":
        return local_time(value, words.timezone)
    text = str(value)
    if name in BASIS_FIELDS:
        return _basis_words(text, words)
    if name in CODE_KINDS:
        label = words.catalog.label(CODE_KINDS[name], text, words.locale)
        return label if label != text else text
    if name in COUNTRY_FIELDS:
        return f"{country_name(text, words.locale)} ({text})"
    if name == "area":
        return words.area_names.get(text, text)
    if name == "unit":
        return words.unit_names.get(text, text)
    if name == "vehicle_pseudonym":
        return text[:PSEUDONYM_SHOWN] + "…"
    return text


def local_time(value: object, timezone: str) -> str:
    """A stored instant (or its ISO text) as day and time in `timezone`."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        return str(value)
    return moment.astimezone(ZoneInfo(timezone)).strftime(TIME_FORMAT)


def _basis_words(code: str, words: Vocabulary) -> str:
    if code == CONSENT:
        return _("Consent of the person (told they could refuse)")
    basis = words.catalog.bases.get(code)
    return f"{code}: {basis.summary(words.locale)}" if basis else code


def readable_rows(values: Mapping[str, object], words: Vocabulary, names: Iterable[str] | None = None) -> list[Row]:
    """The record's fields (`names`, else all of `values`) as labelled lines in words."""
    return [Row(name, field_label(name), readable_value(name, values.get(name), words))
            for name in (names if names is not None else values)]
