"""The audit log in the app, for admins and oversight."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from ..auth.access import roles_required
from ..db import get_session
from .services import latest_entries

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.route("/")
@roles_required("admin", "oversight")
def index():
    """The newest audit entries, 50 a page."""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    action = request.args.get("action") or None
    entries = latest_entries(get_session(), page=page, action=action)
    return render_template("audit/index.html", entries=entries, page=page, action=action)
