"""The API refuses the Sensing record with 422 and accepts its lawful variant (stops.grounds)."""
from tests.stops.test_guard_sensing import LAWFUL, SENSING

from .conftest import stop_body


def test_api_refuses_the_sensing_record_with_422(client, api_officer):
    _, headers = api_officer
    refused = client.post("/api/v1/stops", json=stop_body(**SENSING), headers=headers)
    assert refused.status_code == 422
    assert {"legal_basis", "documents_checked"} <= set(refused.json["errors"])
    accepted = client.post("/api/v1/stops", json=stop_body(**LAWFUL["criminal procedure"]), headers=headers)
    assert accepted.status_code == 201, accepted.json


RULES = {  # record overrides -> the field the 422 names
    "traffic check not done": ({"legal_basis": "WVW160-4", "documents_checked": False}, "documents_checked"),
    "MTV by a police unit": ({"legal_basis": "MTV", "driver_id_demanded": True}, "legal_basis"),
    "inspection without its law": ({"legal_basis": "AWB519", "vehicle_searched": True}, "supervised_law"),
    "nationality without a document": ({"driver_nationality": "PL"}, "driver_nationality"),
    "frisk after arrest without an arrest": ({**LAWFUL["criminal procedure"], "persons_searched": 1,
                                              "search_basis": "SV56", "outcome": "warning"}, "search_basis"),
    "a hit as the only ground": ({"triggered_by_hit": True, "hit_source": "anpr_reference_list",
                                  "reason": "system_hit"}, "reason"),
}


def test_each_rule_is_a_422_in_the_api(client, api_officer):
    _, headers = api_officer
    for name, (overrides, field) in RULES.items():
        response = client.post("/api/v1/stops", json=stop_body(**overrides), headers=headers)
        assert response.status_code == 422 and field in response.json["errors"], name
