"""Pages and API answers with records or receipt tokens are never stored by a cache."""
import pytest


@pytest.fixture()
def officer_stop(make_user, make_stop, auth):
    officer = make_user("officer")
    auth.login(officer.username)
    return make_stop(officer)


def test_the_record_page_is_not_stored(client, officer_stop):
    response = client.get(f"/stops/{officer_stop.stop_id}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def test_the_stop_list_and_amend_pages_are_not_stored(client, officer_stop):
    for path in ("/stops/", f"/stops/{officer_stop.stop_id}/amend"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_the_apis_record_routes_are_not_stored(client, officer_stop):
    one = client.get(f"/api/v1/stops/{officer_stop.stop_id}")
    assert one.status_code == 200 and one.headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/stops").headers["Cache-Control"] == "no-store"


def test_receipt_slots_with_raw_tokens_are_not_stored(client, make_user, db_session):
    from stopform.api.tokens import create_token
    _, raw = create_token(session=db_session, user=make_user("officer"))
    db_session.commit()
    response = client.post("/api/v1/receipt-slots?count=2", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def test_a_404_for_someone_elses_stop_is_not_stored_either(client, make_user, make_stop, auth):
    other = make_stop(make_user("officer"))
    auth.login(make_user("officer").username)
    response = client.get(f"/stops/{other.stop_id}")
    assert response.status_code == 404 and response.headers["Cache-Control"] == "no-store"


def test_the_public_openapi_document_may_be_cached(client):
    assert "no-store" not in client.get("/api/v1/openapi.json").headers.get("Cache-Control", "")
