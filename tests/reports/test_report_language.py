"""One language per page: the Dutch report (page, PDF, `flask report --format html`) holds no
English sentence from the message catalogue, its numbers and dates are Dutch, its plurals right."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.reports.catalogue_english import english_fragments, english_in, visible_text
from tests.reports.conftest import search_polish_plates_more

MONTH = "2025-03"


@pytest.fixture()
def dutch(client):
    """The test client, asking for the Dutch staff pages."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "nl"
    return client


@pytest.fixture()
def flagged_month(seed_stops):
    """1,500 stops in which Polish-plated vehicles are searched far more often: flags to word."""
    return seed_stops(count=1500, tweak=search_polish_plates_more)


def test_the_check_knows_enough_english_to_catch_some():
    fragments = english_fragments()
    assert len(fragments) > 300
    assert "A flag is a reason to look at these stops, not proof of bias" in fragments
    assert english_in("Niet vergeleken: fewer than 10 events expected for this group") == [
        "events expected for this group"]


def test_the_dutch_page_has_no_english_sentence(dutch, login, flagged_month):
    login("admin", unit=None)
    page = dutch.get(f"/reports/{MONTH}").get_data(as_text=True)
    text = visible_text(page)
    assert english_in(text) == []
    assert "Signalen" in text and "Voertuigen met Poolse kentekens (PL) werden doorzocht" in text
    assert "Let op:" in text and "Kentekenland is geen etniciteit" in text
    assert re.search(r"1\.500</strong> controles", page)  # Dutch grouping, and the plural of "stop"
    assert re.search(r"<strong>[1-9]\d*</strong> signa(al|len)", page) and not re.search(r"</strong> [si]\b", page)
    assert "1 maart 2025 tot en met 31 maart 2025" in text
    assert re.search(r"\d,\d", text) and not re.search(r"\b0\.\d\d\b", text)  # 1,25 not 1.25


def test_the_dutch_pdf_has_no_english_sentence(dutch, login, flagged_month):
    login("admin", unit=None)
    response = dutch.get(f"/reports/{MONTH}.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert english_in(text.replace("-\n", "")) == []
    assert "Deze maand in het kort" in text and "Bijlage: methoden en kanttekeningen" in text


def test_the_dutch_html_file_from_the_command_line_has_no_english_sentence(runner, flagged_month, tmp_path):
    output = tmp_path / "rapport.html"
    result = runner.invoke(args=["report", "--month", MONTH, "--format", "html", "--output", str(output)])
    assert result.exit_code == 0, result.output
    markup = output.read_text(encoding="utf-8")
    assert '<html lang="nl">' in markup and "Maandrapport" in markup
    assert english_in(visible_text(markup)) == []


def test_the_english_page_is_english(english, login, flagged_month):
    login("admin", unit=None)
    text = visible_text(english.get(f"/reports/{MONTH}").get_data(as_text=True))
    assert "Vehicles with Polish plates (PL) were searched in" in text and "of every 1,000 stops" in text
    assert "Plate country and nationality are not ethnicity." in text


def test_every_reason_the_analysis_gives_is_translated(app, seed_stops, db_session):
    """A small month (many rows not compared, small cells withheld): each reason and placebo note
    in the JSON has a Dutch message."""
    from stopform.reports.analysis.reasons import UNKNOWN, reason_text
    from stopform.reports.formatting import reader_wording
    from stopform.reports.service import compute_report

    seed_stops(count=300, tweak=search_polish_plates_more)
    report = compute_report(db_session, month=MONTH)
    reasons = {row.get(key) for block in report.tests for row in block["rows"]
               for key in ("suppressed_reason", "published_reason", "placebo_note")} - {None}
    assert len(reasons) >= 3
    with app.test_request_context("/?lang=nl"):
        words = reader_wording()
        for reason in reasons:
            dutch_text = reason_text(reason, words)
            assert dutch_text not in (reason, words.text(UNKNOWN)), reason
