"""The roadside budgets at 375×667 (BENCHMARKS.md, "The stop form at the roadside"): taps or entries
(every click, fill, select and check counts, Continue and Send too), form screens, and the QR code with
the one code the driver needs fully visible on the confirmation without scrolling. The scripted time
is printed for BENCHMARKS.md, never asserted."""
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, login, record_stop

VIEWPORT_HEIGHT = PHONE["viewport"]["height"]
HEADER_SHARE = 0.15
TOUCH = 44
STEP_BOTTOM = ("document.querySelector('#stop-form section.step:not([hidden]) .step-buttons')"
               ".getBoundingClientRect().bottom + window.scrollY")


class Officer:
    """The page, with every tap or entry counted and every form screen noted."""

    def __init__(self, page):
        self.page, self.taps, self.screens, self.started = page, 0, [], time.monotonic()
        self.heights: list[float] = []  # where each screen's Continue button ends, from the page top
        self.opened = self.started

    def note_screen(self) -> None:
        if self.page.locator("#check-step").is_visible():
            return
        step = self.page.inner_text("#progress")
        if not self.screens or self.screens[-1] != step:
            self.screens.append(step)
            self.heights.append(self.page.evaluate(STEP_BOTTOM))

    def tap(self, selector: str) -> None:
        self.taps += 1
        self.page.click(selector)
        self.note_screen()

    def fill(self, selector: str, text: str) -> None:
        self.taps += 1
        self.page.fill(selector, text)

    def select(self, selector: str, value: str) -> None:
        self.taps += 1
        self.page.select_option(selector, value)

    def next(self) -> None:
        self.tap("#stop-form section.step:not([hidden]) button[value=next]")

    def send(self) -> float:
        self.tap("#check-step [data-send]")
        expect(self.page.locator("#done-step [data-state]")).to_have_text("Sent")
        return time.monotonic() - self.started

    def report(self, name: str, seconds: float) -> None:
        print(f"\n{name}: {self.taps} taps or entries, {len(self.screens)} form screens "
              f"({', '.join(self.screens)}; ending at {', '.join(f'{h:.0f}' for h in self.heights)} px), "
              f"scripted {seconds:.1f} s")


@pytest.fixture()
def regular(phone, live_app):
    """An officer who has recorded a stop before (their last area and usual vehicle type), on a new form."""
    login(phone, "officer")
    phone.goto("/stops/new?lang=en")
    record_stop(phone, "10-AAA-1")
    opened = time.monotonic()
    phone.goto("/stops/new?lang=en")
    officer = Officer(phone)
    officer.opened = opened  # before the page: the page's own clock starts later
    officer.note_screen()
    return officer


def recorded_in_seconds(live_app, stop_id: str) -> int | None:
    """The time to record the server stored for a stop."""
    import uuid

    from sqlmodel import Session

    from stopform.db import engine_of
    from stopform.models import Stop
    with Session(engine_of(live_app)) as session:
        return session.get(Stop, uuid.UUID(stop_id)).time_to_record_seconds


def test_a_routine_traffic_check_takes_at_most_8_taps_over_3_screens(regular, live_app):
    regular.select("#f-reason", "document_check")  # the basis and the documents follow
    regular.fill("#f-reason_text", "Routine licence and registration check at the Maasboulevard.")
    regular.next()
    regular.fill("#f-plate", "56-XKL-2")
    regular.next()  # the usual vehicle type is filled in
    regular.select("#f-outcome", "none")
    regular.next()
    check = regular.page.locator("#check-step")
    for shown in ("WVW160-1", "Car", "QR code shown", "Driving licence or registration inspected"):
        expect(check).to_contain_text(shown)  # every pre-filled answer is on the check
    seconds = regular.send()
    regular.report("routine traffic check", seconds)
    stop_id = regular.page.get_attribute("#done-step", "data-id")
    # measured by the page, sent with the stop: never longer than the page has been open
    assert 0 <= recorded_in_seconds(live_app, stop_id) <= round(time.monotonic() - regular.opened) + 1
    assert regular.taps <= 8
    assert len(regular.screens) <= 3
    assert max(regular.heights) <= VIEWPORT_HEIGHT  # each screen fits the phone, Continue included


def test_a_red_light_stop_with_a_fine(regular):
    regular.select("#f-reason", "traffic_violation")
    regular.fill("#f-reason_text", "Ran a red light at the Maasboulevard crossing.")
    regular.next()
    regular.fill("#f-plate", "56-XKL-3")
    regular.next()
    regular.tap("#f-documents_checked")
    regular.select("#f-outcome", "fine")
    regular.next()
    seconds = regular.send()
    regular.report("red-light stop with a fine", seconds)
    assert regular.taps <= 9
    assert len(regular.screens) <= 3


