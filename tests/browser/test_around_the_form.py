"""Around the stop form, on a 375×667 phone: logout offline is refused, the personal-data warning,
"My stops" never scrolls sideways, a device-minted receipt shown again offline from the sent log,
and a refused stop marked "needs correction" without blocking the stops behind it."""
import uuid
from datetime import timedelta

from playwright.sync_api import expect

from stopform.models import utcnow
from tests.browser.conftest import login, record_stop, stored, wait_for_shell, wait_until


def send_by_api(phone, **overrides) -> dict:
    """A stop sent as the outbox sends it (session and CSRF token), without the form."""
    token = phone.request.get("/pwa/session").json()["csrf_token"]
    body = {"stop_id": str(uuid.uuid4()), "occurred_at": (utcnow() - timedelta(minutes=20)).isoformat(),
            "duration_minutes": 6, "area": "VENLO", "legal_basis": "WVW160-1", "reason": "document_check",
            "reason_text": "Routine licence check at the A73 exit.", "plate": "GH-456-J", "plate_country": "DE",
            "vehicle_type": "car", "occupants": 1, "documents_checked": True, "outcome": "none",
            "receipt": "qr_shown", **overrides}
    response = phone.request.post("/api/v1/stops", data=body, headers={"X-CSRFToken": token})
    assert response.status == 201, response.text()
    return response.json()


def test_logout_offline_is_refused_and_keeps_the_form(phone):
    login(phone, "officer")
    phone.goto("/stops/?lang=en")
    wait_for_shell(phone)
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Log out").click()
    refusal = phone.locator("#logout-offline")
    expect(refusal).to_contain_text("You cannot log out without a connection")
    assert phone.evaluate("document.activeElement.id") == "logout-offline-title"
    assert phone.evaluate("caches.match('/stops/new').then(Boolean)")  # the form is still on the phone
    refusal.get_by_role("button", name="Stay logged in").click()
    expect(refusal).to_have_count(0)
    phone.context.set_offline(False)
    phone.get_by_role("button", name="Log out").click()
    phone.wait_for_url("**/auth/login**")


def test_a_draft_typed_just_before_logout_does_not_survive_it(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    wait_for_shell(phone)
    phone.fill("#f-reason_text", "Typed just before logging out")  # its draft save is still pending
    phone.get_by_role("button", name="Log out").click()
    phone.wait_for_url("**/auth/login**")
    phone.wait_for_timeout(600)  # longer than the form's draft pause
    assert stored(phone, "drafts") == []


def test_the_form_warns_about_personal_data_as_the_officer_types(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    reason = phone.locator("#f-reason_text")
    reason.fill("Bestuurder gaf 06-12345678 en dhr. Jansen reed mee")
    warning = phone.locator("#pd-reason_text")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("a name, a phone number")
    assert "pd-reason_text" in reason.get_attribute("aria-describedby")
    reason.fill("Reed door rood licht op de kruising bij Roermond.")
    expect(warning).to_be_hidden()


def test_my_stops_never_scrolls_sideways(phone):
    login(phone, "officer")
    phone.goto("/stops/?lang=en")
    for _ in range(3):
        send_by_api(phone)
    phone.goto("/stops/?lang=en")
    phone.get_by_text("Find a stop").click()
    assert phone.locator("li[data-stop-id]").count() >= 3
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.fill("#f-reference", "zzzz")
    phone.get_by_role("button", name="Show stops").click()
    expect(phone.locator("main")).to_contain_text("No stops match")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_device_minted_receipt_is_shown_again_offline_from_the_sent_log(phone, live_app):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    wait_for_shell(phone)
    stop = record_stop(phone, "77-RRR-7")
    expect(phone.locator("#done-step [data-state]")).to_have_text("Sent")
    code = phone.inner_text("#done-step [data-code]")
    [entry] = wait_until(lambda: [e for e in stored(phone, "sent") if e["id"] == stop["id"] and e.get("receipt")])

    phone.goto("/stops/?lang=en")  # online: "My stops" offers the device's receipt for its own stop
    row = phone.locator(f"li[data-stop-id='{stop['id']}']")
    row.get_by_role("button", name="Show the receipt again").click()
    expect(phone.locator(f"#receipt-{stop['id']} [data-code]")).to_have_text(code)
    phone.goto(f"/stops/{stop['id']}?lang=en")  # and the stop's own page
    expect(phone.locator("main")).to_contain_text("made on the phone that recorded this stop")
    phone.get_by_role("button", name="Show the receipt again").click()
    expect(phone.locator(f"#receipt-{stop['id']} [data-code]")).to_have_text(code)

    phone.context.set_offline(True)
    phone.goto("/offline?lang=en")
    sent = phone.locator("#outbox [data-sent] li", has_text=entry["reference"])
    sent.get_by_role("button", name="Show the receipt again").click()
    receipt = phone.locator(f"#receipt-{stop['id']}")
    expect(receipt.locator("svg")).to_be_visible()
    expect(receipt.locator("[data-code]")).to_have_text(code)
    phone.context.set_offline(False)


def test_a_refused_stop_needs_correction_and_the_stops_behind_it_are_sent(phone, live_app):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    wait_for_shell(phone)
    phone.context.set_offline(True)
    first = record_stop(phone, "11-NUL-1")
    # As if pasted from elsewhere: a NUL in the reason, which the server refuses with 422.
    phone.evaluate("""id => new Promise((resolve, reject) => {
      const opening = indexedDB.open("stopform");
      opening.onsuccess = () => {
        const tx = opening.result.transaction("outbox", "readwrite");
        const store = tx.objectStore("outbox");
        store.get(id).onsuccess = (event) => {
          const item = event.target.result;
          item.payload.reason_text = "Red\\u0000light";
          store.put(item);
        };
        tx.oncomplete = () => { opening.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    })""", first["id"])
    phone.get_by_role("button", name="Record another stop").click()
    second = record_stop(phone, "22-OKE-2")
    phone.context.set_offline(False)
    phone.get_by_role("button", name="Send now").click()
    waiting = phone.locator("#outbox [data-waiting]")
    expect(waiting).to_contain_text("Needs correction. The server says: reason_text", timeout=20000)
    expect(waiting).to_contain_text("control characters")
    wait_until(lambda: any(entry["id"] == second["id"] for entry in stored(phone, "sent")))
    assert [item["id"] for item in stored(phone, "outbox")] == [first["id"]]


def test_unsent_stops_saved_to_a_file_are_imported_by_a_supervisor(phone, live_app, tmp_path):
    from tests.browser.conftest import server_stop_ids
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    wait_for_shell(phone)
    phone.context.set_offline(True)
    stop = record_stop(phone, "55-EXP-5")
    phone.goto("/offline?lang=en")
    with phone.expect_download() as download:
        phone.get_by_role("button", name="Save unsent stops to a file").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("stopform-unsent-NL-OFFICER-")
    assert stop["id"] in path.read_text(encoding="utf-8")
    result = live_app.test_cli_runner().invoke(args=["import-stops", str(path)])
    assert result.exit_code == 0, result.output
    assert stop["id"] in server_stop_ids(live_app)
    assert [item["id"] for item in stored(phone, "outbox")] == [stop["id"]]  # still on the phone until sent
    phone.context.set_offline(False)
