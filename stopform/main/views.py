"""The start page sends each role where its work is."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from ..auth.access import current_user, roles_required, signed_in_user

bp = Blueprint("main", __name__)
HOME_BY_ROLE = {"officer": "stops.new", "supervisor": "stops.mine", "admin": "admin.users",
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
