"""Report count queries: scope, repeated vehicles, traffic; SQL results equal pandas on the same rows."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import insert

from stopform.models import TrafficCount
from stopform.reports import queries
from stopform.reports.queries import Scope
from tests.reports.expected import MONTH, in_month, sorted_frame

FAR_FUTURE = datetime(2030, 1, 1, tzinfo=UTC)


def test_scope_filters(db_session, stored_stops):
    month = in_month(stored_stops)
    assert queries.total_stops(db_session, Scope(MONTH)) == len(month)
    assert queries.total_stops(db_session, Scope(MONTH, unit="LIMBURG-ZUID")) == (month["unit"] == "LIMBURG-ZUID").sum()
    assert queries.total_stops(db_session, Scope(MONTH, area="VENLO")) == (month["area"] == "VENLO").sum()
    assert queries.total_stops(db_session, Scope(MONTH, units=("LIMBURG-NOORD",))) == \
        (month["unit"] == "LIMBURG-NOORD").sum()
    assert queries.total_stops(db_session, Scope(MONTH, units=())) == 0
    assert queries.total_stops(db_session, Scope(MONTH, triggered_by_hit=True)) == month["triggered_by_hit"].sum()


def test_month_follows_dutch_local_time(db_session, make_user, make_stop):
    officer = make_user("officer")
    late = make_stop(officer, occurred_at=datetime(2025, 10, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 Nov
    spring = make_stop(officer, occurred_at=datetime(2025, 3, 30, 1, 30, tzinfo=UTC))  # 03:30 CEST
    assert (late.local_date, late.local_hour) == (date(2025, 11, 1), 0)
    assert (spring.local_date, spring.local_hour) == (date(2025, 3, 30), 3)
    assert queries.total_stops(db_session, Scope("2025-10")) == 0
    assert queries.total_stops(db_session, Scope("2025-11")) == 1


def expected_repeats(stops: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Per group: distinct vehicles, and those stopped 3+ times with that group value."""
    month = in_month(stops)
    per_vehicle = month.groupby([dimension, "vehicle_pseudonym"]).size().rename("k").reset_index()
    expected = per_vehicle.groupby(dimension).agg(n=("k", "size"), events=("k", lambda k: int((k >= 3).sum())))
    expected = expected.reset_index().rename(columns={dimension: "group"})
    return sorted_frame(expected.astype({"n": "int64", "events": "int64"}))


@pytest.mark.parametrize("dimension", ["plate_country", "driver_nationality"])
def test_repeat_vehicles_match_pandas(db_session, stored_stops, dimension):
    result = queries.repeat_vehicles(db_session, Scope(MONTH), dimension)
    assert_frame_equal(sorted_frame(result), expected_repeats(stored_stops, dimension))
    if dimension == "plate_country":
        assert result["events"].sum() > 0


def test_repeated_vehicle_stops_are_those_of_vehicles_stopped_again_in_scope(db_session, stored_stops):
    repeated = queries.repeated_vehicle_stops(db_session, Scope(MONTH, area="VENLO"))
    assert list(repeated.columns) == ["plate_country", "driver_nationality", "perceived_origin", "vehicle_pseudonym",
                                      "stops"]
    month = in_month(stored_stops)
    venlo = month[month["area"] == "VENLO"]
    per_vehicle = venlo.groupby("vehicle_pseudonym").size()
    assert repeated.groupby("vehicle_pseudonym")["stops"].sum().to_dict() == per_vehicle[per_vehicle > 1].to_dict()


def test_repeat_counts_by_hand():
    # Vehicle a: 3 stops as PL; b: 2 as PL and 1 as DE; c: 1 as NL (not repeated, so not listed).
    repeated = pd.DataFrame({"plate_country": ["PL", "PL", "DE"], "vehicle_pseudonym": ["a", "b", "b"],
                             "stops": [3, 2, 1]})
    stops = pd.Series({"DE": 4, "NL": 10, "PL": 7})
    result = queries.repeat_counts(stops, repeated, "plate_country").set_index("group")
    assert result.loc["PL"].tolist() == [7 - 2 - 1, 1]  # a and b counted once each
    assert result.loc["DE"].tolist() == [4, 0] and result.loc["NL"].tolist() == [10, 0]


