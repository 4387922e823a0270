"""Self-service password change, and the password policy every password goes through."""
import pytest
from sqlmodel import select

from stopform.auth.passwords import verify_password
from stopform.auth.services import AccountError, create_user, set_password
from stopform.models import AuditEntry
from tests.conftest import AuthActions

NEW = "heron-copper-window-58"


def change(client, current="pw12", new=NEW, confirm=None):
    return client.post("/auth/password?lang=en", data={"current": current, "new": new,
                                               "confirm": new if confirm is None else confirm})


def test_the_page_needs_a_login(client):
    assert client.get("/auth/password").headers["Location"].startswith("/auth/login")


def test_a_user_changes_their_password_and_other_devices_are_logged_out(app, client, auth, make_user, db_session):
    user = make_user("officer")
    auth.login(user.username)
    other_device = app.test_client()
    AuthActions(other_device).login(user.username)
    assert client.get("/auth/password").status_code == 200
    response = change(client)
    assert response.status_code == 302
    db_session.refresh(user)
    assert verify_password(user.password_hash, NEW) and not verify_password(user.password_hash, "pw12")
    assert client.get("/stops/").status_code == 200  # this browser goes on
    assert other_device.get("/stops/").status_code == 302
    entry = db_session.exec(select(AuditEntry).where(AuditEntry.action == "password_changed")).one()
    assert entry.actor == user.username and NEW not in str(entry.details)


def test_a_wrong_current_password_changes_nothing(client, auth, make_user, db_session):
    user = make_user("officer")
    auth.login(user.username)
    response = change(client, current="not-my-password")
    assert response.status_code == 422 and b"current password is not right" in response.data
    db_session.refresh(user)
    assert verify_password(user.password_hash, "pw12")


@pytest.mark.parametrize(("new", "message"), [
    ("abcd", b"at least 12 characters"), ("1234", b"at least 12 characters"),
    ("password1234", b"common or breached"), ("qwertyuiop123", b"common or breached"),
    ("aaaaaaaaaaaaaaaa", b"too easy to guess"),
])
def test_weak_new_passwords_are_refused_with_a_reason(client, auth, make_user, new, message):
    auth.login(make_user("officer").username)
    response = change(client, new=new)
    assert response.status_code == 422 and message in response.data


def test_the_two_new_passwords_must_match(client, auth, make_user):
    auth.login(make_user("officer").username)
    assert change(client, confirm=NEW + "x").status_code == 422


def test_a_password_built_from_the_username_is_refused(client, auth, make_user):
    user = make_user("officer", username="jansen-roermond")
    auth.login(user.username)
    assert b"too easy to guess" in change(client, new="jansen-roermond1").data


@pytest.mark.parametrize("password", ["abcd", "1234", "password1234", "welcome12345", "iloveyou2020"])
def test_accounts_cannot_be_created_with_weak_passwords(db_session, password):
    with pytest.raises(AccountError):
        create_user(session=db_session, username="weak", role="officer", unit_code=None, password=password)


def test_set_password_applies_the_policy(db_session, make_user):
    with pytest.raises(AccountError, match="at least 12"):
        set_password(session=db_session, user=make_user("officer"), password="abcd")


def test_the_admin_form_refuses_a_weak_password(client, auth, make_user):
    auth.login(make_user("admin").username)
    response = client.post("/admin/users/new?lang=en", data={"username": "newbie", "role": "officer",
                                                     "unit": "LIMBURG-NOORD", "password": "1234", "active": "y"})
    assert response.status_code == 422 and b"at least 12" in response.data
