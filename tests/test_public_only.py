"""STOPFORM_PUBLIC_ONLY=1 serves the citizen's pages alone."""
import pytest

from stopform import create_app


@pytest.fixture()
def public_app(monkeypatch, database_url):
    monkeypatch.setenv("STOPFORM_PUBLIC_ONLY", "1")
    return create_app({"TESTING": True, "DATABASE_URL": database_url})


def test_only_citizen_routes_exist(public_app):
    endpoints = {rule.endpoint for rule in public_app.url_map.iter_rules()}
    assert endpoints and all(e.startswith("receipts.") or e == "public_home" for e in endpoints)


@pytest.mark.parametrize("path", ["/auth/login", "/stops/new", "/admin/users", "/api/v1/stops",
                                  "/api/v1/openapi.json", "/audit/", "/overview"])
def test_staff_and_api_routes_are_absent(public_app, path):
    assert public_app.test_client().get(path).status_code == 404


def test_home_leads_to_the_lookup_form(public_app):
    response = public_app.test_client().get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/r")


@pytest.mark.parametrize("path", ["/static/js/outbox.js", "/static/js/sw.js", "/static/js/form.js",
                                  "/static/css/app.css", "/static/icons/icon.svg", "/static/fonts/DejaVuSans.ttf",
                                  "/sw.js", "/manifest.webmanifest"])
def test_no_staff_asset_is_served(public_app, path):
    assert public_app.test_client().get(path).status_code == 404


def test_the_receipt_pages_need_no_static_file(public_app):
    page = public_app.test_client().get("/r?lang=en").get_data(as_text=True)
    assert "/static/" not in page and "<script" not in page and "<link" not in page


def test_staff_instances_still_serve_their_scripts(client):
    response = client.get("/static/js/outbox.js")
    response.close()
    assert response.status_code == 200
