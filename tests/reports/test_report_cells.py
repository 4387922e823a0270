"""The counts the database keeps as stops are written (the cells, `repeat_vehicles`) stay
equal to counting the stops themselves after inserts, amendments, reductions and deletions."""
from __future__ import annotations

import threading
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import delete, select, text, update
from sqlmodel import Session, col

from stopform.models import BasisCell, OfficerCell, RecordingCell, RepeatVehicle, Stop, StopCell
from stopform.models.report_cells import CELLS
from stopform.reports import row_queries
from stopform.reports.analysis.officers import time_band
from stopform.reports.queries import Scope
from stopform.stops.bulk import insert_stop_rows
from tests.conftest import postgres_only
from tests.reports.conftest import synthetic_rows
from tests.reports.expected import MONTH, in_month

STOP_COLUMNS = ["stop_id", "local_date", "local_hour", "unit", "triggered_by_hit", "officer_ref", "area", "reason",
                "plate_country", "driver_nationality", "perceived_origin", "legal_basis", "search_basis",
                "vehicle_searched", "persons_searched", "search_found", "beyond_basis", "outcome", "offence_found",
                "force_used", "receipt", "time_to_record_seconds", "vehicle_pseudonym"]
TABLES = {cells.table: cells for cells in CELLS}
MODELS = {"officer_cells": OfficerCell, "stop_cells": StopCell, "basis_cells": BasisCell,
          "recording_cells": RecordingCell}


def _stops(session: Session) -> pd.DataFrame:
    rows = session.execute(select(*(getattr(Stop, name) for name in STOP_COLUMNS))).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=STOP_COLUMNS)
    dates = pd.to_datetime(frame["local_date"])
    searched = frame["vehicle_searched"].astype(bool) | (frame["persons_searched"] > 0)
    return frame.assign(
        month=dates.dt.to_period("M").dt.start_time.dt.date, hour_band=frame["local_hour"] // 4,
        weekend=dates.dt.day_of_week.isin([5, 6]).astype(int),
        driver_nationality=frame["driver_nationality"].fillna(""),
        perceived_origin=frame["perceived_origin"].fillna(""),
        search_basis=frame["search_basis"].fillna(""),
        # the counts, by the report's own definitions (reports.queries.METRICS)
        n=1, searched=searched.astype(int), found=(searched & frame["search_found"].astype(bool)).astype(int),
        extra=frame["beyond_basis"].astype(int), no_further_action=(frame["outcome"] == "none").astype(int),
        offence_after_hit=(frame["triggered_by_hit"].astype(bool) & frame["offence_found"].astype(bool)).astype(int),
        force=frame["force_used"].astype(int), receipt_not_offered=(frame["receipt"] == "not_offered").astype(int),
        receipt_declined=(frame["receipt"] == "declined").astype(int),
        seconds=frame["time_to_record_seconds"].fillna(-1).astype("int64"))


def _expected_cells(stops: pd.DataFrame, table: str) -> pd.DataFrame:
    keys, counts = list(TABLES[table].keys), list(TABLES[table].counts)
    return _plain(stops.groupby(keys, as_index=False)[counts].sum(), table)


def _stored_cells(session: Session, table: str) -> pd.DataFrame:
    keys, counts = list(TABLES[table].keys), list(TABLES[table].counts)
    cells = session.execute(select(MODELS[table])).scalars().all()
    frame = pd.DataFrame([c.model_dump() for c in cells], columns=[*keys, *counts])
    assert (frame[counts] >= 0).all().all(), f"a count in {table} went below zero"
    return _plain(frame[frame["n"] > 0], table)


