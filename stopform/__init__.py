"""stopform: a digital stop form for the Dutch police.

`create_app` is the application factory (Flask tutorial style): configuration first, then the
extensions, then one blueprint per feature, then the command-line commands.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from . import config as config_module

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build and configure a stopform application."""
    app = Flask(__name__, instance_path=str(PROJECT_ROOT / "instance"), instance_relative_config=True,
                template_folder=str(PROJECT_ROOT / "templates"), static_folder=str(PROJECT_ROOT / "static"))
    _load_config(app, test_config)
    _init_extensions(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


def _load_config(app: Flask, test_config: dict | None) -> None:
    app.config.from_mapping(config_module.default_config(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(config_module.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    production = app.config["ENV"] == "production"
    app.config.setdefault("SESSION_COOKIE_SECURE", production)
    app.config["SESSION_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"] or production
    config_module.check_production(app.config)


def _init_extensions(app: Flask) -> None:
    from . import bodies, compression, db, errors, i18n, limiter, security
    from .auth.access import load_current_user
    compression.init_app(app)  # first, so that it runs after every other after_request hook
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
    from .admin.views import bp as admin_bp
    from .api.views import bp as api_bp
    from .audit.views import bp as audit_bp
    from .auth.views import bp as auth_bp
    from .main.views import bp as main_bp
    from .pwa.views import bp as pwa_bp
    from .reports.views import bp as reports_bp
    from .review.views import bp as review_bp
    from .stops.views import bp as stops_bp
    for blueprint in (main_bp, auth_bp, stops_bp, admin_bp, api_bp, audit_bp, receipts_bp, review_bp, reports_bp,
                      pwa_bp):
        app.register_blueprint(blueprint)


def _public_home():
    from flask import redirect, url_for
    return redirect(url_for("receipts.lookup"))


def _register_commands(app: Flask) -> None:
    from .cli import register
    register(app)
