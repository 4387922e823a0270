"""The application factory and configuration."""
import secrets

import pytest

from stopform import create_app
from stopform.config import ConfigError, check_production, effective_env, from_environment


def strong_keys() -> dict:
    """Two independent random production keys."""
    return {"SECRET_KEY": secrets.token_urlsafe(48), "PSEUDONYM_KEY": secrets.token_urlsafe(48)}


def production(**overrides) -> dict:
    """A production configuration that starts: strong keys, one worker with in-memory limits."""
    return {"ENV": "production", **strong_keys(), "WORKERS": 1, **overrides}


def test_testing_config_is_applied(app):
    assert app.config["TESTING"] is True


def test_environment_variables_override_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("STOPFORM_PUBLIC_BASE_URL", "https://receipt.example")
    monkeypatch.setenv("STOPFORM_RETENTION_MONTHS", "6")
    monkeypatch.setenv("STOPFORM_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    app = create_app()
    assert app.config["PUBLIC_BASE_URL"] == "https://receipt.example"
    assert app.config["RETENTION_MONTHS"] == 6


def test_default_database_is_a_sqlite_file_under_instance(monkeypatch):
    monkeypatch.delenv("STOPFORM_DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["DATABASE_URL"].startswith("sqlite:///")
    assert app.config["DATABASE_URL"].endswith("instance/stopform.sqlite")


@pytest.mark.parametrize("secret", ["", "dev-secret-key", "changeme", "short"])
def test_production_refuses_missing_or_placeholder_secret(secret):
    with pytest.raises(ConfigError, match="STOPFORM_SECRET_KEY"):
        create_app(production(SECRET_KEY=secret))


def test_production_refuses_placeholder_pseudonym_key():
    with pytest.raises(ConfigError, match="STOPFORM_PSEUDONYM_KEY"):
        check_production(production(PSEUDONYM_KEY="dev-pseudonym-key"))


def test_production_starts_with_real_secrets_and_secures_cookies():
    app = create_app(production())
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_production_refuses_the_same_key_twice():
    with pytest.raises(ConfigError, match="must differ"):
        key = secrets.token_urlsafe(48)
        check_production(production(SECRET_KEY=key, PSEUDONYM_KEY=key))


def test_from_environment_reads_only_prefixed_variables():
    values = from_environment({"STOPFORM_ENV": "production", "STOPFORM_RECORD_PERCEIVED_ORIGIN": "1",
                               "OTHER": "x", "STOPFORM_TEST_DATABASE_URL": "ignored"})
    assert values == {"ENV": "production", "RECORD_PERCEIVED_ORIGIN": True}


@pytest.mark.parametrize("env", ["Production", "prod", "PRODUCTION", "staging", " production", "Development", ""])
def test_any_env_but_development_or_test_is_production(env):
    assert effective_env(env) == "production"
    with pytest.raises(ConfigError, match="STOPFORM_SECRET_KEY is missing or a placeholder"):
        create_app({"ENV": env})


@pytest.mark.parametrize("env", ["development", "test"])
def test_development_and_test_are_not_production(env):
    assert create_app({"ENV": env}).config["ENV"] == env


def test_a_misspelt_env_says_why_it_refuses(monkeypatch):
    monkeypatch.setenv("STOPFORM_ENV", "prod")
    with pytest.raises(ConfigError, match="STOPFORM_ENV is 'prod'; only 'development' and 'test' are not production"):
        create_app()


@pytest.mark.parametrize("weak", ["s" * 40, "changeme" * 5, "0123456789abcdef" * 3,
                                  "abcdefghijklmnopqrstuvwxyz0123456789", "Welkom01" * 4,
                                  "test-pseudonym-key-0123456789abcdef"])
def test_production_refuses_long_but_predictable_keys(weak):
    with pytest.raises(ConfigError, match="STOPFORM_PSEUDONYM_KEY is too predictable"):
        check_production(production(PSEUDONYM_KEY=weak))


@pytest.mark.parametrize("make_key", [lambda: secrets.token_urlsafe(48), lambda: secrets.token_hex(32),
                                      lambda: secrets.token_urlsafe(24)])
def test_production_accepts_random_keys(make_key):
    check_production(production(SECRET_KEY=make_key(), PSEUDONYM_KEY=make_key()))


@pytest.mark.parametrize("workers", [None, 2, 4])
def test_production_refuses_per_process_limits_under_several_workers(monkeypatch, workers):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    with pytest.raises(ConfigError, match="STOPFORM_RATELIMIT_STORAGE_URL=redis"):
        create_app(production(WORKERS=workers))


def test_gunicorns_web_concurrency_counts_as_the_worker_count(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(ConfigError, match="4 workers"):
        create_app(production(WORKERS=None))
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    create_app(production(WORKERS=None))


def test_production_with_shared_limit_storage_starts_with_any_worker_count():
    app = create_app(production(WORKERS=4, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/12"))
    assert app.config["RATELIMIT_STORAGE_URI"].startswith("redis://")


def test_forwarded_headers_are_ignored_without_trusted_proxies(app):
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "10.0.0.1"},
                                  headers={"X-Forwarded-For": "203.0.113.9"}):
        from flask import request
        assert request.remote_addr == "10.0.0.1"


def test_one_trusted_proxy_gives_the_address_it_saw(app_config):
    app = create_app({**app_config, "TRUSTED_PROXIES": 1})
    seen = {}

    @app.get("/whoami")
    def whoami():
        from flask import request
        seen["address"] = request.remote_addr
        return ""

    app.test_client().get("/whoami", environ_base={"REMOTE_ADDR": "10.0.0.1"},
                          headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.9"})
    # Only the right-most hop was added by our proxy; what the client wrote before it is ignored.
    assert seen["address"] == "203.0.113.9"
