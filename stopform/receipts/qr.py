"""The receipt's QR code as SVG (one path, white quiet zone), for the officer's page and the card.

The path draws each horizontal run of dark modules as one rectangle: a tenth of the size of
qrcode's one-square-per-module path, which matters because the officer's device keeps a stock
of these for receipts given offline (stopform/api/slots.py). One path leaves no hairline gaps.
"""
from __future__ import annotations

from itertools import groupby
from urllib.parse import urlsplit

import qrcode
from markupsafe import Markup, escape

QUIET_ZONE = 4  # modules; scanners need it


def qr_payload(url: str) -> str:
    """The URL as encoded in the QR: scheme, host and `/R/<token>` upper-cased.

    Scheme and host are case-insensitive, and the receipt routes answer `/R/` too, so an
    all-upper-case URL uses QR alphanumeric mode: a 26-symbol token then fits version 3-M
    (29×29 modules). A base path, if any, keeps its case.
    """
    parts = urlsplit(url)
    base, _, credential = parts.path.rpartition("/r/")
    return f"{parts.scheme.upper()}://{parts.netloc.upper()}{base}/R/{credential.upper()}"


def qr_code(payload: str) -> qrcode.QRCode:
    """The QR symbol for `payload`: error correction M, smallest version that fits."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload)
    code.make(fit=True)
    return code


def module_path(matrix: list[list[bool]]) -> str:
    """SVG path data for a module grid (True = dark): `M<x> <y>h<n>v1h-<n>z` per run of n dark modules."""
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        for dark, group in groupby(row):
            n = len(list(group))
            if dark:
                runs.append(f"M{x} {y}h{n}v1h-{n}z")
            x += n
    return "".join(runs)


def qr_svg(payload: str, *, size: str, label: str) -> Markup:
    """Inline `<svg>` markup of the QR for `payload`, `size` wide and high (e.g. '240' or '32mm')."""
    matrix = qr_code(payload).get_matrix()
    width = len(matrix)
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {width}" width="{escape(size)}" '
                  f'height="{escape(size)}" role="img" aria-label="{escape(label)}"><rect fill="white" width="100%" '
                  f'height="100%"/><path d="{module_path(matrix)}"/></svg>')
