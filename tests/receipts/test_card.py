"""The printable card: a one-page A6 PDF with the QR, reference, code and rights, in the chosen language."""
import io
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from stopform.receipts import views
from stopform.receipts.card import StaticOnlyFetcher

from .conftest import BASE_URL, LANGUAGES
from .qr_raster import svg_to_pixels

A6_POINTS = (297.6, 419.5)


def card(client, credential: str, lang: str) -> tuple[PdfReader, str]:
    response = client.get(f"/r/{credential}/card.pdf?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.data))
    return reader, "".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_is_one_a6_page_with_reference_code_and_rights(client, receipted, lang):
    stop, credentials = receipted(legal_basis="POLW8-ID", driver_id_demanded=True)
    reader, text = card(client, credentials.token, lang)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == A6_POINTS
    compact = text.replace(" ", "").replace("\n", "")
    assert stop.reference in compact
    assert credentials.code in compact
    assert "447e" in compact  # the basis's own rights line cites its article
    assert "bon.example.nl/r" in compact


def test_card_text_is_in_the_chosen_language(client, receipted):
    _stop, credentials = receipted()
    texts = {lang: card(client, credentials.token, lang)[1] for lang in ("nl", "bg", "ro", "de")}
    assert "Controlebewijs" in texts["nl"]
    assert "Разписка" in texts["bg"]
    assert "Drepturile dumneavoastră pe scurt" in texts["ro"]
    assert "Ihre Rechte in Kürze" in texts["de"]


def test_card_embeds_the_shipped_fonts(client, receipted):
    _stop, credentials = receipted()
    reader, _text = card(client, credentials.token, "ar")
    fonts = set()
    for resource in reader.pages[0]["/Resources"]["/Font"].values():
        font = resource.get_object()
        fonts.add(str(font["/BaseFont"]).split("+")[-1])
        assert "/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    assert fonts == {"Card-Sans", "Card-Sans-Bold"}


def test_card_for_a_code_lookup_shows_the_code_and_encodes_the_code_url(client, receipted, monkeypatch):
    stop, credentials = receipted()
    bare = credentials.code.replace("-", "")
    _reader, text = card(client, bare, "en")
    assert credentials.code in text.replace(" ", "") and stop.reference in text
    seen = {}
    monkeypatch.setattr(views, "render_card", lambda **context: seen.update(context) or b"%PDF-1.7")
    assert client.get(f"/r/{bare}/card.pdf").status_code == 200
    decoded = zxingcpp.read_barcodes(svg_to_pixels(str(seen["qr"])))[0].text
    assert decoded == f"{BASE_URL.upper()}/R/{bare}"
    assert seen["code"] == credentials.code


def test_unknown_card_is_the_404_page(client):
    response = client.get("/r/0000-0000-0000-0000/card.pdf")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_fetcher_reads_only_static_files_and_data_uris(app, tmp_path):
    fetcher = StaticOnlyFetcher(Path(app.static_folder))
    font = (Path(app.static_folder) / "fonts" / "DejaVuSans.ttf").resolve().as_uri()
    assert fetcher.fetch(font).read(4) == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    for url in (outside.as_uri(), "http://127.0.0.1:1/x.png", font.replace("/fonts/", "/fonts/../../app.py")):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_rendering_stops_on_a_forbidden_resource(app):
    from weasyprint import HTML
    fetcher = StaticOnlyFetcher(Path(app.static_folder))
    with pytest.raises(FatalURLFetchingError):
        HTML(string='<img src="http://127.0.0.1:1/track.png">', url_fetcher=fetcher).write_pdf()


@pytest.mark.parametrize("url", ["FILE:///etc/passwd", "File:///etc/passwd", "file:///etc/passwd",
                                 "file://localhost/etc/passwd", " file:///etc/passwd", "file://evil.example/x",
                                 "HTTP://127.0.0.1:1/x.png", "ftp://127.0.0.1/x", "javascript:alert(1)"])
def test_fetcher_refuses_any_scheme_or_spelling_outside_the_allow_list(app, url):
    fetcher = StaticOnlyFetcher(Path(app.static_folder))
    with pytest.raises(ValueError, match="not a static file"):
        fetcher.fetch(url)


def test_fetcher_reads_an_allow_listed_file_whatever_the_scheme_case(app):
    fetcher = StaticOnlyFetcher(Path(app.static_folder))
    font = (Path(app.static_folder) / "fonts" / "DejaVuSans.ttf").resolve().as_uri()
    assert fetcher.fetch("FILE" + font[4:]).read(4) == b"\x00\x01\x00\x00"
