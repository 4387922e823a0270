"""export-stops: the internal export round-trips through import-stops; open data keeps every cell ≥ 10."""
from __future__ import annotations

import csv
import re
from datetime import UTC, datetime, timedelta
from itertools import combinations

import pandas as pd
import pytest
from sqlalchemy import delete, func, select

from stopform.demo.loading import demo_rows
from stopform.demo.synthetic import DEFAULT_AREAS
from stopform.models import Stop, StopFields
from stopform.reports.exports import EXPORT_COLUMNS
from stopform.reports.open_data import ANY, KEYS, OPEN_COLUMNS, fine_counts, open_data_frame, roll_up
from stopform.stops.bulk import insert_stop_rows

MONTH = "2025-03"
FORBIDDEN = {"stop_id", "reference", "officer_ref", "reason_text", "hit_reference", "latitude", "longitude",
             "vehicle_pseudonym", "occurred_at", "duration_minutes"}


def _snapshot(db_session) -> list[tuple]:
    columns = [getattr(Stop, name) for name in EXPORT_COLUMNS] + [Stop.beyond_basis, Stop.local_date, Stop.local_hour]
    return sorted(db_session.execute(select(*columns)).all(), key=lambda row: str(row[0]))


@pytest.fixture()
def march_stops(make_user, make_stop):
    """Varied lawful stops in March 2025, including one just after local midnight on 1 April (UTC 31 March)."""
    officer = make_user("officer")
    start = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    made = [
        make_stop(officer, occurred_at=start, latitude="51.19449", longitude="5.98712"),
        make_stop(officer, occurred_at=start + timedelta(days=1), vehicle_searched=True, search_basis="CONSENT",
                  consent_refusal_explained=True, search_found=True, found_category="drugs", outcome="seizure"),
        make_stop(officer, occurred_at=start + timedelta(days=2), triggered_by_hit=True, reason="system_hit",
                  hit_source="anpr_reference_list", hit_reference="ALERT-1", driver_nationality="DE",
                  identity_document_seen=True,
                  receipt="not_offered", receipt_not_offered_reason="Called away"),
        make_stop(officer, occurred_at=datetime(2025, 3, 31, 22, 30, tzinfo=UTC)),  # local 1 April
    ]
    return made


