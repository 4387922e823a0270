"""The web app's server side: the service worker script, the manifest, the offline page and the
session probe the outbox asks before sending."""
import json
import re

SHELL_LINE = re.compile(r"^const SHELL = (\{.*\});\n")


def shell_of(response) -> dict:
    match = SHELL_LINE.match(response.get_data(as_text=True))
    assert match, "the worker must start with the shell it precaches"
    return json.loads(match.group(1))


def test_worker_is_served_from_the_root_for_the_whole_app(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert response.headers["Cache-Control"] == "no-cache"
    assert "self.addEventListener(\"fetch\"" in response.get_data(as_text=True)


def test_worker_precaches_the_form_catalogue_and_assets(client):
    shell = shell_of(client.get("/sw.js"))
    assert {"/stops/new", "/offline", "/api/v1/catalog", "/api/v1/areas", "/static/css/app.css", "/static/js/outbox.js",
            "/static/js/steps.js", "/static/js/store.js", "/static/js/form.js", "/static/js/start.js",
            "/static/js/answers.js"} <= set(shell["urls"])
    assert shell["pages"] == ["/stops/new", "/offline"] and shell["offline"] == "/offline"
    assert re.fullmatch(r"[0-9a-f]{12}", shell["version"])


def test_every_precached_static_file_exists(client):
    for url in shell_of(client.get("/sw.js"))["urls"]:
        if url.startswith("/static/"):
            with client.get(url) as response:
                assert response.status_code == 200, url


def test_worker_version_follows_the_configuration(app, client):
    app.config["PWA_VERSION"] = "release-2"
    assert shell_of(client.get("/sw.js"))["version"] == "release-2"


def test_manifest_makes_the_form_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["start_url"] == "/stops/new" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}


def test_session_probe_needs_a_login(client):
    response = client.get("/pwa/session")
    assert response.status_code == 401
    assert response.get_json() == {"error": "not logged in"}


def test_session_probe_names_the_officer_and_gives_a_csrf_token(client, auth, make_user):
    officer = make_user("officer")
    auth.login(officer.username)
    response = client.get("/pwa/session")
    body = response.get_json()
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert body["username"] == officer.username and body["records_stops"] is True
    assert len(body["csrf_token"]) > 20


def test_offline_page_points_to_the_form(client, auth, make_user):
    auth.login(make_user("officer").username)
    response = client.get("/offline")
    page = response.get_data(as_text=True)
    # Flask-Babel keeps the first request's locale on `g`, which the test's app context shares
    # across requests, so this checks the structure, not the English words.
    assert response.status_code == 200 and re.search(r"<h1>[^<]+</h1>", page)
    assert 'class="button" href="/stops/new"' in page and 'id="outbox"' in page


def test_officer_pages_carry_the_outbox_and_the_manifest(client, auth, make_user):
    officer = make_user("officer")
    auth.login(officer.username)
    page = client.get("/stops/new?lang=en").get_data(as_text=True)
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert f'id="outbox-bar" hidden data-user="{officer.username}"' in page
    assert 'src="/static/js/start.js" type="module"' in page
    assert 'data-fresh="true"' in page


def test_pages_of_other_roles_have_no_outbox(client, auth, make_user):
    auth.login(make_user("oversight").username)
    page = client.get("/overview?lang=en").get_data(as_text=True)
    assert "outbox" not in page
