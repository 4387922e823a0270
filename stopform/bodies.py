"""Request bodies that cannot be read: JSON nested too deep, and broken chunked framing.

Both used to end in a 500: Python's JSON parser recurses once per `[` and gives up with a
RecursionError around a thousand levels, and under gunicorn a malformed chunk (RFC 9112 §7.1)
surfaces as gunicorn's parse error from whatever first reads the body. Both are the client's
fault: 400 (or the API's 422 "send a JSON object").
"""
from __future__ import annotations

import json

from flask import Flask
from flask.json.provider import DefaultJSONProvider

MAX_JSON_DEPTH = 32  # a stop is flat; 32 leaves room for any sane client and no stack trouble


class JSONTooDeep(ValueError):
    """The document nests arrays or objects deeper than `MAX_JSON_DEPTH`."""


def nesting_depth_exceeds(text: str | bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets outside strings nest deeper than `limit` (a scan, no parsing)."""
    if isinstance(text, bytes | bytearray):
        text = text.decode("utf-8", errors="replace")
    if text.count("[") + text.count("{") <= limit:  # every real body: no need to walk it
        return False
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing documents nested deeper than `MAX_JSON_DEPTH` before parsing them."""

    def loads(self, s, **kwargs):
        """Parse `s`; a ValueError (so Flask answers 400) when it nests too deep."""
        if nesting_depth_exceeds(s):
            raise JSONTooDeep(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        return json.loads(s, **kwargs)


def _framing_errors() -> tuple[type[Exception], ...]:
    try:
        from gunicorn.http.errors import NoMoreData, ParseException
    except ImportError:  # the development server alone
        return ()
    return (ParseException, NoMoreData)  # bad framing; the body ending before its chunks did


def init_app(app: Flask) -> None:
    """Install the bounded JSON provider and answer unreadable bodies with 400."""
    from .errors import render_error
    app.json = BoundedJSONProvider(app)

    def malformed_body(_error):
        return render_error(400, "The request body's chunked framing is malformed.")

    # (The development server's dechunker errors already end as 400 inside Werkzeug.)
    for error_class in _framing_errors():
        app.register_error_handler(error_class, malformed_body)
