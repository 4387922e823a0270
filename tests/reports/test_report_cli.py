"""`flask report`: the same report as JSON, CSV, HTML or PDF from the command line, audited."""
from __future__ import annotations

import csv
import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from stopform.models import AuditEntry
from stopform.reports.outputs import CSV_COLUMNS
from tests.conftest import UNIT

MONTH = "2025-03"


@pytest.fixture()
def rows(seed_stops):
    return seed_stops(count=900)


def _exported(db_session) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.action == "report_exported").order_by(AuditEntry.seq)
    return list(db_session.execute(query).scalars())


def test_json_to_standard_output(runner, rows, db_session):
    result = runner.invoke(args=["report", "--month", MONTH, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["period", "scope", "n_stops", "tests", "flags"]
    assert data["n_stops"] == len(rows) and data["scope"] == {"unit": None, "area": None}
    [event] = _exported(db_session)
    assert event.actor is None and event.actor_role is None
    assert event.details == {"month": MONTH, "unit": None, "area": None, "format": "json", "via": "cli"}


def test_csv_for_one_unit(runner, rows, db_session):
    result = runner.invoke(args=["report", "--month", MONTH, "--unit", UNIT, "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(lines[0]) == CSV_COLUMNS and len(lines) > 10
    assert {line[0] for line in lines[1:]} >= {"search_rate", "hit_rate", "repeat_vehicle"}
    assert _exported(db_session)[0].details["unit"] == UNIT


def test_html_to_a_file_is_standalone(runner, rows, tmp_path):
    output = tmp_path / "report.html"
    result = runner.invoke(args=["report", "--month", MONTH, "--area", "VENLO", "--format", "html", "--output",
                                 str(output), "--lang", "en"])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert "<style>" in html and "@page" in html and 'role="img"' in html
    assert "Monthly stop report" in html and "Area: VENLO." in html
    assert "<link" not in html and "<script" not in html
    assert not list(tmp_path.glob("*.partial"))


def test_pdf_needs_an_output_file(runner, rows, db_session):
    result = runner.invoke(args=["report", "--month", MONTH, "--format", "pdf"])
    assert result.exit_code == 2 and "--output" in result.output
    assert _exported(db_session) == []


def test_pdf_to_a_file(runner, hand_rows, seed_stops, tmp_path, db_session):
    seed_stops(hand_rows(60))
    output = tmp_path / "report.pdf"
    result = runner.invoke(args=["report", "--month", MONTH, "--format", "pdf", "--output", str(output),
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(output)
    pages = len(reader.pages)
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert pages >= 2 and "Monthly stop report 2025-03" in first
    assert f"1 / {pages}" in first and f"{pages} / {pages}" in last
    assert _exported(db_session)[0].details["format"] == "pdf"


@pytest.mark.parametrize("month", ["2025-3", "march", "2025-13"])
def test_a_bad_month_is_refused(runner, month):
    result = runner.invoke(args=["report", "--month", month, "--format", "json"])
    assert result.exit_code == 2 and "YYYY-MM" in result.output
