"""Exports people open: the Excel workbook, the RFC 4180 CSV, the open data from the report page;
every text cell that a spreadsheet would run is neutralised in all of them."""
from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from openpyxl import load_workbook

from stopform.reports.analysis.disclosure import SMALL
from stopform.reports.open_data import K
from tests.conftest import UNIT

MONTH = "2025-03"
EVIL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture()
def evil_rows(seed_stops):
    """1,500 stops; the two busiest officers' stops (enough for the officer benchmark, at least 50)
    carry an officer reference that is a spreadsheet formula."""
    def poison(rows):
        busiest = {ref for ref, _ in Counter(r["officer_ref"] for r in rows).most_common(2)}
        for row in rows:
            if row["officer_ref"] in busiest:
                row["officer_ref"] = EVIL
    return seed_stops(count=1500, tweak=poison)


def _cells(book) -> list:
    return [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_the_workbook_holds_the_reports_tables(english, login, evil_rows):
    login("supervisor", unit=UNIT)
    response = english.get(f"/reports/{MONTH}.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'attachment; filename="stop-report-2025-03.xlsx"' == response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Summary", "Tests", "Compliance per unit", "Extra actions by basis", "Trend"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Stops"] == sum(r["unit"] == UNIT for r in evil_rows)  # a number, not text
    tests = list(book["Tests"].iter_rows(values_only=True))
    assert tests[0][:5] == ("Test", "Dimension", "Reference group", "Group", "Total")
    assert any(isinstance(row[4], int) for row in tests[1:])  # n as a number
    units = list(book["Compliance per unit"].iter_rows(values_only=True))
    assert units[1][0] == UNIT and units[1][1] == summary["Stops"]


def test_a_formula_in_an_officer_reference_stays_text_everywhere(english, login, evil_rows):
    login("admin", unit=None)
    book = load_workbook(io.BytesIO(english.get(f"/reports/{MONTH}.xlsx").data))
    cells = [c for c in _cells(book) if isinstance(c, str)]
    assert "'" + EVIL in cells
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)
    text = english.get(f"/reports/{MONTH}.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text)))
    groups = [row[3] for row in rows[1:]]
    assert "'" + EVIL in groups and EVIL not in groups


def test_the_csv_stays_rfc_4180(english, login, evil_rows):
    login("admin", unit=None)
    text = english.get(f"/reports/{MONTH}.csv").get_data(as_text=True)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "test" and len({len(row) for row in rows}) == 1
    assert any("." in row[6] for row in rows[1:] if row[6])  # rates with a decimal point, for machines


@pytest.mark.parametrize("role", ["admin", "oversight"])
def test_open_data_downloads_for_oversight_and_admins(english, login, evil_rows, role, db_session):
    login(role, unit=None)
    page = english.get(f"/reports/{MONTH}").get_data(as_text=True)
    assert f'href="/reports/{MONTH}/open-data.csv"' in page
    response = english.get(f"/reports/{MONTH}/open-data.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert sum(int(r["stops"]) for r in rows) == len(evil_rows)
    assert min(int(r["stops"]) for r in rows) >= K == SMALL.stop
    assert all(not value.startswith(("=", "+", "@")) for row in rows for value in row.values())
    from sqlalchemy import select

    from stopform.models import AuditEntry
    entry = db_session.execute(select(AuditEntry).where(AuditEntry.action == "stops_exported")).scalars().one()
    assert entry.details["kind"] == "open_data" and entry.target_id == MONTH


def test_supervisors_get_no_open_data_of_all_units(english, login, evil_rows):
    login("supervisor", unit=UNIT)
    assert english.get(f"/reports/{MONTH}/open-data.csv").status_code == 403
    assert "open-data.csv" not in english.get(f"/reports/{MONTH}").get_data(as_text=True)


def test_open_data_neutralises_text_cells():
    import pandas as pd

    from stopform.reports.open_data import OPEN_COLUMNS, open_data_csv
    row = dict.fromkeys(OPEN_COLUMNS, "*") | {"month": MONTH, "area": "=cmd|' /C calc'!A0", "stops": 12}
    text = open_data_csv(pd.DataFrame([row], columns=list(OPEN_COLUMNS)))
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed[0]["area"] == "'=cmd|' /C calc'!A0" and parsed[0]["stops"] == "12"
    assert text.endswith("\r\n")
