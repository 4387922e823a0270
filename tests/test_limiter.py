"""The rate limiter: its scope (login and receipt pages, not the API), Retry-After on every 429, and the
client address taken from trusted proxies only."""
from stopform.limiter import api_request


def test_api_requests_skip_the_limiter_and_pages_do_not(limited_app):
    with limited_app.test_request_context("/api/v1/stops", method="POST"):
        assert api_request()
    for path, method in (("/login", "POST"), ("/r/some-token", "GET"), ("/stops/new", "GET")):
        with limited_app.test_request_context(path, method=method):
            assert not api_request(), path


def test_a_login_429_says_when_to_retry(limited_app, make_user):
    client = limited_app.test_client()
    user = make_user("officer")
    for _ in range(5):
        client.post("/auth/login", data={"username": user.username, "password": "wrong"})
    blocked = client.post("/auth/login", data={"username": user.username, "password": "wrong"})
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 15 * 60


def test_a_spoofed_forwarded_for_does_not_escape_the_limit(limited_app):
    client = limited_app.test_client()
    answers = [client.post("/auth/login", data={"username": f"nobody-{n}", "password": "wrong"},
                           headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(21)]
    assert answers[-1] == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_counter(engine, connection, app_config):
    from sqlmodel import Session

    from stopform import create_app
    from stopform.db import ENGINE_KEY, set_session_factory
    from stopform.limiter import limiter
    from stopform.receipts.codes import new_token
    app = create_app({**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
                      "TRUSTED_PROXIES": 1})
    app.extensions[ENGINE_KEY] = engine
    set_session_factory(app, lambda: Session(bind=connection, join_transaction_mode="create_savepoint",
                                             expire_on_commit=False))
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    try:
        with app.app_context():
            limiter.reset()
            client = app.test_client()
            # Only misses count (an unknown receipt): reading one's own receipt never does.
            first = [client.get(f"/r/{new_token()}", environ_base=proxy,
                                headers={"X-Forwarded-For": "203.0.113.1"}).status_code for _ in range(11)]
            second = client.get("/r", environ_base=proxy, headers={"X-Forwarded-For": "203.0.113.2"})
            assert first[-1] == 429 and second.status_code == 200
    finally:
        with app.app_context():
            limiter.reset()
        limiter.enabled = False
