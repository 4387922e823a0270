"""STOPFORM_PUBLIC_ONLY=1 serves the citizen's pages alone."""
import pytest

from stopform import create_app


@pytest.fixture()
def public_app(monkeypatch, database_url):
    monkeypatch.setenv("STOPFORM_PUBLIC_ONLY", "1")
    return create_app({"TESTING": True, "DATABASE_URL": database_url})


def test_only_citizen_routes_exist(public_app):
    endpoints = {rule.endpoint for rule in public_app.url_map.iter_rules()}
    assert endpoints and all(e.startswith("receipts.") or e in {"static", "public_home"} for e in endpoints)


@pytest.mark.parametrize("path", ["/auth/login", "/stops/new", "/admin/users", "/api/v1/stops",
                                  "/api/v1/openapi.json", "/audit/", "/overview"])
def test_staff_and_api_routes_are_absent(public_app, path):
    assert public_app.test_client().get(path).status_code == 404


def test_home_leads_to_the_lookup_form(public_app):
    response = public_app.test_client().get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/r")
