"""One catalogue per catalogue version, not per row: imported stops span many days."""
from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime

from sqlmodel import Session, col, select

from ..catalog.services import kmar_unit_codes, load_catalog
from ..models import Area, CatalogCode, LegalBasis
from ..stops.rules import RuleContext


class RuleContexts:
    """Validation contexts for historical records: the catalogue valid on each day, no age limit."""

    def __init__(self, session: Session, *, now: datetime, record_perceived_origin: bool):
        self._session = session
        self._now = now
        self._perceived_origin = record_perceived_origin
        # Historical imports may name areas that were later switched off: any known area will do.
        self._areas = frozenset(session.exec(select(Area.code)))
        self._boundaries = _version_boundaries(session)
        self._kmar_units = kmar_unit_codes(session)
        self._cache: dict[int, RuleContext] = {}

    def for_day(self, day: date) -> RuleContext:
        """The context for records of `day` (loaded once per catalogue version)."""
        version = bisect_right(self._boundaries, day)
        context = self._cache.get(version)
        if context is None:
            context = RuleContext(catalog=load_catalog(self._session, day), areas=self._areas, now=self._now,
                                  max_age=None, record_perceived_origin=self._perceived_origin,
                                  kmar_units=self._kmar_units)
            self._cache[version] = context
        return context


def _version_boundaries(session: Session) -> list[date]:
    """Every date on which some catalogue entry starts or stops being valid, sorted."""
    days: set[date] = set()
    for model in (LegalBasis, CatalogCode):
        for valid_from, valid_to in session.exec(select(col(model.valid_from), col(model.valid_to))):
            days.add(valid_from)
            if valid_to is not None:
                days.add(valid_to)
    return sorted(days)
