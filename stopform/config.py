"""Configuration: code defaults, then `instance/config.py`, then `STOPFORM_*` variables.

Production refuses to start with a missing or placeholder secret, so a forgotten
environment variable can never ship a guessable key.
"""
from __future__ import annotations

import os
from pathlib import Path

PLACEHOLDER_SECRETS = frozenset({"", "dev", "changeme", "change-me", "secret", "dev-secret-key",
                                 "dev-pseudonym-key", "placeholder"})
REQUIRED_SECRETS = ("SECRET_KEY", "PSEUDONYM_KEY")
MIN_SECRET_LENGTH = 32


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete; the message says what to fix."""


def default_config(instance_path: str) -> dict:
    """Return the built-in defaults, safe for development only."""
    db_file = Path(instance_path) / "stopform.sqlite"
    return {
        "ENV": "development",
        "SECRET_KEY": "dev-secret-key",
        "PSEUDONYM_KEY": "dev-pseudonym-key",
        "DATABASE_URL": f"sqlite:///{db_file}",
        "PUBLIC_BASE_URL": "http://127.0.0.1:5000",
        "RETENTION_MONTHS": 12,
        "RECORD_PERCEIVED_ORIGIN": False,
        "REFERENCE_GROUP": "NL",
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "DISPLAY_TIMEZONE": "Europe/Amsterdam",
        "STOP_MAX_AGE_DAYS": 7,
        # Ed25519 key files for signed audit checkpoints (docs/security.md); kept outside the database.
        "AUDIT_SIGNING_KEY_FILE": None,
        "AUDIT_PUBLIC_KEY_FILE": None,
    }


_BOOLEAN_KEYS = {"RECORD_PERCEIVED_ORIGIN", "PUBLIC_ONLY"}
_INTEGER_KEYS = {"RETENTION_MONTHS", "MAX_CONTENT_LENGTH", "STOP_MAX_AGE_DAYS"}


def from_environment(environ: os._Environ | dict | None = None) -> dict:
    """Read every `STOPFORM_<KEY>` variable into `<KEY>`, converting known types."""
    environ = os.environ if environ is None else environ
    values: dict = {}
    for name, raw in environ.items():
        if not name.startswith("STOPFORM_") or name.startswith("STOPFORM_TEST_"):
            continue
        key = name.removeprefix("STOPFORM_")
        if key in _BOOLEAN_KEYS:
            values[key] = raw.strip().lower() in {"1", "true", "yes", "on"}
        elif key in _INTEGER_KEYS:
            values[key] = int(raw)
        else:
            values[key] = raw
    return values


def check_production(config: dict) -> None:
    """Raise ConfigError when a production configuration carries an unsafe secret."""
    if config.get("ENV") != "production":
        return
    problems = []
    for key in REQUIRED_SECRETS:
        value = str(config.get(key) or "")
        if value.strip().lower() in PLACEHOLDER_SECRETS:
            problems.append(f"STOPFORM_{key} is missing or a placeholder")
        elif len(value) < MIN_SECRET_LENGTH:
            problems.append(f"STOPFORM_{key} is shorter than {MIN_SECRET_LENGTH} characters")
    if config.get("SECRET_KEY") and config.get("SECRET_KEY") == config.get("PSEUDONYM_KEY"):
        problems.append("STOPFORM_SECRET_KEY and STOPFORM_PSEUDONYM_KEY must differ")
    if problems:
        raise ConfigError("stopform refuses to start in production: " + "; ".join(problems)
                          + ". Generate each with: python -c 'import secrets; print(secrets.token_urlsafe(48))'")
