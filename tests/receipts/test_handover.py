"""The officer's confirmation page shows the just-issued receipt: QR, fallback code and card links."""
import re
from urllib.parse import urlsplit

import zxingcpp
from flask_babel import refresh
from sqlmodel import select

from stopform.models import Receipt, Stop
from stopform.receipts.codes import code_for_token, secret_hash
from tests.stops.conftest import form_data

from .conftest import BASE_URL
from .qr_raster import svg_to_pixels


def record_stop(client, auth, make_user, app):
    app.config["PUBLIC_BASE_URL"] = BASE_URL
    officer = make_user("officer")
    auth.login(officer.username)
    response = client.post("/stops/new", data=form_data())
    assert response.status_code == 302, response.data[:800]
    return response.headers["Location"]


def test_done_page_shows_a_scannable_qr_code_and_card_links(app, client, auth, make_user, db_session):
    path = record_stop(client, auth, make_user, app)
    refresh()
    done = client.get(path + "?lang=en").get_data(as_text=True)
    svg = re.search(r"<svg.*?</svg>", done, re.DOTALL).group(0)
    assert 'width="240" height="240"' in svg and 'role="img"' in svg
    decoded = zxingcpp.read_barcodes(svg_to_pixels(svg))[0].text
    token = decoded.rsplit("/", 1)[-1]
    assert decoded == f"{BASE_URL.upper()}/R/{token}"
    receipt = db_session.exec(select(Receipt).where(Receipt.token_hash == secret_hash(token))).one()
    stop = db_session.get(Stop, receipt.stop_id)
    assert stop.reference in done
    assert code_for_token(token) in done
    assert "bon.example.nl/r" in done
    for lang in ("nl", "en", "de", "fr", "pl", "ro", "bg", "tr", "ar"):
        assert f'href="/r/{token}/card.pdf?lang={lang}"' in done
    card = client.get(f"/r/{token}/card.pdf?lang=pl")
    assert card.status_code == 200 and card.mimetype == "application/pdf"
    citizen = client.get(urlsplit(decoded).path)
    assert citizen.status_code == 200 and stop.reference.encode() in citizen.data


def test_the_token_is_not_shown_to_another_session(app, client, auth, make_user, db_session):
    done_path = record_stop(client, auth, make_user, app)
    first = client.get(done_path).get_data(as_text=True)
    assert "<svg" in first and "<svg" in client.get(done_path).get_data(as_text=True)  # reloadable
    other = app.test_client()
    supervisor = make_user("supervisor")
    other.post("/auth/login", data={"username": supervisor.username, "password": "pw12"})
    refresh()  # the fixture's app context outlives requests: choose the language afresh
    page = other.get(done_path + "?lang=en")
    assert page.status_code == 200
    assert b"<svg" not in page.data and b"only on the device that recorded the stop" in page.data
