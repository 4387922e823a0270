"""Bytes of a first load, compressed as served: the officer's form (with everything its service
worker precaches and the receipt slots it fetches) and a citizen's receipt page.

Playwright for Python drives the system Chromium in a fresh context, so nothing comes from a
cache. `request.sizes()["responseBodySize"]` is the encoded body: what crossed the network.
"""
from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
FORM_PATH = "/stops/new"
SLOT_STOCK = 10  # static/js/outbox.js keeps this many receipt slots on the device
# The worker activates only once its precache is complete (static/js/sw.js), and the outbox then
# has stored its receipt slots: the first load is over.
SHELL_READY = """async (slots) => {
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration || !registration.active || registration.active.state !== "activated") { return false; }
  return new Promise((resolve) => {
    const opening = indexedDB.open("stopform");
    opening.onerror = () => resolve(false);
    opening.onsuccess = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains("slots")) { db.close(); return resolve(false); }
      const counting = db.transaction("slots").objectStore("slots").count();
      counting.onsuccess = () => { db.close(); resolve(counting.result >= slots); };
      counting.onerror = () => { db.close(); resolve(false); };
    };
  });
}"""


def record_sizes(context: BrowserContext) -> dict[str, int]:
    """From now on, the encoded body size of every response the context takes from the network,
    its service worker's included, keyed by method and URL (the dict fills as responses arrive)."""
    sizes: dict[str, int] = {}

    def finished(request) -> None:
        response = request.response()
        # A response the worker answered was counted as the worker's own request, if it made one.
        if response is not None and not response.from_service_worker:
            key = f"{request.method} {request.url}"
            sizes[key] = sizes.get(key, 0) + body_size(request, response)

    context.on("requestfinished", finished)
    return sizes


def body_size(request, response) -> int:
    """The encoded body size Chromium reports, except for a service worker's own script: Playwright
    attaches to the worker while that script is arriving and sees only its tail, so its
    Content-Length (the size as served) counts instead."""
    size = request.sizes()["responseBodySize"]
    worker = request.service_worker
    if worker is not None and worker.url == request.url:
        size = max(size, int(response.headers.get("content-length") or 0))
    return size


def load_form(page: Page, path: str = FORM_PATH, timeout_ms: float = 30_000) -> None:
    """Open the form and wait until its service worker is active and the receipt slots are stored."""
    page.goto(path)
    page.wait_for_function(SHELL_READY, arg=SLOT_STOCK, polling=100, timeout=timeout_ms)
    page.wait_for_load_state("networkidle")


def load_page(page: Page, path: str) -> None:
    """Open a page and wait until the network is quiet."""
    page.goto(path)
    page.wait_for_load_state("networkidle")


def cookies(header: str, base_url: str) -> list[dict]:
    """A Cookie header value as Playwright cookies for `base_url`."""
    pairs = (part.strip().partition("=") for part in header.split(";") if part.strip())
    return [{"name": name, "value": value, "url": base_url} for name, _, value in pairs]


def page_bytes(base_url: str, officer_cookie: str, receipt_path: str) -> dict[str, int]:
    """{"form_bytes", "receipt_bytes"}: each page's first load in a fresh context, compressed as served."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            form = browser.new_context(base_url=base_url)
            form.add_cookies(cookies(officer_cookie, base_url))
            form_sizes = record_sizes(form)
            load_form(form.new_page())
            form.close()
            receipt = browser.new_context(base_url=base_url)
            receipt_sizes = record_sizes(receipt)
            load_page(receipt.new_page(), receipt_path)
            receipt.close()
        finally:
            browser.close()
    return {"form_bytes": sum(form_sizes.values()), "receipt_bytes": sum(receipt_sizes.values())}
