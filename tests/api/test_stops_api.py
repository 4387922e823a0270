"""POST /api/v1/stops: 201 first, 200 for the same body, 409 for another, 422 invalid, 401 anonymous."""
from sqlmodel import select

from stopform.auth import sessions
from stopform.models import Receipt, Stop
from tests.api.conftest import stop_body


def test_anonymous_gets_401(client):
    assert client.post("/api/v1/stops", json=stop_body()).status_code == 401
    assert client.get("/api/v1/stops").status_code == 401
    assert client.get("/api/v1/stops", headers={"Authorization": "Bearer nonsense"}).status_code == 401


def test_first_submission_is_stored_with_receipt(client, api_officer, db_session):
    user, headers = api_officer
    body = stop_body()
    response = client.post("/api/v1/stops", json=body, headers=headers)
    assert response.status_code == 201, response.json
    answer = response.json
    stop = db_session.exec(select(Stop)).one()
    assert answer["stop_id"] == body["stop_id"] and answer["reference"] == stop.reference
    assert answer["receipt_url"].startswith("http://127.0.0.1:5000/r/")
    assert stop.source == "api" and stop.created_by_id == user.id and stop.unit == "LIMBURG-NOORD"
    assert "GH456J" not in str(stop.model_dump()) and len(stop.vehicle_pseudonym) == 64
    assert db_session.exec(select(Receipt)).one().stop_id == stop.stop_id