def test_internal_export_round_trips_through_import(runner, db_session, march_stops, tmp_path):
    output = tmp_path / "march.csv"
    result = runner.invoke(args=["export-stops", "--month", MONTH, "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "Wrote 3 stops for 2025-03" in result.output
    with open(output, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert "plate" not in rows[0] and rows[0]["vehicle_pseudonym"]
    assert {row["occurred_at"][:10] for row in rows} <= {"2025-03-03", "2025-03-04", "2025-03-05"}
    before = _snapshot(db_session)
    db_session.execute(delete(Stop))
    db_session.commit()
    imported = runner.invoke(args=["import-stops", str(output)])
    assert imported.exit_code == 0, imported.output
    after = _snapshot(db_session)
    assert after == [row for row in before if row[EXPORT_COLUMNS.index("stop_id")] != march_stops[3].stop_id]
    again = runner.invoke(args=["import-stops", str(output)])
    assert "Nothing new: all 3 rows were stored before." in again.output


def test_export_refuses_a_bad_month(runner, tmp_path):
    result = runner.invoke(args=["export-stops", "--month", "2025-3", "--output", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "use YYYY-MM" in result.output
    assert not (tmp_path / "x.csv").exists()


@pytest.fixture()
def many_stops(db_session):
    """700 synthetic stops in March 2025."""
    rows = demo_rows(700, seed=7, month=MONTH, areas=DEFAULT_AREAS, now=datetime(2030, 1, 1, tzinfo=UTC))
    for row in rows:  # the generator leaves some flags empty; the table wants the model default
        for name, field in StopFields.model_fields.items():
            if row.get(name) is None and field.default is not None and not field.is_required():
                row[name] = field.default
    insert_stop_rows(session=db_session, rows=rows)
    return rows


def test_open_data_publishes_no_cell_below_ten(db_session, many_stops):
    frame = open_data_frame(db_session, MONTH)
    assert list(frame.columns) == list(OPEN_COLUMNS)
    assert not FORBIDDEN & set(frame.columns)
    assert (frame["stops"] >= 10).all()
    # k-anonymity over every combination of the published quasi-identifiers: the rows are disjoint,
    # so any selection on exact values adds up whole rows of at least 10.
    for size in (1, 2, 3):
        for columns in combinations(KEYS, size):
            counts = frame.groupby(list(columns))["stops"].sum()
            assert (counts >= 10).all(), columns


def test_open_data_totals_hide_nothing(db_session, many_stops):
    frame = open_data_frame(db_session, MONTH)
    assert frame["stops"].sum() == len(many_stops)  # rolled up, never dropped: nothing to subtract
    assert (frame[list(KEYS)] != ANY).any(axis=None)  # detail survives where counts allow


def test_open_data_time_is_date_and_hour_at_most(db_session, many_stops):
    frame = open_data_frame(db_session, MONTH)
    assert frame["hour"].map(lambda h: bool(re.fullmatch(r"\d\d|\d\d-\d\d|\*", h))).all()
    assert frame["date"].map(lambda d: bool(re.fullmatch(r"2025-03-\d\d|2025-W\d\d|\*", d))).all()


def test_fine_counts_come_from_sql_grouping(db_session, many_stops):
    fine = fine_counts(db_session, MONTH)
    assert fine["stops"].sum() == len(many_stops)
    assert not fine.duplicated(list(KEYS)).any()


def _cells(rows: list[dict]) -> pd.DataFrame:
    base = {**dict.fromkeys(KEYS, "x"), "date": "2025-03-03", "hour": "08"}
    return pd.DataFrame([{**base, **row} for row in rows])


def test_a_small_residual_is_topped_up_so_it_cannot_be_derived():
    frame = _cells([{"area": "VENLO", "stops": 12}, {"area": "WEERT", "plate_country": "PL", "stops": 2},
                    {"area": "ROERMOND", "stops": 1}])
    result = roll_up(frame)
    assert result["stops"].tolist() == [15]
    assert (result[list(KEYS)] == ANY).all(axis=None)


def test_small_cells_merge_at_the_first_level_that_reaches_ten():
    hours = [{"date": "2025-03-03", "hour": f"{h:02d}", "stops": 3} for h in (8, 9, 10, 11)]
    result = roll_up(_cells([*hours, {"date": "2025-03-03", "hour": "14", "stops": 20}]))
    assert sorted(zip(result["hour"], result["stops"], strict=True)) == [("08-11", 12), ("14", 20)]


def test_fewer_than_ten_stops_publish_nothing(db_session, make_user, make_stop):
    make_stop(make_user("officer"), occurred_at=datetime(2025, 3, 3, 8, tzinfo=UTC))
    assert open_data_frame(db_session, MONTH).empty


def test_open_data_cli_writes_the_table(runner, db_session, many_stops, tmp_path):
    output = tmp_path / "open.csv"
    result = runner.invoke(args=["export-stops", "--month", MONTH, "--open-data", "--output", str(output)])
    assert result.exit_code == 0, result.output
    published = pd.read_csv(output, dtype=str, keep_default_na=False)
    assert list(published.columns) == list(OPEN_COLUMNS)
    assert published["stops"].astype(int).sum() == len(many_stops)
    assert f"covering {len(many_stops)} stops" in result.output
    assert db_session.execute(select(func.count()).select_from(Stop)).scalar_one() == len(many_stops)


def test_open_data_tells_consent_from_compulsory_searches(db_session, march_stops):
    fine = fine_counts(db_session, MONTH)
    searched = fine[fine["searched"] == "true"]
    assert searched[["search_kind", "search_basis", "search_found"]].values.tolist() == [["consent", "CONSENT", "true"]]
    others = fine[fine["searched"] == "false"]
    assert set(others["search_kind"]) == set(others["search_basis"]) == {"none"}
