"""What a login session carries and when it ends.

The signed cookie holds the user's id, the user's session version at login, when the login
happened and when the session was last seen. A session ends when the user's version has moved on
(logout, password, role or active change: `bump_session_version`), when it has been idle longer
than `PERMANENT_SESSION_LIFETIME`, or when the login is older than `SESSION_ABSOLUTE_LIFETIME`,
however busy it was. The cookie is rewritten only when "last seen" moves by `SEEN_STEP`, and its
expiry never reaches past the absolute limit (OWASP Session Management Cheat Sheet, "Session
Expiration").
"""
from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from flask import Flask, current_app, session
from flask.sessions import SecureCookieSessionInterface
from sqlmodel import Session

from ..models import User

USER_KEY = "user_id"
VERSION_KEY = "session_version"
STARTED_KEY = "started_at"
SEEN_KEY = "seen_at"
SEEN_STEP = 300  # seconds: how stale "last seen" may get before the cookie is rewritten


def _now() -> int:
    return int(time.time())


def fields_for(user: User) -> dict:
    """What a session for `user` starting now holds."""
    now = _now()
    return {USER_KEY: user.id, VERSION_KEY: user.session_version, STARTED_KEY: now, SEEN_KEY: now}


def start(user: User) -> None:
    """A fresh session for `user` (cleared first, so a planted session id is never kept)."""
    session.clear()
    session.update(fields_for(user))
    session.permanent = True


def session_user_id() -> int | None:
    """The user id the cookie names, or None."""
    return session.get(USER_KEY)


def still_valid(user: User | None) -> bool:
    """Whether the cookie's session for `user` may go on: active user, same version, neither
    idle nor absolute limit passed."""
    if user is None or not user.active or session.get(VERSION_KEY) != user.session_version:
        return False
    now, config = _now(), current_app.config
    started, seen = session.get(STARTED_KEY), session.get(SEEN_KEY)
    if not isinstance(started, int) or not isinstance(seen, int):
        return False
    return (now - started < int(config["SESSION_ABSOLUTE_LIFETIME"])
            and now - seen < _seconds(config["PERMANENT_SESSION_LIFETIME"]))


def touch() -> None:
    """Move "last seen" on, at most once per `SEEN_STEP` (each move rewrites the cookie)."""
    now = _now()
    if now - int(session.get(SEEN_KEY, 0)) >= SEEN_STEP:
        session[SEEN_KEY] = now


def end() -> None:
    """Forget the session in this browser."""
    session.clear()


def bump_session_version(db_session: Session, user: User) -> None:
    """End every session `user` has now, on every device."""
    user.session_version = (user.session_version or 0) + 1
    db_session.add(user)
    db_session.flush()


def _seconds(lifetime) -> int:
    return int(lifetime.total_seconds()) if isinstance(lifetime, timedelta) else int(lifetime)


class CappedSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie, whose expiry is the idle limit but never past the absolute one."""

    def get_expiration_time(self, app: Flask, session_) -> datetime | None:
        """The idle expiry, capped at the login time plus the absolute lifetime."""
        expiry = super().get_expiration_time(app, session_)
        started = session_.get(STARTED_KEY)
        if expiry is None or not isinstance(started, int):
            return expiry
        cap = datetime.fromtimestamp(started + int(app.config["SESSION_ABSOLUTE_LIFETIME"]), tz=UTC)
        return min(expiry, cap)


def init_app(app: Flask) -> None:
    """Use the capped cookie."""
    app.session_interface = CappedSessionInterface()
