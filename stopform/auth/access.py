"""Who is logged in, who may see which stops, and decorators that let only the right roles
through. Every feature (form, API, reports, review) asks here."""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import abort, g, redirect, request, url_for
from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, select

from ..db import get_session
from ..models import Stop, Supervision, Unit, User
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


@dataclass(frozen=True)
class Actor:
    """Who acts, as every service sees them: a signed-in user or an API caller alike.

    Read-only on purpose; services that change the account take the `User` row instead.
    """

    id: int
    username: str
    role: str
    service_number: str
    unit_id: int | None
    unit_code: str | None  # None: not read yet (see `own_unit_code`); '' for a user without a unit
    last_area: str | None

    @classmethod
    def of_user(cls, user: User) -> Actor:
        """The actor behind a saved `User` row (a browser session)."""
        if user.id is None:
            raise ValueError("an actor must be a saved user")
        return cls(user.id, user.username, user.role, user.service_number, user.unit_id, None, user.last_area)


def signed_in_user() -> User:
    """The logged-in user, in a view behind `roles_required`/`login_required` (which let no one
    else through); raises if there is none, which would be a view missing its decorator."""
    user = current_user()
    if user is None:
        raise RuntimeError("signed_in_user() called in a view that lets anonymous visitors in")
    return user


def own_unit_code(session: Session, actor: Actor | User) -> str:
    """The code of the actor's own unit ('' when none)."""
    known = getattr(actor, "unit_code", None)
    if known is not None:
        return known
    unit = session.get(Unit, actor.unit_id) if actor.unit_id else None
    return unit.code if unit else ""


def visible_unit_codes(session: Session, actor: Actor | User) -> list[str]:
    """Unit codes whose stops a supervisor may see: their own plus those they supervise."""
    ids = {actor.unit_id} | set(session.exec(select(Supervision.unit_id).where(Supervision.user_id == actor.id)))
    return list(session.exec(select(Unit.code).where(col(Unit.id).in_([i for i in ids if i]))))


def stop_visibility(session: Session, actor: Actor | User) -> ColumnElement[bool]:
    """A WHERE clause limiting stops to those `actor` may see as records.

    Officers see their own stops, supervisors their units' (and their own), admins all;
    oversight sees aggregates only, never records.
    """
    if actor.role == "officer":
        return col(Stop.created_by_id) == actor.id
    if actor.role == "supervisor":
        return or_(col(Stop.unit).in_(visible_unit_codes(session, actor)), col(Stop.created_by_id) == actor.id)
    if actor.role == "admin":
        return col(Stop.stop_id).is_not(None)
    return col(Stop.stop_id).is_(None)


def unit_scope(session: Session, actor: Actor | User | None) -> tuple[str, ...] | None:
    """Units whose stops `actor` may count, report on and review: None = every unit (admins,
    oversight, and the command line with no actor); a supervisor their own and supervised units;
    anyone else none."""
    if actor is None or actor.role in ("admin", "oversight"):
        return None
    if actor.role == "supervisor":
        return tuple(sorted(visible_unit_codes(session, actor)))
    return ()


def recordable_units(session: Session, actor: Actor | User) -> tuple[str, ...]:
    """Units `actor` may file stops under: their own unit, and a supervisor's supervised ones
    too; so a stop never leaves the view of its author's own supervisor."""
    own = own_unit_code(session, actor)
    if actor.role == "supervisor":
        return tuple(sorted(set(visible_unit_codes(session, actor)) | {own} - {""}))
    return (own,) if own else ()
