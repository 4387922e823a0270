"""Response hardening: CSRF on every form and security headers on every response."""
from __future__ import annotations

from flask import Flask, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

DEFAULT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
               "form-action 'self'; frame-ancestors 'none'")
HSTS = "max-age=31536000; includeSubDomains"
# Pages and API answers that carry records, receipt tokens or accounts: never kept by a browser
# or proxy cache (RFC 9111 §5.2.2.5). The form, the catalogue and the areas are the offline
# app's shell, which the service worker keeps; the OpenAPI document is public.
PRIVATE_BLUEPRINTS = frozenset({"stops", "api", "review", "audit", "admin"})
SHELL_ENDPOINTS = frozenset({"stops.new", "api.catalog", "api.areas", "api.openapi"})


def must_not_be_stored() -> bool:
    """Whether this request's answer is private data that no cache may keep."""
    return request.blueprint in PRIVATE_BLUEPRINTS and request.endpoint not in SHELL_ENDPOINTS


def init_app(app: Flask) -> None:
    """Turn CSRF protection on and add the headers after every request."""
    csrf.init_app(app)

    @app.after_request
    def add_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", DEFAULT_CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        if must_not_be_stored():
            headers["Cache-Control"] = "no-store"
        if app.config["ENV"] == "production":
            headers.setdefault("Strict-Transport-Security", HSTS)
        return response
