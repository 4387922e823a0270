"""The per-app list of area and unit codes that submitted stops are checked against."""
from sqlmodel import select

from stopform.admin.services import save_area
from stopform.api.tokens import create_token
from stopform.areas import known_codes
from stopform.areas.known_codes import known_area_and_unit_codes
from stopform.auth.services import get_or_create_unit
from stopform.models import Area
from tests.api.conftest import stop_body


def test_an_area_deactivated_by_an_administrator_is_refused_at_once(app, client, make_user, db_session):
    _, token = create_token(session=db_session, user=make_user("officer"))
    db_session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/stops", json=stop_body(), headers=headers).status_code == 201
    venlo = db_session.exec(select(Area).where(Area.code == "VENLO")).one()
    save_area(session=db_session, area=venlo, data={"code": "VENLO", "name": venlo.name, "active": False,
                                                   "latitude": venlo.latitude, "longitude": venlo.longitude})
    db_session.commit()
    response = client.post("/api/v1/stops", json=stop_body(), headers=headers)
    assert response.status_code == 422 and "area" in response.json["errors"]


def test_a_new_unit_is_known_at_once(app, db_session):
    assert "NEW-UNIT" not in known_area_and_unit_codes(db_session)[1]
    get_or_create_unit(session=db_session, code="new-unit")
    assert "NEW-UNIT" in known_area_and_unit_codes(db_session)[1]


def test_changes_made_elsewhere_are_read_after_a_minute(app, db_session, monkeypatch):
    area = db_session.exec(select(Area).where(Area.code == "VENLO")).one()
    assert "VENLO" in known_area_and_unit_codes(db_session)[0]
    area.active = False  # as another worker process would: this process's list is not told
    db_session.add(area)
    db_session.flush()
    assert "VENLO" in known_area_and_unit_codes(db_session)[0]
    now = known_codes.time.monotonic()
    monkeypatch.setattr(known_codes.time, "monotonic", lambda: now + known_codes.CACHE_SECONDS + 1)
    assert "VENLO" not in known_area_and_unit_codes(db_session)[0]
