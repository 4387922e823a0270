"""Budgets and origins: the officer's shell loads within 150 KB (JavaScript within 50 KB) and no
page asks anything of a third party."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, login, record_stop

SHELL_BUDGET = 150_000
JS_BUDGET = 50_000


def login_by_request(context) -> None:
    """Log in without loading any page, so the first page load starts with an empty cache."""
    form = context.request.get("/auth/login").text()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    context.request.post("/auth/login", form={"csrf_token": token, "username": "officer", "password": "demo"})


def test_first_load_of_the_stop_form_fits_the_budget(browser, live_server):
    context = browser.new_context(base_url=live_server, **PHONE)
    login_by_request(context)
    page = context.new_page()
    sizes = {}
    page.on("requestfinished", lambda request: sizes.__setitem__(request.url, request.sizes()["responseBodySize"]))
    page.goto("/stops/new?lang=en")
    expect(page.locator("#outbox-bar [data-count]")).to_have_text("No stops waiting to be sent")
    page.wait_for_load_state("networkidle")
    scripts = {url: size for url, size in sizes.items() if url.endswith(".js")}
    print(f"\nfirst load of the stop form: {sum(sizes.values())} bytes in {len(sizes)} responses, "
          f"JavaScript {sum(scripts.values())}; largest: {max(sizes, key=sizes.get)}")
    assert {url.rsplit("/", 1)[-1] for url in scripts} >= {"form.js", "steps.js", "outbox.js", "store.js"}
    assert sum(sizes.values()) <= SHELL_BUDGET
    assert sum(scripts.values()) <= JS_BUDGET
    context.close()


def test_no_page_asks_a_third_party(browser, live_server):
    context = browser.new_context(base_url=live_server, **PHONE)
    urls = []
    context.on("request", lambda request: urls.append(request.url))
    page = context.new_page()
    login(page, "officer")
    page.goto("/stops/new?lang=en")
    stop = record_stop(page)
    expect(page.locator("#done-step [data-state]")).to_have_text("Sent")
    for path in ("/stops/", f"/stops/{stop['id']}", f"/stops/{stop['id']}/amend", "/offline"):
        page.goto(path)
    page.goto(f"{stop['url']}?lang=en")
    expect(page.locator("h1")).to_have_text("Your stop receipt")
    assert len(urls) > 20
    assert [url for url in urls if not url.startswith(live_server + "/")] == []
    context.close()
