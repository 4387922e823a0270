"""Logging in and out."""
import pytest

from stopform.auth.views import safe_next


def test_login_page_renders(client):
    response = client.get("/auth/login")
    assert response.status_code == 200 and b'name="password"' in response.data


def test_login_and_logout(client, auth, make_user):
    user = make_user("officer", password="right-pw")
    assert auth.login(user.username, "right-pw").headers["Location"] == "/"
    assert client.get("/").headers["Location"].endswith("/stops/new")
    auth.logout()
    assert "/auth/login" in client.get("/stops/new").headers["Location"]


def test_wrong_password_and_unknown_user_look_the_same(client, auth, make_user):
    user = make_user("officer", password="right-pw")
    wrong = auth.login(user.username, "wrong-pw")
    unknown = auth.login("nobody", "wrong-pw")
    assert wrong.status_code == unknown.status_code == 422
    assert wrong.data.replace(user.username.encode(), b"") .count(b"not right") == unknown.data.count(b"not right")


def test_inactive_user_cannot_log_in(client, auth, make_user, db_session):
    user = make_user("officer")
    user.active = False
    db_session.add(user)
    db_session.commit()
    assert auth.login(user.username).status_code == 422


def test_login_follows_only_local_next(client, make_user):
    user = make_user("supervisor")
    response = client.post("/auth/login?next=/overview", data={"username": user.username, "password": "pw12"})
    assert response.headers["Location"] == "/overview"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil", None, ""])
def test_unsafe_next_goes_home(app, target):
    with app.test_request_context():
        assert safe_next(target) == "/"


def test_logout_needs_post(client):
    assert client.get("/auth/logout").status_code == 405


@pytest.mark.parametrize(("role", "home"), [("officer", "/stops/new"), ("supervisor", "/start"),
                                             ("admin", "/admin/users"), ("oversight", "/overview")])
def test_each_role_lands_on_its_page(client, auth, make_user, role, home):
    auth.login(make_user(role).username)
    assert client.get("/").headers["Location"] == home
