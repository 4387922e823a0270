"""Stop templates: admins keep them (logged), officers start a stop from one in one tap."""
import re

import pytest
from sqlmodel import select

from stopform.models import AuditEntry, StopTemplate
from tests.stops.conftest import form_data

SPEED_CHECK = {"name": "Speed check at control site", "active": "y", "area": "ROERMOND", "reason": "traffic_violation",
               "legal_basis": "WVW160-1", "reason_text": "Speed measured by the control site's laser.",
               "vehicle_type": "car", "documents_checked": "y", "outcome": "fine", "receipt": "qr_shown"}


@pytest.fixture()
def admin(make_user, auth):
    user = make_user("admin")
    auth.login(user.username)
    return user


def test_admin_adds_and_edits_a_template_and_each_change_is_logged(client, admin, db_session):
    assert client.post("/admin/templates/new", data=SPEED_CHECK).status_code == 302
    template = db_session.exec(select(StopTemplate)).one()
    assert template.answers == {"area": "ROERMOND", "reason": "traffic_violation", "legal_basis": "WVW160-1",
                                "reason_text": "Speed measured by the control site's laser.", "vehicle_type": "car",
                                "documents_checked": True, "outcome": "fine", "receipt": "qr_shown"}
    edit = client.get(f"/admin/templates/{template.id}").get_data(as_text=True)
    assert "Speed measured by the control site" in edit and 'name="csrf_token"' in edit
    client.post(f"/admin/templates/{template.id}", data={**SPEED_CHECK, "outcome": "", "active": ""})
    db_session.refresh(template)
    assert "outcome" not in template.answers and not template.active
    entries = db_session.exec(select(AuditEntry).where(AuditEntry.action == "stop_template_saved")).all()
    assert len(entries) == 2 and entries[0].details["fields"][0] == "area"
    assert "laser" not in str([entry.details for entry in entries])  # which answers, never their text


def test_templates_refuse_unknown_codes_and_a_second_name(client, admin, db_session):
    assert client.post("/admin/templates/new", data={**SPEED_CHECK, "legal_basis": "ART3-POLW"}).status_code == 422
    client.post("/admin/templates/new", data=SPEED_CHECK)
    again = client.post("/admin/templates/new", data=SPEED_CHECK)
    assert again.status_code == 422 and len(db_session.exec(select(StopTemplate)).all()) == 1


def test_an_officer_starts_from_a_template_and_sees_every_answer_before_sending(client, admin, auth, make_user):
    client.post("/admin/templates/new", data=SPEED_CHECK)
    client.post("/admin/templates/new", data={**SPEED_CHECK, "name": "Retired", "active": ""})
    auth.login(make_user("officer").username)
    form = client.get("/stops/new").get_data(as_text=True)
    assert "Speed check at control site" in form and "Retired" not in form
    template_id = re.search(r'/stops/new\?template=(\d+)', form).group(1)
    started = client.get(f"/stops/new?template={template_id}").get_data(as_text=True)
    assert 'name="step" value="2"' in started  # the stop is answered: on to the plate
    assert "Speed measured by the control site" in started and 'value="fine" selected' in started
    fields = {name: value for name, value in form_data(plate="34-XY-56").items() if name != "action"}
    check = client.post("/stops/new", data={**fields, "action": "next", "step": "2"},
                        headers={"Accept-Language": "en"}).get_data(as_text=True)
    for shown in ("Traffic violation", "Speed", "Car", "Fine", "QR code shown"):
        assert shown in check
