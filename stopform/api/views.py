"""JSON API v1: stops (submit, list, read), areas and the catalogue."""
from __future__ import annotations

import uuid

from flask import Blueprint, abort, g, jsonify, request
from flask_babel import gettext as _

from ..areas.services import list_areas
from ..catalog.services import load_catalog
from ..db import commit_each_statement, get_session
from ..security import csrf
from ..stops import services as stop_services
from ..stops.context import local_today
from . import services
from .auth import authenticate_request
from .openapi import openapi_document
from .presenters import catalog_json, stop_json
from .slots import receipt_slots

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
RECORDING_ROLES = frozenset({"officer", "supervisor"})
MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # beyond it offsets overflow SQLite's integers; nobody has that many stops


@bp.before_request
def require_authentication():
    """Every route but the OpenAPI document needs a caller."""
    if request.endpoint == "api.create_stop":
        commit_each_statement(get_session())  # storing a stop is one statement (stops.one_statement)
    if request.endpoint != "api.openapi":
        authenticate_request()


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    return jsonify(openapi_document())


@bp.post("/stops")
def create_stop():
    """Submit a stop; replays of the same body are answered, not stored again."""
    if g.api_user.role not in RECORDING_ROLES:
        abort(403)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify({"errors": {"body": "send a JSON object"}}), 422
    key = request.headers.get("Idempotency-Key")
    if key is not None and key != str(body.get("stop_id")):
        return jsonify({"errors": {"Idempotency-Key": "must equal the body's stop_id"}}), 422
    answer = services.submit_stop(session=get_session(), caller=g.api_user, body=body)
    return jsonify(answer.body), answer.status


@bp.post("/receipt-slots")
def new_receipt_slots():
    """Credentials for receipts handed over offline; nothing is stored until a stop uses one."""
    if g.api_user.role not in RECORDING_ROLES:
        abort(403)
    count = request.args.get("count", 10, type=int) or 10
    return jsonify({"items": receipt_slots(count, user_id=g.api_user.id, qr_label=_("Receipt QR code"))})


@bp.get("/stops")
def list_stops():
    """The caller's own stops, newest first, paged."""
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    per_page = min(max(request.args.get("per_page", 20, type=int) or 20, 1), MAX_PER_PAGE)
    stops = stop_services.own_stops_page(session=get_session(), user=g.api_user, page=page, per_page=per_page)
    return jsonify({"items": [stop_json(s) for s in stops], "page": page, "per_page": per_page})


@bp.get("/stops/<stop_id>")
def get_stop(stop_id: str):
    """One stop the caller may see."""
    try:
        parsed = uuid.UUID(stop_id)
    except ValueError:
        abort(404)
    stop = stop_services.find_visible_stop(session=get_session(), user=g.api_user, stop_id=parsed)
    if stop is None:
        abort(404)
    return jsonify(stop_json(stop))


@bp.get("/areas")
def areas():
    """Active areas with their centre coordinates."""
    return jsonify({"items": [{"code": a.code, "name": a.name, "latitude": float(a.latitude),
                               "longitude": float(a.longitude)} for a in list_areas(get_session())]})


@bp.get("/catalog")
def catalog():
    """Today's legal bases (with what each permits) and code lists."""
    return jsonify(catalog_json(load_catalog(get_session(), local_today())))
