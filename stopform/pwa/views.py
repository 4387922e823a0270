"""Routes of the officers' web app: `/sw.js` (scope `/`), the manifest, the offline page and a
small JSON probe that tells the outbox who is logged in and gives it a current CSRF token."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from ..auth.access import current_user
from .shell import worker_script

bp = Blueprint("pwa", __name__)
THEME_COLOUR = "#154273"
RECORDING_ROLES = frozenset({"officer", "supervisor"})


@bp.app_context_processor
def outbox_context() -> dict:
    """`outbox_unit()`: the signed-in officer's unit code, for the export of unsent stops
    (templates/stops/_outbox.html); read only on the pages that show the outbox."""
    def outbox_unit() -> str:
        from ..auth.access import own_unit_code
        from ..db import get_session
        user = current_user()
        return own_unit_code(get_session(), user) if user is not None else ""
    return {"outbox_unit": outbox_unit}


@bp.get("/sw.js")
def service_worker():
    """The service worker; served from the root so its scope can be the whole app."""
    response = Response(worker_script(), mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker on every navigation; never answer from an HTTP cache.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest: installable, opens on the stop form."""
    icons = [{"src": url_for("static", filename=f"icons/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png", "purpose": "any maskable"} for size in (192, 512)]
    icons.append({"src": url_for("static", filename="icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"})
    body = {"name": "stopform", "short_name": "stopform", "description": _("Record a stop"),
            "start_url": url_for("stops.new"), "scope": "/", "display": "standalone",
            "background_color": "#ffffff", "theme_color": THEME_COLOUR, "icons": icons}
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/offline")
def offline():
    """Shown by the service worker for a page that is not kept on the device."""
    return render_template("pwa/offline.html")


@bp.get("/pwa/session")
def session_probe():
    """Who is logged in and a CSRF token for the outbox's requests; 401 when nobody is."""
    user = current_user()
    if user is None:
        return jsonify({"error": "not logged in"}), 401
    response = jsonify({"username": user.username, "records_stops": user.role in RECORDING_ROLES,
                        "csrf_token": generate_csrf()})
    response.headers["Cache-Control"] = "no-store"
    return response
