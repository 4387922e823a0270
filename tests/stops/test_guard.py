"""The legality guard on the server: each basis's permitted and refused actions."""
import pytest

from stopform.catalog.data import LEGAL_BASES
from stopform.stops.guard import check_legality, exceeds_basis
from tests.conftest import valid_record

ACTION_FIELDS = {
    "driver_id": {"driver_id_demanded": True},
    "passenger_id": {"passenger_ids_demanded": 1},
    "vehicle_search": {"vehicle_searched": True},
    "person_search": {"persons_searched": 1},
}
STOP_BASES = [b for b in LEGAL_BASES if b.get("stop_power", True)]
CASES = [(b["code"], action, action in b["permits"]) for b in STOP_BASES for action in ACTION_FIELDS]


def record_for(basis: str, action: str, **extra) -> dict:
    extra.setdefault("authorisation_ref", "VRG-2026-01 / OvJ-123")
    return valid_record(legal_basis=basis, **ACTION_FIELDS[action], **extra)


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
               "person_search": "WWM-VRG"}[action]
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


def test_general_police_task_is_not_a_basis(catalog):
    assert not any(code.startswith("POLW3") for code in catalog.bases)
    assert {b.code for b in catalog.stop_bases()} == {b["code"] for b in STOP_BASES}
    assert "WVW163" not in {b.code for b in catalog.stop_bases()}
