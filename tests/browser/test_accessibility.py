"""axe-core (WCAG 2.2 AA tag set) on every officer and citizen page at 375×667, in every state the
officer meets: server-rendered, client-rendered steps, error states. Each failure lists the rule
and the offending nodes."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, continue_step, fill_lawful_traffic_stop, login, phone_with_sent_stop

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CITIZEN_LANGUAGES = ("nl", "en", "de", "fr", "pl", "ro", "bg", "tr", "ar")
STAFF_LANGUAGES = ("nl", "en")
axe = Axe()


def assert_no_violations(page) -> None:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    report = [f"{v['id']} ({v['impact']}): {v['help']}\n" +
              "\n".join(f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"])
              for v in results.response["violations"]]
    assert not report, f"{page.url}\n" + "\n".join(report)


@pytest.fixture(scope="module")
def recorded(browser, live_server):
    """An officer's phone with one stop sent: its id and receipt address."""
    context, page, stop = phone_with_sent_stop(browser, live_server)
    yield {"context": context, "page": page, **stop}
    context.close()


def _server_error_state(page, lang):
    page.goto(f"/stops/new?lang={lang}")
    page.evaluate("document.getElementById('stop-form').submit()")  # past the script: the server's answer
    expect(page.locator("#error-summary")).to_be_visible()


def _client_error_state(page, lang):
    page.goto(f"/stops/new?lang={lang}")
    continue_step(page)
    expect(page.locator("#error-summary")).to_be_visible()


def _client_check_step(page, lang):
    page.goto(f"/stops/new?lang={lang}")
    fill_lawful_traffic_stop(page)
    continue_step(page)
    expect(page.locator("#check-step")).to_be_visible()


def _client_confirmation(page, lang):
    _client_check_step(page, lang)
    page.click("#check-step [data-send]")
    expect(page.locator("#done-step [data-qr] svg")).to_be_visible()


def _server_check_and_done(page, lang):
    page.goto(f"/stops/new?lang={lang}")
    fill_lawful_traffic_stop(page)
    page.evaluate("""() => { const form = document.getElementById('stop-form');
      form.append(Object.assign(document.createElement('input'), {type: 'hidden', name: 'action', value: 'check'}));
      form.submit(); }""")
    expect(page.locator("button[value=send]")).to_be_visible()


def _server_done(page, lang):
    _server_check_and_done(page, lang)
    page.click("button[value=send]")
    page.wait_for_url("**/done*")


def _logout_warning(page, lang):
    _client_check_step(page, lang)
    page.route("**/api/v1/stops", lambda route: route.fulfill(status=503, body="{}"))  # the stop stays queued
    page.click("#check-step [data-send]")
    expect(page.locator("#done-step")).to_be_visible()
    page.click("form.logout button")
    expect(page.locator("#logout-warning")).to_be_visible()


def _logout_offline(page, lang):
    page.goto(f"/stops/?lang={lang}")
    page.context.set_offline(True)
    page.click("form.logout button")
    expect(page.locator("#logout-offline")).to_be_visible()
    page.context.set_offline(False)


def _draft_offer(page, lang):
    page.goto(f"/stops/new?lang={lang}")
    page.fill("#f-reason_text", "Ran a red light.")
    page.wait_for_timeout(600)
    page.reload()
    expect(page.locator("#draft-offer")).to_be_visible()


OFFICER_STATES = {
    "new stop form": lambda page, lang, stop: page.goto(f"/stops/new?lang={lang}"),
    "new stop form, server error state": lambda page, lang, stop: _server_error_state(page, lang),
    "new stop form, browser error state": lambda page, lang, stop: _client_error_state(page, lang),
    "draft offer": lambda page, lang, stop: _draft_offer(page, lang),
    "browser check step": lambda page, lang, stop: _client_check_step(page, lang),
    "browser confirmation": lambda page, lang, stop: _client_confirmation(page, lang),
    "server check page": lambda page, lang, stop: _server_check_and_done(page, lang),
    "server confirmation": lambda page, lang, stop: _server_done(page, lang),
    "logout warning": lambda page, lang, stop: _logout_warning(page, lang),
    "logout refused offline": lambda page, lang, stop: _logout_offline(page, lang),
    "my stops": lambda page, lang, stop: page.goto(f"/stops/?lang={lang}"),
    "stop detail": lambda page, lang, stop: page.goto(f"/stops/{stop['id']}?lang={lang}"),
    "amend": lambda page, lang, stop: page.goto(f"/stops/{stop['id']}/amend?lang={lang}"),
    "offline page": lambda page, lang, stop: page.goto(f"/offline?lang={lang}"),
    "page not found": lambda page, lang, stop: page.goto(f"/stops/nothing-here?lang={lang}"),
}


@pytest.mark.parametrize("lang", STAFF_LANGUAGES)
@pytest.mark.parametrize("state", OFFICER_STATES)
def test_officer_pages(phone, recorded, state, lang):
    login(phone, "officer")
    OFFICER_STATES[state](phone, lang, recorded)
    assert_no_violations(phone)


@pytest.mark.parametrize("lang", STAFF_LANGUAGES)
@pytest.mark.parametrize("path", ["/auth/login", "/overview", "/admin/users", "/admin/users/new", "/admin/units",
                                  "/admin/areas", "/admin/areas/new"])
def test_staff_pages(phone, path, lang):
    if path == "/overview":
        login(phone, "supervisor")
    elif path.startswith("/admin"):
        login(phone, "admin")
    phone.goto(f"{path}?lang={lang}")
    assert_no_violations(phone)


def test_login_error_state(phone):
    phone.goto("/auth/login?lang=en")
    phone.click("button[type=submit]")
    expect(phone.locator("#error-summary")).to_be_visible()
    assert_no_violations(phone)


@pytest.fixture()
def citizen(browser, live_server):
    """A stopped person's phone: not logged in, JavaScript on (axe needs it)."""
    context = browser.new_context(base_url=live_server, **PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", CITIZEN_LANGUAGES)
def test_receipt_page(citizen, recorded, lang):
    citizen.goto(f"{recorded['url']}?lang={lang}")
    assert citizen.get_attribute("html", "lang") == lang
    assert_no_violations(citizen)


@pytest.mark.parametrize("path", ["/r", "/r?code=not-a-code", "/r?code=", "/r?code=7KQ4-M2XD-9P",
                                  "/r/ABCDEFGHJKMNPQRSTVWXYZ0123", "feedback"])
@pytest.mark.parametrize("lang", ("en", "ar"))
def test_other_citizen_pages(citizen, recorded, path, lang):
    url = f"{recorded['url']}/feedback" if path == "feedback" else path
    separator = "&" if "?" in url else "?"
    citizen.goto(f"{url}{separator}lang={lang}")
    assert_no_violations(citizen)


def test_receipt_renders_without_javascript(browser, live_server, recorded):
    context = browser.new_context(base_url=live_server, java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(f"{recorded['url']}?lang=en")
    assert page.inner_text("h1") == "Your stop receipt"
    assert recorded["reference"] in page.inner_text("main")
    context.close()
