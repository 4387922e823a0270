"""Response compression: text responses go out gzipped (or as Brotli, where the `brotli` module is
installed) to clients that accept it. The officer's form must load over a weak mobile connection.

Static files are compressed once per version of the file (path, mtime, size) and kept in memory.
A compressed response carries a weak ETag (as nginx does): the bytes differ from the file's, and
Werkzeug compares If-None-Match weakly, so revalidation still ends in a 304. Streamed responses,
partial and bodiless ones, and already compressed formats (PDF, PNG) go out untouched.
"""
from __future__ import annotations

import gzip
import os
from functools import lru_cache

from flask import Flask, Response, current_app, request
from werkzeug.security import safe_join

try:  # installed with WeasyPrint (fonttools[woff]); gzip alone is enough without it
    import brotli
except ImportError:  # pragma: no cover - depends on the installation
    brotli = None

MIN_SIZE = 512  # below this the headers cost more than compression saves
BODILESS_OR_PARTIAL = frozenset({204, 206, 304})
TEXT_TYPES = frozenset({"application/javascript", "application/json", "application/manifest+json",
                        "application/xml", "image/svg+xml"})
ENCODINGS = ("br", "gzip") if brotli else ("gzip",)
# Pages are compressed on every request, static files once: spend the time where it is paid once.
DYNAMIC_LEVEL = {"gzip": 6, "br": 5}
STATIC_LEVEL = {"gzip": 9, "br": 11}


def init_app(app: Flask) -> None:
    """Compress responses; call this before any other `after_request` registration, so it runs last
    (Flask runs them in reverse order) and compresses the final body."""
    app.after_request(compress_response)


def compressible(mimetype: str | None) -> bool:
    """Whether a body of this media type is text worth compressing."""
    if not mimetype:
        return False
    return mimetype.startswith("text/") or mimetype in TEXT_TYPES or mimetype.endswith(("+json", "+xml"))


def compress(data: bytes, encoding: str, level: int) -> bytes:
    """`data` compressed with `encoding` ("gzip" or "br") at `level`."""
    if encoding == "br":
        return brotli.compress(data, quality=level)
    # mtime=0: the same input always gives the same bytes.
    return gzip.compress(data, compresslevel=level, mtime=0)


def compress_response(response: Response) -> Response:
    """The `after_request` hook: `response` compressed for this client, where that is worth it."""
    if response.status_code == 304:
        return _mark_not_modified(response)
    if (response.status_code < 200 or response.status_code in BODILESS_OR_PARTIAL
            or "Content-Encoding" in response.headers or not compressible(response.mimetype)):
        return response
    static_path = _static_path(response)
    if static_path is None and (response.is_streamed or response.direct_passthrough):
        return response
    stat = os.stat(static_path) if static_path else None
    if (stat.st_size if stat else len(response.get_data())) < MIN_SIZE:
        return response
    response.vary.add("Accept-Encoding")
    encoding = request.accept_encodings.best_match(ENCODINGS)
    if encoding is None:
        return response
    if static_path and stat is not None:
        body = _compressed_file(static_path, stat.st_mtime_ns, stat.st_size, encoding)
        close = getattr(response.response, "close", None)
        if close is not None:
            close()  # the open file Flask would have sent
        response.direct_passthrough = False
    else:
        body = compress(response.get_data(), encoding, DYNAMIC_LEVEL[encoding])
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    response.headers.pop("Accept-Ranges", None)  # ranges would count the uncompressed bytes
    _weaken_etag(response)
    return response


def _mark_not_modified(response: Response) -> Response:
    """A 304 names the same variant as the 200 it confirms: same Vary, same weak ETag."""
    static_path = _static_path(response)
    if (static_path and os.stat(static_path).st_size < MIN_SIZE) or not compressible(response.mimetype):
        return response
    response.vary.add("Accept-Encoding")
    if request.accept_encodings.best_match(ENCODINGS):
        response.headers.pop("Accept-Ranges", None)
        _weaken_etag(response)
    return response


def _weaken_etag(response: Response) -> None:
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)


def _static_path(response: Response) -> str | None:
    """The file behind a static-file response (the app's or a blueprint's), else None."""
    if not response.direct_passthrough or not request.endpoint or not request.view_args:
        return None
    blueprint, _, name = request.endpoint.rpartition(".")
    if name != "static":
        return None
    owner = current_app.blueprints.get(blueprint) if blueprint else current_app
    folder = owner.static_folder if owner else None
    path = safe_join(folder, request.view_args.get("filename", "")) if folder else None
    return path if path and os.path.isfile(path) else None


@lru_cache(maxsize=128)
def _compressed_file(path: str, mtime_ns: int, size: int, encoding: str) -> bytes:
    """The file's bytes compressed; the key's mtime and size make an edited file a new entry."""
    with open(path, "rb") as file:
        return compress(file.read(), encoding, STATIC_LEVEL[encoding])
