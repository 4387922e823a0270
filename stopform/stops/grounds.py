"""The grounds of a stop: the Sensing lesson and who may use a power.

A stop for a crime-related reason, or prompted by a risk model's hit, is a stop of a possible
suspect: it needs a power of criminal procedure (catalogue `criminal_procedure`), with the
caution recorded as given, and a reason in plain words for the person's receipt (Nationale
ombudsman 2018/088). Consent does not cure a control without such a basis. A hit is never a
ground by itself. A power `restricted_to` one force (MTV: the Koninklijke Marechaussee) is
refused for other units.
"""
from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from ..catalog.data import CRIME_HIT_SOURCES, CRIME_REASONS
from ..catalog.services import Catalog
from .guard import bases_relied_on, basis_named

HIT_REASON = "system_hit"


def crime_related(record: Mapping) -> bool:
    """Whether the record's reason or its trigger points at a crime (see the module docstring)."""
    sensing = record.get("triggered_by_hit") and record.get("hit_source") in CRIME_HIT_SOURCES
    return record.get("reason") in CRIME_REASONS or bool(sensing)


def check_grounds(record: Mapping, catalog: Catalog, kmar_units: frozenset[str]) -> dict[str, str]:
    """Problems per field with the grounds of the stop; {} when they hold."""
    if not marks_criminal_procedure(catalog):
        return {}
    problems: dict[str, str] = {}
    basis = basis_named(record.get("legal_basis"), catalog)
    if record.get("triggered_by_hit") and record.get("reason") == HIT_REASON:
        problems["reason"] = str(_l(
            "A system's hit is not a ground by itself: choose the objective ground the officer established "
            "(what was seen or checked) and describe it."))
    if basis is not None and crime_related(record):
        problems.update(_suspect_problems(record, basis))
    for used in bases_relied_on(record, catalog):
        if used.restricted_to == "kmar" and record.get("unit") not in kmar_units:
            problems.setdefault("legal_basis" if used.code == record.get("legal_basis") else "id_basis", str(_l(
                "%(basis)s is a power of the Koninklijke Marechaussee only; this unit is not a Marechaussee unit.",
                basis=used.code)))
    return problems


def marks_criminal_procedure(catalog: Catalog) -> bool:
    """Whether the catalogue of the day says which powers are of criminal procedure (version 2 on).

    Records of days under version 1 are judged by the rules of their day: that catalogue did not
    mark the powers, and those records have no caution field.
    """
    return any(b.criminal_procedure for b in catalog.bases.values())


def _suspect_problems(record: Mapping, basis) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not basis.criminal_procedure:
        problems["legal_basis"] = str(_l(
            "This stop concerns a possible suspect (its reason or a risk model's hit), so %(basis)s cannot be its "
            "basis: a traffic check used only to investigate is misuse of power, and consent does not cure it. "
            "Choose a power of criminal procedure, such as SV52, and give the caution.", basis=basis.code))
    elif not record.get("caution_given"):
        problems["caution_given"] = str(_l(
            "A suspect must be cautioned (told they need not answer): record that the caution was given."))
    if not (record.get("reason_for_person") or "").strip():
        problems["reason_for_person"] = str(_l(
            "Write the reason for the person's receipt, in plain words and without names."))
    return problems
