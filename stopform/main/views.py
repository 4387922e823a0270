"""The start page sends each role where its work is."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for

from ..auth.access import current_user, roles_required, signed_in_user

bp = Blueprint("main", __name__)
HOME_BY_ROLE = {"officer": "stops.new", "supervisor": "main.start", "admin": "admin.users",
                "oversight": "main.overview"}


@bp.route("/")
def index():
    """Log in, or go to the page for your role."""
    user = current_user()
    if user is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for(HOME_BY_ROLE.get(user.role, "auth.login")))


@bp.route("/overview")
@roles_required("supervisor", "admin", "oversight")
def overview():
    """This month's stops in aggregate: no record-level data, so oversight may see it too."""
    from ..db import get_session
    from .services import month_overview
    return render_template("main/overview.html", overview=month_overview(get_session(), signed_in_user()))


@bp.route("/start")
@roles_required("supervisor", "admin")
def start():
    """The last complete month at a glance: flags, the review queue, receipts and late records."""
    from ..db import get_session
    from ..reports.inputs import reference_groups  # the statistics stack loads on first use only
    from ..reports.months import last_complete_month
    from .start import start_page
    page = start_page(get_session(), signed_in_user(), last_complete_month(), reference_groups(current_app.config))
    return render_template("main/start.html", start=page)
