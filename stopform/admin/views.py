"""Admin pages: users, units, areas, API tokens and receipt revocation."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..api.tokens import list_tokens, revoke_token
from ..areas.services import AreaImportError, parse_area_rows, upsert_areas
from ..audit.services import record_event
from ..auth.access import roles_required, signed_in_user
from ..auth.roles import role_name
from ..auth.services import AccountError
from ..catalog.services import load_catalog
from ..db import get_session
from ..models import ROLES, Area, StopTemplate, Unit, User
from ..stops.context import local_today
from . import records, services
from . import stop_templates as stop_template_admin
from . import units as unit_admin
from .forms import AreaForm, AreaImportForm, ReceiptRevokeForm, TokenForm, UnitEditForm, UnitForm, UserForm
from .stop_templates import StopTemplateForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@roles_required("admin")
def require_admin():
    """Every admin page is for admins only."""


def _user_form(user: User | None) -> UserForm:
    session = get_session()
    form = UserForm(obj=user)
    units = services.list_units(session)
    current = session.get(Unit, user.unit_id) if user is not None and user.unit_id else None
    form.role.choices = [(role, role_name(role)) for role in ROLES]
    # A switched-off unit is offered to no new member; supervision of its past stops stays possible.
    form.unit.choices = [("", _("No unit"))] + [(u.code, u.code) for u in units if u.active or u is current]
    form.supervised_units.choices = [(u.code, u.code) for u in units]
    if user is not None and not form.is_submitted():
        unit = session.get(Unit, user.unit_id) if user.unit_id else None
        form.unit.data = unit.code if unit else ""
        form.supervised_units.data = services.supervised_codes(session, user)
    return form


@bp.route("/users")
def users():
    """All accounts."""
    return render_template("admin/users.html", users=services.list_users(get_session()))


@bp.route("/users/new", methods=["GET", "POST"])
@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int | None = None):
    """Create or edit an account."""
    user = get_session().get(User, user_id) if user_id else None
    if user_id and user is None:
        abort(404)
    form = _user_form(user)
    if form.validate_on_submit():
        try:
            services.save_user(session=get_session(), user=user, data=form.data, actor=signed_in_user())
        except AccountError as error:
            form.username.errors = [str(error)]
        else:
            flash(_("Saved."))
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user), 422 if form.errors else 200


@bp.route("/units", methods=["GET", "POST"])
def units():
    """Every unit, registered or only carried by stops, and a form to add one."""
    form = UnitForm()
    if form.validate_on_submit():
        unit_admin.add_unit(session=get_session(), code=form.code.data, name=form.name.data, actor=signed_in_user())
        flash(_("Saved."))
        return redirect(url_for("admin.units"))
    return render_template("admin/units.html", form=form, rows=unit_admin.unit_rows(get_session())), \
        422 if form.errors else 200


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
def edit_unit(unit_id: int):
    """Rename a unit or switch it off."""
    unit = get_session().get(Unit, unit_id)
    if unit is None:
        abort(404)
    form = UnitEditForm(obj=unit)
    if form.validate_on_submit():
        unit_admin.update_unit(session=get_session(), unit=unit, name=form.name.data, active=bool(form.active.data),
                               actor=signed_in_user())
        flash(_("Saved."))
        return redirect(url_for("admin.units"))
    return render_template("admin/unit_form.html", form=form, unit=unit), 422 if form.errors else 200


@bp.route("/areas", methods=["GET", "POST"])
def areas():
    """List areas and import a CSV of them."""
    from ..areas.services import list_areas
    form = AreaImportForm()
    if form.validate_on_submit():
        text = form.file.data.read().decode("utf-8-sig", errors="replace")
        try:
            result = upsert_areas(session=get_session(), areas=parse_area_rows(csv.DictReader(io.StringIO(text))))
        except AreaImportError as error:
            form.file.errors = error.problems
        else:
            record_event(get_session(), "areas_imported", actor=signed_in_user(),
                         details={"added": result.added, "updated": result.updated})
            flash(_("%(added)s added, %(updated)s updated.", added=result.added, updated=result.updated))
            return redirect(url_for("admin.areas"))
    return render_template("admin/areas.html", form=form, areas=list_areas(get_session(), active_only=False)), \
        422 if form.errors else 200


@bp.route("/areas/new", methods=["GET", "POST"])
@bp.route("/areas/<int:area_id>", methods=["GET", "POST"])
def edit_area(area_id: int | None = None):
    """Create or edit one area."""
    area = get_session().get(Area, area_id) if area_id else None
    if area_id and area is None:
        abort(404)
    form = AreaForm(obj=area)
    if form.validate_on_submit():
        try:
            services.save_area(session=get_session(), area=area, data=form.data, actor=signed_in_user())
        except ValueError as error:
            form.code.errors = [str(error)]
        else:
            flash(_("Saved."))
            return redirect(url_for("admin.areas"))
    return render_template("admin/area_form.html", form=form, area=area), 422 if form.errors else 200


@bp.route("/templates")
def stop_templates():
    """The stop templates officers can start a stop from."""
    return render_template("admin/templates.html", templates=stop_template_admin.list_templates(get_session()))


@bp.route("/templates/new", methods=["GET", "POST"])
@bp.route("/templates/<int:template_id>", methods=["GET", "POST"])
def edit_stop_template(template_id: int | None = None):
    """Create or edit one stop template."""
    session = get_session()
    template = session.get(StopTemplate, template_id) if template_id else None
    if template_id and template is None:
        abort(404)
    form = StopTemplateForm()
    form.fill_choices(session, load_catalog(session, local_today()), str(get_locale() or "nl"))
    if template is not None and not form.is_submitted():
        form.show(template)
    if form.validate_on_submit():
        try:
            stop_template_admin.save_template(session=session, template=template, form=form, actor=signed_in_user())
        except ValueError as error:
            form.name.errors = [str(error)]
        else:
            flash(_("Saved."))
            return redirect(url_for("admin.stop_templates"))
    return render_template("admin/template_form.html", form=form, template=template), 422 if form.errors else 200


@bp.route("/tokens", methods=["GET", "POST"])
def tokens():
    """List API tokens and create one; a new token is shown once, on this response only."""
    form, new_token = TokenForm(), None
    if form.validate_on_submit():
        try:
            new_token = records.create_token_for(session=get_session(), username=form.username.data,
                                                 label=form.label.data or "", days=form.days.data,
                                                 actor=signed_in_user())
        except records.NoSuchRecord:
            form.username.errors = [_("No active user with this username.")]
    page = render_template("admin/tokens.html", form=form, tokens=list_tokens(session=get_session()),
                           new_token=new_token)
    response = make_response(page, 422 if form.errors else 200)
    response.headers["Cache-Control"] = "no-store"  # the raw token must not stay in any cache
    return response


@bp.post("/tokens/<int:token_id>/revoke")
def revoke_api_token(token_id: int):
    """Revoke one API token."""
    if not revoke_token(session=get_session(), token_id=token_id, actor=signed_in_user(), via="admin"):
        abort(404)
    flash(_("Token %(id)s revoked.", id=token_id))
    return redirect(url_for("admin.tokens"))


@bp.route("/receipts", methods=["GET", "POST"])
def receipts():
    """Revoke the public receipt of a stop (its link and code stop working)."""
    form = ReceiptRevokeForm()
    if form.validate_on_submit():
        try:
            revoked = records.revoke_receipt_of(session=get_session(), reference=form.reference.data,
                                                actor=signed_in_user())
        except records.NoSuchRecord:
            form.reference.errors = [_("No stop with this reference.")]
        else:
            flash(_("%(count)s receipt(s) revoked.", count=revoked))
            return redirect(url_for("admin.receipts"))
    return render_template("admin/receipts.html", form=form), 422 if form.errors else 200
