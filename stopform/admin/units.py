"""Units in administration: every unit with stops appears, registered or not; units are added,
renamed and switched off (never deleted: their stops stay in the reports), each change audited."""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from ..audit.services import record_event
from ..auth.services import get_or_create_unit
from ..auth.units import filed_unit_codes
from ..models import Unit, User


@dataclass(frozen=True)
class UnitRow:
    """A unit as the admin page lists it; `unit` is None for a code only stops carry."""

    code: str
    unit: Unit | None


def unit_rows(session: Session) -> list[UnitRow]:
    """Registered units and the codes of stops filed under an unregistered unit, by code."""
    registered = {unit.code: unit for unit in session.exec(select(Unit))}
    codes = sorted(set(registered) | filed_unit_codes(session))
    return [UnitRow(code, registered.get(code)) for code in codes]


def add_unit(*, session: Session, code: str, name: str, actor: User) -> Unit:
    """Register a unit (or return the one with this code), audited as `unit_saved`."""
    unit = get_or_create_unit(session=session, code=code, name=name.strip() or None)
    record_event(session, "unit_saved", actor=actor, target_type="unit", target_id=unit.code,
                 details={"name": unit.name, "active": unit.active})
    return unit


def update_unit(*, session: Session, unit: Unit, name: str, active: bool, actor: User) -> Unit:
    """Rename a unit or switch it off or on; the audit entry keeps the previous name and state."""
    before = {"name": unit.name, "active": unit.active}
    unit.name, unit.active = name.strip(), active
    session.add(unit)
    session.flush()
    record_event(session, "unit_saved", actor=actor, target_type="unit", target_id=unit.code,
                 details={"name": unit.name, "active": unit.active, "previous": before})
    return unit
