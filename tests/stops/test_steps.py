"""The stepped form's rules (stopform.stops.steps) and its server pages without JavaScript."""
from __future__ import annotations

import re

from stopform.stops.steps import STEP_OF, STEPS, applies, check_rows, errors_up_to, first_step_with, next_step
from tests.stops.conftest import form_data


def _step_shown(page: str) -> int:
    return int(re.search(r'name="step" value="(\d)"', page).group(1))


def test_every_form_field_belongs_to_one_step():
    from stopform.stops.forms import StopForm
    names = [name for step in STEPS for name in step.fields]
    assert len(names) == len(set(names))
    assert set(StopForm.__dict__) >= set(names) - {"latitude", "longitude"}


def test_answered_steps_are_skipped_and_the_first_open_one_shown():
    errors = {"plate": "Enter the number plate.", "outcome": "Select an answer."}
    assert next_step(1, errors) == 2
    assert next_step(2, errors) == 3
    assert next_step(3, errors) is None
    assert errors_up_to(1, errors) == {}
    assert first_step_with(errors) == STEP_OF["plate"] == 2


def test_search_questions_apply_only_after_a_search(catalog):
    assert not applies("search", {"vehicle_searched": False, "persons_searched": 0}, catalog)
    assert applies("search", {"persons_searched": 1}, catalog)
    assert applies("suspect", {"legal_basis": "SV52"}, catalog)
    assert not applies("suspect", {"legal_basis": "WVW160-1"}, catalog)
    assert applies("suspect", {"legal_basis": "WVW160-1", "vehicle_searched": True, "search_basis": "SV96B"}, catalog)


def test_the_check_lists_only_what_applies(catalog):
    record = {"legal_basis": "WVW160-1", "vehicle_searched": False, "search_basis": None, "force_used": False,
              "search_found": False, "offence_found": False, "outcome": "none", "documents_checked": True}
    rows = check_rows(STEPS[2], record, catalog)
    assert "documents_checked" in rows and "force_used" in rows  # asked of every stop, even when "No"
    assert "search_basis" not in rows and "search_found" not in rows and "offence_found" not in rows
    assert "outcome_linked_to_reason" not in rows  # no further action: nothing to link


def test_without_javascript_each_step_is_a_server_page(client, officer):
    data = form_data(action="next", step="1", plate="", outcome="")
    page = client.post("/stops/new", data=data, headers={"Accept-Language": "en"})
    assert page.status_code == 200 and _step_shown(page.get_data(as_text=True)) == 2  # step 1 answered
    page = client.post("/stops/new", data={**data, "step": "2"}, headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and _step_shown(text) == 2
    assert 'id="e-plate"' in text and 'id="e-outcome"' not in text  # a later step's answer waits
    page = client.post("/stops/new", data={**data, "step": "2", "plate": "12-AB-34"})
    assert _step_shown(page.get_data(as_text=True)) == 3
    back = client.post("/stops/new", data={**data, "step": "3", "action": "back"})
    assert _step_shown(back.get_data(as_text=True)) == 2
    check = client.post("/stops/new", data={**data, "step": "3", "plate": "12-AB-34", "outcome": "fine"},
                        headers={"Accept-Language": "en"})
    assert "Check your answers before sending" in check.get_data(as_text=True)  # the receipt step is answered


def test_the_server_measures_the_time_to_record_from_a_signed_mark(client, officer, db_session, app):
    from sqlmodel import select

    from stopform.models import Stop
    page = client.get("/stops/new").get_data(as_text=True)
    opened = re.search(r'name="opened" value="([^"]+)"', page).group(1)
    client.post("/stops/new", data=form_data(opened=opened))
    client.post("/stops/new", data=form_data(opened="forged.mark"))
    times = sorted(stop.time_to_record_seconds is None for stop in db_session.exec(select(Stop)))
    assert times == [False, True]  # the forged mark measures nothing
