"""Bad input: a clear message at the field, a summary on top, and nothing typed is lost."""
from datetime import timedelta

import pytest
from sqlmodel import select

from stopform.models import Stop, utcnow
from tests.stops.conftest import form_data, local

BAD_INPUTS = [
    ("legal_basis", {"legal_basis": "POLW3"}, "Unknown legal basis"),
    ("legal_basis", {"legal_basis": "WVW163"}, "Unknown legal basis"),
    ("reason", {"reason": "looked_suspicious"}, "Unknown code"),
    ("outcome", {"outcome": "shot"}, "Unknown code"),
    ("vehicle_type", {"vehicle_type": "tank"}, "Unknown code"),
    ("receipt", {"receipt": "maybe"}, "Unknown code"),
    ("area", {"area": "ATLANTIS"}, "Unknown area"),
    ("unit", {"unit": "NOWHERE"}, "only for your own unit"),
    ("unit", {"unit": "LIMBURG-ZUID"}, "only for your own unit"),
    ("plate_country", {"plate_country": "QQ"}, "Unknown country code"),
    ("plate_country", {"plate_country": "NLD"}, "two-letter"),
    ("driver_nationality", {"driver_nationality": "ZZ"}, "Unknown country code"),
    ("occurred_at", {"occurred_at": local(utcnow() + timedelta(hours=2))}, "future"),
    ("occurred_at", {"occurred_at": local(utcnow() - timedelta(days=8))}, "more than 7 days"),
    ("occurred_at", {"occurred_at": "yesterday"}, "date and time"),
    ("duration_minutes", {"duration_minutes": "-1"}, "0 to 1440"),
    ("duration_minutes", {"duration_minutes": "5000"}, "0 to 1440"),
    ("occupants", {"occupants": "0"}, "1 to 60"),
    ("occupants", {"occupants": "61"}, "1 to 60"),
    ("passenger_ids_demanded", {"occupants": "2", "passenger_ids_demanded": "2", "id_basis": "POLW8-ID"},
     "between 0 and 1"),
    ("persons_searched", {"occupants": "1", "persons_searched": "3", "search_basis": "CONSENT",
                          "consent_refusal_explained": True}, "between 0 and 1"),
    ("reason_text", {"reason_text": "   "}, "concrete, objective reason"),
    ("reason_text", {"reason_text": "x" * 281}, "280"),
    ("hit_source", {"triggered_by_hit": True, "hit_source": ""}, "Select the system"),
    ("hit_source", {"triggered_by_hit": True, "hit_source": "crystal_ball"}, "Unknown system"),
    ("triggered_by_hit", {"reason": "system_hit"}, "tick that a system prompted"),
    ("receipt_not_offered_reason", {"receipt": "not_offered"}, "why no receipt"),
    ("found_category", {"legal_basis": "SV96B", "vehicle_searched": True, "search_found": True,
                        "found_category": "none"}, "what the search found"),
    ("plate", {"plate": ""}, "number plate"),
    ("perceived_origin", {"perceived_origin": "moroccan"}, "not recorded in this deployment"),
]


@pytest.mark.parametrize(("field", "overrides", "message"), BAD_INPUTS,
                         ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(BAD_INPUTS)])
def test_bad_input_is_refused_at_its_field(client, officer, db_session, field, overrides, message):
    response = client.post("/stops/new", data=form_data(**overrides), headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    field_error = page.split(f'id="e-{field}"', 1)[1].split("</p>", 1)[0]
    assert message.lower() in field_error.lower()
    assert 'class="error-summary"' in page and f'href="#f-{field}"' in page
    assert "<title>Error:" in page
    assert db_session.exec(select(Stop)).first() is None


def test_nothing_typed_is_lost(client, officer):
    data = form_data(occupants="0", reason_text="Swerved twice across the lane.", plate="AB-12-CD",
                     plate_country="DE", hit_reference="ALERT-77")
    page = client.post("/stops/new", data=data).get_data(as_text=True)
    assert "Swerved twice across the lane." in page
    assert 'value="AB-12-CD"' in page and 'value="DE"' in page and 'value="ALERT-77"' in page
    assert 'value="WVW160-1" selected' in page and 'value="car" checked' in page


def test_errors_are_in_dutch_by_default(client, officer):
    page = client.post("/stops/new", data=form_data(reason_text="")).get_data(as_text=True)
    assert '<html lang="nl"' in page


def test_perceived_origin_is_accepted_only_when_switched_on(client, officer, app, db_session):
    app.config["RECORD_PERCEIVED_ORIGIN"] = True
    assert client.post("/stops/new", data=form_data(perceived_origin="morocco")).status_code == 422  # no DPIA
    app.config["PERCEIVED_ORIGIN_DPIA"] = "DPIA-2026-07"
    response = client.post("/stops/new", data=form_data(perceived_origin="morocco"))
    assert response.status_code == 302
    assert db_session.exec(select(Stop)).one().perceived_origin == "morocco"
