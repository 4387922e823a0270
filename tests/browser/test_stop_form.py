"""The officer logs a stop on a phone-sized screen: the browser's own check-answers and
confirmation steps, the legality hint, and the server's flow when JavaScript is off."""
import uuid
from datetime import timedelta

from playwright.sync_api import expect

from tests.browser.conftest import (
    PHONE,
    continue_step,
    fill_lawful_traffic_stop,
    login,
    officer_form_without_javascript,
    open_when_where,
    record_stop,
)


def test_officer_logs_a_stop_and_sees_its_reference(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    fill_lawful_traffic_stop(phone)
    continue_step(phone)
    heading = phone.locator("h1:visible")
    assert heading.inner_text() == "Check your answers before sending"
    assert phone.evaluate("document.activeElement.id") == "check-title"
    assert "56-XKL-2" in phone.inner_text("#check-step")
    phone.get_by_role("button", name="Send stop record").click()
    expect(heading).to_have_text("Stop recorded")
    assert phone.evaluate("document.activeElement.id") == "done-title"
    reference = phone.inner_text("#done-step .panel .reference")
    assert len(reference) == 12 and reference[4] == "-"
    assert phone.locator("#done-step [data-qr] svg[role=img]").is_visible()
    expect(phone.locator("#done-step [data-state]")).to_have_text("Sent")


def test_change_returns_to_the_step_and_continue_to_the_answers(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    fill_lawful_traffic_stop(phone)
    continue_step(phone)
    change = phone.get_by_role("button", name="Change Vehicle and people", exact=True)
    assert change.is_visible()
    change.click()
    assert phone.evaluate("document.activeElement.id") == "form-title"
    assert phone.inner_text("#progress") == "Step 2 of 4"
    phone.fill("#f-plate", "99-ZZ-99")
    continue_step(phone)  # the later steps are answered: straight back to the check
    assert "99-ZZ-99" in phone.inner_text("#check-step")


def test_continue_shows_the_steps_missing_answers_and_moves_focus(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    continue_step(phone)
    summary = phone.locator("#error-summary")
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    assert "Legal basis for the stop: Select the legal basis used to stop the vehicle." in summary.inner_text()
    assert "Number plate" not in summary.inner_text()  # a later step's question waits for its step
    assert phone.title().startswith("Error:")
    summary.get_by_role("link", name="Reason for the stop: Select an answer.").click()
    assert phone.evaluate("document.activeElement.id") == "f-reason"
    phone.select_option("#f-reason", "traffic_violation")
    assert phone.input_value("#f-legal_basis") == "WVW160-1"  # the basis the reason suggests
    phone.fill("#f-reason_text", "Ran a red light.")
    continue_step(phone)
    phone.fill("#f-plate", "12 AB!")
    continue_step(phone)
    assert "Number plate: Use letters, digits, spaces and hyphens only." in summary.inner_text()
    assert phone.get_attribute("#f-plate", "aria-invalid") == "true"
    assert "e-plate" in phone.get_attribute("#f-plate", "aria-describedby")


def test_back_and_the_browsers_back_return_to_the_previous_step(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    fill_lawful_traffic_stop(phone)
    assert phone.inner_text("#progress") == "Step 3 of 4"
    phone.click("#stop-form section.step:not([hidden]) button[value=back]")
    assert phone.inner_text("#progress") == "Step 2 of 4"
    phone.go_back()
    assert phone.inner_text("#progress") == "Step 1 of 4"
    assert phone.input_value("#f-reason_text") == "Ran a red light at the Maasboulevard crossing."
    phone.go_forward()
    assert phone.inner_text("#progress") == "Step 2 of 4"


def test_guard_problem_blocks_continue(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    fill_lawful_traffic_stop(phone)
    phone.check("#f-vehicle_searched")
    continue_step(phone)
    assert "WVW160-1 does not allow searching the vehicle" in phone.inner_text("#error-summary")
    assert phone.locator("#check-step").count() == 0


def test_phone_in_another_time_zone_records_the_right_moment(browser, live_server, live_app):
    from sqlmodel import Session

    from stopform.db import engine_of
    from stopform.models import Stop, utcnow
    context = browser.new_context(base_url=live_server, locale="en-GB", timezone_id="America/New_York", **PHONE)
    page = context.new_page()
    login(page, "officer")
    page.goto("/stops/new?lang=en")
    stop = record_stop(page)
    expect(page.locator("#done-step [data-state]")).to_have_text("Sent")
    with Session(engine_of(live_app)) as session:
        stored = session.get(Stop, uuid.UUID(stop["id"]))
        # The form shows Amsterdam time whatever the phone's zone, and the instant stored is now.
        assert abs(stored.occurred_at - utcnow()) < timedelta(minutes=2)
    context.close()


SET_BASIS = """code => { const select = document.getElementById('f-legal_basis');
  select.value = code; select.dispatchEvent(new Event('change', {bubbles: true})); }"""


def test_guard_warns_on_the_actions_step_when_search_goes_beyond_traffic_check(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    fill_lawful_traffic_stop(phone)
    phone.uncheck("#f-documents_checked")
    guard = phone.locator("#guard")
    assert "the traffic check is really done" in guard.inner_text()  # what WVW160-1 requires
    phone.check("#f-documents_checked")
    assert guard.is_hidden()
    assert phone.locator("#f-search_basis").is_hidden()  # no search questions without a search
    phone.check("#f-vehicle_searched")
    assert guard.is_visible()
    assert "WVW160-1 does not allow searching the vehicle" in guard.inner_text()
    phone.select_option("#f-search_basis", "CONSENT")
    assert guard.is_visible()  # consent without the refusal right explained is not enough
    phone.check("#f-consent_refusal_explained")
    assert guard.is_hidden()


def test_guard_knows_what_each_basis_permits(phone):
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    open_when_where(phone)
    phone.select_option("#f-area", "ROERMOND")
    phone.select_option("#f-reason", "traffic_violation")
    phone.fill("#f-reason_text", "Ran a red light.")
    continue_step(phone)
    phone.fill("#f-plate", "12-AB-34")
    phone.check("input[name=vehicle_type][value='car']")
    phone.fill("#f-occupants", "2")
    continue_step(phone)
    phone.fill("#f-passenger_ids_demanded", "1")
    assert "demanding passengers' identity" in phone.inner_text("#guard")
    phone.evaluate(SET_BASIS, "SV52")
    assert "demanding passengers' identity" not in phone.inner_text("#guard")
    phone.fill("#f-suspected_offence", "Art. 2 Opiumwet")
    phone.check("#f-caution_given")
    assert phone.locator("#guard").is_hidden()  # and what SV52 requires is shown
    phone.check("#f-documents_checked")
    phone.evaluate(SET_BASIS, "WVW160-5")
    phone.select_option("#f-id_basis", "POLW8-ID")
    assert phone.locator("#guard").is_hidden()


def test_without_javascript_the_server_flow_records_the_stop(browser, live_server):
    context, page = officer_form_without_javascript(browser, live_server)
    fill_lawful_traffic_stop(page)
    assert page.inner_text("#progress") == "Step 3 of 4"  # the same steps, as server pages
    continue_step(page)
    assert page.inner_text("h1") == "Check your answers before sending"
    page.click("button[value=send]")
    assert page.inner_text("h1") == "Stop recorded"
    assert page.locator("svg[role=img]").count() == 1  # the receipt's QR, drawn by the server
    for code in (page.locator("svg[role=img]"), page.locator(".handover .code")):
        box = code.bounding_box()
        assert box["y"] + box["height"] <= PHONE["viewport"]["height"]  # above the fold, as with scripts
    context.close()


def test_server_still_refuses_when_javascript_is_off(browser, live_server):
    context, page = officer_form_without_javascript(browser, live_server)
    fill_lawful_traffic_stop(page)
    page.check("#f-vehicle_searched")
    continue_step(page)
    assert "There is a problem" in page.inner_text(".error-summary")
    assert "WVW160-1" in page.inner_text("#e-search_basis")
    context.close()
