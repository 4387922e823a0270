"""The Sensing lesson in form, API and import alike: the exact Sensing record is refused, the
lawful variants are accepted, and such stops go on the supervisor's review list."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from stopform.catalog.services import load_catalog
from stopform.models import Stop, Unit, utcnow
from stopform.review.services import listing_reasons
from stopform.stops.rules import RuleContext, validate_record
from tests.conftest import valid_record

from .conftest import form_data

# Amnesty, "We Sense Trouble" (2020): a risk-model hit, a "traffic check" on Art. 160 without the
# documents checked, a suspicion, and car and people searched "by consent".
SENSING = {"legal_basis": "WVW160-1", "reason": "suspicion_of_offence", "triggered_by_hit": True,
           "hit_source": "sensing_risk_model", "documents_checked": False, "occupants": 3,
           "vehicle_searched": True, "persons_searched": 3, "search_basis": "CONSENT",
           "consent_refusal_explained": True, "reason_text": "Risk model flagged the car; occupants nervous."}
SUSPECT_STOP = {"legal_basis": "SV52", "caution_given": True, "suspected_offence": "Theft from shops (Art. 310 Sr)",
                "reason_for_person": "Your car matched a report of a theft from a shop in Roermond today."}
LAWFUL = {
    "criminal procedure": {**SENSING, **SUSPECT_STOP},
    "traffic check done, no hit": {**SENSING, "reason": "traffic_violation", "triggered_by_hit": False,
                                   "hit_source": None, "documents_checked": True},
}


def context(catalog, **extra) -> RuleContext:
    return RuleContext(catalog=catalog, areas=frozenset({"ROERMOND", "VENLO"}), now=utcnow(), **extra)


def test_the_sensing_record_is_refused_with_reasons(catalog):
    errors = validate_record(valid_record(**SENSING), context(catalog))
    assert {"legal_basis", "documents_checked"} <= set(errors)
    assert "misuse of power" in errors["legal_basis"] and "consent does not cure" in errors["legal_basis"]
    assert "ECLI:NL:HR:2016:2454" in errors["documents_checked"]


@pytest.mark.parametrize("variant", LAWFUL)
def test_lawful_variants_are_accepted(catalog, variant):
    assert validate_record(valid_record(**LAWFUL[variant]), context(catalog)) == {}


@pytest.mark.parametrize("reason", ["suspicion_of_offence", "suspect_description", "wanted_person_or_vehicle"])
def test_crime_related_reason_needs_criminal_procedure_caution_and_a_reason_for_the_person(catalog, reason):
    refused = validate_record(valid_record(reason=reason), context(catalog))
    assert "legal_basis" in refused
    without_caution = validate_record(valid_record(reason=reason, **{**SUSPECT_STOP, "caution_given": False,
                                                                    "reason_for_person": ""}), context(catalog))
    assert {"caution_given", "reason_for_person"} <= set(without_caution)


def test_a_hit_is_not_a_ground_by_itself(catalog):
    errors = validate_record(valid_record(triggered_by_hit=True, hit_source="anpr_reference_list",
                                          reason="system_hit"), context(catalog))
    assert "objective ground" in errors["reason"]


def test_mtv_is_for_marechaussee_units_only(catalog):
    record = valid_record(legal_basis="MTV", unit="KMAR-ZUID", driver_id_demanded=True)
    assert "Marechaussee" in validate_record(dict(record), context(catalog))["legal_basis"]
    assert validate_record(dict(record), context(catalog, kmar_units=frozenset({"KMAR-ZUID"}))) == {}
    assert validate_record(valid_record(legal_basis="VW50", driver_id_demanded=True), context(catalog)) == {}


def test_nationality_only_from_an_identity_document(catalog):
    assert "driver_nationality" in validate_record(valid_record(driver_nationality="PL"), context(catalog))
    seen = valid_record(driver_nationality="PL", identity_document_seen=True)
    assert validate_record(seen, context(catalog)) == {}


def test_version_1_records_are_judged_by_the_rules_of_their_day(db_session, catalog):
    old = load_catalog(db_session, utcnow().date().replace(year=2024))
    record = valid_record(reason="suspicion_of_offence", legal_basis="SV52", occurred_at=utcnow() - timedelta(days=900))
    assert validate_record(record, context(old, max_age=None)) == {}


def test_form_refuses_the_sensing_record_and_accepts_the_lawful_one(client, officer, db_session):
    sensing = form_data(**SENSING, plate="AB-123-C")
    page = client.post("/stops/new", data=sensing)
    assert page.status_code == 422 and "ECLI:NL:HR:2016:2454" in page.get_data(as_text=True)
    lawful = client.post("/stops/new", data=form_data(**LAWFUL["criminal procedure"]))
    assert lawful.status_code == 302
    stop = db_session.execute(select(Stop)).scalar_one()
    assert stop.caution_given and stop.suspected_offence.startswith("Theft")
    assert "crime_or_risk_model" in listing_reasons(stop)


def test_unit_force_marks_marechaussee_units(db_session):
    db_session.add(Unit(code="KMAR-ZUID", name="KMar Zuid", force="kmar"))
    db_session.flush()
    from stopform.catalog.services import kmar_unit_codes
    assert kmar_unit_codes(db_session) == frozenset({"KMAR-ZUID"})


def test_each_rule_is_refused_by_the_form(client, officer):
    from tests.api.test_api_sensing import RULES
    for name, (overrides, field) in RULES.items():
        data = form_data(**{k: (str(v) if isinstance(v, int) and not isinstance(v, bool) else v)
                            for k, v in overrides.items()})
        response = client.post("/stops/new", data=data)
        assert response.status_code == 422, name
        assert f'id="e-{field}"' in response.get_data(as_text=True), name
