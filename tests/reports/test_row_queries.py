"""The 12-month tests' inputs: officer counts and the stops near dusk, read the same on SQLite and
PostgreSQL (COPY there), and the report's PostgreSQL settings."""
from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select, text

from stopform.models import Stop
from stopform.reports import dialect, row_queries
from stopform.reports.analysis.officers import time_band
from stopform.reports.queries import Scope, repeated_vehicle_query
from tests.conftest import postgres_only
from tests.reports.expected import MONTH, in_month


def _expected_officer_counts(stops: pd.DataFrame, studied) -> pd.DataFrame:
    year = stops.assign(time_band=time_band(stops["occurred_at"]), events=studied(stops["plate_country"]).astype(int))
    keys = ["officer_ref", "area", "time_band", "reason"]
    expected = year.groupby(keys, as_index=False).agg(n=("events", "size"), events=("events", "sum"))
    return expected.astype({"n": "int64", "events": "int64"})


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["officer_ref", "area", "time_band", "reason"]
    return frame.astype(dict.fromkeys(keys, str)).sort_values(keys).reset_index(drop=True)


@pytest.mark.parametrize("studied_group", [None, "DE"])
def test_officer_counts_match_pandas(db_session, stored_stops, studied_group):
    scope = Scope(MONTH, unit="LIMBURG-NOORD")
    result = row_queries.officer_counts(db_session, scope, reference="NL", studied_group=studied_group)
    assert list(result.columns) == row_queries.OFFICER_COLUMNS
    year = in_month(stored_stops, MONTH, 12)
    year = year[year["unit"] == "LIMBURG-NOORD"]
    studied = (lambda g: g == studied_group) if studied_group else (lambda g: g != "NL")
    assert_frame_equal(_plain(result), _plain(_expected_officer_counts(year, studied)))


