"""The officer's form end to end: defaults, check answers, send, confirmation, my stops."""
import uuid

from sqlmodel import select

from stopform.models import Stop
from stopform.stops.codes import plate_pseudonym
from tests.conftest import TEST_PSEUDONYM_KEY
from tests.stops.conftest import form_data


def test_form_offers_sensible_defaults(client, officer, make_stop):
    make_stop(officer, area="VENLO")
    page = client.get("/stops/new").get_data(as_text=True)
    assert 'name="plate"' in page and 'name="stop_id"' in page
    assert '<option value="VENLO" selected>' in page            # last area
    assert '<option value="LIMBURG-NOORD" selected>' in page    # the officer's unit
    assert 'type="datetime-local"' in page and 'value="20' in page  # now


def test_every_record_field_has_a_form_field_named_after_it(client, officer):
    from stopform.stops.services import RECORD_FIELDS
    page = client.get("/stops/new").get_data(as_text=True)
    not_typed = {"vehicle_pseudonym", "officer_ref", "perceived_origin"}
    for name in set(RECORD_FIELDS) - not_typed:
        assert f'name="{name}"' in page, name


def test_check_step_shows_answers_with_change_buttons(client, officer, db_session):
    response = client.post("/stops/new", data=form_data(action="check"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Send stop record" in page or "Stopregistratie versturen" in page
    assert 'value="change:2"' in page
    assert db_session.exec(select(Stop)).first() is None


def test_send_stores_and_confirms_with_reference(client, officer, db_session):
    data = form_data()
    response = client.post("/stops/new", data=data)
    assert response.status_code == 302
    stop = db_session.get(Stop, uuid.UUID(data["stop_id"]))
    assert stop.officer_ref == officer.service_number and stop.unit == "LIMBURG-NOORD"
    assert stop.occurred_at.tzinfo is not None
    done = client.get(response.headers["Location"]).get_data(as_text=True)
    assert stop.reference in done


def test_plate_is_stored_only_as_keyed_pseudonym(client, officer, db_session, connection):
    client.post("/stops/new", data=form_data(plate="XY-123-Z"))
    stop = db_session.exec(select(Stop)).one()
    assert stop.vehicle_pseudonym == plate_pseudonym("xy 123 z", TEST_PSEUDONYM_KEY)
    assert stop.vehicle_pseudonym != plate_pseudonym("XY123Z", "another-key")
    dumped = " ".join(str(v) for v in stop.model_dump().values()).upper()
    assert "XY123Z" not in dumped and "XY-123-Z" not in dumped


def test_resending_the_same_form_stores_one_stop(client, officer, db_session):
    data = form_data()
    first = client.post("/stops/new", data=data)
    second = client.post("/stops/new", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert len(db_session.exec(select(Stop)).all()) == 1


def test_coordinates_are_rounded_to_100_metres(client, officer, db_session):
    client.post("/stops/new", data=form_data(latitude="51.194567", longitude="5.987654"))
    stop = db_session.exec(select(Stop)).one()
    assert str(stop.latitude) == "51.195" and str(stop.longitude) == "5.988"


def test_server_refuses_search_beyond_traffic_check_and_names_basis(client, officer, db_session):
    response = client.post("/stops/new", data=form_data(vehicle_searched=True))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "WVW160-1" in page and 'id="e-search_basis"' in page
    assert db_session.exec(select(Stop)).first() is None


def test_search_with_consent_explained_is_stored_as_extra_action(client, officer, db_session):
    client.post("/stops/new", data=form_data(vehicle_searched=True, search_basis="CONSENT",
                                             consent_refusal_explained=True))
    stop = db_session.exec(select(Stop)).one()
    assert stop.beyond_basis is True and stop.search_basis == "CONSENT"


def test_search_permitted_by_stop_basis_defaults_its_search_basis(client, officer, db_session):
    client.post("/stops/new", data=form_data(legal_basis="SV96B", reason="suspicion_of_offence",
                                             vehicle_searched=True, caution_given=True,
                                             suspected_offence="Handling stolen goods",
                                             reason_for_person="Your van matched a report of stolen tools."))
    stop = db_session.exec(select(Stop)).one()
    assert stop.search_basis == "SV96B" and stop.beyond_basis is False


def test_my_stops_lists_only_my_own(client, officer, make_user, make_stop):
    mine = make_stop(officer)
    theirs = make_stop(make_user("officer"))
    page = client.get("/stops/").get_data(as_text=True)
    assert mine.reference in page and theirs.reference not in page


def test_officer_gets_404_for_another_officers_stop(client, officer, make_user, make_stop):
    theirs = make_stop(make_user("officer"))
    assert client.get(f"/stops/{theirs.stop_id}").status_code == 404
    assert client.get(f"/stops/{theirs.stop_id}/amend").status_code == 404
    assert client.get(f"/stops/{uuid.uuid4()}").status_code == 404


def test_supervisor_sees_own_units_stops_only(client, auth, make_user, make_stop):
    north = make_stop(make_user("officer"))
    south = make_stop(make_user("officer", unit="LIMBURG-ZUID"), unit="LIMBURG-ZUID")
    supervisor = make_user("supervisor")
    auth.login(supervisor.username)
    assert client.get(f"/stops/{north.stop_id}").status_code == 200
    assert client.get(f"/stops/{south.stop_id}").status_code == 404


def test_oversight_never_sees_a_record(client, auth, make_user, make_stop):
    stop = make_stop(make_user("officer"))
    auth.login(make_user("oversight").username)
    assert client.get(f"/stops/{stop.stop_id}").status_code == 403
    assert client.get("/overview").status_code == 200


def test_anonymous_is_sent_to_login(client):
    response = client.get("/stops/new")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_admin_cannot_record_stops(client, auth, make_user):
    auth.login(make_user("admin").username)
    assert client.get("/stops/new").status_code == 403
