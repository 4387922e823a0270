"""Amendments: a correction never overwrites; the original stays visible."""
from sqlmodel import select

from stopform.models import Amendment
from stopform.stops.services import original_record
from tests.stops.conftest import form_data, local


def amend_data(stop, **overrides):
    data = form_data(stop_id=str(stop.stop_id), occurred_at=local(stop.occurred_at), plate="",
                     amendment_reason="Wrong area chosen at the roadside.", reason_text=stop.reason_text,
                     duration_minutes=str(stop.duration_minutes), occupants=str(stop.occupants))
    data.pop("action")
    data.update(overrides)
    return data


def test_amendment_keeps_the_original(client, officer, make_stop, db_session):
    stop = make_stop(officer, area="ROERMOND", duration_minutes=8)
    response = client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop, area="VENLO"))
    assert response.status_code == 302
    db_session.refresh(stop)
    assert stop.area == "VENLO" and stop.amended is True
    amendment = db_session.exec(select(Amendment)).one()
    assert amendment.before["area"] == "ROERMOND" and amendment.after["area"] == "VENLO"
    assert amendment.amended_by_id == officer.id and amendment.reason == "Wrong area chosen at the roadside."
    assert original_record(session=db_session, stop=stop)["area"] == "ROERMOND"
    page = client.get(f"/stops/{stop.stop_id}").get_data(as_text=True)
    assert "The record as first submitted" in page or "De registratie zoals eerst ingediend" in page
    assert "Wrong area chosen at the roadside." in page


def test_amendment_requires_a_reason(client, officer, make_stop, db_session):
    stop = make_stop(officer)
    response = client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop, area="VENLO", amendment_reason=""))
    assert response.status_code == 422
    assert 'id="e-amendment_reason"' in response.get_data(as_text=True)
    assert db_session.exec(select(Amendment)).first() is None


def test_amendment_is_checked_by_the_guard(client, officer, make_stop, db_session):
    stop = make_stop(officer)
    response = client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop, vehicle_searched=True))
    assert response.status_code == 422
    assert db_session.exec(select(Amendment)).first() is None


def test_amending_the_plate_replaces_the_pseudonym_only(client, officer, make_stop, db_session):
    stop = make_stop(officer)
    old = stop.vehicle_pseudonym
    client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop, plate="99-ZZZ-9"))
    db_session.refresh(stop)
    assert stop.vehicle_pseudonym != old and len(stop.vehicle_pseudonym) == 64
    amendment = db_session.exec(select(Amendment)).one()
    assert "99ZZZ9" not in str(amendment.after) and "99-ZZZ-9" not in str(amendment.after)


def test_two_amendments_unwind_to_the_original(client, officer, make_stop, db_session):
    stop = make_stop(officer, duration_minutes=8)
    client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop, duration_minutes="12"))
    client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop, duration_minutes="15"))
    db_session.refresh(stop)
    assert stop.duration_minutes == 15
    assert original_record(session=db_session, stop=stop)["duration_minutes"] == 8
    assert len(db_session.exec(select(Amendment)).all()) == 2


def test_unchanged_submission_stores_no_amendment(client, officer, make_stop, db_session):
    stop = make_stop(officer)
    client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop))
    assert db_session.exec(select(Amendment)).first() is None


def test_supervisor_may_amend_units_stop(client, auth, make_user, make_stop, db_session):
    stop = make_stop(make_user("officer"))
    auth.login(make_user("supervisor").username)
    response = client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop, area="WEERT"))
    assert response.status_code == 302
    assert db_session.exec(select(Amendment)).one().after == {"area": "WEERT"}


def test_the_audit_log_keeps_no_amendment_reason_only_its_hash(client, officer, make_stop, db_session):
    import hashlib

    from stopform.models import AuditEntry
    stop = make_stop(officer, area="ROERMOND")
    assert client.post(f"/stops/{stop.stop_id}/amend", data=amend_data(stop, area="VENLO")).status_code == 302
    entry = db_session.exec(select(AuditEntry).where(AuditEntry.action == "stop_amended")).one()
    reason = "Wrong area chosen at the roadside."
    assert reason not in str(entry.details)
    assert entry.details["reason_sha256"] == hashlib.sha256(reason.encode()).hexdigest()
