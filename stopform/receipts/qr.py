"""The receipt's QR code as SVG (one path, white quiet zone), for the officer's page and the card."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import qrcode
from markupsafe import Markup, escape
from qrcode.image.svg import SvgPathFillImage

QUIET_ZONE = 4  # modules; scanners need it
_SIZE_ATTRIBUTES = re.compile(r'\swidth="[^"]*"\sheight="[^"]*"')


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
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE,
                         image_factory=SvgPathFillImage)
    code.add_data(payload)
    code.make(fit=True)
    return code


def qr_svg(payload: str, *, size: str, label: str) -> Markup:
    """Inline `<svg>` markup of the QR for `payload`, `size` wide and high (e.g. '240' or '32mm')."""
    svg = qr_code(payload).make_image().to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)
    sized = f' width="{escape(size)}" height="{escape(size)}" role="img" aria-label="{escape(label)}"'
    return Markup(_SIZE_ATTRIBUTES.sub(sized, svg, count=1))
