"""Report count queries: SQL GROUP BY results equal a pandas computation on the same rows."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import insert

from stopform.demo.loading import demo_rows
from stopform.demo.synthetic import DEFAULT_AREAS
from stopform.models import StopFields, TrafficCount
from stopform.reports import queries
from stopform.reports.queries import Scope
from stopform.stops.bulk import insert_stop_rows

MONTH = "2025-03"  # the clocks go forward on 30 March: local hours must follow
FAR_FUTURE = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture()
def stops(db_session) -> pd.DataFrame:
    """Synthetic stops of Feb–Apr 2025 in the database; the same rows as a frame with local time."""
    rows = []
    for seed, month, count in ((1, "2025-02", 150), (2, MONTH, 700), (3, "2025-04", 150)):
        rows += demo_rows(count, seed=seed, month=month, areas=DEFAULT_AREAS, now=FAR_FUTURE)
    for index, row in enumerate(rows[:40]):  # a few vehicles stopped again and again
        row["vehicle_pseudonym"] = f"repeat-{index % 6}"
    for row in rows:  # the generator leaves some flags empty; the table wants the model default
        for name, field in StopFields.model_fields.items():
            if row.get(name) is None and field.default is not None and not field.is_required():
                row[name] = field.default
    insert_stop_rows(session=db_session, rows=rows)
    frame = pd.DataFrame(rows)
    local = pd.to_datetime(frame["occurred_at"], utc=True).dt.tz_convert("Europe/Amsterdam")
    return frame.assign(local_date=local.dt.date, local_hour=local.dt.hour, weekday=local.dt.day_of_week)


def _events(frame: pd.DataFrame, metric: str) -> tuple[pd.Series, pd.Series]:
    searched = frame["vehicle_searched"] | (frame["persons_searched"] > 0)
    every = pd.Series(True, index=frame.index)
    definitions = {
        "stops": (every, every), "search_rate": (every, searched), "hit_rate": (searched, frame["search_found"]),
        "extra_actions_rate": (every, frame["beyond_basis"]),
        "no_further_action_rate": (every, frame["outcome"] == "none"),
        "hit_triggered_share": (every, frame["triggered_by_hit"]),
        "hit_triggered_yield": (frame["triggered_by_hit"], frame["offence_found"]),
        "force_rate": (every, frame["force_used"]), "receipt_not_offered": (every, frame["receipt"] == "not_offered"),
        "receipt_declined": (every, frame["receipt"] == "declined"),
    }
    return definitions[metric]


def _in_month(frame: pd.DataFrame, month: str = MONTH, months: int = 1) -> pd.DataFrame:
    start, end = queries.month_range(month, months)
    return frame[(frame["local_date"] >= start) & (frame["local_date"] < end)]


def expected_counts(frame: pd.DataFrame, metric: str, dimension: str, stratified: bool = False) -> pd.DataFrame:
    """The pandas computation the SQL must match."""
    frame = _in_month(frame)
    frame = frame[frame[dimension].notna()]
    denominator, event = _events(frame, metric)
    data = frame[denominator].assign(group=frame[dimension].astype(str), event=event[denominator].astype(int))
    keys = ["group"]
    if stratified:
        band = (data["local_hour"] // 4 * 4).map(lambda h: f"{h:02d}-{h + 3:02d}")
        day = data["weekday"].map(lambda d: "weekend" if d >= 5 else "weekday")
        data = data.assign(stratum=data["area"] + "|" + band + "|" + day)
        keys.append("stratum")
    result = data.groupby(keys, as_index=False).agg(n=("event", "size"), events=("event", "sum"))
    result[["n", "events"]] = result[["n", "events"]].astype("int64")
    return result[["group", "n", "events", *keys[1:]]].sort_values(keys).reset_index(drop=True)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["group", "stratum"] if "stratum" in frame else ["group"]
    return frame.sort_values(keys).reset_index(drop=True)


@pytest.mark.parametrize("metric", list(queries.METRICS))
@pytest.mark.parametrize("dimension", ["plate_country", "driver_nationality"])
def test_event_counts_match_pandas(db_session, stops, metric, dimension):
    result = queries.event_counts(db_session, Scope(MONTH), metric, dimension)
    assert list(result.columns) == ["group", "n", "events"]
    assert_frame_equal(_sorted(result), expected_counts(stops, metric, dimension))


@pytest.mark.parametrize("metric", ["search_rate", "hit_rate", "hit_triggered_share"])
def test_stratified_counts_match_pandas(db_session, stops, metric):
    result = queries.event_counts(db_session, Scope(MONTH), metric, stratified=True)
    assert list(result.columns) == ["group", "n", "events", "stratum"]
    assert_frame_equal(_sorted(result), expected_counts(stops, metric, "plate_country", stratified=True))


def test_perceived_origin_not_recorded_gives_no_groups(db_session, stops):
    assert queries.event_counts(db_session, Scope(MONTH), "stops", "perceived_origin").empty


def test_scope_filters(db_session, stops):
    month = _in_month(stops)
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


def test_repeat_vehicles_match_pandas(db_session, stops):
    result = queries.repeat_vehicles(db_session, Scope(MONTH))
    month = _in_month(stops)
    per_vehicle = month.groupby(["plate_country", "vehicle_pseudonym"]).size().rename("k").reset_index()
    expected = per_vehicle.groupby("plate_country").agg(n=("k", "size"), events=("k", lambda k: int((k >= 3).sum())))
    expected = expected.reset_index().rename(columns={"plate_country": "group"})
    expected = expected.astype({"n": "int64", "events": "int64"})
    assert_frame_equal(_sorted(result), _sorted(expected))
    assert result["events"].sum() > 0


def test_monthly_trend_matches_pandas(db_session, stops):
    result = queries.monthly_trend(db_session, Scope("2025-04"), "search_rate", months=12)
    window = _in_month(stops, "2025-04", 12)
    searched = window["vehicle_searched"] | (window["persons_searched"] > 0)
    data = window.assign(month=pd.to_datetime(window["local_date"]).dt.strftime("%Y-%m"), event=searched.astype(int))
    expected = data.groupby(["month", "plate_country"], as_index=False).agg(n=("event", "size"),
                                                                            events=("event", "sum"))
    expected = expected.rename(columns={"plate_country": "group"}).astype({"n": "int64", "events": "int64"})
    assert_frame_equal(result.sort_values(["month", "group"]).reset_index(drop=True), expected)
    assert set(result["month"]) == {"2025-02", "2025-03", "2025-04"}


def test_registration_compliance(db_session, stops):
    result = queries.registration_compliance(db_session, Scope(MONTH))
    assert set(result) == {"receipt_not_offered", "receipt_declined", "hit_triggered", "extra_actions_by_legal_basis"}
    assert_frame_equal(_sorted(result["receipt_declined"]), expected_counts(stops, "receipt_declined", "unit"))
    assert_frame_equal(_sorted(result["extra_actions_by_legal_basis"]),
                       expected_counts(stops, "extra_actions_rate", "legal_basis"))


def test_row_frames_have_only_the_needed_columns(db_session, stops):
    veil = queries.veil_rows(db_session, Scope("2025-04"))
    assert list(veil.columns) == ["occurred_at", "area", "plate_country", "triggered_by_hit"]
    assert len(veil) == len(_in_month(stops, "2025-04", 12))
    assert str(veil["occurred_at"].dt.tz) == "UTC"
    officers = queries.officer_rows(db_session, Scope(MONTH, unit="LIMBURG-NOORD"))
    assert list(officers.columns) == ["officer_ref", "area", "occurred_at", "reason", "plate_country"]
    expected = _in_month(stops, MONTH, 12)
    assert len(officers) == (expected["unit"] == "LIMBURG-NOORD").sum()


def _traffic(db_session, start: str, end: str, area: str, country: str, passages: int, hits=None) -> None:
    db_session.execute(insert(TrafficCount.__table__), [{
        "period_start": date.fromisoformat(start), "period_end": date.fromisoformat(end), "area": area,
        "plate_country": country, "passages": passages, "hits": hits, "imported_at": FAR_FUTURE}])


def test_stops_vs_traffic_prorates_overlapping_periods(db_session, stops):
    _traffic(db_session, "2025-03-01", "2025-03-31", "VENLO", "NL", 10_000, hits=5)
    _traffic(db_session, "2025-03-01", "2025-03-31", "VENLO", "DE", 2_000, hits=None)
    _traffic(db_session, "2025-02-15", "2025-03-16", "VENLO", "NL", 3_000, hits=30)  # 16 of 30 days in March
    _traffic(db_session, "2025-04-01", "2025-04-30", "VENLO", "NL", 99_999)  # April: ignored
    result = queries.stops_vs_traffic(db_session, Scope(MONTH))
    month = _in_month(stops)
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


def test_no_traffic_gives_an_empty_frame(db_session, stops):
    result = queries.stops_vs_traffic(db_session, Scope(MONTH))
    assert result.empty and "passages" in result.columns


def test_unknown_metric_or_dimension_is_refused(db_session):
    with pytest.raises(ValueError, match="unknown metric"):
        queries.event_counts(db_session, Scope(MONTH), "vibes")
    with pytest.raises(ValueError, match="unknown dimension"):
        queries.event_counts(db_session, Scope(MONTH), "stops", "reason_text")
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
