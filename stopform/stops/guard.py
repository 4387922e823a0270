"""The legality guard: every action must be covered by a legal basis or by consent.

An identity demand or a search the stop's own basis does not permit needs its own basis
(`id_basis`, `search_basis`) or, for searches, consent with the right to refuse explained.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..catalog.data import CONSENT, IDENTITY_ACTIONS, SEARCH_ACTIONS
from ..catalog.services import Catalog

ACTION_LABELS = {
    "driver_id": _l("demanding the driver's identity document"),
    "passenger_id": _l("demanding passengers' identity"),
    "vehicle_search": _l("searching the vehicle"),
    "person_search": _l("searching a person"),
}
AUTHORISED_BASES = {"WWM-VRG"}


@dataclass(frozen=True)
class GuardResult:
    """What the guard found: problems per field, and the actions beyond the stop's basis."""

    problems: dict[str, str]
    beyond: tuple[str, ...]

    @property
    def beyond_basis(self) -> bool:
        """Whether any action needed more than the stop's own legal basis."""
        return bool(self.beyond)


def performed_actions(record: Mapping) -> list[str]:
    """The guarded actions a record says were done."""
    done = []
    if record.get("driver_id_demanded"):
        done.append("driver_id")
    if (record.get("passenger_ids_demanded") or 0) > 0:
        done.append("passenger_id")
    if record.get("vehicle_searched"):
        done.append("vehicle_search")
    if (record.get("persons_searched") or 0) > 0:
        done.append("person_search")
    return done


def exceeds_basis(record: Mapping, catalog: Catalog) -> bool:
    """Whether any action of `record` needed more than its stop's legal basis (the flag stored
    with every stop); cheaper than `check_legality` when the messages are not needed."""
    basis = catalog.bases.get(record.get("legal_basis") or "")
    return basis is not None and any(a not in basis.permits for a in performed_actions(record))


def check_legality(record: Mapping, catalog: Catalog) -> GuardResult:
    """Check each action of `record` against its legal bases; see the module docstring."""
    basis = catalog.bases.get(record.get("legal_basis") or "")
    if basis is None:
        return GuardResult({}, ())
    actions = performed_actions(record)
    beyond = tuple(a for a in actions if a not in basis.permits)
    problems: dict[str, str] = {}
    for action in beyond:
        if action in IDENTITY_ACTIONS and "id_basis" not in problems:
            message = _identity_problem(action, record.get("id_basis"), basis.code, catalog)
            if message:
                problems["id_basis"] = message
    searches = [a for a in actions if a in SEARCH_ACTIONS]
    if searches:
        problems.update(_search_problems(searches, record, basis.code, catalog))
    if AUTHORISED_BASES & {record.get("legal_basis"), record.get("search_basis")} \
            and not (record.get("authorisation_ref") or "").strip():
        problems["authorisation_ref"] = str(_l(
            "A preventive search (WWM-VRG) needs the area designation and the prosecutor's order reference."))
    return GuardResult(problems, beyond)


def _identity_problem(action: str, id_basis: str | None, stop_basis: str, catalog: Catalog) -> str:
    if not id_basis:
        return str(_l("%(basis)s does not allow %(action)s. Choose the basis for the identity demand "
                      "(for example POLW8-ID) or untick it.", basis=stop_basis, action=ACTION_LABELS[action]))
    chosen = catalog.bases.get(id_basis)
    if chosen is None or action not in chosen.permits:
        return str(_l("%(basis)s does not allow %(action)s either.", basis=id_basis,
                      action=ACTION_LABELS[action]))
    return ""


def _search_problems(searches: list[str], record: Mapping, stop_basis: str, catalog: Catalog) -> dict:
    search_basis = record.get("search_basis")
    if not search_basis:
        return {"search_basis": str(_l(
            "A search needs its legal basis: %(basis)s does not allow %(action)s. Choose a search basis, "
            "or consent if the person agreed after being told they could refuse.",
            basis=stop_basis, action=ACTION_LABELS[searches[0]]))}
    if search_basis == CONSENT:
        if not record.get("consent_refusal_explained"):
            return {"consent_refusal_explained": str(_l(
                "A search by consent is only lawful when the person was told they could refuse. Confirm it."))}
        return {}
    chosen = catalog.bases.get(search_basis)
    for action in searches:
        if chosen is None or action not in chosen.permits:
            return {"search_basis": str(_l("%(basis)s does not allow %(action)s.", basis=search_basis,
                                           action=ACTION_LABELS[action]))}
    return {}
