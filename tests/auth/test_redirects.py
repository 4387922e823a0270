"""After login, `next` is followed only as a path on this site."""
import pytest
from sqlmodel import select

from stopform.auth.views import safe_next
from stopform.models import AuditEntry


@pytest.mark.parametrize("target", ["/%09/evil.example", "/%0a/evil.example", "/%0d%0a", "/%0a", "/%00",
                                    "/%20/evil.example", "/%E2%80%A8/evil.example", "/%5Cevil.example",
                                    "https:%2F%2Fevil.example", "%2F%2Fevil.example"])
def test_login_never_redirects_off_site_nor_fails(client, make_user, db_session, target):
    user = make_user("officer")
    response = client.post(f"/auth/login?next={target}", data={"username": user.username, "password": "pw12"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    logins = db_session.exec(select(AuditEntry).where(AuditEntry.action == "login",
                                                      AuditEntry.actor == user.username)).all()
    assert len(logins) == 1  # the entry was kept, not rolled back by an error


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n", "/\r\n/x", "/\x00", "/\x7f", "/ /evil.example",
                                    "/\u2028/evil.example", "/\u00a0/x", "http://evil.example/", "///evil.example"])
def test_control_characters_and_whitespace_are_refused(app, target):
    with app.test_request_context():
        assert safe_next(target) == "/"


@pytest.mark.parametrize("target", ["/overview", "/stops/?page=2", "/reports/2026-10#table"])
def test_paths_on_this_site_are_kept(app, target):
    with app.test_request_context():
        assert safe_next(target) == target
