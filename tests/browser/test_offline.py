"""Issue 5's offline scenario on a phone: stops recorded with no connection are queued on the
device with a working receipt QR, survive a reload, and reach the server exactly once."""
import io
import re
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import (
    login,
    record_stop,
    server_stop_ids,
    stored,
    wait_for_shell,
)


def http_status(url: str) -> tuple[int, str]:
    """Fetch `url` from the test process (as a citizen's phone would), not from the offline browser."""
    try:
        with urllib.request.urlopen(f"{url}?lang=en") as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def scanned_qr(page) -> str:
    """What a phone camera reads from the confirmation's QR code."""
    png = page.locator("#done-step [data-qr] svg").screenshot()
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return code.text


def another_stop(page) -> None:
    page.get_by_role("button", name="Record another stop").click()
    expect(page.locator("h1:visible")).to_have_text("The stop")  # the first step of a new stop


def test_stops_recorded_offline_reach_the_server_exactly_once(phone, live_app):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    online = record_stop(phone, "11-AAA-1")
    assert scanned_qr(phone).lower() == online["url"].lower()
    expect(phone.locator("#done-step [data-state]")).to_have_text("Sent")
    assert online["id"] in server_stop_ids(live_app)
    wait_for_shell(phone)
    before = server_stop_ids(live_app)

    phone.context.set_offline(True)
    queued = []
    for number, plate in enumerate(("22-BBB-2", "33-CCC-3", "44-DDD-4"), start=1):
        another_stop(phone)
        queued.append(record_stop(phone, plate))
        assert scanned_qr(phone).lower() == queued[-1]["url"].lower()  # scannable, with no connection
        assert phone.inner_text("#done-step [data-state]") == "Queued – will send automatically"
        assert re.fullmatch(r"([0-9A-Z]{4}-){3}[0-9A-Z]{4}", phone.inner_text("#done-step [data-code]"))
        expect(phone.locator("#outbox-bar [data-count]")).to_contain_text(
            "1 stop waiting" if number == 1 else f"{number} stops waiting")
    assert len({stop["id"] for stop in queued}) == len({stop["reference"] for stop in queued}) == 3
    # The citizen's page answers "not arrived yet" until the device has sent the stop.
    status, page = http_status(queued[0]["url"])
    assert status == 404 and "may not have sent the stop yet" in page

    cached_form = phone.evaluate("caches.match('/stops/new').then(response => response.text())")
    phone.reload()
    expect(phone.locator("h1:visible")).to_have_text("The stop")  # the first step of a new stop
    expect(phone.locator("#outbox-bar [data-count]")).to_contain_text("3 stops waiting")
    waiting = phone.locator("#outbox [data-waiting] li")
    expect(waiting).to_have_count(3)
    for stop in queued:
        expect(phone.locator("#outbox [data-waiting]")).to_contain_text(stop["reference"])
    # The form came from the cache, yet it is a new stop with its own id and the current time.
    fresh_id = phone.input_value("input[name=stop_id]")
    assert fresh_id not in cached_form and fresh_id not in {stop["id"] for stop in queued}
    shown = datetime.fromisoformat(phone.input_value("#f-occurred_at")).replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert abs(shown - datetime.now(ZoneInfo("Europe/Amsterdam"))) < timedelta(minutes=2)
    bodies = {item["id"]: item["payload"] for item in stored(phone, "outbox")}
    assert set(bodies) == {stop["id"] for stop in queued}

    phone.context.set_offline(False)  # the "online" event sends them, no button pressed
    expect(phone.locator("#outbox-bar [data-count]")).to_have_text("No stops waiting to be sent", timeout=20000)
    assert server_stop_ids(live_app) - before == set(bodies)
    assert {entry["id"] for entry in stored(phone, "sent")} >= set(bodies)
    for stop in queued:
        status, page = http_status(stop["url"])
        assert status == 200 and stop["reference"] in page

    # A replayed request (same key, same body) is answered, not stored again.
    token = phone.request.get("/pwa/session").json()["csrf_token"]
    for stop in queued:
        replay = phone.request.post("/api/v1/stops", data=bodies[stop["id"]],
                                    headers={"Idempotency-Key": stop["id"], "X-CSRFToken": token})
        assert replay.status == 200 and replay.json()["reference"] == stop["reference"]
    assert server_stop_ids(live_app) - before == set(bodies)


def test_a_stop_queued_without_receipt_slots_says_so(phone, live_app):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    wait_for_shell(phone)
    phone.evaluate("""() => new Promise((resolve) => {
      const opening = indexedDB.open("stopform");
      opening.onsuccess = () => { const tx = opening.result.transaction("slots", "readwrite");
        tx.objectStore("slots").clear(); tx.oncomplete = () => { opening.result.close(); resolve(); }; };
    })""")
    phone.context.set_offline(True)
    stop = record_stop(phone)
    assert stop["url"] is None  # never a QR that would not open anything
    assert phone.locator("#done-step [data-qr] svg").count() == 0
    expect(phone.locator("#done-step [data-no-receipt]")).to_be_visible()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", stop["reference"])
    phone.context.set_offline(False)
    expect(phone.locator("#done-step [data-state]")).to_have_text("Sent", timeout=20000)
    assert stop["id"] in server_stop_ids(live_app)