def test_time_band_labels_are_those_of_the_analysis():
    stamps = pd.Series(pd.to_datetime(["2026-10-03 14:30", "2026-10-05 23:10", "2026-03-29 01:30"], utc=True))
    local = stamps.dt.tz_convert("Europe/Amsterdam")
    weekend = (local.dt.day_of_week >= 5).astype(int)
    labels = row_queries.time_band_labels(local.dt.hour // 4, weekend)
    assert labels.tolist() == time_band(stamps).tolist() == ["weekend 16-20", "weekday 0-4", "weekend 0-4"]


def test_veil_rows_without_hours_are_every_stop_of_twelve_months(db_session, stored_stops):
    veil = row_queries.veil_rows(db_session, Scope("2025-04"))
    assert list(veil.columns) == ["occurred_at", "area", "plate_country", "triggered_by_hit"]
    assert str(veil["occurred_at"].dt.tz) == "UTC" and veil["triggered_by_hit"].dtype == bool
    expected = in_month(stored_stops, "2025-04", 12)
    assert sorted(veil["occurred_at"]) == sorted(pd.to_datetime(expected["occurred_at"], utc=True))


def test_veil_rows_within_minutes_keep_other_areas_whole(db_session, stored_stops):
    minutes = {"VENLO": (17 * 60 + 10, 19 * 60 + 50), "WEERT": (0, 150)}
    veil = row_queries.veil_rows(db_session, Scope("2025-04"), minutes=minutes)
    year = in_month(stored_stops, "2025-04", 12)
    clock = pd.to_datetime(year["occurred_at"], utc=True).dt.tz_convert("Europe/Amsterdam")
    clock = clock.dt.hour * 60 + clock.dt.minute
    inside = [minutes[a][0] <= m <= minutes[a][1] if a in minutes else True
              for a, m in zip(year["area"], clock, strict=True)]
    expected = year[inside]
    assert 0 < len(veil) == len(expected) < len(year)
    assert sorted(veil["occurred_at"]) == sorted(pd.to_datetime(expected["occurred_at"], utc=True))
    assert veil.groupby("area", observed=True).size().to_dict() == expected.groupby("area").size().to_dict()
    if dialect.is_postgres(db_session):  # a session zone half an hour off UTC changes nothing
        db_session.execute(select(func.set_config("TimeZone", "Asia/Kolkata", True)))
        shifted = row_queries.veil_rows(db_session, Scope("2025-04"), minutes=minutes)
        assert_frame_equal(shifted.sort_values("occurred_at", ignore_index=True),
                           veil.sort_values("occurred_at", ignore_index=True))


def test_read_frame_keeps_codes_that_look_missing(db_session, seed_stops, hand_rows):
    seed_stops(hand_rows(2, plate_country="NA") + hand_rows(1, plate_country="NL", triggered_by_hit=True))
    query = select(Stop.plate_country, Stop.triggered_by_hit, func.count()).group_by(Stop.plate_country,
                                                                                      Stop.triggered_by_hit)
    frame = dialect.read_frame(db_session, query, {"group": "category", "hit": "bool", "n": "int64"})
    rows = sorted(frame.astype({"group": str}).itertuples(index=False, name=None))
    assert rows == [("NA", False, 2), ("NL", True, 1)]
    empty = dialect.read_frame(db_session, query.where(Stop.area == "nowhere"), {"group": "category", "hit": "bool",
                                                                                  "n": "int64"})
    assert empty.empty and empty["n"].dtype == "int64"


def _setting(session, name: str) -> str:
    return session.execute(select(func.current_setting(name))).scalar_one()


def test_report_settings_are_local_and_restored(db_session):
    if not dialect.is_postgres(db_session):
        with dialect.report_settings(db_session):
            pass  # nothing to set on SQLite
        return
    before = {name: _setting(db_session, name) for name in dialect.POSTGRES_SETTINGS}
    with dialect.report_settings(db_session):
        inside = {name: _setting(db_session, name) for name in dialect.POSTGRES_SETTINGS}
    assert inside == {"work_mem": "128MB", "jit": "off", "parallel_tuple_cost": "0.001", "enable_nestloop": "off"}
    assert {name: _setting(db_session, name) for name in dialect.POSTGRES_SETTINGS} == before


def test_repeated_vehicles_are_looked_up_not_joined(db_session, stored_stops):
    """The month's stops are never joined to themselves: only the stops of the vehicles that
    `repeat_vehicles` lists are read, by the pseudonym's index once the table is analysed."""
    postgres_only(db_session.get_bind().dialect.name, "no such planner setting")
    query = repeated_vehicle_query(Scope(month=MONTH))
    compiled = query.compile(dialect=db_session.get_bind().dialect, compile_kwargs={"literal_binds": True})
    with dialect.report_settings(db_session), dialect.nested_loops(db_session):
        plan = "\n".join(db_session.execute(text(f"EXPLAIN {compiled}")).scalars())
    assert plan.count(" on stops") == 1, plan
    assert "repeat_vehicles" in plan, plan


def test_search_basis_counts_match_pandas(db_session, stored_stops):
    result = row_queries.search_basis_counts(db_session, Scope(MONTH))
    assert list(result.columns) == row_queries.SEARCH_COLUMNS
    year = in_month(stored_stops, MONTH, 12)
    searched = year[year["vehicle_searched"].astype(bool) | (year["persons_searched"] > 0)]
    expected = searched.assign(basis=searched["search_basis"].replace("", None)) \
        .groupby(["plate_country", "area", "basis"], dropna=False) \
        .agg(searches=("area", "size"), found=("search_found", "sum")).reset_index()
    assert result["searches"].sum() == len(searched) > 0
    assert result["found"].sum() == int(searched["search_found"].sum())
    assert len(result) == len(expected)
    consent = result[result["voluntary"]]
    assert set(consent["basis"]) == {"CONSENT"}  # the catalogue's voluntary entry, no other
    assert not result.loc[~result["voluntary"], "basis"].isin(["CONSENT"]).any()
