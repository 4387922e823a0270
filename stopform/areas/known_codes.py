"""The area and unit codes a submitted stop may use (and which units are the Koninklijke
Marechaussee's), kept per app for a minute.

Every submitted stop is checked against both lists, while they change only when an
administrator edits areas or units. Those edits forget the lists in their own process at once;
other worker processes read them again within `CACHE_SECONDS`.
"""
from __future__ import annotations

import time

from flask import current_app, has_app_context
from sqlalchemy import literal, union_all
from sqlmodel import Session, col, select

from ..models import Area, Unit

CACHE_SECONDS = 60.0
_KEY = "stopform.known_codes"
# One round trip for the three lists, and built once.
_KNOWN_CODES = union_all(select(literal("area").label("kind"), col(Area.code)).where(col(Area.active)),
                         select(literal("unit").label("kind"), col(Unit.code)),
                         select(literal("kmar").label("kind"), col(Unit.code)).where(col(Unit.force) == "kmar"))


def _known_codes(session: Session) -> dict[str, frozenset[str]]:
    cached = current_app.extensions.get(_KEY)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    rows = session.connection().execute(_KNOWN_CODES).all()
    codes = {kind: frozenset(code for found, code in rows if found == kind) for kind in ("area", "unit", "kmar")}
    current_app.extensions[_KEY] = (time.monotonic(), codes)
    return codes


def known_area_and_unit_codes(session: Session) -> tuple[frozenset[str], frozenset[str]]:
    """Codes of the active areas and of all units."""
    codes = _known_codes(session)
    return codes["area"], codes["unit"]


def known_kmar_unit_codes(session: Session) -> frozenset[str]:
    """Codes of the Koninklijke Marechaussee's units (powers such as MTV are theirs alone)."""
    return _known_codes(session)["kmar"]


def forget_known_codes() -> None:
    """Read the lists again on next use (after areas or units changed)."""
    if has_app_context():
        current_app.extensions.pop(_KEY, None)