def test_a_camera_hit_an_id_demand_and_a_search_take_at_most_16_taps(regular):
    regular.select("#f-reason", "document_check")
    regular.fill("#f-reason_text", "Number-plate camera: no valid insurance on record; documents asked.")
    regular.tap("#f-triggered_by_hit")
    regular.select("#f-hit_source", "anpr_reference_list")
    regular.next()
    regular.fill("#f-plate", "12-ABC-3")
    regular.next()
    regular.tap("#f-driver_id_demanded")
    regular.select("#f-id_basis", "POLW8-ID")
    regular.tap("#f-vehicle_searched")
    regular.select("#f-search_basis", "CONSENT")
    regular.tap("#f-consent_refusal_explained")
    regular.select("#f-outcome", "warning")
    regular.next()
    seconds = regular.send()
    regular.report("camera hit, ID demand and search", seconds)
    assert regular.taps <= 16


def test_the_qr_code_and_the_drivers_code_are_above_the_fold(regular):
    page = regular.page
    record_stop(page, "34-QRF-4")
    for selector in ("#done-step [data-qr] svg", "#done-step [data-code]"):
        box = page.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT_HEIGHT, selector
    codes = page.locator("#done-step [data-code]:visible, #done-step .reference:visible")
    assert codes.count() == 2  # the driver's code, and the reference labelled as the officer's own
    assert "not this" in page.inner_text("#done-step .officer-ref")


def test_the_header_is_compact_and_every_target_is_large_enough(regular):
    page = regular.page
    assert page.locator("header").bounding_box()["height"] <= VIEWPORT_HEIGHT * HEADER_SHARE
    small = page.evaluate("""min => Array.from(document.querySelectorAll('#stop-form section.step:not([hidden]) '
        + ':is(button, select, input:not([type=radio]):not([type=checkbox]), textarea, .choice, summary)'))
      .filter(el => el.offsetParent !== null && el.closest('[hidden]') === null)
      .map(el => [el.id || el.className || el.tagName, el.getBoundingClientRect()])
      .filter(([, r]) => r.height < min || r.width < min).map(([name]) => name)""", TOUCH)
    assert small == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_both_colour_schemes_keep_text_readable(regular, scheme):
    from tests.browser.test_accessibility import assert_no_violations
    regular.page.emulate_media(color_scheme=scheme)
    assert_no_violations(regular.page)


@pytest.fixture()
def speed_check(live_app):
    """A template an admin made for a speed check at a control site (removed after the test)."""
    from sqlmodel import Session

    from stopform.db import engine_of
    from stopform.models import StopTemplate
    answers = {"reason": "traffic_violation", "legal_basis": "WVW160-1", "vehicle_type": "car",
               "reason_text": "Speed measured by the control site's laser.", "documents_checked": True,
               "outcome": "fine", "outcome_linked_to_reason": True, "receipt": "qr_shown"}
    with Session(engine_of(live_app)) as session:
        template = StopTemplate(name="Speed check at control site", answers=answers)
        session.add(template)
        session.commit()
        yield template
        session.delete(template)
        session.commit()


def test_a_template_reduces_the_plain_traffic_stop_to_4_taps(regular, speed_check):
    page = regular.page
    page.goto("/stops/new?lang=en")  # the template appears at the start of the form
    regular.tap("a[data-template]")
    regular.fill("#f-plate", "56-TPL-5")
    regular.next()
    check = page.locator("#check-step")
    for shown in ("Speed measured by the control site's laser.", "WVW160-1", "Car", "Fine", "QR code shown"):
        expect(check).to_contain_text(shown)  # every answer the template filled in, before sending
    seconds = regular.send()
    regular.report("plain traffic stop from a template", seconds)
    assert regular.taps <= 4


STEP_STATES = {
    "step 1, error state": lambda page: page.click("#stop-form section.step:not([hidden]) button[value=next]"),
    "step 2": lambda page: _to_step(page, 2),
    "step 2, error state": lambda page: (_to_step(page, 2),
                                         page.click("#stop-form section.step:not([hidden]) button[value=next]")),
    "step 3 with every question open": lambda page: (_to_step(page, 3), page.check("#f-vehicle_searched"),
                                                     page.check("#f-driver_id_demanded")),
    "step 3, error state": lambda page: (_to_step(page, 3),
                                         page.click("#stop-form section.step:not([hidden]) button[value=next]")),
    "step 4": lambda page: (_to_step(page, 3), page.check("#f-documents_checked"),
                            page.select_option("#f-outcome", "none"),
                            page.click("#stop-form section.step:not([hidden]) button[value=next]"),
                            page.get_by_role("button", name="Change Receipt").click(),
                            page.check("input[name=receipt][value='not_offered']")),
}


def _to_step(page, number: int) -> None:
    page.select_option("#f-reason", "traffic_violation")
    page.fill("#f-reason_text", "Ran a red light.")
    page.click("#stop-form section.step:not([hidden]) button[value=next]")
    if number > 2:
        page.fill("#f-plate", "12-AB-34")
        page.click("#stop-form section.step:not([hidden]) button[value=next]")


@pytest.mark.parametrize("state", STEP_STATES)
def test_every_step_passes_axe(regular, state):
    from tests.browser.test_accessibility import assert_no_violations
    STEP_STATES[state](regular.page)
    assert_no_violations(regular.page)
