"""Error pages in the app's style, security headers on every response."""
import secrets

from flask import abort


def test_404_page_in_app_style(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b'class="bar"' in response.data and b"app.css" in response.data


def test_403_400_500_pages(app, client):
    @app.route("/_boom/<int:code>")
    def boom(code):
        if code == 500:
            raise RuntimeError("kaboom")
        abort(code)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    for code in (400, 403, 500):
        response = client.get(f"/_boom/{code}")
        assert response.status_code == code
        assert b'class="bar"' in response.data
    assert b"kaboom" not in client.get("/_boom/500").data


def test_post_without_csrf_token_is_400(app, client, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/auth/login", data={"username": "x", "password": "y"})
    assert response.status_code == 400


def test_security_headers(client):
    headers = client.get("/auth/login").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"


def test_no_inline_scripts_on_the_form(client, make_user, auth):
    auth.login(make_user("officer").username)
    page = client.get("/stops/new").get_data(as_text=True)
    assert "<script>" not in page and " onclick=" not in page and "<script src=" in page


def test_production_sends_hsts_and_secure_cookies(database_url, engine):
    from stopform import create_app
    from stopform.db import ENGINE_KEY
    app = create_app({"ENV": "production", "SECRET_KEY": secrets.token_urlsafe(48),
                      "PSEUDONYM_KEY": secrets.token_urlsafe(48), "DATABASE_URL": database_url,
                      "RATELIMIT_ENABLED": False})
    app.extensions[ENGINE_KEY] = engine
    response = app.test_client().get("/auth/login")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Secure" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]


def test_development_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/auth/login").headers


