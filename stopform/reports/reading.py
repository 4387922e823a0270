"""Who may read which report, and the audit trail of every view and export.

Officers never see reports; supervisors see their own units (own unit plus supervised ones);
admins and oversight see every unit. The report is aggregates only, so oversight may read it.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sqlmodel import Session

from ..audit.services import record_event
from ..auth.access import unit_scope
from ..auth.units import known_unit_codes
from ..models import User

if TYPE_CHECKING:
    from .service import MonthlyReport

REPORT_ROLES = ("supervisor", "admin", "oversight")
REVIEW_ROLES = ("supervisor", "admin")
VIEWED_OUTPUTS = ("html", "start")  # the report page, and its flags on a supervisor's start page


class OutsideScope(Exception):
    """The reader asked for a unit they may not see."""


def reader_units(session: Session, user: User | None) -> tuple[str, ...] | None:
    """Units whose stops the reader's reports cover: None = every unit (admin, oversight, CLI)."""
    if user is not None and user.role not in REPORT_ROLES:
        raise OutsideScope(f"role {user.role} reads no reports")
    return unit_scope(session, user)


def unit_choices(session: Session, user: User) -> list[str]:
    """The units the reader may pick in the unit filter: every unit with stops, registered or not."""
    units = reader_units(session, user)
    if units is not None:
        return list(units)
    return known_unit_codes(session)


def read_report(session: Session, *, user: User | None, month: str, unit: str | None, area: str | None,
                output: str, reference_groups: Mapping[str, str] | None = None,
                source: Session | None = None) -> MonthlyReport:
    """The report within the reader's scope (stored, or computed from `source`: the report
    database, `session` when None) and log the view (html) or export (any other output, and
    everything from the command line, where `user` is None) on `session`.

    Raises OutsideScope when `unit` is not one of the reader's units; nothing is logged then.
    """
    units = reader_units(session, user)
    if unit and units is not None and unit not in units:
        raise OutsideScope(f"unit {unit} is outside the reader's units")
    # Imported here: statsmodels and friends take seconds to load, and every worker and CLI
    # command would pay for them at start-up, even those that never make a report.
    from .service import report_request
    from .storage import stored_or_computed
    request = report_request(month=month, unit=unit, area=area, units=units)
    report = stored_or_computed(session, source or session, request, reference_groups)
    action = "report_viewed" if output in VIEWED_OUTPUTS and user is not None else "report_exported"
    details = report.request.audit_details(output)
    if user is None:
        details["via"] = "cli"
    record_event(session, action, actor=user, target_type="report", target_id=month, details=details)
    return report
