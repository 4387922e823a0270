"""`POST /stops/<id>/legal-hold`: supervisors and admins set or lift a stop's legal hold."""
from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from ..auth.access import roles_required, signed_in_user
from ..db import get_session
from .holds import HOLD_ROLES, HoldError, set_legal_hold

bp = Blueprint("retention", __name__)


@bp.route("/stops/<uuid:stop_id>/legal-hold", methods=["POST"])
@roles_required(*HOLD_ROLES)
def legal_hold(stop_id: uuid.UUID):
    """Set (held=1) or lift (held=0) the hold; the reason is required and audited as a hash."""
    reason = request.form.get("reason", "")
    try:
        stop = set_legal_hold(session=get_session(), user=signed_in_user(), stop_id=stop_id,
                              held=request.form.get("held") == "1", reason=reason)
    except HoldError:
        abort(404)
    except ValueError:
        flash(_("Give the complaint or case the legal hold is for."))
        return redirect(url_for("stops.show", stop_id=stop_id))
    flash(_("Legal hold set: retention leaves this stop alone.") if stop.legal_hold
          else _("Legal hold lifted."))
    return redirect(url_for("stops.show", stop_id=stop_id))
