"""Favourites: the officer's own most used answers first; templates fill only a scenario's answers."""
from stopform.models import StopTemplate
from stopform.stops.favourites import favourite_answers, favourites_first, ranked, template_answers


def test_most_used_first_and_the_newer_of_a_tie():
    rows = [("document_check", "WVW160-1", "van", "none"), ("traffic_violation", "WVW160-1", "car", "fine"),
            ("traffic_violation", "WVW160-1", "car", "fine"), ("document_check", "WVW160-1", "van", "none")]
    ranking = ranked(rows)
    assert ranking["reason"] == ["document_check", "traffic_violation"]  # two each: the newest first
    assert ranking["legal_basis"] == ["WVW160-1"]


def test_favourites_move_to_the_front_of_a_list():
    choices = [("car", "Car"), ("van", "Van"), ("truck", "Truck")]
    assert favourites_first(choices, ["truck", "gone"]) == [("truck", "Truck"), ("car", "Car"), ("van", "Van")]


def test_favourites_come_from_the_officers_own_stops_only(db_session, make_user, make_stop):
    mine, other = make_user("officer"), make_user("officer")
    make_stop(mine, vehicle_type="van")
    make_stop(other, vehicle_type="truck")
    make_stop(other, vehicle_type="truck")
    assert favourite_answers(db_session, mine)["vehicle_type"] == ["van"]


def test_a_template_never_fills_the_stops_own_facts():
    template = StopTemplate(name="x", answers={"reason": "traffic_violation", "plate": "AB-12-CD",
                                               "occurred_at": "2026-01-01T00:00", "documents_checked": True})
    assert template_answers(template) == {"reason": "traffic_violation", "documents_checked": "y",
                                          "triggered_by_hit": "", "outcome_linked_to_reason": ""}


def test_the_form_offers_the_usual_vehicle_type_and_a_qr_receipt(client, officer, make_stop):
    make_stop(officer, vehicle_type="van")
    page = client.get("/stops/new").get_data(as_text=True)
    assert 'value="van" checked' in page and 'value="qr_shown" checked' in page
