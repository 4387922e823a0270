"""Login attempts are limited per address and per account (429 beyond)."""
import pytest

from tests.conftest import AuthActions


@pytest.fixture()
def auth(limited_app):
    return AuthActions(limited_app.test_client())


def test_repeated_failures_for_one_account_get_429(auth, make_user):
    user = make_user("officer")
    statuses = [auth.login(user.username, "wrong").status_code for _ in range(6)]
    assert statuses[:5] == [422] * 5 and statuses[5] == 429
    assert auth.login(user.username).status_code == 429  # locked for the window, right password or not
    other = make_user("officer")
    assert auth.login(other.username).status_code == 302  # other accounts are unaffected


def test_repeated_failures_from_one_address_get_429(auth):
    statuses = [auth.login(f"nobody-{n}", "wrong").status_code for n in range(21)]
    assert statuses[:20] == [422] * 20 and statuses[20] == 429


def test_successful_logins_are_not_counted(auth, make_user):
    user = make_user("officer")
    assert all(auth.login(user.username).status_code == 302 for _ in range(8))
