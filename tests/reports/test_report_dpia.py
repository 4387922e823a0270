"""A report that uses perceived origin names the DPIA under which it was recorded (Art. 5 Wpg)."""

MONTH = "2025-03"


def test_report_with_perceived_origin_names_its_dpia(app, english, login, seed_stops, hand_rows):
    app.config["PERCEIVED_ORIGIN_DPIA"] = "DPIA-2026-07"
    seed_stops(hand_rows(40, perceived_origin="dutch") + hand_rows(35, perceived_origin="morocco"))
    login("admin", unit=None)
    html = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    assert "uses perceived origin" in html and "DPIA-2026-07" in html


def test_report_without_perceived_origin_says_nothing_of_it(english, login, seed_stops, hand_rows):
    seed_stops(hand_rows(40))
    login("admin", unit=None)
    assert "uses perceived origin" not in english.get(f"/reports/{MONTH}").get_data(as_text=True)
