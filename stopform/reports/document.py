"""The report as a standalone HTML document and as a PDF (WeasyPrint), from one ReportView.

The PDF uses the shipped DejaVu fonts and a small print stylesheet with page numbers; like the
receipt card, the renderer may read only the app's static files and `data:` URIs.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app, render_template
from markupsafe import Markup
from sqlmodel import Session
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ..models import utcnow
from ..receipts.card import StaticOnlyFetcher
from .collector import collector_paused
from .first_page import first_page, with_first_page
from .presenter import ReportView
from .storage import drawn_view, stored_pdf

if TYPE_CHECKING:
    from .service import MonthlyReport

DOCUMENT_TEMPLATE = "reports/document.html"
PRINT_STYLE = "css/print.css"
FONT_FACES = """
@font-face{font-family:"DejaVu Sans";src:url(fonts/DejaVuSans.ttf)}
@font-face{font-family:"DejaVu Sans";font-weight:bold;src:url(fonts/DejaVuSans-Bold.ttf)}
"""


def _static() -> Path:
    static_folder = current_app.static_folder
    if static_folder is None:  # the app is created with its static folder; None means a misconfigured app
        raise RuntimeError("the app has no static folder")
    return Path(static_folder)


def print_css() -> str:
    """The print stylesheet's text."""
    return (_static() / PRINT_STYLE).read_text(encoding="utf-8")


def document_html(view: ReportView, *, for_pdf: bool = False) -> str:
    """The report as one HTML document: standalone with its stylesheet embedded and inline SVG
    charts, or for WeasyPrint (which adds the stylesheet) with the charts as images."""
    css = None if for_pdf else Markup(print_css())  # noqa: S704 - our own static file
    return render_template(DOCUMENT_TEMPLATE, view=view, inline_css=css, charts_as_images=for_pdf,
                           generated_at=utcnow())


def render_pdf(view: ReportView) -> bytes:
    """The report as PDF bytes."""
    static = _static()
    base_url = static.resolve().as_uri() + "/"
    fetcher = StaticOnlyFetcher(static)
    fonts = FontConfiguration()
    stylesheets = [CSS(string=FONT_FACES + print_css(), base_url=base_url, url_fetcher=fetcher, font_config=fonts)]
    html = HTML(string=document_html(view, for_pdf=True), base_url=base_url, url_fetcher=fetcher)
    with collector_paused():
        return html.write_pdf(stylesheets=stylesheets, font_config=fonts)


def report_pdf(session: Session, report: MonthlyReport, *, with_queue: bool) -> bytes:
    """The report's PDF as `/reports/<month>.pdf` serves it: its first page's figures read now
    (the review queue too when `with_queue`), laid out once per stored report and figures."""
    figures = first_page(session, report.request, with_queue=with_queue)
    return stored_pdf(session, report, lambda: render_pdf(with_first_page(drawn_view(session, report), figures)),
                      first_page=figures.key())
