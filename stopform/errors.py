"""Error pages in the app's style, and JSON errors for the API."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from werkzeug.exceptions import HTTPException, InternalServerError

from .limiter import seconds_until_reset

UNAVAILABLE_RETRY_SECONDS = 5

MESSAGES = {
    400: (_l("The request could not be understood"), _l("Please go back, reload the page and try again.")),
    401: (_l("Log in first"), _l("This needs credentials: log in, or send an API token.")),
    403: (_l("You do not have access to this page"), _l("Your role does not allow this. Ask an administrator if you think it should.")),  # noqa: E501
    404: (_l("Page not found"), _l("Check the address, or go back to the start page.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    409: (_l("Conflict"), _l("This was already stored with different content.")),
    413: (_l("Too much data"), _l("The request was larger than stopform accepts.")),
    429: (_l("Too many attempts"), _l("Please wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("Nothing you sent was stored. Please try again; if it keeps happening, tell your administrator.")),  # noqa: E501
    503: (_l("Service briefly unavailable"), _l("The database could not be reached. Nothing was stored: please try again in a moment.")),  # noqa: E501
}


def wants_json() -> bool:
    """API callers get JSON errors; browsers get pages."""
    return request.path.startswith("/api/")


def render_error(status: int, description: str | None = None):
    """The error response for `status` in the negotiated format."""
    title, hint = MESSAGES.get(status, MESSAGES[400] if 400 <= status < 500 else MESSAGES[500])
    if wants_json():
        return make_response(jsonify({"error": str(title), "status": status, "detail": description or str(hint)}),
                             status)
    # An internet-facing public-only instance has no staff layout to link into.
    template = "errors/public.html" if current_app.config.get("PUBLIC_ONLY") else "errors/error.html"
    return make_response(render_template(template, status=status, title=title, hint=hint), status)


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, error.description)

    @app.errorhandler(HTTPException)
    def http_error(error):
        detail = error.description if error.description != type(error).description else None
        response = render_error(error.code or 500, detail)
        if error.code == 429:
            response.headers["Retry-After"] = str(getattr(error, "retry_after", None) or seconds_until_reset())
        return response

    @app.errorhandler(DBAPIError)
    def database_error(error):
        if database_unavailable(error):
            app.logger.warning("database unavailable: %s", error.orig)
            return unavailable()
        app.logger.exception("database error", exc_info=error)
        return render_error(500)

    @app.errorhandler(SQLAlchemyTimeoutError)
    def pool_exhausted(error):
        app.logger.warning("no database connection free within the pool timeout: %s", error)
        return unavailable()

    @app.errorhandler(InternalServerError)
    def internal_error(error):
        original = getattr(error, "original_exception", None)
        if isinstance(original, SQLAlchemyTimeoutError) or (
                isinstance(original, DBAPIError) and database_unavailable(original)):
            return unavailable()
        return render_error(500)


def database_unavailable(error: DBAPIError) -> bool:
    """A dropped, unreachable or timed-out database (temporary: the client should retry), as
    opposed to a statement the database refused."""
    if error.connection_invalidated:
        return True
    sqlite_error = getattr(error.orig, "sqlite_errorname", None)
    if sqlite_error is not None:
        return sqlite_error in {"SQLITE_BUSY", "SQLITE_LOCKED"}
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate:
        # 08: connection exception; 57: operator intervention (statement timeout, shutdown);
        # 53300: too many connections.
        return sqlstate.startswith(("08", "57")) or sqlstate == "53300"
    # No SQLSTATE: the driver lost its connection or never got one (refused, timed out).
    return isinstance(error, OperationalError)


def unavailable():
    """503 with a hint to retry shortly."""
    response = render_error(503)
    response.headers["Retry-After"] = str(UNAVAILABLE_RETRY_SECONDS)
    return response

