"""/admin/units: every unit with stops is listed; units are added, renamed and switched off, audited."""
from __future__ import annotations

import pytest
from sqlmodel import select

from stopform.models import AuditEntry, Unit
from tests.conftest import UNIT


@pytest.fixture(autouse=True)
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


def _login_admin(auth, make_user):
    user = make_user("admin", unit=None)
    auth.login(user.username)
    return user


def test_a_unit_only_stops_carry_is_listed_and_can_be_registered(client, auth, make_user, make_stop, db_session):
    officer = make_user("officer", unit=UNIT)
    make_stop(officer, unit="LIMBURG-OOST")  # an import or the demo filed it under an unregistered unit
    _login_admin(auth, make_user)
    html = client.get("/admin/units").get_data(as_text=True)
    assert "LIMBURG-OOST" in html and "Not registered" in html
    assert client.post("/admin/units", data={"code": "LIMBURG-OOST", "name": "LIMBURG-OOST"}).status_code == 302
    unit = db_session.exec(select(Unit).where(Unit.code == "LIMBURG-OOST")).one()
    assert unit.active
    assert "Not registered" not in client.get("/admin/units").get_data(as_text=True)


def test_rename_and_switch_off_are_audited(client, auth, make_user, db_session):
    admin = _login_admin(auth, make_user)
    client.post("/admin/units", data={"code": "MAAS-WEST", "name": "Maas West"})
    unit = db_session.exec(select(Unit).where(Unit.code == "MAAS-WEST")).one()
    page = client.get(f"/admin/units/{unit.id}")
    assert page.status_code == 200 and 'value="Maas West"' in page.get_data(as_text=True)
    response = client.post(f"/admin/units/{unit.id}", data={"name": "Maas-West (opgeheven)"})  # box unticked: off
    assert response.status_code == 302
    db_session.refresh(unit)
    assert (unit.name, unit.active, unit.code) == ("Maas-West (opgeheven)", False, "MAAS-WEST")
    entries = db_session.exec(select(AuditEntry).where(AuditEntry.action == "unit_saved")
                              .order_by(AuditEntry.seq)).all()
    assert [e.target_id for e in entries] == ["MAAS-WEST", "MAAS-WEST"]
    assert entries[-1].actor == admin.username
    assert entries[-1].details == {"name": "Maas-West (opgeheven)", "active": False,
                                   "previous": {"name": "Maas West", "active": True}}
    assert "Switched off" in client.get("/admin/units").get_data(as_text=True)
    new_user_form = client.get("/admin/users/new").get_data(as_text=True)
    unit_select = new_user_form[new_user_form.index('name="unit"'):new_user_form.index("</select>",
                                                                                   new_user_form.index('name="unit"'))]
    assert "MAAS-WEST" not in unit_select  # not offered to new members
    assert client.post(f"/admin/units/{unit.id}", data={"name": ""}).status_code == 422
    assert client.get("/admin/units/999999").status_code == 404


def test_every_unit_with_stops_is_in_the_reports_unit_filter(client, auth, make_user, make_stop):
    officer = make_user("officer", unit=UNIT)
    make_stop(officer, unit="LIMBURG-OOST")
    _login_admin(auth, make_user)
    from stopform.db import get_session
    from stopform.models import User
    from stopform.reports.reading import unit_choices
    with client.application.test_request_context():
        admin = get_session().exec(select(User).where(User.role == "admin")).first()
        assert "LIMBURG-OOST" in unit_choices(get_session(), admin)
