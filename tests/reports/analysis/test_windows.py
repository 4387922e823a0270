"""Windows (1, 3, 12 months), standing flags, trigger split, per-area hit rates, plain-word notes."""

from __future__ import annotations

import pandas as pd
import pytest

from stopform.demo.calibration import Scenario, generate_year, report_inputs
from stopform.reports.analysis import build_report
from stopform.reports.analysis.messages import comparison_note
from stopform.reports.analysis.outcome import per_area_rates
from stopform.reports.analysis.windows import available_windows, months_ending, window_frame

MONTH = "2026-10"


@pytest.fixture(scope="module")
def ro_searched_more() -> dict:
    """13 months at realistic size with RO plates searched twice as often, officers left out."""
    stops, traffic = generate_year(MONTH, seed=77, scenario=Scenario(search={"RO": 2.0}), months=13)
    return build_report(report_inputs(stops, traffic, MONTH, officers=False))


def _row(report: dict, test: str, group: str, **variant) -> dict:
    block = next(b for b in report["tests"] if b["test"] == test
                 and all(b.get(k) == v for k, v in variant.items()))
    return next(r for r in block["rows"] if r["group"] == group)


def test_months_and_available_windows():
    assert months_ending("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]
    frame = pd.DataFrame({"group": ["NL"], "n": [1], "events": [0], "stratum": ["A"], "month": ["2026-08"]})
    assert available_windows([frame], MONTH) == (1, 3)
    assert window_frame(frame, MONTH, 3)["stratum"].tolist() == ["A|2026-08"]  # the month joins the stratum
    assert window_frame(frame, MONTH, 1).empty


def test_a_year_sees_what_a_month_cannot_and_names_its_window(ro_searched_more):
    row = _row(ro_searched_more, "search_rate", "RO")
    assert row["window"] == 12 and [w["months"] for w in row["windows"]] == [1, 3, 12]
    assert row["flag"] and row["ratio_adjusted"] == pytest.approx(2.0, rel=0.25)
    flag = next(f for f in ro_searched_more["flags"] if f["test"] == "search_rate" and f["group"] == "RO")
    assert flag["window"] == 12 and flag["message"].startswith("Over the 12 months ending with the report month")
    # Flagged on the windows ending a month earlier too: standing, not new.
    assert flag["status"] == "standing"


def test_one_month_of_data_has_only_the_month_window():
    stops, traffic = generate_year(MONTH, seed=78, scenario=Scenario(), months=1)
    report = build_report(report_inputs(stops, traffic, MONTH, officers=False))
    assert {row["window"] for block in report["tests"] for row in block["rows"]} == {1}


def test_stops_per_passage_apart_for_officer_initiated_and_hit_triggered_stops(ro_searched_more):
    triggers = [b["trigger"] for b in ro_searched_more["tests"] if b["test"] == "stop_rate_vs_traffic"]
    assert triggers == ["officer_initiated", "hit_triggered"]
    officer = _row(ro_searched_more, "stop_rate_vs_traffic", "DE", trigger="officer_initiated")
    hit = _row(ro_searched_more, "stop_rate_vs_traffic", "DE", trigger="hit_triggered")
    assert officer["events"] > 5 * hit["events"] > 0  # a tenth of the stops follow a system hit


def test_a_place_effect_gets_plain_words_beside_the_crude_ratio():
    stops, traffic = generate_year(MONTH, seed=79, scenario=Scenario(site_stop=1.5, site_search=3.0), months=12)
    report = build_report(report_inputs(stops, traffic, MONTH, officers=False))
    row = _row(report, "search_rate", "PL")
    assert row["ratio"] > 1.3 and row["ratio_adjusted"] == pytest.approx(1.0, abs=0.2)
    assert row["comparison_note"].startswith("The crude ratio (")
    assert "mostly explained by where and when the stops happened" in row["comparison_note"]
    assert not row["flag"]


def test_no_note_when_crude_and_adjusted_agree():
    assert comparison_note({"ratio": 1.5, "ratio_adjusted": 1.45}) is None
    assert "hides part" in comparison_note({"ratio": 1.1, "ratio_adjusted": 1.6})


def test_per_area_hit_rates_average_areas_equally():
    # Area A: PL 2/20 (0.1), NL 30/100 (0.3); area B: PL 30/60 (0.5), NL 10/20 (0.5).
    frame = pd.DataFrame([("PL", 20, 2, "A|x"), ("NL", 100, 30, "A|x"), ("PL", 60, 30, "B|x"), ("NL", 20, 10, "B|x")],
                         columns=["group", "n", "events", "stratum"])
    result = per_area_rates(frame, "PL", "NL")
    assert result["per_area_rate"] == pytest.approx(0.3) and result["per_area_reference_rate"] == pytest.approx(0.4)
    se = ((0.1 * 0.9 / 20 + 0.5 * 0.5 / 60) ** 0.5 / 2, (0.3 * 0.7 / 100 + 0.5 * 0.5 / 20) ** 0.5 / 2)
    half = 1.959963984540054 * (se[0] ** 2 + se[1] ** 2) ** 0.5
    assert (result["per_area_ci_low"], result["per_area_ci_high"]) == pytest.approx((-0.1 - half, -0.1 + half))
    assert result["per_area_areas"] == 2
