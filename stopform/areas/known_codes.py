"""The area and unit codes a submitted stop may use, kept per app for a minute.

Every submitted stop is checked against both lists, while they change only when an
administrator edits areas or units. Those edits forget the lists in their own process at once;
other worker processes read them again within `CACHE_SECONDS`.
"""
from __future__ import annotations

import time

from flask import current_app, has_app_context
from sqlalchemy import literal, union_all
from sqlmodel import Session, select

from ..models import Area, Unit

CACHE_SECONDS = 60.0
_KEY = "stopform.known_codes"
# One round trip for both lists, and built once.
_AREA_AND_UNIT_CODES = union_all(select(literal("area").label("kind"), Area.code).where(Area.active),
                                 select(literal("unit").label("kind"), Unit.code))


def known_area_and_unit_codes(session: Session) -> tuple[frozenset[str], frozenset[str]]:
    """Codes of the active areas and of all units."""
    cached = current_app.extensions.get(_KEY)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    rows = session.connection().execute(_AREA_AND_UNIT_CODES).all()
    codes = (frozenset(code for kind, code in rows if kind == "area"),
             frozenset(code for kind, code in rows if kind == "unit"))
    current_app.extensions[_KEY] = (time.monotonic(), codes)
    return codes


def forget_known_codes() -> None:
    """Read the lists again on next use (after areas or units changed)."""
    if has_app_context():
        current_app.extensions.pop(_KEY, None)
