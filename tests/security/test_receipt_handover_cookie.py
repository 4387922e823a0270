"""The officer's session cookie (signed, not encrypted) never holds a receipt token: the
confirmation page derives the server-minted token for the stop's author alone."""
import json

from flask.sessions import SecureCookieSessionInterface
from sqlmodel import select

from stopform.models import Receipt, Stop
from stopform.receipts.codes import secret_hash
from tests.stops.conftest import form_data


def decoded_session(app, client) -> str:
    """The cookie's content as anyone holding it can read it (no key needed to decode)."""
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    return json.dumps(serializer.loads(client.get_cookie("session").value))


def record_stop(client, auth, make_user):
    auth.login(make_user("officer").username)
    response = client.post("/stops/new", data=form_data())
    assert response.status_code == 302
    return response.headers["Location"]


def shown_token(page: str) -> str:
    return page.split('href="/r/', 1)[1].split("/", 1)[0]


def test_the_cookie_holds_no_receipt_token(app, client, auth, make_user, db_session):
    done = record_stop(client, auth, make_user)
    page = client.get(done).get_data(as_text=True)
    token = shown_token(page)
    receipt = db_session.exec(select(Receipt).where(Receipt.token_hash == secret_hash(token))).one()
    assert db_session.get(Stop, receipt.stop_id) is not None
    raw_cookie = client.get_cookie("session").value
    assert token not in raw_cookie and token not in decoded_session(app, client)
    assert token.lower() not in decoded_session(app, client).lower()
    assert shown_token(client.get(done).get_data(as_text=True)) == token  # the page still reloads


def test_another_officer_is_not_shown_the_receipt(app, client, auth, make_user):
    done = record_stop(client, auth, make_user)
    auth.logout()
    colleague = make_user("supervisor")
    auth.login(colleague.username)
    page = client.get(done)
    assert page.status_code in (200, 404) and 'href="/r/' not in page.get_data(as_text=True)
