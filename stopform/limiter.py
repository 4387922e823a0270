"""Rate limits (Flask-Limiter), keyed by the client's address.

Storage comes from `STOPFORM_RATELIMIT_STORAGE_URL` (e.g. `redis://localhost:6379/0`); the
default `memory://` counts per process, so production refuses to start with it unless
`STOPFORM_WORKERS=1` (stopform.config). Behind a reverse proxy the client's address is restored
by ProxyFix for `STOPFORM_TRUSTED_PROXIES` hops (stopform's factory), or every visitor would
share the proxy's address and its limit. Nobody is exempt on public routes: a signed-in
officer's browser can be anyone's. Every 429 says when to retry (stopform.errors).
"""
from __future__ import annotations

import time

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)


def init_app(app: Flask) -> None:
    """Attach the limiter with the configured storage (tests switch it off via RATELIMIT_ENABLED)."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("RATELIMIT_STORAGE_URL") or "memory://")
    limiter.init_app(app)


@limiter.request_filter
def api_request() -> bool:
    """API calls carry no limits (every caller is a device's token or signed-in staff): skip the
    limiter's work on them, which devices sending their queued stops would pay per stop."""
    return request.blueprint == "api"


def seconds_until_reset() -> int:
    """Seconds until the breached limit's window ends (for `Retry-After`)."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, min(current.limit.get_expiry(), current.reset_at - int(time.time())))
