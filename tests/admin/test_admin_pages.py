"""Admin pages for users, units and areas."""
import io

import pytest
from sqlmodel import select

from stopform.models import Area, Supervision, Unit, User


@pytest.fixture()
def admin(make_user, auth):
    user = make_user("admin")
    auth.login(user.username)
    return user


@pytest.mark.parametrize("role", ["officer", "supervisor", "oversight"])
def test_only_admins(client, auth, make_user, role):
    auth.login(make_user(role).username)
    for path in ("/admin/users", "/admin/units", "/admin/areas", "/admin/users/new"):
        assert client.get(path).status_code == 403


def test_admin_creates_and_edits_a_user(client, admin, db_session):
    fields = {"username": "newbie", "role": "officer", "unit": "LIMBURG-NOORD", "password": "heron-copper-window-58",
              "active": "y"}
    refused = client.post("/admin/users/new", data=fields)  # an officer without a service number
    assert refused.status_code == 422 and "service number" in refused.get_data(as_text=True).lower()
    response = client.post("/admin/users/new", data={**fields, "service_number": "nl-12345"})
    assert response.status_code == 302
    user = db_session.exec(select(User).where(User.username == "newbie")).one()
    hash_before = user.password_hash
    response = client.post(f"/admin/users/{user.id}", data={"username": "newbie", "role": "supervisor",
                                                            "unit": "LIMBURG-NOORD", "service_number": "NL-12345",
                                                            "supervised_units": ["LIMBURG-ZUID"],
                                                            "password": "", "active": "y"})
    assert response.status_code == 302
    db_session.refresh(user)
    assert user.role == "supervisor" and user.password_hash == hash_before
    link = db_session.exec(select(Supervision).where(Supervision.user_id == user.id)).one()
    assert db_session.get(Unit, link.unit_id).code == "LIMBURG-ZUID"


def test_supervised_unit_widens_a_supervisors_view(client, auth, make_user, make_stop, db_session):
    south_stop = make_stop(make_user("officer", unit="LIMBURG-ZUID"), unit="LIMBURG-ZUID")
    supervisor = make_user("supervisor")
    south = db_session.exec(select(Unit).where(Unit.code == "LIMBURG-ZUID")).one()
    db_session.add(Supervision(user_id=supervisor.id, unit_id=south.id))
    db_session.commit()
    auth.login(supervisor.username)
    assert client.get(f"/stops/{south_stop.stop_id}").status_code == 200


def test_new_user_needs_a_password(client, admin):
    response = client.post("/admin/users/new", data={"username": "nopw", "role": "officer", "active": "y"})
    assert response.status_code == 422 and b"needs a password" in response.data


def test_admin_adds_unit_and_area(client, admin, db_session):
    assert client.post("/admin/units", data={"code": "MAAS-OOST", "name": "Maas Oost"}).status_code == 302
    assert db_session.exec(select(Unit).where(Unit.code == "MAAS-OOST")).one().name == "Maas Oost"
    data = {"code": "beesel", "name": "Beesel", "latitude": "51.268", "longitude": "6.039", "active": "y"}
    assert client.post("/admin/areas/new", data=data).status_code == 302
    area = db_session.exec(select(Area).where(Area.code == "BEESEL")).one()
    assert client.post(f"/admin/areas/{area.id}", data={**data, "name": "Beesel (gem.)"}).status_code == 302
    db_session.refresh(area)
    assert area.name == "Beesel (gem.)"


def test_area_out_of_range_is_refused(client, admin):
    data = {"code": "X", "name": "X", "latitude": "91", "longitude": "6"}
    response = client.post("/admin/areas/new", data=data)
    assert response.status_code == 422 and b'id="e-latitude"' in response.data


def test_admin_imports_areas_csv(client, admin, db_session):
    csv_bytes = b"code,name,latitude,longitude\nSWALMEN,Swalmen,51.23,6.04\n"
    response = client.post("/admin/areas", data={"file": (io.BytesIO(csv_bytes), "areas.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert db_session.exec(select(Area).where(Area.code == "SWALMEN")).one()
