"""The standalone report's first page: the review queue and the time to record a stop, read when
the PDF is laid out, in Dutch and English; a review changes the queue in the next PDF (a stored
PDF is never served with an old queue); the start page, the review list and the PDF agree."""
from __future__ import annotations

import io
import re
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlmodel import col, select

from stopform.core.months import add_months, month_range, parse_month
from stopform.models import Stop, StoredReportPdf, utcnow
from stopform.reports import storage
from stopform.review.reasons import listing_reasons
from tests.conftest import UNIT

MONTH = "2025-03"
AREA = "VENLO"
# Three stops sent from the form measured the time: the median is 125 s, 2 min 5 s.
RECORDING_SECONDS = (95, 125, 400)
QUEUE_WORDS = {"en": "{open} stops to review", "nl": "{open} controles te beoordelen"}
QUEUE_SENTENCE = {"en": "{open} of {listed} listed stops are still to be reviewed; {follow_up} need follow-up.",
                  "nl": "{open} van de {listed} controles op de lijst moeten nog worden beoordeeld; "
                        "{follow_up} vragen om opvolging."}
RECORDING = {"en": ("2 min 5 s median time to record a stop",
                    "took a median of 2 min 5 s this month, over 3 stops that measured it"),
             "nl": ("2 min 5 s mediane tijd om een controle vast te leggen",
                    "duurde deze maand mediaan 2 min 5 s, over 3 controles die de tijd hebben gemeten")}


def _measured_in(area: str):
    """Tweak for `seed_stops`: three of the area's stops measured their time to record."""
    def tweak(rows: list[dict]) -> None:
        for row in rows:  # a bulk insert takes rows with the same keys
            row["time_to_record_seconds"] = None
        in_area = [row for row in rows if row["area"] == area]
        for row, seconds in zip(in_area, RECORDING_SECONDS, strict=False):
            row["time_to_record_seconds"] = seconds
    return tweak


def _first_page(pdf: bytes) -> str:
    """The first page's text, whitespace folded (WeasyPrint breaks lines where it likes)."""
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def _listed(db_session, month: str, **scope) -> list[Stop]:
    """The month's stops in `scope` (column = value) that the review list lists, as the rules on a
    loaded stop say (`reasons.listing_reasons`), not as the SQL the queue counts with."""
    start, end = month_range(month)
    query = select(Stop).where(col(Stop.local_date) >= start, col(Stop.local_date) < end,
                               *(getattr(Stop, name) == value for name, value in scope.items()))
    return [stop for stop in db_session.exec(query) if listing_reasons(stop)]


def _review(client, month: str, stop: Stop, outcome: str = "ok") -> None:
    response = client.post(f"/reports/{month}/review/{stop.stop_id}",
                           data={"outcome": outcome, "comment": "Grounds and body-cam notes read."})
    assert response.status_code == 302


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_first_page_states_the_review_queue_and_the_time_to_record(client, login, seed_stops, db_session,
                                                                       lang):
    seed_stops(count=600, tweak=_measured_in(AREA))
    login("admin", unit=None)
    listed = len(_listed(db_session, MONTH, area=AREA))
    assert listed > 10  # the area's queue differs from the whole month's
    response = client.get(f"/reports/{MONTH}.pdf?area={AREA}&lang={lang}")
    assert response.status_code == 200
    first = _first_page(response.data)
    assert QUEUE_WORDS[lang].format(open=listed) in first
    assert QUEUE_SENTENCE[lang].format(open=listed, listed=listed, follow_up=0) in first
    for words in RECORDING[lang]:
        assert words in first


def test_a_review_changes_the_queue_in_the_next_pdf(english, login, seed_stops, db_session, monkeypatch):
    seed_stops(count=600)
    login("admin", unit=None)
    listed = _listed(db_session, MONTH, area=AREA)
    before = english.get(f"/reports/{MONTH}.pdf?area={AREA}").data
    assert QUEUE_SENTENCE["en"].format(open=len(listed), listed=len(listed), follow_up=0) in _first_page(before)
    assert english.get(f"/reports/{MONTH}.pdf?area={AREA}").data == before  # stored, and served again
    stored = db_session.exec(select(StoredReportPdf.data_version)).one()

    def no_computing(*_args, **_kwargs):
        raise AssertionError("the report was computed again")
    monkeypatch.setattr(storage, "compute_request", no_computing)  # a review writes no stop
    _review(english, MONTH, listed[0], "follow_up")
    _review(english, MONTH, listed[1], "ok")
    after = english.get(f"/reports/{MONTH}.pdf?area={AREA}")
    assert after.status_code == 200
    expected = QUEUE_SENTENCE["en"].format(open=len(listed) - 2, listed=len(listed), follow_up=1)
    assert expected in _first_page(after.data)
    assert db_session.exec(select(StoredReportPdf.data_version)).one() != stored  # the stored PDF replaced
    assert english.get(f"/reports/{MONTH}.pdf?area={AREA}").data == after.data  # and served again


def test_oversight_reads_the_time_to_record_but_no_review_queue(english, login, seed_stops, db_session):
    seed_stops(count=600, tweak=_measured_in(AREA))
    login("admin", unit=None)
    with_queue = _first_page(english.get(f"/reports/{MONTH}.pdf?area={AREA}").data)
    login("oversight", unit=None)  # the same stored report (every unit), without the review list
    without = _first_page(english.get(f"/reports/{MONTH}.pdf?area={AREA}").data)
    assert "Review queue" in with_queue and "stops to review" in with_queue
    assert "Review queue" not in without and "to review" not in without
    assert RECORDING["en"][1] in without


def _last_month() -> str:
    this = utcnow().astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m")
    return add_months(parse_month(this), -1).strftime("%Y-%m")


def _figure(text: str, words: str) -> int:
    match = re.search(r"([\d,.]+)(?:</strong>)? " + re.escape(words), text)
    assert match, words
    return int(match.group(1).replace(",", "").replace(".", ""))


def test_the_start_page_the_review_list_and_the_pdf_count_the_same_queue(english, login, seed_stops,
                                                                         db_session):
    month = _last_month()
    seed_stops(count=400, month=month)
    seed_stops(count=100, seed=2, month=add_months(parse_month(month), -1).strftime("%Y-%m"))  # never counted
    login("supervisor")
    listed = _listed(db_session, month, unit=UNIT)
    assert listed
    _review(english, month, listed[0])
    start = _figure(english.get("/start").get_data(as_text=True), "stops to review")
    listing = english.get(f"/reports/{month}/review").get_data(as_text=True)
    tab = int(re.search(r"To review \(([\d,]+)\)", listing).group(1).replace(",", ""))
    pdf = _figure(_first_page(english.get(f"/reports/{month}.pdf").data), "stops to review")
    assert start == tab == pdf == len(listed) - 1
