"""The printable receipt card: a one-page A6 PDF rendered by WeasyPrint with the shipped fonts.

The renderer may read only the app's own static files and `data:` URIs (code-style.md §3.3), so
a card never makes a network request and renders the same on a bare machine.
"""
from __future__ import annotations

from functools import cache
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
    """Fetches `data:` URIs and the files found in one folder when it was made (an allow-list);
    any other URL, whatever its scheme or spelling, stops the rendering."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self._allowed = _files_in(root.resolve())

    def fetch(self, url, headers=None):
        """Read `data:` URIs and allow-listed files; refuse everything else before any I/O."""
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"not a static file: {url}")
        path = Path(url2pathname(parts.path)).resolve()
        if path not in self._allowed:
            raise ValueError(f"not a static file: {url}")
        return super().fetch(path.as_uri(), headers)


@cache
def _files_in(root: Path) -> frozenset[Path]:
    # Built once per folder: a card renders in milliseconds and this walk should not add to it.
    return frozenset(path.resolve() for path in root.rglob("*") if path.is_file())


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
