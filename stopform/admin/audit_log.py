"""The audit log in the app, for admins and oversight.

It lives with the administration pages, not in `audit`: that package is a service every feature
writes to, so it must not need `auth` (which writes to it) in turn."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from ..audit.services import latest_entries
from ..auth.access import roles_required
from ..db import get_session

bp = Blueprint("audit", __name__, url_prefix="/audit")
MAX_PAGE = 100_000  # 5 million entries back; beyond it offsets overflow SQLite's integers
ACTION_MAX = 48


@bp.route("/")
@roles_required("admin", "oversight")
def index():
    """The newest audit entries, 50 a page."""
    page = request.args.get("page", 1, type=int) or 1
    action = request.args.get("action") or None
    if not 1 <= page <= MAX_PAGE or (action and len(action) > ACTION_MAX):
        abort(404)
    entries = latest_entries(get_session(), page=page, action=action)
    return render_template("audit/index.html", entries=entries, page=page, action=action)
