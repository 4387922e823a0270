"""Why a stop is on the review list: the listing reasons, in SQL and on a loaded stop.

A stop is listed when it used force, involved a search by consent, included an action beyond
its legal basis, was prompted by a system hit with no ground of the officer's own (reason
`system_hit`), concerned a possible suspect or was prompted by a risk model (a power of criminal
procedure is then required: stops.grounds), ended without a receipt offered (`not_offered`; a
receipt the person declined is counted in the report, not listed: declining is the person's choice),
or reached the server after the live window (`late_submission`: a device long offline).
"""
from __future__ import annotations

from sqlalchemy import SQLColumnExpression, and_, or_
from sqlmodel import col

from ..catalog.data import CONSENT, CRIME_HIT_SOURCES, CRIME_REASONS
from ..models import Stop

LIST_REASONS: dict[str, SQLColumnExpression[bool]] = {
    "force": col(Stop.force_used),
    "consent_search": col(Stop.search_basis) == CONSENT,
    "beyond_basis": col(Stop.beyond_basis),
    "hit_without_own_ground": and_(col(Stop.triggered_by_hit), col(Stop.reason) == "system_hit"),
    "no_receipt_offered": col(Stop.receipt) == "not_offered",
    "crime_or_risk_model": or_(col(Stop.reason).in_(CRIME_REASONS),
                               and_(col(Stop.triggered_by_hit), col(Stop.hit_source).in_(CRIME_HIT_SOURCES))),
    "late_submission": col(Stop.late_submission),
}


def listing_reasons(stop: Stop) -> list[str]:
    """The keys of LIST_REASONS that apply to `stop`."""
    found = {"force": stop.force_used, "consent_search": stop.search_basis == CONSENT,
             "beyond_basis": stop.beyond_basis,
             "hit_without_own_ground": stop.triggered_by_hit and stop.reason == "system_hit",
             "no_receipt_offered": stop.receipt == "not_offered",
             "crime_or_risk_model": stop.reason in CRIME_REASONS
             or (stop.triggered_by_hit and stop.hit_source in CRIME_HIT_SOURCES),
             "late_submission": stop.late_submission}
    return [key for key in LIST_REASONS if found[key]]
