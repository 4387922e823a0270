"""The QR code decodes, with an independent decoder (zxing-cpp), to the receipt's address."""
import re
from urllib.parse import urlsplit

import zxingcpp

from stopform.receipts.qr import qr_code, qr_payload, qr_svg
from stopform.receipts.services import receipt_url

from .conftest import BASE_URL
from .qr_raster import svg_modules, svg_to_pixels


def decode(svg: str) -> zxingcpp.Result:
    results = zxingcpp.read_barcodes(svg_to_pixels(svg), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(results) == 1
    return results[0]


def test_qr_on_the_card_and_page_decodes_to_the_receipt_url(receipted):
    _stop, credentials = receipted()
    result = decode(str(qr_svg(qr_payload(credentials.url), size="240", label="QR")))
    assert result.valid and result.text.lower() == credentials.url.lower()
    assert result.text == f"{BASE_URL.upper()}/R/{credentials.token}"
    assert result.ec_level == "M"


def test_decoded_address_opens_the_receipt(client, receipted):
    stop, credentials = receipted()
    decoded = decode(str(qr_svg(qr_payload(credentials.url), size="240", label="QR"))).text
    response = client.get(urlsplit(decoded).path)
    assert response.status_code == 200
    assert stop.reference.encode() in response.data


def test_upper_case_url_fits_version_3_with_a_quiet_zone():
    token = "7" + "Z" * 25
    payload = qr_payload(receipt_url("https://bon.politie.example.nl", token))
    code = qr_code(payload)
    assert code.version == 3
    svg = str(qr_svg(payload, size="240", label="QR"))
    assert svg_modules(svg).shape == (37, 37)
    assert not svg_modules(svg)[:4].any() and not svg_modules(svg)[:, -4:].any()


def test_svg_draws_runs_of_modules_not_single_squares():
    # The officer's device stores ten of these for offline receipts: every byte counts.
    payload = qr_payload(receipt_url("https://bon.politie.example.nl", "7" + "Z" * 25))
    svg = str(qr_svg(payload, size="240", label="QR"))
    assert len(svg) < 4_000
    assert svg.count("<path") == 1 and " id=" not in svg  # ids would repeat on a page with several codes


def test_svg_is_inline_sized_and_labelled():
    svg = str(qr_svg("HTTPS://X.NL/R/ABC", size="30mm", label='Receipt "QR"'))
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert 'width="30mm" height="30mm"' in svg and 'role="img"' in svg
    assert 'aria-label="Receipt &#34;QR&#34;"' in svg
    assert re.search(r'<rect fill="white"', svg)


def test_a_base_path_keeps_its_case():
    assert qr_payload("https://example.nl/Bon/r/ABC") == "HTTPS://EXAMPLE.NL/Bon/R/ABC"
