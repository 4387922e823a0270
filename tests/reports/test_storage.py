"""Stored reports: served only while current, equal to a fresh computation, charts drawn once."""
from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, update
from sqlmodel import col, select

from stopform.models import Area, ReportDataVersion, Stop, StoredReport, TrafficCount, utcnow
from stopform.reports import storage
from stopform.reports.outputs import report_json
from stopform.reports.service import compute_report, report_request
from stopform.stops.services import amend_stop
from tests.conftest import TEST_PSEUDONYM_KEY, UNIT
from tests.reports.conftest import search_polish_plates_more

MONTH = "2025-03"


def _read(db_session, month: str = MONTH, **filters):
    return storage.stored_or_computed(db_session, db_session, report_request(month=month, **filters))


def _stored_rows(db_session) -> list[StoredReport]:
    query = select(StoredReport).order_by(col(StoredReport.id)).execution_options(populate_existing=True)
    return list(db_session.exec(query))


@pytest.fixture()
def no_computing(monkeypatch):
    """Context: computing a report fails, so only a stored one can be served."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the report was computed again")

    def switch_on():
        monkeypatch.setattr(storage, "compute_request", refuse)
    return switch_on


def test_a_stored_report_equals_a_fresh_computation(app, db_session, seed_stops, no_computing):
    seed_stops(count=1500, tweak=search_polish_plates_more)
    first = _read(db_session)
    no_computing()
    stored = _read(db_session)
    fresh = compute_report(db_session, month=MONTH)
    assert stored.stored is not None and len(_stored_rows(db_session)) == 1
    assert report_json(stored) == report_json(fresh) == report_json(first)
    for name in ("references", "trend", "flag_trends", "compliance", "feedback", "request"):
        assert getattr(stored, name) == getattr(fresh, name), name
    assert stored.flag_trends and stored.trend.months  # the comparison covered real content


def test_each_scope_is_stored_on_its_own(app, db_session, seed_stops, no_computing):
    seed_stops(count=600)
    everything, one_unit = _read(db_session), _read(db_session, unit=UNIT)
    no_computing()
    assert _read(db_session).data == everything.data
    assert _read(db_session, unit=UNIT).data == one_unit.data
    assert everything.data["n_stops"] > one_unit.data["n_stops"]
    assert len(_stored_rows(db_session)) == 2


def test_a_write_to_any_month_the_report_reads_makes_it_stale(app, db_session, seed_stops, hand_rows):
    seed_stops(count=600)
    before = _read(db_session)
    seed_stops(hand_rows(3), month=MONTH)  # late submissions or an import into the month
    after = _read(db_session)
    assert after.data["n_stops"] == before.data["n_stops"] + 3
    assert after.data == compute_report(db_session, month=MONTH).data
    version = _stored_rows(db_session)[0].data_version
    seed_stops(count=40, seed=7, month="2024-06")  # ten months earlier: inside the 12-month window
    assert storage.data_version(db_session, MONTH) != version
    _read(db_session)
    assert _stored_rows(db_session)[0].data_version == storage.data_version(db_session, MONTH)


def test_inserts_updates_deletes_traffic_counts_and_areas_bump_the_version(app, db_session, seed_stops):
    rows = seed_stops(count=50)
    versions = [storage.data_version(db_session, MONTH)]
    stop_id = rows[0]["stop_id"]
    db_session.execute(update(Stop).where(col(Stop.stop_id) == stop_id).values(force_used=True))
    versions.append(storage.data_version(db_session, MONTH))
    db_session.execute(delete(Stop).where(col(Stop.stop_id) == stop_id))
    versions.append(storage.data_version(db_session, MONTH))
    db_session.add(TrafficCount(period_start=date(2025, 3, 1), period_end=date(2025, 3, 31), area="VENLO",
                                plate_country="DE", passages=1000))
    db_session.flush()
    versions.append(storage.data_version(db_session, MONTH))
    area = db_session.exec(select(Area).where(Area.code == "VENLO")).one()
    area.latitude += 1  # the veil of darkness reckons dusk from it
    db_session.add(area)
    db_session.flush()
    versions.append(storage.data_version(db_session, MONTH))
    assert len(set(versions)) == 5
    assert set(json.loads(storage.data_version(db_session, "2023-01"))) == {"traffic", "areas"}  # no month


def test_an_amendment_bumps_the_stops_month(app, db_session, seed_stops, make_user, catalog):
    rows = seed_stops(count=20)
    stop = db_session.get(Stop, rows[0]["stop_id"])
    before = storage.data_version(db_session, MONTH)
    record = {"outcome": "fine" if stop.outcome != "fine" else "warning"}
    amended = amend_stop(session=db_session, stop=stop, record=record, user=make_user("supervisor"),
                         reason="typo", catalog=catalog, pseudonym_key=TEST_PSEUDONYM_KEY)
    db_session.flush()
    assert amended is not None
    assert storage.data_version(db_session, MONTH) != before


def test_a_recorded_stop_bumps_its_month_once_the_month_is_closing(app, db_session, make_user, make_stop):
    stop = make_stop(make_user("officer"), occurred_at=utcnow() - timedelta(days=1))
    counter = select(ReportDataVersion.version).where(ReportDataVersion.name == stop.local_date.strftime("%Y-%m"))
    closing = (utcnow() + timedelta(days=2)).date().replace(day=1)  # as the triggers reckon it
    assert (db_session.exec(counter).first() is not None) == (stop.local_date < closing)


def test_the_current_month_is_computed_live(app, db_session, hand_rows, seed_stops):
    this_month = utcnow().strftime("%Y-%m")
    assert not storage.is_closed(this_month)
    assert storage.is_closed(MONTH)
    _read(db_session, month=this_month)
    assert _stored_rows(db_session) == []


def test_other_report_code_recomputes(app, db_session, seed_stops, monkeypatch):
    seed_stops(count=300)
    _read(db_session)
    monkeypatch.setattr(storage, "code_version", lambda: "other code")
    report = _read(db_session)
    assert _stored_rows(db_session)[0].code_version == "other code"
    assert report.data == compute_report(db_session, month=MONTH).data


def test_payload_round_trip_keeps_every_stored_field(app, db_session, seed_stops):
    seed_stops(count=300)
    report = compute_report(db_session, month=MONTH)
    revived = storage.from_payload(storage.to_payload(report), report.request, db_session)
    assert dataclasses.replace(revived, stored=None) == report
    assert set(json.loads(storage.to_payload(report))) == {
        f.name for f in dataclasses.fields(report)} - set(storage.LIVE_FIELDS)


def test_charts_are_drawn_once_per_stored_report(english, login, seed_stops, db_session, monkeypatch):
    from stopform.reports import charts
    seed_stops(count=1500, tweak=search_polish_plates_more)
    login("admin", unit=None)
    assert english.get(f"/reports/{MONTH}").status_code == 200
    stored = _stored_rows(db_session)[0]
    drawn = json.loads(stored.charts)
    assert drawn and all(key.startswith("en|") for key in drawn)
    first_page = english.get(f"/reports/{MONTH}").get_data(as_text=True)

    def no_drawing(*_args, **_kwargs):
        raise AssertionError("a chart was drawn again")
    monkeypatch.setattr(charts, "Figure", no_drawing)
    again = english.get(f"/reports/{MONTH}")
    assert again.status_code == 200
    assert again.get_data(as_text=True) == first_page
    assert english.get(f"/reports/{MONTH}.pdf").status_code == 200
    svg = next(chart for chart in drawn.values() if chart)["svg"]
    assert svg in first_page


def test_a_dutch_page_draws_its_own_charts(client, login, seed_stops, db_session):
    seed_stops(count=300)
    login("admin", unit=None)
    assert client.get(f"/reports/{MONTH}?lang=en").status_code == 200
    assert client.get(f"/reports/{MONTH}?lang=nl").status_code == 200
    rows = _stored_rows(db_session)
    languages = {key.split("|")[0] for row in rows for key in json.loads(row.charts)}
    assert languages == {"en", "nl"} and len(rows) == 2  # the data carry words too: a row per language


def test_the_pdf_is_laid_out_once_per_stored_report(english, login, seed_stops, hand_rows, monkeypatch):
    from stopform.reports import document
    seed_stops(count=600)
    login("admin", unit=None)
    first = english.get(f"/reports/{MONTH}.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    real_render = document.render_pdf

    def no_layout(_view):
        raise AssertionError("the PDF was laid out again")
    monkeypatch.setattr(document, "render_pdf", no_layout)
    again = english.get(f"/reports/{MONTH}.pdf")
    assert again.status_code == 200 and again.data == first.data
    seed_stops(hand_rows(2))  # a late submission: the stored report and its PDF are stale
    laid_out = []
    monkeypatch.setattr(document, "render_pdf", lambda view: laid_out.append(view) or real_render(view))
    assert english.get(f"/reports/{MONTH}.pdf").status_code == 200
    assert len(laid_out) == 1
