"""Who is logged in, and decorators that let only the right roles through."""
from __future__ import annotations

from functools import wraps

from flask import abort, g, redirect, request, url_for

from ..db import get_session
from ..models import User
from . import sessions

SESSION_USER_KEY = sessions.USER_KEY


def load_current_user() -> None:
    """Put the logged-in user (or None) on `g.user`; a session that has ended is cleared."""
    user_id = sessions.session_user_id()
    if not user_id:
        g.user = None
        return
    user = get_session().get(User, user_id)
    if sessions.still_valid(user):
        sessions.touch()
        g.user = user
    else:
        sessions.end()
        g.user = None


def current_user() -> User | None:
    """The logged-in user, or None."""
    if "user" not in g:
        load_current_user()
    return g.user


def login_user(user: User) -> None:
    """Start a fresh session for `user` (a new session id blocks session fixation)."""
    sessions.start(user)
    g.user = user


def logout_user() -> None:
    """End the session in this browser (the caller raises the user's session version first)."""
    sessions.end()
    g.user = None


def roles_required(*roles: str):
    """Only logged-in users with one of `roles` get through; others log in or get 403."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user()
            if user is None:
                return redirect(url_for("auth.login", next=request.full_path))
            if roles and user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


login_required = roles_required()
