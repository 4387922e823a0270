"""The citizen's language: carried by every link, English for a language we lack, Babel formats."""
import re

from stopform.receipts.codes import new_token


def test_an_unsupported_language_falls_back_to_english(client):
    for response in (client.get("/r?lang=es"), client.get("/r", headers={"Accept-Language": "es-ES,es;q=0.9"})):
        assert '<html lang="en"' in response.get_data(as_text=True)


def test_without_any_preference_the_page_is_dutch(client):
    assert '<html lang="nl"' in client.get("/r").get_data(as_text=True)


def test_a_supported_browser_language_is_used(client):
    assert '<html lang="pl"' in client.get("/r", headers={"Accept-Language": "es;q=1, pl;q=0.5"}).get_data(as_text=True)


def test_every_link_of_the_receipt_carries_the_chosen_language(client, receipted):
    _stop, credentials = receipted()
    page = client.get(f"/r/{credentials.token}?lang=ro").get_data(as_text=True)
    links = [link for link in re.findall(r'href="([^"]+)"', page) if link.startswith("/")]
    own = [link for link in links if "lang=" not in link or "lang=ro" in link]
    language_menu = [link for link in links if "lang=" in link and "lang=ro" not in link]
    assert len(language_menu) == 8 and len(own) >= 3
    assert all("lang=ro" in link for link in own)
    for link in own:
        follow = client.get(link.replace("&amp;", "&"))
        assert follow.status_code == 200
        assert follow.mimetype == "application/pdf" or '<html lang="ro"' in follow.get_data(as_text=True)


def test_the_lookup_form_carries_the_language_to_the_receipt(client, receipted):
    _stop, credentials = receipted()
    form = client.get("/r?lang=tr").get_data(as_text=True)
    assert 'name="lang" value="tr"' in form
    response = client.get("/r", query_string={"code": credentials.code, "lang": "tr"})
    assert response.headers["Location"].endswith("?lang=tr")
    missing = client.get(f"/r/{new_token()}?lang=tr").get_data(as_text=True)
    assert '<html lang="tr"' in missing and 'name="lang" value="tr"' in missing


def test_dates_are_written_for_the_language(client, receipted):
    from datetime import UTC, datetime
    _stop, credentials = receipted(occurred_at=datetime(2026, 3, 4, 10, 30, tzinfo=UTC))
    german = client.get(f"/r/{credentials.token}?lang=de").get_data(as_text=True)
    french = client.get(f"/r/{credentials.token}?lang=fr").get_data(as_text=True)
    assert "4. März 2026" in german and "4 mars 2026" in french


def test_the_public_pages_have_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00"
