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
from tests.reports.conftest import search_polish_plates_more

MONTH = "2025-03"


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_pdf_of_the_page_with_page_numbers_and_fonts(english, login, seed_stops, db_session):
    seed_stops(count=1500, tweak=search_polish_plates_more)
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
    assert sources and all(source.startswith(("data:image/svg+xml;base64,", "#")) for source in sources)
    assert 'class="chart"' in html and 'alt="' in html


def _toc(text: str) -> list[tuple[str, int]]:
    """(title, page) of each contents line: 'Search rate · plate country . . . . 5'."""
    entries = []
    for line in text.splitlines():
        match = re.match(r"^(.*?\S)\s*(?:\.\s*){3,}(\d+)$", line.strip())
        if match:
            entries.append((match.group(1).rstrip(" ."), int(match.group(2))))
    return entries


def test_pdf_reads_like_a_report(english, login, seed_stops):
    seed_stops(count=1500, tweak=search_polish_plates_more)
    login("admin", unit=None)
    reader = PdfReader(io.BytesIO(english.get(f"/reports/{MONTH}.pdf").data))
    texts = [page.extract_text() for page in reader.pages]
    first = texts[0]
    assert "This month in brief" in first and "What needs attention" in first and "Registration" in first
    assert "were searched in" in first and "of every 1,000 stops" in first  # the flags in words
    assert "Contents" not in first and "All tests" not in first  # the summary page stands alone
    assert "Contents" in texts[1]
    entries = _toc(texts[1])
    titles = [title for title, _page in entries]
    assert titles[:2] == ["Flags", "All tests"] and "Search rate · plate country" in titles
    assert titles[-1] == "What this report can and cannot tell you" and "Appendix: methods and caveats" in titles
    for title, number in entries:  # every page number points at its section
        assert title in texts[number - 1], (title, number)
    for title, number in entries:
        if " · " in title:  # a test: heading and table caption (the same words) on one page
            assert texts[number - 1].count(title) >= 2, (title, number)
    assert "Appendix: methods and caveats" in texts[-1] or "Appendix: methods and caveats" in texts[-2]
    assert "Plate country and nationality are not ethnicity." in "\n".join(texts[-2:])
