"""Response compression: text goes out compressed to clients that accept it, with a correct length,
Vary and ETag; streams, partial and bodiless responses and compressed formats go out as they are."""
import gzip
import os
from pathlib import Path

import pytest
from flask import Response, jsonify

from stopform import compression

GZIP = {"Accept-Encoding": "gzip"}
BIG_TEXT = "Stop record, reference 7KQ4-M2XD-9P. " * 100


@pytest.fixture()
def routes(app):
    """Test-only routes for the response kinds no real page produces on demand."""
    app.add_url_rule("/t/json", "t_json", lambda: jsonify({"rows": [BIG_TEXT]}))
    app.add_url_rule("/t/svg", "t_svg", lambda: Response(f"<svg>{BIG_TEXT}</svg>", mimetype="image/svg+xml"))
    app.add_url_rule("/t/manifest", "t_manifest",
                     lambda: Response(f'{{"name": "{BIG_TEXT}"}}', mimetype="application/manifest+json"))
    app.add_url_rule("/t/small", "t_small", lambda: Response("short", mimetype="text/plain"))
    app.add_url_rule("/t/stream", "t_stream",
                     lambda: Response((BIG_TEXT for _ in range(3)), mimetype="text/plain"))
    app.add_url_rule("/t/pdf", "t_pdf", lambda: Response(b"%PDF-1.7 " + BIG_TEXT.encode(), mimetype="application/pdf"))
    app.add_url_rule("/t/empty", "t_empty", lambda: ("", 204))
    app.add_url_rule("/t/encoded", "t_encoded", lambda: Response(
        gzip.compress(BIG_TEXT.encode()), mimetype="text/plain", headers={"Content-Encoding": "gzip"}))
    return app


def static(client, path: str, **headers):
    """GET a static file and close the response (Flask keeps the file open until then)."""
    response = client.get(path, headers=headers)
    response.get_data()
    response.close()
    return response


def assert_gzipped(response, original: bytes) -> None:
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.vary
    assert int(response.headers["Content-Length"]) == len(response.data) < len(original)
    assert gzip.decompress(response.data) == original


def test_a_page_is_gzipped_for_a_client_that_accepts_gzip(client):
    plain = client.get("/auth/login?lang=en").data
    assert_gzipped(client.get("/auth/login?lang=en", headers=GZIP), plain)


def test_an_error_page_is_gzipped_too(client):
    plain = client.get("/no-such-page?lang=en")
    assert plain.status_code == 404
    response = client.get("/no-such-page?lang=en", headers=GZIP)
    assert response.status_code == 404 and response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == plain.data


def test_without_accept_encoding_the_page_is_sent_as_it_is_and_says_it_varies(client):
    response = client.get("/auth/login?lang=en")
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.vary
    assert response.data.startswith(b"<!doctype html>")


def test_a_refused_encoding_is_not_used(client):
    response = client.get("/auth/login", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in response.headers


def test_brotli_is_preferred_when_the_client_accepts_it(client):
    plain = client.get("/auth/login?lang=en").data
    response = client.get("/auth/login?lang=en", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] == "br"
    assert compression.brotli.decompress(response.data) == plain


@pytest.mark.parametrize("path", ["/t/json", "/t/svg", "/t/manifest"])
def test_json_svg_and_the_manifest_are_compressed(client, routes, path):
    assert_gzipped(client.get(path, headers=GZIP), client.get(path).data)


@pytest.mark.parametrize("path", ["/t/small", "/t/stream", "/t/pdf", "/t/encoded"])
def test_small_streamed_pdf_and_already_encoded_bodies_are_left_alone(client, routes, path):
    plain = client.get(path).data
    response = client.get(path, headers=GZIP)
    assert response.data == plain
    assert response.headers.get("Content-Encoding") == ("gzip" if path == "/t/encoded" else None)


def test_no_content_is_left_alone(client, routes):
    response = client.get("/t/empty", headers=GZIP)
    assert response.status_code == 204
    assert "Content-Encoding" not in response.headers and response.data == b""


def test_a_static_script_is_gzipped_with_a_weak_etag(client, app):
    original = Path(app.static_folder, "js/steps.js").read_bytes()
    response = static(client, "/static/js/steps.js", **GZIP)
    assert_gzipped(response, original)
    etag, weak = response.get_etag()
    assert etag and weak
    assert "Accept-Ranges" not in response.headers


def test_a_static_image_is_not_compressed_again(client):
    response = static(client, "/static/icons/icon-512.png", **GZIP)
    assert response.status_code == 200 and "Content-Encoding" not in response.headers
    assert response.get_etag()[1] is False


def test_revalidating_a_compressed_static_file_gives_304_with_the_same_variant(client):
    first = static(client, "/static/css/app.css", **GZIP)
    again = static(client, "/static/css/app.css", **GZIP, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert "Accept-Encoding" in again.vary and "Accept-Ranges" not in again.headers


def test_the_uncompressed_variant_keeps_its_strong_etag_and_304(client):
    first = static(client, "/static/css/app.css")
    assert "Content-Encoding" not in first.headers and first.get_etag()[1] is False
    again = static(client, "/static/css/app.css", **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_etag()[1] is False
    assert "Accept-Encoding" in again.vary


def test_a_small_static_file_keeps_its_strong_etag_in_a_304(client):
    first = static(client, "/static/icons/icon.svg", **GZIP)
    assert "Content-Encoding" not in first.headers
    again = static(client, "/static/icons/icon.svg", **GZIP, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == first.headers["ETag"]


def test_a_range_request_gets_the_uncompressed_bytes(client, app):
    response = static(client, "/static/js/steps.js", **GZIP, Range="bytes=0-99")
    assert response.status_code == 206 and "Content-Encoding" not in response.headers
    assert response.data == Path(app.static_folder, "js/steps.js").read_bytes()[:100]


def test_a_static_file_is_compressed_once_per_version(client, app, tmp_path, monkeypatch):
    calls = []
    real = compression.compress
    monkeypatch.setattr(compression, "compress", lambda *args: calls.append(args[1:]) or real(*args))
    app.static_folder = str(tmp_path)
    script = tmp_path / "s.js"
    script.write_text("const a = 1;\n" * 100)
    for _ in range(3):
        assert_gzipped(static(client, "/static/s.js", **GZIP), script.read_bytes())
    assert len(calls) == 1
    script.write_text("const b = 2;\n" * 100)
    os.utime(script, ns=(script.stat().st_atime_ns, script.stat().st_mtime_ns + 10**9))
    assert_gzipped(static(client, "/static/s.js", **GZIP), script.read_bytes())
    assert len(calls) == 2


def test_compressible_types():
    assert all(map(compression.compressible, ["text/html", "text/css", "text/javascript", "application/json",
                                              "application/manifest+json", "image/svg+xml",
                                              "application/problem+json"]))
    assert not any(map(compression.compressible, ["application/pdf", "image/png", "font/ttf", None]))
