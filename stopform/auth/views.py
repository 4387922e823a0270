"""Log in and log out."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from ..db import get_session
from .access import login_user, logout_user
from .forms import LoginForm
from .services import authenticate

bp = Blueprint("auth", __name__, url_prefix="/auth")


def safe_next(target: str | None) -> str:
    """Only local paths are followed after login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(session=get_session(), username=form.username.data, password=form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        form.password.errors = [_l("The username or password is not right.")]
    status = 422 if form.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    """End the session (POST, so a link or image cannot log anyone out)."""
    logout_user()
    return redirect(url_for("auth.login"))
