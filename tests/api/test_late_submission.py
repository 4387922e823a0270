"""A stop queued longer than the live window (a phone left in a locker) is accepted, never stuck,
and marked as a late submission that the supervisor's review list shows."""
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from stopform.models import Stop, utcnow
from tests.api.conftest import stop_body
from tests.conftest import UNIT


def test_a_stop_queued_eight_days_is_accepted_and_marked_late(client, api_officer, db_session):
    _, headers = api_officer
    occurred = utcnow() - timedelta(days=8)
    body = stop_body(occurred_at=occurred.isoformat())
    response = client.post("/api/v1/stops", json=body, headers=headers)
    assert response.status_code == 201, response.json
    stop = db_session.exec(select(Stop).where(Stop.stop_id == uuid.UUID(response.json["stop_id"]))).one()
    assert stop.late_submission and stop.source == "api"
    assert client.post("/api/v1/stops", json=body, headers=headers).status_code == 200  # a replay, as ever


def test_a_stop_within_the_window_is_not_late(client, api_officer, db_session):
    _, headers = api_officer
    response = client.post("/api/v1/stops", json=stop_body(occurred_at=(utcnow() - timedelta(days=6)).isoformat()),
                           headers=headers)
    assert response.status_code == 201
    assert not db_session.get(Stop, uuid.UUID(response.json["stop_id"])).late_submission


def test_the_late_stop_is_on_the_review_list(client, api_officer, auth, make_user, db_session):
    _, headers = api_officer
    occurred = utcnow() - timedelta(days=8)
    response = client.post("/api/v1/stops", json=stop_body(occurred_at=occurred.isoformat()), headers=headers)
    stop = db_session.get(Stop, uuid.UUID(response.json["stop_id"]))
    auth.login(make_user("supervisor", unit=UNIT).username)
    month = occurred.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m")
    page = client.get(f"/reports/{month}/review?lang=en").get_data(as_text=True)
    assert stop.reference in page and "Late submission" in page


def test_the_form_still_sends_an_old_stop_to_a_supervisor(client, auth, make_user):
    """The live form is for stops just made; only a device's queue may arrive late."""
    from tests.stops.conftest import form_data, local
    auth.login(make_user("officer").username)
    response = client.post("/stops/new?lang=en", data=form_data(occurred_at=local(utcnow() - timedelta(days=8)),
                                                                action="check"))
    assert response.status_code == 422 and b"ask a supervisor to import it" in response.data
