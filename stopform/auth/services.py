"""Account services: authenticate, create users and units, change passwords."""
from __future__ import annotations

from sqlmodel import Session, select

from ..areas.known_codes import forget_known_codes
from ..models import ROLES, Unit, User
from .passwords import hash_password, verify_password
from .policy import DESCRIPTIONS, password_problem
from .sessions import bump_session_version


class AccountError(ValueError):
    """A user or unit cannot be created as asked; the message says why."""


class WrongPasswordError(AccountError):
    """The current password given for a change is not right."""


class UnchangedPasswordError(AccountError):
    """The new password is the current one."""
# Those who record stops: each stop names them by service number, never by username.
RECORDING_ROLES = ("officer", "supervisor")


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


def check_password_policy(password: str, *, username: str, service_number: str | None = None) -> None:
    """Raise AccountError saying why `password` is not acceptable for this account."""
    problem = password_problem(password, (username, service_number or ""))
    if problem is not None:
        raise AccountError(DESCRIPTIONS[problem])


def create_user(*, session: Session, username: str, role: str, unit_code: str | None, password: str,
                service_number: str | None = None, enforce_policy: bool = True) -> User:
    """Create an account; an unknown unit code creates the unit. `enforce_policy=False` is for
    development's demo accounts only."""
    username = username.strip()
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if not username or len(username) > 64:
        raise AccountError("the username must be 1 to 64 characters")
    if enforce_policy:
        check_password_policy(password, username=username, service_number=service_number)
    if role in RECORDING_ROLES and not (service_number or "").strip():
        raise AccountError("officers and supervisors need a service number: it says on every stop who recorded it")
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
    """Replace the user's password (policy checked) and end all of the user's sessions."""
    check_password_policy(password, username=user.username, service_number=user.service_number)
    user.password_hash = hash_password(password)
    session.add(user)
    bump_session_version(session, user)


def change_own_password(*, session: Session, user: User, current: str, new: str) -> None:
    """The user's own change: the current password must be right and the new one pass the policy.
    Raises AccountError (a wrong current password says so, and nothing else)."""
    if not verify_password(user.password_hash, current):
        raise WrongPasswordError("the current password is not right")
    if new == current:
        raise UnchangedPasswordError("the new password must differ from the current one")
    set_password(session=session, user=user, password=new)
