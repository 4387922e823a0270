"""The legality guard: every action must be covered by a legal basis, and every basis used must
show what the catalogue says it requires.

An identity demand or a search the stop's own basis does not permit needs its own basis
(`id_basis`, `search_basis`); consent is one of them (in catalogue version 2 an entry that is
`voluntary` and requires `consent_refusal_explained`). What a basis requires beyond its permits
(the traffic check done, the caution given, the suspected offence, the supervised law, the
prosecutor's order, an arrest) is the catalogue's `requires` list: no basis is named here.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..catalog.data import CONSENT, IDENTITY_ACTIONS, SEARCH_ACTIONS
from ..catalog.services import Basis, Catalog

ACTION_LABELS = {
    "driver_id": _l("demanding the driver's identity document"),
    "passenger_id": _l("demanding passengers' identity"),
    "vehicle_search": _l("searching the vehicle"),
    "person_search": _l("searching a person"),
}
# Catalogue version 1 had no CONSENT entry: consent covered searches only, as it did then.
LEGACY_CONSENT = Basis(CONSENT, "", "", "", frozenset(SEARCH_ACTIONS), False,
                       frozenset({"consent_refusal_explained"}), voluntary=True)
REQUIREMENT_MESSAGES = {
    "documents_checked": _l(
        "%(basis)s is lawful only when the traffic check is really done (Hoge Raad 1 November 2016, "
        "ECLI:NL:HR:2016:2454): record that the documents were checked, or choose the power actually used."),
    "caution_given": _l("%(basis)s is a power of criminal procedure: a suspect must be cautioned (told they "
                        "need not answer). Record that the caution was given."),
    "suspected_offence": _l("%(basis)s needs the suspected offence: name it (it is shown on the receipt)."),
    "supervised_law": _l("%(basis)s applies only within the law the inspector supervises: name that law."),
    "authorisation_ref": _l("A preventive search (%(basis)s) needs the area designation and the prosecutor's "
                            "order reference."),
    "consent_refusal_explained": _l("A measure by consent is only lawful when the person was told they could "
                                    "refuse. Confirm it."),
    "arrest": _l("%(basis)s applies only after an arrest: the outcome must be an arrest."),
}
REQUIREMENT_FIELDS = {"arrest": "search_basis"}


@dataclass(frozen=True)
class GuardResult:
    """What the guard found: problems per field, and the actions beyond the stop's basis."""

    problems: dict[str, str]
    beyond: tuple[str, ...]

    @property
    def beyond_basis(self) -> bool:
        """Whether any action needed more than the stop's own legal basis."""
        return bool(self.beyond)


def basis_named(code: str | None, catalog: Catalog) -> Basis | None:
    """The catalogue entry for `code` (CONSENT too, also under catalogue version 1)."""
    if not code:
        return None
    return catalog.bases.get(code) or (LEGACY_CONSENT if code == CONSENT else None)


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
    for name, message in requirement_problems(record, bases_relied_on(record, catalog)).items():
        problems.setdefault(name, message)
    return GuardResult(problems, beyond)


def bases_relied_on(record: Mapping, catalog: Catalog) -> list[Basis]:
    """The stop's basis, and the identity or search basis where an action of that kind was done."""
    actions = performed_actions(record)
    used = [basis_named(record.get("legal_basis"), catalog)]
    if any(a in IDENTITY_ACTIONS for a in actions):
        used.append(basis_named(record.get("id_basis"), catalog))
    if any(a in SEARCH_ACTIONS for a in actions):
        used.append(basis_named(record.get("search_basis"), catalog))
    return [b for b in dict.fromkeys(used) if b is not None]


def requirement_problems(record: Mapping, bases: list[Basis]) -> dict[str, str]:
    """What the bases used require and the record does not show, per field."""
    problems: dict[str, str] = {}
    for basis in bases:
        for requirement in sorted(basis.requires):
            if not _meets(record, requirement):
                field = REQUIREMENT_FIELDS.get(requirement, requirement)
                problems.setdefault(field, str(REQUIREMENT_MESSAGES[requirement] % {"basis": basis.code}))
    return problems


def _meets(record: Mapping, requirement: str) -> bool:
    if requirement == "arrest":
        return record.get("outcome") == "arrest"
    value = record.get(requirement)
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def _identity_problem(action: str, id_basis: str | None, stop_basis: str, catalog: Catalog) -> str:
    if not id_basis:
        return str(_l("%(basis)s does not allow %(action)s. Choose the basis for the identity demand "
                      "(for example POLW8-ID) or untick it.", basis=stop_basis, action=ACTION_LABELS[action]))
    chosen = basis_named(id_basis, catalog)
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
    chosen = basis_named(search_basis, catalog)
    for action in searches:
        if chosen is None or action not in chosen.permits:
            return {"search_basis": str(_l("%(basis)s does not allow %(action)s.", basis=search_basis,
                                           action=ACTION_LABELS[action]))}
    return {}