def test_same_body_again_gives_200_and_same_answer(client, api_officer, db_session):
    _, headers = api_officer
    body = stop_body()
    first = client.post("/api/v1/stops", json=body, headers=headers)
    second = client.post("/api/v1/stops", json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json == second.json
    assert len(db_session.exec(select(Stop)).all()) == 1


def test_a_stored_stop_too_old_to_submit_now_is_still_answered_as_a_replay(app, client, api_officer):
    """A device whose answer was lost retries days later: the stop is stored, so it gets 200."""
    _, headers = api_officer
    body = stop_body()
    assert client.post("/api/v1/stops", json=body, headers=headers).status_code == 201
    app.config["STOP_MAX_AGE_DAYS"] = 0
    assert client.post("/api/v1/stops", json=body, headers=headers).status_code == 200
    assert client.post("/api/v1/stops", json={**body, "duration_minutes": 9}, headers=headers).status_code == 409


def a_slot(client, headers) -> dict:
    """One receipt slot, as the officer's device takes it in advance."""
    return client.post("/api/v1/receipt-slots?count=1", headers=headers).json["items"][0]


def test_server_minted_receipts_say_so_and_device_tokens_too(client, api_officer, db_session):
    _, headers = api_officer
    client.post("/api/v1/stops", json=stop_body(), headers=headers)
    client.post("/api/v1/stops", json=stop_body(receipt_token=a_slot(client, headers)["receipt_token"]),
                headers=headers)
    assert sorted(db_session.exec(select(Receipt.minted_by))) == ["device", "server"]


def test_a_token_the_server_did_not_issue_to_the_caller_is_refused(client, api_officer, make_user, db_session):
    from stopform.api.tokens import create_token
    from stopform.receipts.codes import new_token
    _, headers = api_officer
    chosen = client.post("/api/v1/stops", json=stop_body(receipt_token="0" * 25 + "1"), headers=headers)
    assert chosen.status_code == 422 and "receipt_token" in chosen.json["errors"]
    made_up = client.post("/api/v1/stops", json=stop_body(receipt_token=new_token()), headers=headers)
    assert made_up.status_code == 422 and "receipt_token" in made_up.json["errors"]
    colleague = {"Authorization": f"Bearer {create_token(session=db_session, user=make_user('officer'))[1]}"}
    db_session.commit()
    slot = a_slot(client, colleague)
    someone_elses = client.post("/api/v1/stops", json=stop_body(receipt_token=slot["receipt_token"]), headers=headers)
    assert someone_elses.status_code == 422
    assert db_session.exec(select(Stop)).first() is None


def test_another_officer_replaying_a_stop_learns_nothing_of_it(client, api_officer, make_user, db_session):
    from stopform.api.tokens import create_token
    _, headers = api_officer
    body = stop_body()
    first = client.post("/api/v1/stops", json=body, headers=headers).json
    colleague = {"Authorization": f"Bearer {create_token(session=db_session, user=make_user('officer'))[1]}"}
    db_session.commit()
    replay = client.post("/api/v1/stops", json=body, headers=colleague)
    assert replay.status_code == 409
    assert first["reference"] not in replay.get_data(as_text=True) and "/r/" not in replay.get_data(as_text=True)


def test_an_officer_files_stops_only_under_their_own_unit(client, api_officer, make_user, db_session):
    make_user("officer", unit="UTRECHT")  # the unit exists
    _, headers = api_officer
    response = client.post("/api/v1/stops", json=stop_body(unit="UTRECHT"), headers=headers)
    assert response.status_code == 422 and "unit" in response.json["errors"]
    assert client.post("/api/v1/stops", json=stop_body(unit="LIMBURG-NOORD"), headers=headers).status_code == 201


def test_different_body_same_stop_id_gives_409(client, api_officer):
    _, headers = api_officer
    body = stop_body()
    client.post("/api/v1/stops", json=body, headers=headers)
    response = client.post("/api/v1/stops", json={**body, "duration_minutes": 9}, headers=headers)
    assert response.status_code == 409


def test_device_minted_token_and_reference_are_kept(client, api_officer):
    _, headers = api_officer
    token = a_slot(client, headers)["receipt_token"].lower()
    response = client.post("/api/v1/stops", json=stop_body(receipt_token=token, reference="7kq4-m2xd-9p"),
                           headers=headers)
    assert response.status_code == 201
    assert response.json["reference"] == "7KQ4-M2XD-9P" and response.json["receipt_url"].lower().endswith(token)


def test_invalid_input_gives_422_per_field(client, api_officer, db_session):
    _, headers = api_officer
    body = stop_body(legal_basis="POLW3", occupants=0, vehicle_searched=True, surprise="x")
    response = client.post("/api/v1/stops", json=body, headers=headers)
    assert response.status_code == 422
    assert {"occupants", "surprise"} <= set(response.json["errors"])
    guard = client.post("/api/v1/stops", json=stop_body(vehicle_searched=True), headers=headers)
    assert guard.status_code == 422 and "WVW160-1" in guard.json["errors"]["search_basis"]
    unknown = client.post("/api/v1/stops", json=stop_body(legal_basis="POLW3"), headers=headers)
    assert "legal_basis" in unknown.json["errors"]
    assert db_session.exec(select(Stop)).first() is None


def test_non_object_body_and_mismatched_idempotency_key(client, api_officer):
    _, headers = api_officer
    assert client.post("/api/v1/stops", data="[1,2]", headers={**headers, "Content-Type": "application/json"}
                       ).status_code == 422
    body = stop_body()
    response = client.post("/api/v1/stops", json=body, headers={**headers, "Idempotency-Key": "other"})
    assert response.status_code == 422


def test_session_caller_needs_csrf_header(app, client, auth, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user("officer")
    client.get("/auth/login")
    with client.session_transaction() as flask_session:
        flask_session.update(sessions.fields_for(user))
    assert client.post("/api/v1/stops", json=stop_body()).status_code == 400
    page = client.get("/stops/new").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post("/api/v1/stops", json=stop_body(), headers={"X-CSRFToken": token})
    assert response.status_code == 201, response.json


def test_oversight_cannot_submit(client, make_user, db_session):
    from stopform.api.tokens import create_token
    _, raw = create_token(session=db_session, user=make_user("oversight"))
    db_session.commit()
    assert client.post("/api/v1/stops", json=stop_body(), headers={"Authorization": f"Bearer {raw}"}).status_code == 403


def test_list_get_areas_catalog(client, api_officer, make_user, make_stop):
    user, headers = api_officer
    own = client.post("/api/v1/stops", json=stop_body(), headers=headers).json
    other = make_stop(make_user("officer"))
    items = client.get("/api/v1/stops?page=1&per_page=5", headers=headers).json["items"]
    assert [item["stop_id"] for item in items] == [own["stop_id"]]
    assert "plate" not in items[0] and items[0]["vehicle_pseudonym"]
    assert client.get(f"/api/v1/stops/{own['stop_id']}", headers=headers).json["reference"] == own["reference"]
    assert client.get(f"/api/v1/stops/{other.stop_id}", headers=headers).status_code == 404
    assert client.get("/api/v1/stops/not-a-uuid", headers=headers).status_code == 404
    areas = client.get("/api/v1/areas", headers=headers).json["items"]
    assert {"ROERMOND", "VENLO"} <= {a["code"] for a in areas}
    catalog = client.get("/api/v1/catalog", headers=headers).json
    bases = {b["code"]: b for b in catalog["legal_bases"]}
    assert bases["POLW8-ID"]["permits"] == ["driver_id", "passenger_id"] and "WVW160-1" in bases
    assert {"reason", "outcome", "hit_source"} <= set(catalog["codes"])


def test_openapi_document_is_public_and_3_1(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    assert {"/stops", "/stops/{stop_id}", "/areas", "/catalog"} <= set(document["paths"])
    assert "plate" in document["components"]["schemas"]["StopIn"]["properties"]


def test_create_and_revoke_token_commands(runner, client, make_user):
    user = make_user("officer")
    result = runner.invoke(args=["create-token", user.username, "--label", "phone 12"])
    assert result.exit_code == 0, result.output
    raw = result.stdout.strip().splitlines()[0]
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/stops", headers=headers).status_code == 200
    token_id = result.stderr.split("token id ", 1)[1].split()[0]
    assert runner.invoke(args=["revoke-token", token_id]).exit_code == 0
    assert client.get("/api/v1/stops", headers=headers).status_code == 401
    assert runner.invoke(args=["create-token", "nobody"]).exit_code != 0


def test_receipt_slots_let_a_device_hand_over_a_receipt_offline(client, api_officer, db_session):
    from stopform.receipts.codes import code_for_token
    _, headers = api_officer
    slots = client.post("/api/v1/receipt-slots?count=3", headers=headers).json["items"]
    assert len(slots) == 3 and len({s["receipt_token"] for s in slots}) == 3
    slot = slots[0]
    assert slot["receipt_code"] == code_for_token(slot["receipt_token"]) and slot["qr_svg"].startswith("<svg")
    assert db_session.exec(select(Receipt)).first() is None  # nothing stored until a stop uses it
    assert client.get(f"/r/{slot['receipt_token']}").status_code == 404  # "not arrived yet"
    body = stop_body(receipt_token=slot["receipt_token"], reference=slot["reference"])
    answer = client.post("/api/v1/stops", json=body, headers=headers).json
    assert answer["reference"] == slot["reference"] and answer["receipt_url"] == slot["receipt_url"]
    assert client.get(f"/r/{slot['receipt_token']}").status_code == 200


def test_unit_defaults_to_the_officers_and_must_be_their_own(client, api_officer, db_session):
    _, headers = api_officer
    assert client.post("/api/v1/stops", json=stop_body(), headers=headers).status_code == 201
    assert db_session.exec(select(Stop)).one().unit == "LIMBURG-NOORD"
    unknown = client.post("/api/v1/stops", json=stop_body(unit="NOWHERE"), headers=headers)
    assert unknown.status_code == 422 and "unit" in unknown.json["errors"]


def test_author_can_show_a_server_minted_receipt_later(app, client, api_officer, auth, make_user):
    user, headers = api_officer
    answer = client.post("/api/v1/stops", json=stop_body(), headers=headers).json  # no receipt slot sent
    token = answer["receipt_url"].rsplit("/", 1)[1]
    with client.session_transaction() as flask_session:
        flask_session.update(sessions.fields_for(user))
    page = client.get(f"/stops/{answer['stop_id']}/done").get_data(as_text=True)
    assert "<svg" in page and token in page
    auth.login(make_user("supervisor").username)
    assert "<svg" not in client.get(f"/stops/{answer['stop_id']}/done").get_data(as_text=True)


def test_the_time_to_record_is_an_optional_field(client, api_officer, db_session):
    _, headers = api_officer
    measured, unmeasured = stop_body(time_to_record_seconds=95), stop_body()
    for body in (measured, unmeasured):
        assert client.post("/api/v1/stops", json=body, headers={**headers, "Idempotency-Key": body["stop_id"]}
                           ).status_code == 201
    times = {str(stop.stop_id): stop.time_to_record_seconds for stop in db_session.exec(select(Stop))}
    assert times == {measured["stop_id"]: 95, unmeasured["stop_id"]: None}
    too_long = stop_body(time_to_record_seconds=86_401)
    assert client.post("/api/v1/stops", json=too_long, headers=headers).status_code == 422
