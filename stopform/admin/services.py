"""Admin services: edit users (role, unit, supervised units, password) and areas."""
from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, col, delete, select

from ..areas.known_codes import forget_known_codes
from ..audit.services import record_event
from ..auth.services import AccountError, create_user, get_or_create_unit, set_password
from ..auth.sessions import bump_session_version
from ..models import Area, Supervision, Unit, User


def list_users(session: Session) -> list[User]:
    """All accounts by username."""
    return list(session.exec(select(User).order_by(User.username)))


def list_units(session: Session) -> list[Unit]:
    """All units by code."""
    return list(session.exec(select(Unit).order_by(Unit.code)))


def supervised_codes(session: Session, user: User) -> list[str]:
    """Codes of the further units a user supervises."""
    query = (select(Unit.code).join(Supervision, col(Supervision.unit_id) == col(Unit.id))
             .where(Supervision.user_id == user.id))
    return list(session.exec(query))


def save_user(*, session: Session, user: User | None, data: dict, actor: User | None = None) -> User:
    """Create (user None) or update an account from admin form data."""
    if user is None:
        if not data.get("password"):
            raise AccountError("a new user needs a password")
        user = create_user(session=session, username=data["username"], role=data["role"],
                           unit_code=data.get("unit") or None, password=data["password"],
                           service_number=data.get("service_number") or None)
    else:
        clash = session.exec(select(User).where(User.username == data["username"], User.id != user.id)).first()
        if clash is not None:
            raise AccountError(f"user {data['username']!r} exists already")
        if (user.role, user.active) != (data["role"], bool(data["active"])):
            bump_session_version(session, user)  # a new role or deactivation ends the old sessions
        user.username, user.role, user.active = data["username"].strip(), data["role"], bool(data["active"])
        user.service_number = (data.get("service_number") or user.service_number).strip().upper()
        unit = get_or_create_unit(session=session, code=data["unit"]) if data.get("unit") else None
        user.unit_id = unit.id if unit else None
        if data.get("password"):
            set_password(session=session, user=user, password=data["password"])
        session.add(user)
    _set_supervised(session, user, data.get("supervised_units") or [])
    session.flush()
    record_event(session, "user_saved", actor=actor, target_type="user", target_id=user.username,
                 details={"role": user.role, "active": user.active, "password_changed": bool(data.get("password"))})
    return user


def _set_supervised(session: Session, user: User, codes: list[str]) -> None:
    if user.id is None:  # an existing account, or one create_user has just flushed
        raise AccountError("the account is not stored yet")
    session.exec(delete(Supervision).where(col(Supervision.user_id) == user.id))
    for code in set(codes):
        unit = session.exec(select(Unit).where(Unit.code == code)).first()
        if unit is not None and unit.id is not None:  # a stored unit always has its id
            session.add(Supervision(user_id=user.id, unit_id=unit.id))


def save_area(*, session: Session, area: Area | None, data: dict, actor: User | None = None) -> Area:
    """Create or update an area; codes are unique and upper-case."""
    code = data["code"].strip().upper()
    clash = session.exec(select(Area).where(Area.code == code)).first()
    if clash is not None and clash is not area:
        raise ValueError(f"area {code} exists already")
    area = area or Area(code=code, name="", latitude=Decimal(0), longitude=Decimal(0))
    area.code, area.name, area.active = code, data["name"].strip(), bool(data.get("active", True))
    area.latitude, area.longitude = data["latitude"], data["longitude"]
    session.add(area)
    session.flush()
    forget_known_codes()
    record_event(session, "area_saved", actor=actor, target_type="area", target_id=area.code)
    return area
