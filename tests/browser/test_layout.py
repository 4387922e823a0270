"""The outbox bar keeps its line from the first paint, so the page does not move when its script
fills it in (Lighthouse counts that as layout shift); without JavaScript it takes no room at all."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, login, officer_form_without_javascript

# Every layout shift of the page, recorded from before its first paint.
WATCH_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) { window.__shifts.push(entry.value); } })
  .observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize(("username", "path"), [("officer", "/stops/new?lang=en"), ("supervisor", "/overview?lang=en")])
def test_the_page_does_not_shift_when_the_outbox_bar_appears(browser, live_server, username, path):
    context = browser.new_context(base_url=live_server, **PHONE)
    page = context.new_page()
    login(page, username)
    page.add_init_script(WATCH_SHIFTS)
    page.goto(path)
    expect(page.locator("#outbox-bar [data-count]")).to_have_text("No stops waiting to be sent")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__shifts") == []
    context.close()


def test_without_javascript_the_outbox_bar_takes_no_room(browser, live_server):
    context, page = officer_form_without_javascript(browser, live_server)
    assert page.locator("#outbox-bar").evaluate("bar => getComputedStyle(bar).display") == "none"
    context.close()
