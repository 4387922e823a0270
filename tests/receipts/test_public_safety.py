"""What a public page must never show, its headers and size, and the one 404 page for every miss."""
import html as htmllib
import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import select

from stopform.models import Receipt
from stopform.receipts.codes import new_token, secret_hash
from stopform.receipts.public import PublicReceipt
from stopform.receipts.services import revoke_receipts
from stopform.stops.codes import plate_pseudonym

from .conftest import LANGUAGES

SECRETS = {"reason_text": "Secret-reason-text Zeta", "plate": "QX-999-Z", "hit_reference": "ALERT-REF-4711",
           "latitude": "51.234", "longitude": "5.987"}
MAX_BYTES = 20 * 1024


@pytest.fixture()
def revealing_stop(receipted, app):
    """A stop carrying every field that must stay private, with every action that fills the page."""
    app.config["RECORD_PERCEIVED_ORIGIN"] = True
    return receipted(reason_text=SECRETS["reason_text"], plate=SECRETS["plate"], latitude=SECRETS["latitude"],
                     longitude=SECRETS["longitude"], triggered_by_hit=True, hit_source="sensing_risk_model",
                     hit_reference=SECRETS["hit_reference"], reason="system_hit", occupants=4,
                     perceived_origin="eastern_european", driver_nationality="PL", legal_basis="WVW160-5",
                     authorisation_ref="OVJ-2026-41", driver_id_demanded=True, passenger_ids_demanded=3,
                     id_basis="POLW8-ID", vehicle_searched=True, persons_searched=2, search_basis="WWM-VRG",
                     force_used=True, outcome="arrest")


def public_texts(client, credentials):
    """Every public page of one receipt in every language, and the card's text, as plain text."""
    texts = []
    for lang in LANGUAGES:
        for path in (f"/r/{credentials.token}", f"/r/{credentials.code}", f"/r/{credentials.token}/feedback"):
            response = client.get(f"{path}?lang={lang}")
            assert response.status_code == 200
            texts.append(htmllib.unescape(response.get_data(as_text=True)))
    for lang in ("en", "nl", "ar"):
        pdf = client.get(f"/r/{credentials.token}/card.pdf?lang={lang}").data
        texts.append("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    return texts


def test_no_public_page_leaks_private_fields(client, revealing_stop, officer):
    stop, credentials = revealing_stop
    forbidden = [*SECRETS.values(), plate_pseudonym(SECRETS["plate"], "test-pseudonym-key-0123456789abcdef"),
                 stop.vehicle_pseudonym, officer.username, "eastern_european", "Oost-Europees", "Eastern European",
                 "QX999Z", "qx-999-z"]
    assert stop.perceived_origin == "eastern_european" and stop.latitude is not None
    for text in public_texts(client, credentials):
        for value in forbidden:
            assert value not in text, value
        assert stop.reference in text


def test_the_public_view_is_an_allow_list():
    private = {"reason_text", "vehicle_pseudonym", "plate", "latitude", "longitude", "occupants", "perceived_origin",
               "driver_nationality", "hit_reference", "created_by_id", "passenger_ids_demanded", "persons_searched"}
    assert not private & set(PublicReceipt.__dataclass_fields__)


def test_headers_and_no_scripts_or_cookies(client, revealing_stop):
    _stop, credentials = revealing_stop
    for path in (f"/r/{credentials.token}", "/r", f"/r/{credentials.token}/feedback", f"/r/{new_token()}",
                 f"/r/{credentials.token}/card.pdf"):
        response = client.get(path)
        headers = response.headers
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cache-Control"] == "no-store"
        assert "noindex" in headers["X-Robots-Tag"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script" not in csp and "frame-ancestors 'none'" in csp
        assert "Set-Cookie" not in headers
        assert b"<script" not in response.data.lower()


def test_inline_style_matches_its_csp_hash(client, revealing_stop):
    import base64
    import hashlib
    import re
    _stop, credentials = revealing_stop
    response = client.get(f"/r/{credentials.token}")
    css = re.search(r"<style>(.*?)</style>", response.get_data(as_text=True), re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in response.headers["Content-Security-Policy"]
    assert b"style=" not in response.data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_receipt_page_stays_under_20_kb(client, revealing_stop, lang):
    _stop, credentials = revealing_stop
    response = client.get(f"/r/{credentials.token}?lang={lang}")
    assert len(response.data) <= MAX_BYTES, len(response.data)
    assert response.data.count(b"<h3>") == 12  # four bases (force names its own), seven remedies, retention
    assert b"OVJ-2026-41" in response.data


def test_unknown_expired_and_revoked_all_get_the_same_404(client, db_session, receipted):
    _stop, expired = receipted()
    row = db_session.exec(select(Receipt).where(Receipt.token_hash == secret_hash(expired.token))).one()
    row.expires_at = row.issued_at - timedelta(days=1)
    db_session.add(row)
    db_session.commit()
    revoked_stop, revoked = receipted()
    revoke_receipts(session=db_session, stop_id=revoked_stop.stop_id)
    db_session.commit()
    bodies = set()
    for credential in (new_token(), expired.token, revoked.token, revoked.code, "not-a-token"):
        response = client.get(f"/r/{credential}?lang=en")
        assert response.status_code == 404
        assert response.headers["Cache-Control"] == "no-store"
        body = response.get_data(as_text=True).replace(credential, "")
        bodies.add(body)
        assert "may not have sent the stop yet" in body
    assert len(bodies) == 1


def test_404_is_in_the_citizens_language(client):
    response = client.get(f"/r/{new_token()}", headers={"Accept-Language": "bg"})
    assert response.status_code == 404
    assert '<html lang="bg"' in response.get_data(as_text=True)
    assert "Разписката не е намерена" in response.get_data(as_text=True)


def test_lookup_form_finds_a_receipt_by_its_code(client, receipted):
    stop, credentials = receipted()
    assert client.get("/r?lang=pl").status_code == 200
    typed = credentials.code.lower().replace("-", " ").replace("1", "l").replace("0", "o")
    response = client.get("/r", query_string={"code": typed, "lang": "pl"})
    assert response.status_code == 303
    bare = credentials.code.replace("-", "")
    assert response.headers["Location"] == f"/r/{bare}?lang=pl"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and stop.reference.encode() in page.data
    assert f"/r/{bare}/card.pdf?lang=pl".encode() in page.data


def test_lookup_tells_a_typo_from_an_unknown_code(client, receipted):
    _stop, credentials = receipted()
    typo = credentials.code[:-1] + ("0" if credentials.code[-1] != "0" else "1")
    response = client.get("/r", query_string={"code": typo, "lang": "en"})
    assert response.status_code == 422 and b"typing error" in response.data
    unknown = client.get("/r", query_string={"code": "0000-0000-0000-0000", "lang": "en"})
    assert unknown.status_code == 404 and b"may not have sent the stop yet" in unknown.data
