"""Log in, log out and change one's own password."""
from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from ..audit.services import record_event
from ..db import get_session
from ..limiter import limiter
from . import policy
from .access import current_user, login_required, login_user, logout_user, signed_in_user
from .forms import LoginForm, PasswordChangeForm
from .roles import role_name
from .services import UnchangedPasswordError, WrongPasswordError, authenticate, change_own_password
from .sessions import bump_session_version

bp = Blueprint("auth", __name__, url_prefix="/auth")
bp.add_app_template_filter(role_name, "role_name")
POLICY_MESSAGES = {
    policy.TOO_SHORT: _l("Use at least %(n)s characters.", n=policy.MIN_LENGTH),
    policy.TOO_LONG: _l("Use at most %(n)s characters.", n=policy.MAX_LENGTH),
    policy.TOO_COMMON: _l("This password is on a list of common or breached passwords. Choose another."),
    policy.TOO_GUESSABLE: _l("This password is too easy to guess. Add words or characters that are not a "
                             "name, a pattern or part of your account."),
}


def safe_next(target: str | None) -> str:
    """Only a path on this site is followed after login (no open redirect): no scheme or host,
    no control characters or whitespace (browsers drop a tab or newline and would read
    `/\\t/evil.example` as `//evil.example`), no backslash."""
    fallback = url_for("main.index")
    if not target or any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in target):
        return fallback
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else fallback


def _failed(response) -> bool:
    return response.status_code != 302


def _account_key() -> str:
    return "login-account:" + request.form.get("username", "").strip().lower()[:64]


def _own_account_key() -> str:
    user = current_user()
    return f"password-change:{user.id if user else request.remote_addr}"


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
    """End the session here and everywhere else (POST, so a link or image cannot log anyone out)."""
    user = current_user()
    if user is not None:
        session = get_session()
        bump_session_version(session, user)
        record_event(session, "logout", actor=user)
    logout_user()
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit("5 per 15 minutes", methods=["POST"], key_func=_own_account_key, deduct_when=_failed)
def change_password():
    """Change one's own password; every other session of the account ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit() and not _policy_errors(form):
        session, user = get_session(), current_user()
        try:
            change_own_password(session=session, user=user, current=form.current.data, new=form.new.data)
        except WrongPasswordError:
            form.current.errors = [_l("The current password is not right.")]
        except UnchangedPasswordError:
            form.new.errors = [_l("The new password must differ from the current one.")]
        else:
            record_event(session, "password_changed", actor=user, target_type="user", target_id=user.username)
            login_user(user)  # this browser goes on under the new session version
            flash(_l("Your password was changed. Other devices are logged out."))
            return redirect(url_for("main.index"))
    status = 422 if form.errors else 200
    return render_template("auth/password.html", form=form, min_length=policy.MIN_LENGTH), status


def _policy_errors(form: PasswordChangeForm) -> bool:
    user = signed_in_user()
    problem = policy.password_problem(form.new.data, (user.username, user.service_number))
    if problem is not None:
        form.new.errors = [POLICY_MESSAGES[problem]]
    return problem is not None

