"""stopform: a digital stop form for the Dutch police.

`create_app` is the application factory (Flask tutorial style): configuration first, then the
extensions, then one blueprint per feature, then the command-line commands.
"""
from __future__ import annotations

import os
from pathlib import Path

# The report's linear algebra is tiny (a density over a hundred officers' z-scores, fits with a
# few columns). OpenBLAS's own worker threads only contend with gunicorn's threads and with
# each other for the cores: measured on the 2-core machine, one such density took 40 ms with
# them and 0.3 ms without. Set before numpy loads (a value already set is kept).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from flask import Flask

from . import config as config_module

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build and configure a stopform application."""
    # The static route is added after the configuration is read: a public-only instance has none.
    app = Flask(__name__, instance_path=str(PROJECT_ROOT / "instance"), instance_relative_config=True,
                template_folder=str(PROJECT_ROOT / "templates"), static_folder=None)
    _load_config(app, test_config)
    _serve_static_files(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_commands(app)
    _trust_proxies(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Take the client's address and scheme from `X-Forwarded-*` only when `TRUSTED_PROXIES` says how
    many proxies set them (werkzeug's ProxyFix reads that many hops from the right); otherwise
    those headers are ignored, since any client can send them."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way to wrap it
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=0, x_prefix=0)


def _load_config(app: Flask, test_config: dict | None) -> None:
    app.config.from_mapping(config_module.default_config(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(config_module.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    app.config["CONFIGURED_ENV"] = app.config["ENV"]
    app.config["ENV"] = config_module.effective_env(app.config["ENV"])
    production = app.config["ENV"] == "production"
    app.config.setdefault("SESSION_COOKIE_SECURE", production)
    app.config["SESSION_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"] or production
    config_module.check_production(app.config)
    from .retention.policy import checked_retention_months
    checked_retention_months(app.config["RETENTION_MONTHS"])  # the Wpg's maximum, in every environment


def _serve_static_files(app: Flask) -> None:
    """Staff instances serve `static/` (scripts, styles, icons) at /static. A public-only instance
    serves none of it: the receipt pages inline their one stylesheet and use no script, image or
    font over HTTP, so staff scripts never reach the internet. The folder stays known to the
    card renderer, which reads its fonts from disk."""
    app.static_folder = str(PROJECT_ROOT / "static")
    if app.config.get("PUBLIC_ONLY"):
        return
    app.add_url_rule(f"{app.static_url_path}/<path:filename>", endpoint="static", view_func=app.send_static_file)


def _init_extensions(app: Flask) -> None:
    from . import bodies, compression, db, errors, i18n, limiter, security
    from .auth import sessions
    from .auth.access import load_current_user
    compression.init_app(app)  # first, so that it runs after every other after_request hook
    sessions.init_app(app)
    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    bodies.init_app(app)
    app.before_request(load_current_user)
    limiter.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from .receipts.views import bp as receipts_bp
    if app.config.get("PUBLIC_ONLY"):
        # An internet-facing instance serves the citizen's pages and nothing else.
        app.register_blueprint(receipts_bp)
        app.add_url_rule("/", "public_home", _public_home)
        return
    from .admin.audit_log import bp as audit_bp
    from .admin.views import bp as admin_bp
    from .api.views import bp as api_bp
    from .auth.views import bp as auth_bp
    from .main.views import bp as main_bp
    from .pwa.views import bp as pwa_bp
    from .reports.views import bp as reports_bp
    from .retention.views import bp as retention_bp
    from .review.views import bp as review_bp
    from .stops.views import bp as stops_bp
    for blueprint in (main_bp, auth_bp, stops_bp, admin_bp, api_bp, audit_bp, receipts_bp, review_bp, reports_bp,
                      pwa_bp, retention_bp):
        app.register_blueprint(blueprint)


def _public_home():
    from flask import redirect, url_for
    return redirect(url_for("receipts.lookup"))


def _register_commands(app: Flask) -> None:
    from .cli import register
    register(app)
