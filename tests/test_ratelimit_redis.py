"""With STOPFORM_RATELIMIT_STORAGE_URL set to Redis, limits are shared across app processes."""
import os
import uuid

import pytest
from sqlmodel import Session

from stopform import create_app
from stopform.db import ENGINE_KEY, set_session_factory
from stopform.limiter import limiter
from tests.conftest import AuthActions

REDIS_URL = os.environ.get("STOPFORM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip():
    import redis
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but Redis is unreachable at {REDIS_URL}")
        # Outside CI a developer without Redis still runs everything else.
        pytest.skip(f"no Redis at {REDIS_URL}")


def worker(engine, connection, app_config, monkeypatch):
    """A second app instance standing in for another gunicorn worker."""
    monkeypatch.setenv("STOPFORM_RATELIMIT_STORAGE_URL", REDIS_URL)
    app = create_app({**app_config, "RATELIMIT_ENABLED": True})
    app.extensions[ENGINE_KEY] = engine
    set_session_factory(app, lambda: Session(bind=connection, join_transaction_mode="create_savepoint",
                                             expire_on_commit=False))
    return app


def test_failed_logins_counted_across_workers_in_redis(engine, connection, app_config, monkeypatch, make_user):
    _redis_or_skip()
    user = make_user("officer", username=f"redis-{uuid.uuid4().hex[:8]}")
    first, second = (worker(engine, connection, app_config, monkeypatch) for _ in range(2))
    assert first.config["RATELIMIT_STORAGE_URI"] == REDIS_URL
    try:
        with first.app_context():
            limiter.reset()
        statuses = []
        for attempt in range(6):
            app = first if attempt % 2 == 0 else second
            with app.app_context():
                statuses.append(AuthActions(app.test_client()).login(user.username, "wrong").status_code)
        assert statuses == [422] * 5 + [429]
    finally:
        with first.app_context():
            limiter.reset()
        limiter.enabled = False
