"""API authentication: a bearer token, or the browser session plus a CSRF header."""
from __future__ import annotations

from flask import abort, current_app, g, request
from flask_wtf.csrf import CSRFError

from ..auth.access import Actor, current_user
from ..db import get_session
from ..security import csrf
from .tokens import caller_for_token

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def authenticate_request() -> None:
    """Set `g.api_user` (an `Actor`) or answer 401; session callers must send X-CSRFToken on writes."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        caller = caller_for_token(session=get_session(), raw=header[7:].strip())
        if caller is None:
            abort(401)
        g.api_user = caller
        return
    user = current_user()
    if user is None:
        abort(401)
    if request.method in UNSAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
        try:
            csrf.protect()
        except CSRFError:
            abort(400, "missing or invalid X-CSRFToken header")
    g.api_user = Actor.of_user(user)
