"""Handing the receipt to the officer's confirmation page.

Only hashes are stored, so the raw token exists once: when it is issued. The officer's page
gets it through the officer's own signed session cookie (the last few stops, keyed by stop id),
which lets the confirmation page be reloaded at the roadside without a second request to mint
anything. The cookie is signed, not encrypted: it holds tokens only the officer is meant to
hand over anyway, and logging out clears it.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import current_app, session, url_for
from markupsafe import Markup

from ..i18n import LOCALE_NAMES
from .codes import normalise_token
from .qr import qr_payload, qr_svg
from .services import ReceiptCredentials, credentials_for, typeable_lookup_url

SESSION_KEY = "receipt_tokens"
KEEP = 5
OFFICER_QR_SIZE = "240"  # CSS px: about 6 cm on a phone, easy for another phone's camera


@dataclass(frozen=True)
class Handover:
    """What the confirmation page shows: QR, fallback code, typeable address and card links."""

    credentials: ReceiptCredentials
    qr: Markup
    lookup_url: str
    card_links: tuple[tuple[str, str], ...]


def remember(stop_id: uuid.UUID, credentials: ReceiptCredentials) -> None:
    """Keep the token of a just-issued receipt for the officer's confirmation page."""
    kept = {key: value for key, value in session.get(SESSION_KEY, {}).items() if key != str(stop_id)}
    kept[str(stop_id)] = credentials.token
    session[SESSION_KEY] = dict(list(kept.items())[-KEEP:])


def handover(stop_id: uuid.UUID, *, qr_label: str) -> Handover | None:
    """The receipt to show for `stop_id`, or None when this session did not issue it."""
    token = normalise_token(session.get(SESSION_KEY, {}).get(str(stop_id), ""))
    return handover_for_token(token, qr_label=qr_label) if token else None


def handover_for_token(token: str, *, qr_label: str) -> Handover:
    """The hand-over view of a known, normalised token."""
    base_url = current_app.config["PUBLIC_BASE_URL"]
    credentials = credentials_for(token, base_url)
    links = tuple((code, url_for("receipts.card", credential=token, lang=code)) for code in LOCALE_NAMES)
    return Handover(credentials=credentials, qr=qr_svg(qr_payload(credentials.url), size=OFFICER_QR_SIZE,
                                                        label=qr_label),
                    lookup_url=typeable_lookup_url(base_url), card_links=links)
