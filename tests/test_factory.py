"""The application factory and configuration."""
import pytest

from stopform import create_app
from stopform.config import ConfigError, check_production, from_environment


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
        create_app({"ENV": "production", "SECRET_KEY": secret, "PSEUDONYM_KEY": "p" * 40})


def test_production_refuses_placeholder_pseudonym_key():
    with pytest.raises(ConfigError, match="STOPFORM_PSEUDONYM_KEY"):
        check_production({"ENV": "production", "SECRET_KEY": "s" * 40, "PSEUDONYM_KEY": "dev-pseudonym-key"})


def test_production_starts_with_real_secrets_and_secures_cookies():
    app = create_app({"ENV": "production", "SECRET_KEY": "s" * 40, "PSEUDONYM_KEY": "p" * 40})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_production_refuses_the_same_key_twice():
    with pytest.raises(ConfigError, match="must differ"):
        check_production({"ENV": "production", "SECRET_KEY": "s" * 40, "PSEUDONYM_KEY": "s" * 40})


def test_from_environment_reads_only_prefixed_variables():
    values = from_environment({"STOPFORM_ENV": "production", "STOPFORM_RECORD_PERCEIVED_ORIGIN": "1",
                               "OTHER": "x", "STOPFORM_TEST_DATABASE_URL": "ignored"})
    assert values == {"ENV": "production", "RECORD_PERCEIVED_ORIGIN": True}
