"""The printable receipt card: a one-page A6 PDF rendered by WeasyPrint with the shipped fonts.

The renderer may read only the app's own static files and `data:` URIs (code-style.md §3.3), so
a card never makes a network request and renders the same on a bare machine.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

CARD_TEMPLATE = "receipts/card.html"
CARD_STYLE = "receipts/card.css"


class StaticOnlyFetcher(URLFetcher):
    """Fetches `data:` URIs and files inside one folder; anything else stops the rendering."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self._root = root.resolve()

    def fetch(self, url, headers=None):
        """Refuse every file outside the root folder; let the base class read the rest."""
        if url.startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not path.is_relative_to(self._root):
                raise ValueError(f"not a static file: {url}")
        return super().fetch(url, headers)


def render_card(**context) -> bytes:
    """The card PDF for a template context (receipt, rights, QR markup, labels)."""
    if current_app.static_folder is None:
        raise RuntimeError("the app has no static folder, so the card has no fonts or styles")
    static = Path(current_app.static_folder)
    base_url = static.resolve().as_uri() + "/"
    fetcher = StaticOnlyFetcher(static)
    fonts = FontConfiguration()
    stylesheet = CSS(string=render_template(CARD_STYLE), base_url=base_url, url_fetcher=fetcher,
                     font_config=fonts)
    html = HTML(string=render_template(CARD_TEMPLATE, **context), base_url=base_url, url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[stylesheet], font_config=fonts)