def _traffic(db_session, start: str, end: str, area: str, country: str, passages: int, hits=None) -> None:
    db_session.execute(insert(TrafficCount.__table__), [{
        "period_start": date.fromisoformat(start), "period_end": date.fromisoformat(end), "area": area,
        "plate_country": country, "passages": passages, "hits": hits, "imported_at": FAR_FUTURE}])


def test_stops_vs_traffic_prorates_overlapping_periods(db_session, stored_stops):
    _traffic(db_session, "2025-03-01", "2025-03-31", "VENLO", "NL", 10_000, hits=5)
    _traffic(db_session, "2025-03-01", "2025-03-31", "VENLO", "DE", 2_000, hits=None)
    _traffic(db_session, "2025-02-15", "2025-03-16", "VENLO", "NL", 3_000, hits=30)  # 16 of 30 days in March
    _traffic(db_session, "2025-04-01", "2025-04-30", "VENLO", "NL", 99_999)  # April: ignored
    result = queries.stops_vs_traffic(db_session, Scope(MONTH))
    month = in_month(stored_stops)
    venlo = month[month["area"] == "VENLO"]
    nl = result.set_index("group").loc["NL"]
    assert nl["passages"] == pytest.approx(10_000 + 3_000 * 16 / 30)
    assert nl["hits"] == pytest.approx(5 + 30 * 16 / 30)
    assert nl["stops"] == nl["events"] == (venlo["plate_country"] == "NL").sum()
    de = result.set_index("group").loc["DE"]
    assert pd.isna(de["hits"]) and de["n"] == 2_000
    assert set(result["group"]) == {"NL", "DE"}  # countries without passages are left out
    by_area = queries.stops_vs_traffic(db_session, Scope(MONTH), by_area=True)
    assert set(by_area["stratum"]) == {"VENLO"}


@pytest.mark.parametrize("by_area", [False, True])
def test_stops_vs_traffic_takes_counted_stops(db_session, stored_stops, by_area):
    _traffic(db_session, "2025-03-01", "2025-03-31", "VENLO", "NL", 10_000, hits=5)
    _traffic(db_session, "2025-03-01", "2025-03-31", "WEERT", "BE", 2_000)
    month = in_month(stored_stops)
    counted = month.groupby(["plate_country", "area"]).size().rename("stops").reset_index()
    counted = counted.rename(columns={"plate_country": "group"})
    given = queries.stops_vs_traffic(db_session, Scope(MONTH), by_area=by_area, stops_by_area=counted)
    assert_frame_equal(given, queries.stops_vs_traffic(db_session, Scope(MONTH), by_area=by_area))


def test_no_traffic_gives_an_empty_frame(db_session, stored_stops):
    result = queries.stops_vs_traffic(db_session, Scope(MONTH))
    assert result.empty and "passages" in result.columns


def test_unknown_dimension_or_month_is_refused():
    with pytest.raises(ValueError, match="unknown metric"):
        queries.metric_conditions("vibes")
    with pytest.raises(ValueError, match="unknown dimension"):
        queries.dimension_column("reason_text")
    with pytest.raises(ValueError, match="not a month"):
        queries.month_range("2025-3")


def test_amending_the_time_moves_the_local_columns(db_session, make_user, make_stop, catalog):
    from stopform.stops.services import amend_stop
    from tests.conftest import TEST_PSEUDONYM_KEY, valid_record
    officer = make_user("officer")
    stop = make_stop(officer, occurred_at=datetime(2025, 3, 10, 9, 0, tzinfo=UTC))
    record = valid_record(occurred_at=datetime(2025, 4, 2, 20, 15, tzinfo=UTC))
    amend_stop(session=db_session, stop=stop, record=record, user=officer, reason="Wrong date typed",
               catalog=catalog, pseudonym_key=TEST_PSEUDONYM_KEY)
    db_session.commit()
    assert (stop.local_date, stop.local_hour) == (date(2025, 4, 2), 22)
    assert queries.total_stops(db_session, Scope("2025-04")) == 1
