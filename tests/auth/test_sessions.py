"""Sessions end: on logout, password, role or active change (everywhere), when idle, and at an
absolute limit however busy; the cookie is not renewed on every response."""
import time

import pytest

from stopform.auth import sessions
from tests.conftest import AuthActions

PAGE = "/stops/"


def logged_in(response) -> bool:
    return response.status_code == 200


@pytest.fixture()
def clock(monkeypatch):
    """The sessions' clock, moved by hand."""
    state = {"now": int(time.time())}
    monkeypatch.setattr(sessions, "_now", lambda: state["now"])
    return state


def idle_seconds(app) -> int:
    return int(app.permanent_session_lifetime.total_seconds())


def stolen_copy(app, client):
    """A second browser holding a copy of `client`'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_cookie_saved_before_logout_no_longer_works(app, client, auth, make_user):
    auth.login(make_user("officer").username)
    thief = stolen_copy(app, client)
    assert logged_in(thief.get(PAGE))
    auth.logout()
    assert thief.get(PAGE).headers["Location"].startswith("/auth/login")


def test_logout_ends_the_accounts_other_sessions(app, client, auth, make_user):
    user = make_user("officer")
    auth.login(user.username)
    other_device = app.test_client()
    AuthActions(other_device).login(user.username)
    auth.logout()
    assert other_device.get(PAGE).status_code == 302


def test_an_admin_changing_the_role_ends_the_users_sessions(app, client, auth, make_user, db_session):
    user = make_user("officer")
    auth.login(user.username)
    admin = app.test_client()
    AuthActions(admin).login(make_user("admin").username)
    response = admin.post(f"/admin/users/{user.id}", data={"username": user.username, "role": "supervisor",
                                                           "unit": "LIMBURG-NOORD", "password": "", "active": "y"})
    assert response.status_code == 302
    assert client.get(PAGE).status_code == 302


def test_deactivation_ends_the_users_sessions(app, client, auth, make_user):
    user = make_user("officer")
    auth.login(user.username)
    admin = app.test_client()
    AuthActions(admin).login(make_user("admin").username)
    admin.post(f"/admin/users/{user.id}", data={"username": user.username, "role": "officer",
                                                 "unit": "LIMBURG-NOORD", "password": ""})
    assert client.get(PAGE).status_code == 302


def test_an_admin_saving_unchanged_details_keeps_the_session(app, client, auth, make_user):
    user = make_user("officer")
    auth.login(user.username)
    admin = app.test_client()
    AuthActions(admin).login(make_user("admin").username)
    admin.post(f"/admin/users/{user.id}", data={"username": user.username, "role": "officer",
                                                 "unit": "LIMBURG-NOORD", "password": "", "active": "y"})
    assert logged_in(client.get(PAGE))


def test_a_busy_session_still_ends_at_the_absolute_limit(app, client, auth, make_user, clock):
    auth.login(make_user("officer").username)
    absolute = app.config["SESSION_ABSOLUTE_LIFETIME"]
    step = idle_seconds(app) // 2
    elapsed = 0
    while elapsed + step < absolute:
        clock["now"] += step
        elapsed += step
        assert logged_in(client.get(PAGE)), elapsed
    clock["now"] += step
    assert client.get(PAGE).status_code == 302


def test_an_idle_session_ends(app, client, auth, make_user, clock):
    auth.login(make_user("officer").username)
    clock["now"] += idle_seconds(app) - 1
    assert logged_in(client.get(PAGE))
    clock["now"] += idle_seconds(app)
    assert client.get(PAGE).status_code == 302


def test_the_cookie_is_not_renewed_on_every_response(client, auth, make_user):
    auth.login(make_user("officer").username)
    client.get(PAGE)  # the first page after login adds its CSRF token to the session
    assert "Set-Cookie" not in client.get(PAGE).headers
    assert "Set-Cookie" not in client.get(PAGE).headers


def test_the_cookie_never_outlives_the_absolute_limit(app, client, auth, make_user, clock):
    absolute, idle = app.config["SESSION_ABSOLUTE_LIFETIME"], idle_seconds(app)
    real_now = clock["now"]
    clock["now"] = login_at = real_now - absolute + idle // 2  # logged in long ago, busy ever since
    auth.login(make_user("officer").username)
    while clock["now"] + idle // 2 <= real_now:
        clock["now"] += idle // 2
        assert "Set-Cookie" in client.get(PAGE).headers  # "last seen" moved on: the cookie is rewritten
    expires = client.get_cookie("session").expires.timestamp()
    # The idle rule alone would give now + idle; the absolute limit cuts it short.
    assert expires <= login_at + absolute < real_now + idle


def test_a_cookie_from_before_the_session_version_is_refused(app, client, make_user):
    user = make_user("officer")
    with client.session_transaction() as old_style:
        old_style["user_id"] = user.id  # what cookies carried before sessions had a version
    assert client.get(PAGE).status_code == 302
