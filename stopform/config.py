"""Configuration: code defaults, then `instance/config.py`, then `STOPFORM_*` variables.

Any `ENV` other than `development` or `test` is production (a typo such as `Production` or
`prod` must not start a development server with a guessable key). Production refuses to start
with a missing, placeholder or low-entropy secret, or with per-process rate limits under several
workers; the error says what to fix.
"""
from __future__ import annotations

import os
from pathlib import Path

from .secrets_check import secret_problem

NON_PRODUCTION_ENVS = frozenset({"development", "test"})
REQUIRED_SECRETS = ("SECRET_KEY", "PSEUDONYM_KEY")
SHARED_LIMIT_STORAGES = ("redis://", "rediss://", "redis+sentinel://", "redis+cluster://", "memcached://",
                         "mongodb://", "mongodb+srv://", "valkey://", "valkeys://")


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
        # A PostgreSQL replica that report reads go to (docs/deployment.md); None: the database above.
        "REPORT_DATABASE_URL": None,
        "PUBLIC_BASE_URL": "http://127.0.0.1:5000",
        "RETENTION_MONTHS": 12,
        "RECORD_PERCEIVED_ORIGIN": False,
        "REFERENCE_GROUP": "NL",
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Idle limit: the cookie is renewed at most every few minutes (stopform.auth.sessions),
        # never past the absolute limit counted from the login.
        "PERMANENT_SESSION_LIFETIME": 2 * 3600,
        "SESSION_ABSOLUTE_LIFETIME": 12 * 3600,
        "SESSION_REFRESH_EACH_REQUEST": False,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "DISPLAY_TIMEZONE": "Europe/Amsterdam",
        "STOP_MAX_AGE_DAYS": 7,
        "DB_CONNECT_TIMEOUT": 5,
        "DB_STATEMENT_TIMEOUT": 30,
        "DB_POOL_TIMEOUT": 10,
        "TRUSTED_PROXIES": 0,
        "WORKERS": None,
        # Ed25519 key files for signed audit checkpoints (docs/security.md); kept outside the database.
        "AUDIT_SIGNING_KEY_FILE": None,
        "AUDIT_PUBLIC_KEY_FILE": None,
    }


_BOOLEAN_KEYS = {"RECORD_PERCEIVED_ORIGIN", "PUBLIC_ONLY"}
_INTEGER_KEYS = {"RETENTION_MONTHS", "MAX_CONTENT_LENGTH", "STOP_MAX_AGE_DAYS", "PERMANENT_SESSION_LIFETIME",
                 "SESSION_ABSOLUTE_LIFETIME", "DB_CONNECT_TIMEOUT",
                 "DB_STATEMENT_TIMEOUT", "DB_POOL_TIMEOUT", "TRUSTED_PROXIES", "WORKERS"}


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
            values[key] = _integer(name, raw)
        else:
            values[key] = raw
    return values


def _integer(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def effective_env(configured) -> str:
    """`development` or `test` as written; anything else, misspellings included, is production."""
    value = str(configured or "").strip()
    return value if value in NON_PRODUCTION_ENVS else "production"


def worker_count(config: dict, environ: os._Environ | dict | None = None) -> int | None:
    """The configured number of server processes: `STOPFORM_WORKERS`, else gunicorn's
    `WEB_CONCURRENCY`; None when neither says."""
    environ = os.environ if environ is None else environ
    configured = config.get("WORKERS")
    if configured is None and environ.get("WEB_CONCURRENCY"):
        configured = _integer("WEB_CONCURRENCY", environ["WEB_CONCURRENCY"])
    return None if configured is None else int(configured)


def check_production(config: dict, environ: os._Environ | dict | None = None) -> None:
    """Raise ConfigError listing every unsafe production setting."""
    if config.get("ENV") != "production":
        return
    problems = [f"STOPFORM_{key} {problem}" for key in REQUIRED_SECRETS
                if (problem := secret_problem(str(config.get(key) or "")))]
    if config.get("SECRET_KEY") and config.get("SECRET_KEY") == config.get("PSEUDONYM_KEY"):
        problems.append("STOPFORM_SECRET_KEY and STOPFORM_PSEUDONYM_KEY must differ")
    problems += _limiter_problems(config, environ)
    if problems:
        raise ConfigError("stopform refuses to start in production (STOPFORM_ENV is "
                          f"{config.get('CONFIGURED_ENV', 'production')!r}; only 'development' and 'test' are not "
                          "production): " + "; ".join(problems)
                          + ". Generate each key with: python -c 'import secrets; print(secrets.token_urlsafe(48))'")


def _limiter_problems(config: dict, environ) -> list[str]:
    if config.get("RATELIMIT_ENABLED") is False:
        return []
    storage = str(config.get("RATELIMIT_STORAGE_URI") or config.get("RATELIMIT_STORAGE_URL") or "memory://")
    if storage.startswith(SHARED_LIMIT_STORAGES):
        return []
    workers = worker_count(config, environ)
    if workers == 1:
        return []
    said = "an unknown number of" if workers is None else str(workers)
    return [f"rate limits in {storage!r} count per process, and {said} workers would each keep their own: set "
            "STOPFORM_RATELIMIT_STORAGE_URL=redis://… (shared), or STOPFORM_WORKERS=1 for a single process"]