def _plain(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    keys, counts = list(TABLES[table].keys), list(TABLES[table].counts)
    types = {"month": str, "triggered_by_hit": bool} | dict.fromkeys(counts, "int64")
    types |= {key: "int64" for key in ("hour_band", "weekend", "seconds") if key in keys}
    return frame.astype(types).sort_values(keys).reset_index(drop=True)


def _vehicles(stops: pd.DataFrame, at_least: int) -> set[tuple[str, str]]:
    per_vehicle = stops.groupby(["month", "vehicle_pseudonym"]).size()
    return {(str(month), vehicle) for (month, vehicle), k in per_vehicle.items() if k >= at_least}


def _stored_repeats(session: Session) -> set[tuple[str, str]]:
    return {(str(r.month), r.vehicle_pseudonym) for r in session.execute(select(RepeatVehicle)).scalars()}


def assert_counts_kept(session: Session) -> None:
    """The kept counts equal those of the stops as they are now; `repeat_vehicles` lists every
    vehicle stopped twice in a month, and none without a stop in it."""
    session.flush()
    stops = _stops(session)
    for table in TABLES:
        assert_frame_equal(_stored_cells(session, table), _expected_cells(stops, table))
    assert _vehicles(stops, 2) <= _stored_repeats(session) <= _vehicles(stops, 1)


def test_counts_follow_inserts(db_session, stored_stops):
    assert_counts_kept(db_session)
    assert _stored_repeats(db_session), "the fixture stops some vehicles again"


def test_counts_follow_amendments(db_session, stored_stops):
    ids = db_session.execute(select(col(Stop.stop_id)).order_by(col(Stop.reference)).limit(60)).scalars().all()
    db_session.execute(update(Stop).where(col(Stop.stop_id).in_(ids[:20]))
                       .values(plate_country="RO", beyond_basis=True, vehicle_searched=True, search_found=True,
                               search_basis="OPIUM9", driver_nationality=None, receipt="declined"))
    db_session.execute(update(Stop).where(col(Stop.stop_id).in_(ids[20:40]))
                       .values(local_date=date(2025, 4, 6), local_hour=23, vehicle_pseudonym="moved-vehicle",
                               time_to_record_seconds=42))
    db_session.execute(update(Stop).where(col(Stop.stop_id).in_(ids[40:])).values(reason_text="not counted"))
    assert_counts_kept(db_session)
    assert ("2025-04-01", "moved-vehicle") in _stored_repeats(db_session)


def test_counts_follow_one_row_amendments(db_session, stored_stops):
    """SQLite's triggers run per row: a vehicle amended stop by stop to other vehicles leaves the
    list with its last stop of the month."""
    repeated = list(db_session.execute(select(col(Stop.stop_id)).where(col(Stop.vehicle_pseudonym) == "repeat-0"))
                    .scalars())
    for stop_id in repeated:
        db_session.execute(update(Stop).where(col(Stop.stop_id) == stop_id).values(vehicle_pseudonym=f"one-{stop_id}"))
    assert_counts_kept(db_session)
    assert "repeat-0" not in {vehicle for _, vehicle in _stored_repeats(db_session)}


def test_reduced_pseudonyms_leave_the_repeat_list(db_session, stored_stops):
    """Retention blanks the pseudonyms of old stops; none of them may stay in `repeat_vehicles`."""
    db_session.execute(update(Stop).where(col(Stop.local_date) < date(2025, 3, 1)).values(vehicle_pseudonym=""))
    assert_counts_kept(db_session)
    assert not [v for m, v in _stored_repeats(db_session) if m == "2025-02-01" and v != ""]


def test_counts_follow_deletions(db_session, stored_stops):
    db_session.execute(delete(Stop).where(col(Stop.area) == "VENLO"))
    db_session.execute(delete(Stop).where(col(Stop.vehicle_pseudonym).in_(["repeat-1", "repeat-2"])))
    assert_counts_kept(db_session)
    db_session.execute(delete(Stop))
    db_session.flush()
    assert _stored_repeats(db_session) == set()
    for model in MODELS.values():
        assert not db_session.execute(select(model).where(col(model.n) != 0)).first()


def test_officer_group_counts_match_pandas(db_session, stored_stops):
    scope = Scope(MONTH, unit="LIMBURG-NOORD")
    result = row_queries.officer_group_counts(db_session, scope)
    assert list(result.columns) == row_queries.OFFICER_GROUP_COLUMNS
    year = in_month(stored_stops, MONTH, 12)
    year = year[year["unit"] == "LIMBURG-NOORD"]
    searched = year["vehicle_searched"].astype(bool) | (year["persons_searched"] > 0)
    year = year.assign(time_band=time_band(year["occurred_at"]), group=year["plate_country"],
                       searched=searched.astype(int), extra=year["beyond_basis"].astype(int))
    keys = ["officer_ref", "area", "time_band", "reason", "group"]
    expected = year.groupby(keys, as_index=False).agg(n=("extra", "size"), searched=("searched", "sum"),
                                                      extra=("extra", "sum"))
    got = result[[*keys, "n", "searched", "extra"]].astype(dict.fromkeys(keys, str))
    assert_frame_equal(got.sort_values(keys).reset_index(drop=True),
                       expected.astype({"n": "int64", "searched": "int64", "extra": "int64"})
                       .sort_values(keys).reset_index(drop=True))


def test_officer_group_counts_refuse_another_dimension(db_session):
    with pytest.raises(ValueError, match="plate countries"):
        row_queries.officer_group_counts(db_session, Scope(MONTH), "driver_nationality")


def test_two_writers_of_one_vehicle_at_once_list_it(engine):
    """Two officers record the same vehicle in two transactions at the same time: neither sees
    the other's uncommitted stop; the second finds the vehicle's bucket of pseudonyms locked by
    the first and lists the vehicle (it then waits for the first only on the shared cells)."""
    postgres_only(engine.dialect.name, "one writer at a time")
    first, second = synthetic_rows(2, seed=9, month="2025-06")
    for row in (first, second):
        row["vehicle_pseudonym"] = "at-the-same-time"
    with Session(engine) as one, Session(engine) as other:
        try:
            insert_stop_rows(session=one, rows=[first])
            meanwhile = threading.Thread(target=lambda: (insert_stop_rows(session=other, rows=[second]),
                                                         other.commit()))
            meanwhile.start()
            meanwhile.join(timeout=1)
            one.commit()
            meanwhile.join(timeout=30)
            assert not meanwhile.is_alive()
            listed = one.execute(text("SELECT vehicle_pseudonym FROM repeat_vehicles WHERE month = '2025-06-01'"))
            assert listed.scalars().all() == ["at-the-same-time"]
        finally:
            one.rollback()
            other.rollback()
            one.execute(delete(Stop).where(col(Stop.vehicle_pseudonym) == "at-the-same-time"))
            one.commit()
            assert not one.execute(text("SELECT 1 FROM repeat_vehicles WHERE month = '2025-06-01'")).first()
            for model in MODELS.values():
                one.execute(delete(model).where(col(model.month) == date(2025, 6, 1)))
            one.commit()


def test_a_vehicle_stopped_after_a_commit_is_listed_without_a_lock(engine):
    postgres_only(engine.dialect.name, "one writer at a time")
    first, second = synthetic_rows(2, seed=10, month="2025-07")
    for row in (first, second):
        row["vehicle_pseudonym"] = "one-after-the-other"
    with Session(engine) as session:
        try:
            insert_stop_rows(session=session, rows=[first])
            session.commit()
            insert_stop_rows(session=session, rows=[second])
            session.commit()
            listed = session.execute(text("SELECT vehicle_pseudonym FROM repeat_vehicles WHERE month = '2025-07-01'"))
            assert listed.scalars().all() == ["one-after-the-other"]
        finally:
            session.rollback()
            session.execute(delete(Stop).where(col(Stop.vehicle_pseudonym) == "one-after-the-other"))
            for model in MODELS.values():
                session.execute(delete(model).where(col(model.month) == date(2025, 7, 1)))
            session.commit()
