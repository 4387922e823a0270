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
