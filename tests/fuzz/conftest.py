import pytest


@pytest.fixture()
def client_with_officer(client, auth, make_user):
    auth.login(make_user("officer").username)
    return client
