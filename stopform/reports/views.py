"""`/reports/<YYYY-MM>`: the monthly report page, and its PDF, JSON and CSV (same filters).

Supervisors see their units, admins and oversight all; officers get 403. Every view and export
is written to the audit log (committed with the request, so only when it succeeds).
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for

from ..areas.services import list_areas
from ..audit.actions import STOPS_EXPORTED
from ..audit.services import record_event
from ..auth.access import current_user, roles_required, signed_in_user
from ..db import get_report_session, get_session
from . import drilldown, formatting, outputs
from .months import last_complete_month, month_or_404
from .queries import add_months, parse_month
from .reading import REPORT_ROLES, REVIEW_ROLES, OutsideScope, read_report, unit_choices

bp = Blueprint("reports", __name__)
OPEN_DATA_ROLES = ("admin", "oversight")
CODE_MAX = 64
for _name, _filter in formatting.FILTERS.items():  # numbers and dates in the reader's locale
    bp.add_app_template_filter(_filter, _name)


@bp.after_request
def not_stored(response):
    """Reports stay out of shared browser caches (a patrol car's tablet, a shared desk)."""
    response.headers.setdefault("Cache-Control", "private, no-store")
    return response


@bp.app_context_processor
def report_navigation():
    """`report_month()` for the nav link to the report (the last complete month); `stops_url()`
    and `drilldown` for the links to the stops behind a row or flag."""
    return {"report_month": last_complete_month, "stops_url": stops_url, "drilldown": drilldown}


def stops_url(report_request, args: dict, month: str | None = None) -> str:
    """The review list showing the stops behind a row or flag (`drilldown`), in the report's scope."""
    scope = drilldown.scope_args(report_request.unit, report_request.area)
    return url_for("review.review_list", month=month or report_request.month, **{**scope, **args})


def _filters() -> dict[str, str]:
    """The unit and area filters of the query string (empty ones left out)."""
    filters = {}
    for name in ("unit", "area"):
        value = request.args.get(name, "").strip()
        if len(value) > CODE_MAX:
            abort(400)
        if value:
            filters[name] = value
    return filters


def _read(month: str, output: str):
    filters = _filters()
    from .inputs import reference_groups  # the statistics stack loads on first use only
    try:
        report = read_report(get_session(), user=current_user(), month=month, unit=filters.get("unit"),
                             area=filters.get("area"), output=output,
                             reference_groups=reference_groups(current_app.config), source=get_report_session())
    except OutsideScope:
        abort(403)
    return report, filters


@bp.route("/reports/")
@roles_required(*REPORT_ROLES)
def choose():
    """The filter form's target: on to the chosen month's page (the last complete month when none
    is given)."""
    month = request.args.get("month", "").strip() or last_complete_month()
    return redirect(url_for("reports.page", month=month_or_404(month), **_filters()))


@bp.route("/reports/<month>")
@roles_required(*REPORT_ROLES)
def page(month: str):
    """The report page: flags first, every test as a table with its chart, trend, compliance, feedback."""
    from .recording_time import recording_times
    from .storage import drawn_view
    report, filters = _read(month_or_404(month), "html")
    session, user, first = get_session(), signed_in_user(), parse_month(month)
    return render_template("reports/page.html", view=drawn_view(session, report), filters=filters,
                           units=unit_choices(session, user), areas=list_areas(session),
                           show_review=user.role in REVIEW_ROLES, show_open_data=user.role in OPEN_DATA_ROLES,
                           recording=recording_times(session, report.request.scope),
                           previous_month=add_months(first, -1).strftime("%Y-%m"),
                           next_month=add_months(first, 1).strftime("%Y-%m"))


def _json_with_recording_times(report) -> str:
    """The report's JSON with the separate block on the time officers spend recording."""
    from .recording_time import as_json, recording_times
    data = {**report.data, "time_to_record": as_json(recording_times(get_session(), report.request.scope))}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@bp.route("/reports/<month>.<any(pdf, json, csv, xlsx):output>")
@roles_required(*REPORT_ROLES)
def export(month: str, output: str):
    """The same report as PDF (shown in the browser), an Excel workbook or JSON / CSV (downloaded)."""
    report, _filters_used = _read(month_or_404(month), output)
    disposition = "attachment"
    if output == "pdf":
        from .document import report_pdf
        body: str | bytes = report_pdf(get_session(), report, with_queue=signed_in_user().role in REVIEW_ROLES)
        disposition = "inline"
    elif output == "xlsx":
        from .workbook import report_workbook
        body = report_workbook(report)
    else:
        body = _json_with_recording_times(report) if output == "json" else outputs.report_csv(report)
    response = Response(body, content_type=outputs.MEDIA_TYPES[output])
    response.headers["Content-Disposition"] = f'{disposition}; filename="{outputs.file_name(report, output)}"'
    return response


@bp.route("/reports/<month>/open-data.csv")
@roles_required(*OPEN_DATA_ROLES)
def open_data(month: str):
    """The month's publishable counts (docs/open-data.md), all units: for oversight and admins."""
    from .open_data import open_data_csv, open_data_frame  # pandas loads on first use only
    month = month_or_404(month)
    session = get_session()
    frame = open_data_frame(session, month)
    record_event(session, STOPS_EXPORTED, actor=signed_in_user(), target_type="month", target_id=month,
                 details={"kind": "open_data", "summary": f"{len(frame)} rows covering {int(frame['stops'].sum())} "
                                                         "stops", "via": "web"})
    response = Response(open_data_csv(frame), content_type=outputs.MEDIA_TYPES["csv"])
    response.headers["Content-Disposition"] = f'attachment; filename="stops-open-data-{month}.csv"'
    return response
