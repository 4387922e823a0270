"""Browser tests: a live stopform server on a file database, driven by Playwright in the system
Chromium at a phone-sized viewport. Rollback isolation cannot reach a server thread, so the server
gets its own database, built with Alembic like a real deployment."""
from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def require_tool(present: bool, *, in_ci: str, elsewhere: str) -> None:
    """Go on if the tool is `present`; else fail under CI=true (CI must install it) and skip
    elsewhere, so a developer without it still runs every other test."""
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {in_ci}")
    pytest.skip(elsewhere)  # outside CI only: a developer without the tool still runs every other test


def _require_chromium() -> None:
    require_tool(CHROMIUM.exists(), in_ci="/usr/bin/chromium is missing: .ci/run must install it",
                 elsewhere="no /usr/bin/chromium on this machine (apt-get install -y chromium)")


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    from sqlmodel import Session

    from stopform import create_app, migrate
    from stopform.areas.services import seed_default_areas
    from stopform.auth.services import create_user
    from stopform.catalog.services import sync_catalog
    from stopform.db import engine_of

    db_file = tmp_path_factory.mktemp("live") / "live.sqlite"
    app = create_app({"DATABASE_URL": f"sqlite:///{db_file}", "SECRET_KEY": "live-secret",
                      "PSEUDONYM_KEY": "live-pseudonym", "PUBLIC_BASE_URL": "http://127.0.0.1",
                      "RATELIMIT_ENABLED": False})
    engine = engine_of(app)
    migrate.upgrade(engine)
    with Session(engine) as session:
        sync_catalog(session)
        seed_default_areas(session)
        for role in ("officer", "supervisor", "admin", "oversight"):
            create_user(session=session, username=role, role=role, unit_code="LIMBURG-NOORD", password="demo",
                        service_number=f"NL-{role.upper()}", enforce_policy=False)
        session.commit()
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, ClosingResponses(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    live_app.config["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ClosingResponses:
    """WSGI middleware for the live server: read each response whole and close it before the
    server sends it. Werkzeug's development server skips `close()` when the browser drops the
    connection while the server drains the request (the read in `execute`'s `finally` raises), so
    a static file's handle was left to the garbage collector, whose ResourceWarning fails whichever
    test is running then. The live server's responses are small."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        iterable = self.app(environ, start_response)
        try:
            return [b"".join(iterable)]
        finally:
            if hasattr(iterable, "close"):
                iterable.close()


class ApiGate:
    """WSGI middleware in front of the live app: while `closed`, POST /api/v1/stops answers 503 as
    a server in trouble would, so a stop stays queued while the rest of the app works."""

    def __init__(self, app):
        self.app = app
        self.closed = False

    def __call__(self, environ, start_response):
        if self.closed and environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == "/api/v1/stops":
            start_response("503 SERVICE UNAVAILABLE", [("Content-Type", "application/json")])
            return [b'{"error": "unavailable", "status": 503}']
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def live_gate(live_app):
    gate = ApiGate(live_app.wsgi_app)
    live_app.wsgi_app = gate
    return gate


@pytest.fixture()
def api_gate(live_gate):
    """The gate in front of the stops API, open again after the test."""
    yield live_gate
    live_gate.closed = False


@pytest.fixture()
def phone(browser, live_server):
    """A fresh phone (its own storage and service worker); fails the test on any script error."""
    context = browser.new_context(base_url=live_server, locale="en-GB", timezone_id="Europe/Amsterdam", **PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"script errors: {errors}"


def officer_form_without_javascript(browser, live_server):
    """A phone with JavaScript off, signed in as `officer`, on the empty stop form; returns the
    browser context (close it) and its page."""
    context = browser.new_context(base_url=live_server, java_script_enabled=False, **PHONE)
    page = context.new_page()
    login(page, "officer")
    page.goto("/stops/new?lang=en")
    return context, page


def login(page, username: str, password: str = "demo") -> None:
    """Log in through the real form."""
    page.goto("/auth/login?lang=en")
    page.fill("#f-username", username)
    page.fill("#f-password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def login_by_request(context, username: str = "officer", password: str = "demo") -> None:
    """Log in through the form's POST without loading any page, so a first page load starts with an
    empty cache."""
    form = context.request.get("/auth/login").text()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    context.request.post("/auth/login", form={"csrf_token": token, "username": username, "password": password})


def continue_step(page) -> None:
    """Press Continue on the step shown."""
    page.click("#stop-form section.step:not([hidden]) button[value=next]")


def open_when_where(page) -> None:
    """Unfold the pre-filled time and place on step 1 (folded once the officer has a last area)."""
    if page.locator("#when-where[open]").count() == 0:
        page.click("#when-where summary")


def fill_lawful_traffic_stop(page, plate: str = "56-XKL-2") -> None:
    """A plain traffic stop through steps 1 and 2, ending on step 3 with its answers given: the next
    Continue shows the answers to check."""
    open_when_where(page)
    page.select_option("#f-area", "ROERMOND")
    page.select_option("#f-reason", "traffic_violation")
    page.select_option("#f-legal_basis", "WVW160-1")
    page.fill("#f-reason_text", "Ran a red light at the Maasboulevard crossing.")
    continue_step(page)
    page.fill("#f-plate", plate)
    page.check("input[name=vehicle_type][value='car']")
    continue_step(page)
    page.check("#f-documents_checked")
    page.select_option("#f-outcome", "fine")


def record_stop(page, plate: str = "56-XKL-2") -> dict:
    """Fill, check and send a stop in the browser's steps; what the confirmation shows."""
    fill_lawful_traffic_stop(page, plate)
    continue_step(page)
    page.get_by_role("button", name="Send stop record").click()
    done = page.locator("#done-step")
    done.wait_for()
    qr = page.locator("#done-step [data-qr]")
    return {"id": done.get_attribute("data-id"), "reference": page.inner_text("#done-step .panel .reference"),
            "url": qr.get_attribute("data-url") if qr.is_visible() else None}


def phone_with_sent_stop(browser, live_server):
    """A new phone on which the officer recorded one stop and saw it sent: (context, page, stop)."""
    from playwright.sync_api import expect
    context = browser.new_context(base_url=live_server, **PHONE)
    page = context.new_page()
    login(page, "officer")
    page.goto("/stops/new?lang=en")
    stop = record_stop(page)
    expect(page.locator("#done-step [data-state]")).to_have_text("Sent")
    return context, page, stop


def wait_until(check, timeout: float = 15.0):
    """Poll `check()` until it returns something truthy, and return that."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still {value!r} after {timeout} s")
        time.sleep(0.1)


# Reads a store of the app's IndexedDB. Only call it once a page of the app has opened the database:
# opening it first, without the app's version upgrade, would leave it without stores.
READ_STORE = """store => new Promise((resolve, reject) => {
  const opening = indexedDB.open("stopform");
  opening.onerror = () => reject(opening.error);
  opening.onsuccess = () => {
    const request = opening.result.transaction(store).objectStore(store).getAll();
    request.onsuccess = () => { opening.result.close(); resolve(request.result); };
    request.onerror = () => reject(request.error);
  };
})"""


def stored(page, store: str) -> list:
    """Every record in one store of the device's IndexedDB (outbox, sent, slots, drafts)."""
    return page.evaluate(READ_STORE, store)


def wait_for_shell(page, slots: int = 10) -> None:
    """Until the service worker has cached the form and the device holds `slots` receipt slots."""
    wait_until(lambda: page.evaluate("caches.match('/stops/new').then(Boolean)")
               and len(stored(page, "slots")) >= slots)


def server_stop_ids(live_app) -> set[str]:
    """The ids of every stop in the live server's database."""
    from sqlmodel import Session, select

    from stopform.db import engine_of
    from stopform.models import Stop
    with Session(engine_of(live_app)) as session:
        return {str(stop_id) for stop_id in session.exec(select(Stop.stop_id))}
