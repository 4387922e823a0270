"""The legality guard on the server: each basis's permitted and refused actions (catalogue v2)."""
import pytest

from stopform.catalog.bases_v2 import LEGAL_BASES_V2
from stopform.stops.guard import check_legality, exceeds_basis
from tests.conftest import valid_record

ACTION_FIELDS = {
    "driver_id": {"driver_id_demanded": True},
    "passenger_id": {"passenger_ids_demanded": 1},
    "vehicle_search": {"vehicle_searched": True},
    "person_search": {"persons_searched": 1},
}
STOP_BASES = [b for b in LEGAL_BASES_V2 if b.get("stop_power", True)]
CASES = [(b["code"], action, action in b["permits"]) for b in STOP_BASES for action in ACTION_FIELDS]
# Everything any basis may require, so each case tests the permits alone.
SAFEGUARDS = {"authorisation_ref": "VRG-2026-01 / OvJ-123", "caution_given": True,
              "suspected_offence": "Possession of a firearm", "supervised_law": "Wet vervoer gevaarlijke stoffen"}


def record_for(basis: str, action: str, **extra) -> dict:
    return valid_record(legal_basis=basis, **ACTION_FIELDS[action], **{**SAFEGUARDS, **extra})


@pytest.mark.parametrize(("basis", "action", "permitted"), CASES)
def test_action_alone(catalog, basis, action, permitted):
    """An action the basis permits passes (a search still names its basis); any other is refused."""
    extra = {"search_basis": basis} if permitted and "search" in action else {}
    result = check_legality(record_for(basis, action, **extra), catalog)
    assert result.beyond_basis is (not permitted)
    assert exceeds_basis(record_for(basis, action, **extra), catalog) is (not permitted)
    if permitted:
        assert result.problems == {}
    else:
        field = "search_basis" if "search" in action else "id_basis"
        assert set(result.problems) == {field}
        assert basis in result.problems[field]


@pytest.mark.parametrize(("basis", "action"), [(b, a) for b, a, ok in CASES if not ok])
def test_refused_action_is_lawful_with_its_own_basis(catalog, basis, action):
    further = {"driver_id": "POLW8-ID", "passenger_id": "POLW8-ID", "vehicle_search": "SV96B",
               "person_search": "POLW7-3"}[action]
    field = "search_basis" if "search" in action else "id_basis"
    result = check_legality(record_for(basis, action, **{field: further}), catalog)
    assert result.problems == {}
    assert result.beyond_basis is True


@pytest.mark.parametrize("action", ["vehicle_search", "person_search"])
def test_consent_search_needs_refusal_right_explained(catalog, action):
    refused = check_legality(record_for("WVW160-1", action, search_basis="CONSENT"), catalog)
    assert set(refused.problems) == {"consent_refusal_explained"}
    allowed = check_legality(record_for("WVW160-1", action, search_basis="CONSENT",
                                        consent_refusal_explained=True), catalog)
    assert allowed.problems == {}
    assert allowed.beyond_basis is True


def test_passengers_may_be_asked_for_identity_voluntarily(catalog):
    asked = valid_record(passenger_ids_demanded=1, id_basis="CONSENT")
    assert set(check_legality(asked, catalog).problems) == {"consent_refusal_explained"}
    assert check_legality({**asked, "consent_refusal_explained": True}, catalog).problems == {}


def test_wrong_further_basis_is_named(catalog):
    result = check_legality(record_for("WVW160-1", "person_search", search_basis="SV96B"), catalog)
    assert "SV96B" in result.problems["search_basis"]


def test_passenger_id_under_traffic_check_says_which_basis_is_missing(catalog):
    result = check_legality(valid_record(passenger_ids_demanded=2), catalog)
    assert "WVW160-1" in result.problems["id_basis"]
    assert "POLW8-ID" in result.problems["id_basis"]


def test_preventive_search_needs_order_reference(catalog):
    record = valid_record(legal_basis="WWM-VRG", vehicle_searched=True, search_basis="WWM-VRG")
    assert set(check_legality(record, catalog).problems) == {"authorisation_ref"}


@pytest.mark.parametrize("basis", ["WVW160-1", "WVW160-4", "WVW160-5"])
def test_traffic_check_must_really_be_done(catalog, basis):
    """HR 1 November 2016: Art. 160 is lawful only when the traffic check is really done."""
    problems = check_legality(valid_record(legal_basis=basis, documents_checked=False), catalog).problems
    assert set(problems) == {"documents_checked"} and "ECLI:NL:HR:2016:2454" in problems["documents_checked"]


@pytest.mark.parametrize("basis", ["SV52", "SV96B", "WWM51"])
def test_criminal_procedure_stop_needs_caution_and_offence(catalog, basis):
    problems = check_legality(valid_record(legal_basis=basis), catalog).problems
    assert {"caution_given", "suspected_offence"} <= set(problems)


@pytest.mark.parametrize("search_basis", ["AWB519", "WED23"])
def test_inspection_records_the_supervised_law(catalog, search_basis):
    record = valid_record(legal_basis="AWB519", vehicle_searched=True, search_basis=search_basis)
    assert set(check_legality(record, catalog).problems) == {"supervised_law"}
    assert check_legality({**record, "supervised_law": "Wet wegvervoer goederen"}, catalog).problems == {}


def test_compulsory_person_searches_have_their_conditions(catalog):
    arrested = dict(SAFEGUARDS, outcome="arrest")
    after_arrest = record_for("SV52", "person_search", search_basis="SV56", **arrested)
    assert check_legality(after_arrest, catalog).problems == {}
    without_arrest = record_for("SV52", "person_search", search_basis="SV56")
    assert set(check_legality(without_arrest, catalog).problems) == {"search_basis"}
    for basis in ("OPIUM9-2", "WWM52", "POLW7-3"):
        assert check_legality(record_for("SV52", "person_search", search_basis=basis), catalog).problems == {}


def test_powers_that_are_no_stop_powers(catalog):
    stop_codes = {b.code for b in catalog.stop_bases()}
    assert not any(code.startswith("POLW3") for code in catalog.bases)
    assert stop_codes == {b["code"] for b in STOP_BASES}
    assert {"POLW8-ID", "OPIUM9", "WVW163", "WED23", "CONSENT", "POLW7-1"}.isdisjoint(stop_codes)
    assert {"VW50", "MTV"} <= stop_codes and "VW50-MTV" not in catalog.bases


def test_every_entry_names_its_statute_source(catalog):
    assert all(basis.source for basis in catalog.bases.values())
