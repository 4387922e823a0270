"""Log in and log out."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from ..audit.services import record_event
from ..db import get_session
from ..limiter import limiter
from .access import current_user, login_user, logout_user
from .forms import LoginForm
from .services import authenticate

bp = Blueprint("auth", __name__, url_prefix="/auth")


def safe_next(target: str | None) -> str:
    """Only local paths are followed after login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("main.index")


def _failed(response) -> bool:
    return response.status_code != 302


def _account_key() -> str:
    return "login-account:" + request.form.get("username", "").strip().lower()[:64]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per 15 minutes", methods=["POST"], deduct_when=_failed)  # one address, any account
@limiter.limit("5 per 15 minutes", methods=["POST"], key_func=_account_key, deduct_when=_failed)
def login():
    """The login page."""
    form = LoginForm()
    if form.validate_on_submit():
        session = get_session()
        user = authenticate(session=session, username=form.username.data, password=form.password.data)
        if user is not None:
            login_user(user)
            record_event(session, "login", actor=user)
            return redirect(safe_next(request.args.get("next")))
        record_event(session, "login_failed", details={"username": form.username.data[:64]})
        session.commit()  # the error response would roll it back, and failed logins must be kept
        form.password.errors = [_l("The username or password is not right.")]
    status = 422 if form.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    """End the session (POST, so a link or image cannot log anyone out)."""
    user = current_user()
    if user is not None:
        record_event(get_session(), "logout", actor=user)
    logout_user()
    return redirect(url_for("auth.login"))
