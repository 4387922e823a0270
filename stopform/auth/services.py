"""Account services: authenticate, create users and units."""
from __future__ import annotations

from sqlmodel import Session, select

from ..areas.known_codes import forget_known_codes
from ..models import ROLES, Unit, User
from .passwords import hash_password, verify_password

MIN_PASSWORD_LENGTH = 4


class AccountError(ValueError):
    """A user or unit cannot be created as asked; the message says why."""


def authenticate(*, session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, or None."""
    user = session.exec(select(User).where(User.username == username.strip())).first()
    ok = verify_password(user.password_hash if user else None, password)
    return user if ok and user is not None and user.active else None


def get_or_create_unit(*, session: Session, code: str, name: str | None = None) -> Unit:
    """The unit with `code`, created when it does not exist yet."""
    code = code.strip().upper()
    unit = session.exec(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        unit = Unit(code=code, name=name or code)
        session.add(unit)
        session.flush()
        forget_known_codes()
    return unit


def create_user(*, session: Session, username: str, role: str, unit_code: str | None, password: str,
                service_number: str | None = None) -> User:
    """Create an account; an unknown unit code creates the unit."""
    username = username.strip()
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if not username or len(username) > 64:
        raise AccountError("the username must be 1 to 64 characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if session.exec(select(User).where(User.username == username)).first() is not None:
        raise AccountError(f"user {username!r} exists already")
    unit = get_or_create_unit(session=session, code=unit_code) if unit_code else None
    user = User(username=username, role=role, unit_id=unit.id if unit else None,
                service_number=(service_number or username).strip().upper(),
                password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def set_password(*, session: Session, user: User, password: str) -> None:
    """Replace the user's password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
