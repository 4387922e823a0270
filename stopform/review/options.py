"""What the review list's filters offer: the reader's units, known areas, catalogue codes."""
from __future__ import annotations

from flask_babel import get_locale
from sqlmodel import Session

from ..areas.services import list_areas
from ..auth.access import unit_scope
from ..auth.units import known_unit_codes
from ..catalog.data import LEGAL_BASES, REASONS
from ..models import User
from .filters import Options


def filter_options(session: Session, user: User) -> Options:
    """The choices of the filter form for `user`."""
    units = unit_scope(session, user)
    dutch = str(get_locale() or "nl") == "nl"
    return Options(
        units=list(units) if units is not None else known_unit_codes(session),
        areas=[(area.code, area.name) for area in list_areas(session, active_only=False)],
        reasons=[(code, nl if dutch else en) for code, en, nl in REASONS],
        bases=sorted({entry["code"] for entry in LEGAL_BASES}),
    )
