"""The monthly report, computed once: every output (JSON, CSV, HTML page, PDF) renders from the
`MonthlyReport` that `compute_report` returns.

Counting happens in SQL (`tallies`, `queries`, `row_queries`); the statistics are
`analysis.build_report`; this module only wires them together for one scope.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from ..core.months import parse_month
from ..receipts.feedback import FeedbackSummary, feedback_summary
from . import queries
from .analysis import build_report
from .dialect import report_settings
from .extras import Compliance, FlagTrend, Trend, build_compliance, build_trend, flag_trends
from .inputs import DEFAULT_REFERENCES, report_inputs
from .queries import Scope
from .tallies import registration_compliance, stratified_tallies

if TYPE_CHECKING:
    from .storage import StoredCharts

TOP_LEVEL_KEYS = ("period", "scope", "n_stops", "tests", "flags")


@dataclass(frozen=True)
class ReportRequest:
    """What a report covers: a month, optionally one unit or area, and the units the reader may
    see (None: every unit)."""

    month: str
    unit: str | None = None
    area: str | None = None
    units: tuple[str, ...] | None = None

    @property
    def scope(self) -> Scope:
        """The query scope."""
        return Scope(month=self.month, unit=self.unit, area=self.area, units=self.units)

    def feedback_units(self) -> list[str] | None:
        """Units whose citizen feedback belongs in this report (None: all)."""
        if self.unit:
            return [self.unit]
        return None if self.units is None else list(self.units)

    def audit_details(self, output: str) -> dict[str, Any]:
        """What the audit log records about a view or export of this report."""
        return {"month": self.month, "unit": self.unit, "area": self.area, "format": output}


@dataclass(frozen=True)
class MonthlyReport:
    """The §3 JSON object (`data`) and the page's extras, computed together."""

    request: ReportRequest
    data: dict[str, Any]
    references: dict[str, str]
    trend: Trend
    flag_trends: list[FlagTrend]
    compliance: Compliance
    feedback: FeedbackSummary
    # The stored report's charts, when it came from `stored_reports` (see .storage); not data.
    stored: StoredCharts | None = field(default=None, compare=False, repr=False)

    @property
    def flags(self) -> list[dict[str, Any]]:
        """The flags, most important first (as the analysis orders them)."""
        return self.data["flags"]

    @property
    def tests(self) -> list[dict[str, Any]]:
        """The §3 test blocks."""
        return self.data["tests"]


def report_request(*, month: str, unit: str | None = None, area: str | None = None,
                   units: Iterable[str] | None = None) -> ReportRequest:
    """The ReportRequest of these filters (ValueError for a malformed month)."""
    parse_month(month)
    return ReportRequest(month=month, unit=unit or None, area=area or None,
                         units=None if units is None else tuple(sorted(units)))


def report_references(reference_groups: Mapping[str, str] | None = None) -> dict[str, str]:
    """The reference group per dimension: the defaults, overridden by `reference_groups`."""
    return {**DEFAULT_REFERENCES, **(reference_groups or {})}


def compute_report(session: Session, *, month: str, unit: str | None = None, area: str | None = None,
                   units: Iterable[str] | None = None,
                   reference_groups: Mapping[str, str] | None = None) -> MonthlyReport:
    """The month's report for one scope. `units` limits it to a supervisor's units (None: all);
    `reference_groups` maps dimension -> reference group (see `inputs.reference_groups`)."""
    request = report_request(month=month, unit=unit, area=area, units=units)
    return compute_request(session, request, report_references(reference_groups))


def compute_request(session: Session, request: ReportRequest, references: dict[str, str]) -> MonthlyReport:
    """The report of `request` with these reference groups, computed from the stops."""
    scope, month = request.scope, request.month
    with report_settings(session):
        tallies = stratified_tallies(session, scope)
        data = build_report(report_inputs(session, scope, tallies, references), reference_groups=references)
        compliance = build_compliance(registration_compliance(session, scope, by="unit"))
    return MonthlyReport(
        request=request,
        data=data,
        references=references,
        trend=build_trend(tallies.monthly("search_rate", "plate_country"), month, references["plate_country"]),
        flag_trends=flag_trends(tallies, data["flags"], references),
        compliance=compliance,
        feedback=report_feedback(session, request),
    )


def report_feedback(session: Session, request: ReportRequest) -> FeedbackSummary:
    """The citizen feedback of the request's month and units (always read fresh: feedback
    arrives without touching the stops, so stored reports do not keep it)."""
    start, _ = queries.month_range(request.month)
    return feedback_summary(session, units=request.feedback_units(), start=start, end=start)
