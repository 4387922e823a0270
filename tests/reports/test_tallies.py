"""Tallies: one GROUP BY for every metric; each frame equals pandas on the same rows, and the report's
frames (sums over the 12-month tallies) equal the single-metric queries."""
from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from stopform.reports import queries, tallies
from stopform.reports.queries import Scope
from tests.reports.expected import MONTH, expected_counts, expected_trend, in_month, sorted_frame


@pytest.mark.parametrize("metric", list(queries.METRICS))
@pytest.mark.parametrize("dimension", ["plate_country", "driver_nationality"])
def test_event_counts_match_pandas(db_session, stored_stops, metric, dimension):
    result = tallies.event_counts(db_session, Scope(MONTH), metric, dimension)
    assert list(result.columns) == ["group", "n", "events"]
    assert_frame_equal(sorted_frame(result), expected_counts(stored_stops, metric, dimension))


@pytest.mark.parametrize("metric", ["search_rate", "hit_rate", "hit_triggered_share"])
def test_stratified_counts_match_pandas(db_session, stored_stops, metric):
    result = tallies.event_counts(db_session, Scope(MONTH), metric, stratified=True)
    assert list(result.columns) == ["group", "n", "events", "stratum"]
    assert_frame_equal(sorted_frame(result), expected_counts(stored_stops, metric, "plate_country", stratified=True))


def test_perceived_origin_not_recorded_gives_no_groups(db_session, stored_stops):
    assert tallies.event_counts(db_session, Scope(MONTH), "stops", "perceived_origin").empty


def test_monthly_trend_matches_pandas(db_session, stored_stops):
    result = tallies.monthly_trend(db_session, Scope("2025-04"), "search_rate", months=12)
    assert_frame_equal(sorted_frame(result), expected_trend(stored_stops, "search_rate", "2025-04"))
    assert set(result["month"]) == {"2025-02", "2025-03", "2025-04"}


def test_registration_compliance(db_session, stored_stops):
    result = tallies.registration_compliance(db_session, Scope(MONTH))
    assert set(result) == {"receipt_not_offered", "receipt_declined", "hit_triggered", "extra_actions_by_legal_basis"}
    for frame, metric in (("receipt_declined", "receipt_declined"), ("hit_triggered", "hit_triggered_share")):
        assert_frame_equal(sorted_frame(result[frame]), expected_counts(stored_stops, metric, "unit"))
    assert_frame_equal(sorted_frame(result["extra_actions_by_legal_basis"]),
                       expected_counts(stored_stops, "extra_actions_rate", "legal_basis"))


@pytest.mark.parametrize("scope", [Scope(MONTH), Scope(MONTH, unit="LIMBURG-NOORD"), Scope("2025-04", area="VENLO")])
@pytest.mark.parametrize("dimension", ["plate_country", "driver_nationality"])
def test_report_frames_equal_the_single_metric_queries(db_session, stored_stops, scope, dimension):
    found = tallies.stratified_tallies(db_session, scope)
    frames = found.count_frames(tallies.REPORT_METRICS, dimension)
    assert list(frames) == list(tallies.REPORT_METRICS)
    for metric in tallies.REPORT_METRICS:
        single = tallies.event_counts(db_session, scope, metric, dimension, stratified=True)
        assert_frame_equal(frames[metric], single)
        trend = tallies.monthly_trend(db_session, scope, metric, dimension)
        assert_frame_equal(found.monthly(metric, dimension), trend)
    assert found.total() == queries.total_stops(db_session, scope)


def test_stops_by_area_span_areas_and_groups_cover_the_scope(db_session, stored_stops):
    found = tallies.stratified_tallies(db_session, Scope("2025-04"))
    month = in_month(stored_stops, "2025-04")
    expected = month.groupby(["plate_country", "area"]).size().rename("stops").reset_index()
    assert_frame_equal(found.stops_by_area(), expected.rename(columns={"plate_country": "group"}))
    year = in_month(stored_stops, "2025-04", 12)
    assert found.span("plate_country") == (year["local_date"].min(), year["local_date"].max())
    assert found.areas("plate_country") == sorted(year["area"].unique())
    assert found.groups("plate_country") == sorted(year["plate_country"].unique())
    recorded = year[year["driver_nationality"].notna()]
    assert found.groups("driver_nationality") == sorted(recorded["driver_nationality"].unique())
    assert found.span("perceived_origin") is None and found.groups("perceived_origin") == []


def test_an_empty_scope_gives_empty_frames(db_session, stored_stops):
    found = tallies.stratified_tallies(db_session, Scope("2024-01"))
    assert found.total() == 0 and found.span("plate_country") is None
    frames = found.count_frames(tallies.REPORT_METRICS, "plate_country")
    assert all(frame.empty and list(frame.columns) == ["group", "n", "events", "stratum"] for frame in frames.values())
    assert found.monthly("search_rate", "plate_country").empty
    assert isinstance(found.stops_by_area(), pd.DataFrame) and found.stops_by_area().empty
