"""The report's PDF: WeasyPrint, shipped fonts, page numbers, the same content as the page."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader
from sqlalchemy import select

from stopform.models import AuditEntry
from stopform.reports.document import document_html
from stopform.reports.presenter import report_view
from stopform.reports.service import compute_report

MONTH = "2025-03"


def _searched_more(rows):
    for index, row in enumerate(r for r in rows if r["plate_country"] == "PL"):
        if index % 2 == 0:
            row.update(vehicle_searched=True, beyond_basis=True)


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_pdf_of_the_page_with_page_numbers_and_fonts(english, login, seed_stops, db_session):
    seed_stops(count=1500, tweak=_searched_more)
    login("admin", unit=None)
    response = english.get(f"/reports/{MONTH}.pdf?area=VENLO")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename="stop-report-2025-03-VENLO.pdf"'
    reader = PdfReader(io.BytesIO(response.data))
    pages = len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    assert pages >= 3
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {pages}" in text and "stopform · 2025-03" in text
    assert "Monthly stop report 2025-03" in texts[0] and "Area: VENLO." in texts[0]
    everything = "\n".join(texts)
    assert "Flags" in everything and "All tests" in everything and "12-month trend" in everything
    assert "Registration compliance" in everything
    assert "Searches by consent and by legal basis" in everything and "By legal basis of the search" in everything
    assert {name.split("+")[-1] for name in _fonts(reader)} == {"DejaVu-Sans", "DejaVu-Sans-Bold"}
    event = db_session.execute(select(AuditEntry).where(AuditEntry.action == "report_exported")).scalar_one()
    assert event.details == {"month": MONTH, "unit": None, "area": "VENLO", "format": "pdf"}


def test_pdf_document_loads_nothing_from_outside(app, seed_stops, db_session):
    seed_stops(count=600)
    report = compute_report(db_session, month=MONTH)
    with app.test_request_context("/?lang=en"):
        html = document_html(report_view(report), for_pdf=True)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("data:image/svg+xml;base64,") for source in sources)
    assert 'class="chart"' in html and 'alt="' in html
