"""Which unit codes exist: the units table, and every unit a stop was filed under (an import or
the demo may file stops under a unit nobody has registered yet)."""
from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session, select

from ..models import Unit

# A loose index scan over ix_stops_unit_*: one index probe per distinct unit, not a scan of
# every stop (PostgreSQL has no skip scan of its own for DISTINCT).
FILED_UNITS = text("""
WITH RECURSIVE filed(unit) AS (
    SELECT min(unit) FROM stops
    UNION ALL
    SELECT (SELECT min(unit) FROM stops WHERE unit > filed.unit) FROM filed WHERE filed.unit IS NOT NULL
)
SELECT unit FROM filed WHERE unit IS NOT NULL
""")


def filed_unit_codes(session: Session) -> set[str]:
    """The units that stops were filed under."""
    return set(session.execute(FILED_UNITS).scalars())


def known_unit_codes(session: Session) -> list[str]:
    """Every unit code: the units table and any unit a stop was filed under, sorted."""
    return sorted(set(session.exec(select(Unit.code))) | filed_unit_codes(session))
