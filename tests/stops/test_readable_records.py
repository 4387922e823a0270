"""The stop's page and "My stops" read as words: labels, value names, local time, a short pseudonym,
feedback after an amendment, filters, and the receipt to show again."""
from datetime import UTC, datetime, timedelta

from stopform.api.tokens import create_token
from stopform.models import utcnow
from tests.api.conftest import stop_body
from tests.stops.test_amendments import amend_data


def test_the_stops_page_shows_labels_value_names_and_local_time(client, officer, make_stop):
    stop = make_stop(officer, occurred_at=datetime(2026, 7, 1, 12, 5, tzinfo=UTC), triggered_by_hit=True,
                     hit_source="anpr_reference_list", reason="system_hit", reason_text="Camera alert on vehicle.")
    page = client.get(f"/stops/{stop.stop_id}?lang=en").get_data(as_text=True)
    assert "Vehicle type" in page and ">Car<" in page and "Number-plate camera list" in page
    assert "vehicle_type" not in page and "anpr_reference_list" not in page
    assert ">True<" not in page and ">False<" not in page and ">Yes<" in page
    assert "01-07-2026 14:05" in page  # Europe/Amsterdam in summer
    assert stop.vehicle_pseudonym not in page and stop.vehicle_pseudonym[:8] + "…" in page
    assert "WVW160-1: " in page  # the basis with its description


def test_the_stops_page_speaks_dutch_too(client, officer, make_stop):
    stop = make_stop(officer)
    page = client.get(f"/stops/{stop.stop_id}?lang=nl").get_data(as_text=True)
    assert "Personenauto" in page and "Bekeuring" in page and ">Ja<" in page


def test_an_amendment_is_confirmed_and_shown_in_words(client, officer, make_stop):
    stop = make_stop(officer, area="ROERMOND", occurred_at=utcnow() - timedelta(hours=2))
    assert client.post(f"/stops/{stop.stop_id}/amend?lang=en", data=amend_data(stop, area="VENLO")).status_code == 302
    page = client.get(f"/stops/{stop.stop_id}?lang=en").get_data(as_text=True)
    assert "Amendment saved." in page
    assert "Before:</span> Roermond" in page and "After:</span> Venlo" in page
    original = page.split("The record as first submitted")[1]
    assert "+00:00" not in original and "Roermond" in original and ">ROERMOND<" not in original


def test_an_amendment_that_changes_nothing_says_so(client, officer, make_stop):
    stop = make_stop(officer, occurred_at=utcnow() - timedelta(hours=2))
    client.post(f"/stops/{stop.stop_id}/amend?lang=en", data=amend_data(stop, area=stop.area))
    page = client.get(f"/stops/{stop.stop_id}?lang=en").get_data(as_text=True)
    assert "Nothing changed" in page and "Amendment saved." not in page


def test_my_stops_filters_by_area_outcome_date_and_reference(client, officer, make_stop):
    today = utcnow() - timedelta(hours=1)
    venlo = make_stop(officer, area="VENLO", outcome="warning", occurred_at=today)
    roermond = make_stop(officer, area="ROERMOND", outcome="fine", occurred_at=today - timedelta(days=3))

    def listed(**query):
        return client.get("/stops/", query_string={"lang": "en", **query}).get_data(as_text=True)
    assert venlo.reference in listed() and roermond.reference in listed()
    by_area = listed(area="VENLO")
    assert venlo.reference in by_area and roermond.reference not in by_area
    by_outcome = listed(outcome="fine")
    assert roermond.reference in by_outcome and venlo.reference not in by_outcome
    since = (today - timedelta(days=1)).date().isoformat()
    assert roermond.reference not in listed(**{"from": since}) and venlo.reference in listed(**{"from": since})
    typed = roermond.reference.replace("-", "").lower()
    found = listed(reference=typed)
    assert roermond.reference in found and venlo.reference not in found
    assert "No stops match" in listed(reference="ZZZZ-ZZZZ-ZZ")
    assert listed(**{"from": "not-a-date"}).count("data-stop-id") == 2


def test_my_stops_offers_the_receipt_again_while_it_lives(client, officer, make_stop, db_session):
    from sqlmodel import select

    from stopform.models import Receipt
    live = make_stop(officer)
    expired = make_stop(officer)
    receipt = db_session.exec(select(Receipt).where(Receipt.stop_id == expired.stop_id)).one()
    receipt.expires_at = utcnow() - timedelta(days=1)
    db_session.add(receipt)
    db_session.commit()
    page = client.get("/stops/?lang=en").get_data(as_text=True)
    assert f'href="/stops/{live.stop_id}/done"' in page
    assert f'href="/stops/{expired.stop_id}/done"' not in page
    assert "<svg" not in client.get(f"/stops/{expired.stop_id}/done?lang=en").get_data(as_text=True)
    again = client.get(f"/stops/{live.stop_id}/done?lang=en").get_data(as_text=True)
    assert "<svg" in again


def test_an_api_stop_receipt_is_shown_again_a_device_token_is_not(client, officer, db_session):
    _, raw = create_token(session=db_session, user=officer)
    db_session.commit()
    headers = {"Authorization": f"Bearer {raw}"}
    plain = client.post("/api/v1/stops", json=stop_body(), headers=headers).json
    slot = client.post("/api/v1/receipt-slots?count=1", headers=headers).json["items"][0]
    device = client.post("/api/v1/stops", json=stop_body(receipt_token=slot["receipt_token"]), headers=headers).json
    page = client.get("/stops/?lang=en").get_data(as_text=True)
    assert f'/stops/{plain["stop_id"]}/done' in page and f'/stops/{device["stop_id"]}/done' not in page
    own_page = client.get(f'/stops/{device["stop_id"]}?lang=en').get_data(as_text=True)
    assert "made on the phone that recorded this stop" in own_page and "/done" not in own_page
    assert f'/stops/{plain["stop_id"]}/done' in client.get(f'/stops/{plain["stop_id"]}?lang=en').get_data(as_text=True)
    shown = client.get(f'/stops/{plain["stop_id"]}/done?lang=en').get_data(as_text=True)
    assert "<svg" in shown and plain["reference"] in shown


def test_another_officer_never_sees_the_receipt(client, auth, make_user, make_stop):
    author = make_user("officer")
    stop = make_stop(author)
    auth.login(make_user("supervisor").username)
    page = client.get(f"/stops/{stop.stop_id}/done?lang=en")
    assert page.status_code in (200, 404) and b"<svg" not in page.data
