"""compute_report: the §3 JSON object and the page's extras, from SQL counts, for one scope."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from scipy.stats.contingency import relative_risk

from stopform.models import ReceiptFeedback
from stopform.reports.analysis.catalogue import PROPORTION_TESTS, SEARCH_BREAKDOWN_TESTS
from stopform.reports.analysis.rows import ROW_KEYS
from stopform.reports.inputs import reference_groups
from stopform.reports.outputs import CSV_COLUMNS, report_csv, report_json
from stopform.reports.service import compute_report
from tests.conftest import OTHER_UNIT, UNIT

MONTH = "2025-03"
KNOWN_TESTS = {"stop_rate_vs_traffic", "system_hit_rate_vs_traffic", *PROPORTION_TESTS, "veil_of_darkness",
               "officer_benchmark", *SEARCH_BREAKDOWN_TESTS}
FLAG_KEYS = {"test", "dimension", "group", "ratio", "ci_low", "ci_high", "p_adjusted", "message"}


def _block(report, test: str, dimension: str = "plate_country") -> dict:
    return next(b for b in report.tests if b["test"] == test and b["dimension"] == dimension)


def _row(block: dict, group: str) -> dict:
    return next(r for r in block["rows"] if r["group"] == group)


@pytest.fixture()
def hand_checked(seed_stops, hand_rows):
    """100 Dutch-plated stops of which 10 searched; 60 Polish-plated of which 20 searched (enough to
    expect 10 searches of either group if both were searched alike)."""
    searched = {"vehicle_searched": True, "beyond_basis": True}
    rows = (hand_rows(10, plate_country="NL", **searched) + hand_rows(90, plate_country="NL")
            + hand_rows(20, plate_country="PL", **searched) + hand_rows(40, plate_country="PL"))
    return seed_stops(rows)


def test_json_has_exactly_the_contract_shape(db_session, seed_stops):
    rows = seed_stops(count=1500)
    report = compute_report(db_session, month=MONTH)
    data = json.loads(report_json(report))
    assert list(data) == ["period", "scope", "n_stops", "tests", "flags"]
    assert data["period"] == {"start": "2025-03-01", "end": "2025-03-31"}
    assert data["scope"] == {"unit": None, "area": None}
    assert data["n_stops"] == len(rows)
    assert {b["test"] for b in data["tests"]} <= KNOWN_TESTS
    for block in data["tests"]:
        variants = {"studied_group", "measure", "trigger", "basis", "kind"}
        assert set(block) - variants == {"test", "dimension", "reference_group", "rows"}
        assert block["reference_group"] == "NL"
        for row in block["rows"]:
            assert set(ROW_KEYS) <= set(row), block["test"]
            assert isinstance(row["flag"], bool) and isinstance(row["suppressed"], bool)
    for flag in data["flags"]:
        assert FLAG_KEYS <= set(flag) and flag["message"]


def test_dimensions_appear_only_where_recorded(db_session, seed_stops):
    seed_stops(count=800)  # the generator records nationality when an identity document was seen
    dimensions = {b["dimension"] for b in compute_report(db_session, month=MONTH).tests}
    assert dimensions == {"plate_country", "driver_nationality"}


def test_perceived_origin_is_compared_against_dutch(db_session, seed_stops, hand_rows):
    seed_stops(hand_rows(40, perceived_origin="dutch") + hand_rows(35, perceived_origin="moroccan"))
    block = _block(compute_report(db_session, month=MONTH), "search_rate", "perceived_origin")
    assert block["reference_group"] == "dutch"
    assert [row["group"] for row in block["rows"]] == ["moroccan"]


def test_hand_checked_search_rate(db_session, hand_checked):
    report = compute_report(db_session, month=MONTH)
    assert report.data["n_stops"] == 160
    row = _row(_block(report, "search_rate"), "PL")
    assert (row["n"], row["events"]) == (60, 20)
    assert row["rate"] == pytest.approx(1 / 3) and row["reference_rate"] == pytest.approx(0.1)
    assert row["ratio"] == pytest.approx(10 / 3)
    interval = relative_risk(20, 60, 10, 100).confidence_interval(0.95)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((interval.low, interval.high))
    assert row["flag"] is True and not row["suppressed"]
    flagged = {(f["test"], f["group"]) for f in report.flags}
    assert ("search_rate", "PL") in flagged and ("extra_actions_rate", "PL") in flagged
    hits = _row(_block(report, "hit_rate"), "PL")
    # Below the minimum (no hits expected: the reference found nothing): a suppressed row publishes
    # its n but no events, rate or ratio.
    assert hits["suppressed"] and hits["n"] == 20 and hits["events"] is None and hits["ratio"] is None


def test_every_flag_has_a_monthly_trend_ending_with_the_month(db_session, hand_checked):
    report = compute_report(db_session, month=MONTH)
    assert len(report.flag_trends) == len(report.flags) > 0
    trend = report.flag_trends[0]
    assert [p.month for p in trend.points][-1] == MONTH and len(trend.points) == 12
    last, flag = trend.points[-1], report.flags[0]
    assert last.ratio == pytest.approx(flag["ratio_crude"]) and not last.suppressed
    assert all(p.suppressed and p.n == 0 for p in trend.points[:-1])


def test_csv_has_one_line_per_test_row(db_session, hand_checked):
    report = compute_report(db_session, month=MONTH)
    lines = list(csv.DictReader(io.StringIO(report_csv(report))))
    assert tuple(lines[0]) == CSV_COLUMNS
    assert len(lines) == sum(len(b["rows"]) for b in report.tests)
    line = next(x for x in lines if x["test"] == "search_rate" and x["group"] == "PL")
    assert (line["dimension"], line["reference_group"]) == ("plate_country", "NL")
    assert (line["n"], line["events"]) == ("60", "20")
    assert float(line["ratio"]) == pytest.approx(10 / 3) and line["flag"] == "true" and line["suppressed"] == "false"
    suppressed = next(x for x in lines if x["test"] == "hit_rate")
    assert suppressed["ratio"] == "" and suppressed["suppressed"] == "true"


def test_searches_by_consent_and_by_legal_basis_per_group(db_session, seed_stops, hand_rows):
    consent = {"vehicle_searched": True, "search_basis": "CONSENT", "consent_refusal_explained": True}
    power = {"vehicle_searched": True, "search_basis": "WWM51"}
    def searches(country: str, found: int, not_found: int, kind: dict) -> list[dict]:
        return hand_rows(found, plate_country=country, search_found=True, **kind) + hand_rows(
            not_found, plate_country=country, **kind)

    rows = (searches("NL", 20, 80, consent) + searches("NL", 40, 60, power) + searches("PL", 12, 38, consent)
            + searches("PL", 16, 24, power) + hand_rows(100, plate_country="NL"))
    seed_stops(rows)
    report = compute_report(db_session, month=MONTH)
    share = _row(_block(report, "consent_search_share"), "PL")
    assert (share["n"], share["events"], share["reference_n"], share["reference_events"]) == (90, 50, 200, 100)
    kinds = {b["basis"]: _row(b, "PL") for b in report.tests if b["test"] == "search_hit_rate_by_kind"}
    assert set(kinds) == {"consent", "compulsory"}
    assert (kinds["consent"]["n"], kinds["consent"]["events"], kinds["consent"]["reference_events"]) == (50, 12, 20)
    assert (kinds["compulsory"]["n"], kinds["compulsory"]["events"]) == (40, 16)
    bases = {b["basis"]: b["kind"] for b in report.tests if b["test"] == "search_hit_rate_by_basis"}
    assert bases == {"CONSENT": "consent", "WWM51": "compulsory"}
    assert not any(r["flag"] for b in report.tests if b["test"] in SEARCH_BREAKDOWN_TESTS for r in b["rows"])
    lines = list(csv.DictReader(io.StringIO(report_csv(report))))
    line = next(x for x in lines if x["test"] == "search_hit_rate_by_basis" and x["basis"] == "WWM51")
    assert (line["group"], line["n"], line["events"]) == ("PL", "40", "16")
    force = _block(report, "force_rate")  # force by group, as RIPA reports it
    assert {r["group"] for r in force["rows"]} == {"PL"}


def test_scope_limits_units_and_areas(db_session, seed_stops):
    rows = seed_stops(count=1200)
    by_unit = compute_report(db_session, month=MONTH, unit=UNIT)
    assert by_unit.data["scope"] == {"unit": UNIT, "area": None}
    assert by_unit.data["n_stops"] == sum(r["unit"] == UNIT for r in rows)
    by_area = compute_report(db_session, month=MONTH, area="VENLO")
    assert by_area.data["scope"] == {"unit": None, "area": "VENLO"}
    assert by_area.data["n_stops"] == sum(r["area"] == "VENLO" for r in rows)
    supervised = compute_report(db_session, month=MONTH, units=[OTHER_UNIT])
    assert supervised.data["scope"] == {"unit": None, "area": None}
    assert supervised.data["n_stops"] == sum(r["unit"] == OTHER_UNIT for r in rows)
    assert [row.key for row in supervised.compliance.by_unit] == [OTHER_UNIT]
    assert compute_report(db_session, month=MONTH, units=[]).data["n_stops"] == 0


def test_an_empty_month_still_reports_plate_country(db_session):
    report = compute_report(db_session, month="2024-01")
    assert report.data["n_stops"] == 0 and report.data["flags"] == []
    assert {b["dimension"] for b in report.tests} <= {"plate_country"}
    assert all(b["rows"] == [] for b in report.tests)
    assert report.trend.totals == [0] * 12 and report.compliance.total.stops == 0


def test_trend_counts_twelve_months_by_plate_country(db_session, seed_stops):
    march = seed_stops(count=600, seed=3)
    january = seed_stops(count=1200, seed=4, month="2025-01")  # no search count under 10 in either month
    trend = compute_report(db_session, month=MONTH).trend
    assert trend.months[0] == "2024-04" and trend.months[-1] == MONTH
    assert trend.totals[-1] == len(march) and trend.totals[-3] == len(january) and sum(trend.totals) == 1800
    assert trend.stops["NL"][-1] == sum(r["plate_country"] == "NL" for r in march)
    searched = [r for r in march if r["plate_country"] == "NL"]
    expected = sum(r["vehicle_searched"] or r["persons_searched"] > 0 for r in searched) / len(searched)
    assert trend.reference_search_rate[-1] == pytest.approx(expected)
    assert trend.reference_search_rate[0] is None


def test_registration_compliance_counts(db_session, seed_stops, hand_rows):
    seed_stops(hand_rows(17, receipt="not_offered", receipt_not_offered_reason="Called away", unit=UNIT)
               + hand_rows(15, receipt="declined", unit=UNIT) + hand_rows(14, triggered_by_hit=True, unit=OTHER_UNIT)
               + hand_rows(16, legal_basis="SV52", beyond_basis=True, unit=OTHER_UNIT)
               + hand_rows(8, legal_basis="SV52", unit=OTHER_UNIT))
    compliance = compute_report(db_session, month=MONTH).compliance
    units = {row.key: row for row in compliance.by_unit}
    assert (units[UNIT].stops, units[UNIT].not_offered, units[UNIT].declined) == (32, 17, 15)
    assert (units[OTHER_UNIT].stops, units[OTHER_UNIT].hit_triggered) == (38, 14)
    assert compliance.total.stops == 70
    basis = {row.basis: row for row in compliance.by_basis}
    assert (basis["SV52"].stops, basis["SV52"].extra) == (24, 16)


def test_registration_compliance_withholds_small_cells(db_session, seed_stops, hand_rows):
    seed_stops(hand_rows(7, receipt="not_offered", receipt_not_offered_reason="Called away", unit=UNIT)
               + hand_rows(25, unit=UNIT) + hand_rows(30, unit=OTHER_UNIT, receipt="not_offered",
                                                     receipt_not_offered_reason="Called away"))
    compliance = compute_report(db_session, month=MONTH).compliance
    units = {row.key: row for row in compliance.by_unit}
    # 7 is withheld, and so is the other unit's 30: the total (37) would give the 7 back.
    assert units[UNIT].not_offered is None and units[OTHER_UNIT].not_offered is None
    assert compliance.total.not_offered == 37 and units[UNIT].stops == 32


def _feedback(db_session, count: int, unit: str = UNIT) -> None:
    for index in range(count):
        db_session.add(ReceiptFeedback(month=date(2025, 3, 1), unit=unit, area="ROERMOND", respect=4,
                                       reason_explained="yes" if index % 2 else "no", background="prefer_not"))
    db_session.commit()


def test_feedback_is_suppressed_under_ten_people(db_session):
    _feedback(db_session, 9)
    assert compute_report(db_session, month=MONTH).feedback.suppressed


def test_feedback_in_aggregate_for_the_readers_units(db_session):
    _feedback(db_session, 12)
    _feedback(db_session, 3, unit=OTHER_UNIT)
    shown = compute_report(db_session, month=MONTH).feedback
    assert not shown.suppressed and shown.responses == 15 and shown.overall.respect_mean == 4.0
    assert compute_report(db_session, month=MONTH, units=[OTHER_UNIT]).feedback.suppressed
    assert compute_report(db_session, month=MONTH, unit=UNIT).feedback.responses == 12
    assert compute_report(db_session, month="2025-04").feedback.suppressed


def test_reference_groups_follow_the_configuration(db_session, hand_checked):
    assert reference_groups({"REFERENCE_GROUP": "DE"})["plate_country"] == "DE"
    assert reference_groups({})["perceived_origin"] == "dutch"
    report = compute_report(db_session, month=MONTH, reference_groups={"plate_country": "PL"})
    block = _block(report, "search_rate")
    assert block["reference_group"] == "PL" and [r["group"] for r in block["rows"]] == ["NL"]
    assert _row(block, "NL")["ratio"] == pytest.approx(0.3)


def test_a_bad_month_is_refused(db_session):
    with pytest.raises(ValueError):
        compute_report(db_session, month="2025-3")
