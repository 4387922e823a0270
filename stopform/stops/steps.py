"""The stop form's steps: which fields each screen asks, which answers apply, what the check lists.

The form is one `<form>` with every field; each step shows its own fields and carries the others
as they stand, so that the same steps work as plain server pages and, with the page's scripts, in
the browser (static/js/stepper.js mirrors `applies` and `CHECK_ALWAYS`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..catalog.services import Catalog


@dataclass(frozen=True)
class Step:
    """One screen of the form."""

    number: int
    title: object  # a lazy string
    fields: tuple[str, ...]


STEPS = (
    Step(1, _l("The stop"), ("occurred_at", "duration_minutes", "area", "unit", "latitude", "longitude",
                              "reason", "legal_basis", "reason_text", "triggered_by_hit", "hit_source",
                              "hit_reference")),
    Step(2, _l("Vehicle and people"), ("plate", "plate_country", "vehicle_type", "occupants",
                                       "identity_document_seen", "driver_nationality", "perceived_origin")),
    Step(3, _l("Actions and outcome"), (
        "documents_checked", "driver_id_demanded", "passenger_ids_demanded", "id_basis", "vehicle_searched",
        "persons_searched", "search_basis", "consent_refusal_explained", "authorisation_ref", "search_found",
        "found_category", "force_used", "caution_given", "suspected_offence", "reason_for_person", "supervised_law",
        "outcome", "offence_found", "outcome_linked_to_reason")),
    Step(4, _l("Receipt"), ("receipt", "receipt_not_offered_reason")),
)
LAST_STEP = len(STEPS)
STEP_OF = {name: step.number for step in STEPS for name in step.fields}

# Groups of questions shown only when an earlier answer calls for them: the group, the fields in it.
REVEALS = {
    "hit": ("hit_source", "hit_reference"),
    "nationality": ("driver_nationality",),
    "passengers": ("passenger_ids_demanded",),
    "identity": ("id_basis",),
    "search": ("search_basis", "consent_refusal_explained", "authorisation_ref", "search_found", "found_category"),
    "suspect": ("caution_given", "suspected_offence", "reason_for_person"),
    "supervised": ("supervised_law",),
    "not_offered": ("receipt_not_offered_reason",),
    "outcome": ("outcome_linked_to_reason",),
}
# The last step whose answers decide each group: without scripts, a group decided on the step shown stays open.
DECIDED_ON = {"hit": 1, "nationality": 2, "passengers": 2, "identity": 3, "search": 3, "suspect": 3,
              "supervised": 3, "not_offered": 4, "outcome": 3}
REVEAL_OF = {name: group for group, names in REVEALS.items() for name in names}
# Answers the check lists even when they are "No" or empty: the questions every stop answers.
CHECK_ALWAYS = ("occurred_at", "duration_minutes", "area", "unit", "reason", "legal_basis", "reason_text",
                "triggered_by_hit", "plate", "plate_country", "vehicle_type", "occupants", "documents_checked",
                "driver_id_demanded", "vehicle_searched", "persons_searched", "force_used", "outcome", "receipt")
HIDDEN_FIELDS = ("stop_id", "latitude", "longitude", "opened")


def _number(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def applies(group: str, record: Mapping, catalog: Catalog) -> bool:
    """Whether the questions of reveal `group` apply to the answers in `record`."""
    searched = bool(record.get("vehicle_searched")) or _number(record.get("persons_searched")) > 0
    identified = bool(record.get("driver_id_demanded")) or _number(record.get("passenger_ids_demanded")) > 0
    codes = [record.get("legal_basis"), identified and record.get("id_basis"), searched and record.get("search_basis")]
    relied_on = [catalog.bases[code] for code in codes if code and code in catalog.bases]
    tests = {
        "hit": lambda: bool(record.get("triggered_by_hit")),
        "nationality": lambda: bool(record.get("identity_document_seen")),
        "passengers": lambda: _number(record.get("occupants")) > 1,
        "identity": lambda: identified,
        "search": lambda: searched,
        "suspect": lambda: any(b.criminal_procedure or "caution_given" in b.requires for b in relied_on),
        "supervised": lambda: any("supervised_law" in b.requires for b in relied_on),
        "not_offered": lambda: record.get("receipt") == "not_offered",
        "outcome": lambda: record.get("outcome") not in (None, "", "none"),
    }
    return tests[group]()


def reveal_states(step: int, record: Mapping, catalog: Catalog) -> dict[str, dict[str, bool]]:
    """Per reveal group on the server page of `step`: whether it applies to the answers so far, and
    whether it stays open without scripts (decided on this step or a later one, so the server cannot
    know yet; with scripts the page follows each answer)."""
    return {group: {"applies": applies(group, record, catalog), "without_js": DECIDED_ON[group] >= step}
            for group in REVEALS}


def field_applies(name: str, record: Mapping, catalog: Catalog) -> bool:
    """Whether question `name` is asked, given the other answers."""
    group = REVEAL_OF.get(name)
    return group is None or applies(group, record, catalog)


def next_step(current: int, errors: Mapping[str, str]) -> int | None:
    """The step after `current` on the forward path, or None when the answers are to be checked: a
    step whose answers already hold (pre-filled, from a template, or by default) is skipped; the
    check page still lists them all."""
    return min((STEP_OF.get(name, 1) for name in errors if STEP_OF.get(name, 1) > current), default=None)


def errors_up_to(step: int, errors: Mapping[str, str]) -> dict[str, str]:
    """The errors of the fields asked on `step` or before it."""
    return {name: message for name, message in errors.items() if STEP_OF.get(name, 1) <= step}


def errors_on(step: int, errors: Mapping[str, str]) -> dict[str, str]:
    """The errors of the fields asked on `step`."""
    return {name: message for name, message in errors.items() if STEP_OF.get(name, 1) == step}


def first_step_with(errors: Mapping[str, str]) -> int:
    """The earliest step that asks a field with an error (1 when none does)."""
    return min((STEP_OF.get(name, 1) for name in errors), default=1)


def check_rows(step: Step, record: Mapping, catalog: Catalog) -> list[str]:
    """The fields of `step` that the check lists: asked, and answered or always listed."""
    def answered(name: str) -> bool:
        value = record.get(name)
        return value not in (None, "", False, 0) or name in CHECK_ALWAYS
    return [name for name in step.fields if name not in HIDDEN_FIELDS
            and field_applies(name, record, catalog) and answered(name)]
