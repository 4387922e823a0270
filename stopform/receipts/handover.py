"""Handing the receipt over: what the officer's confirmation page shows.

Only hashes are stored. A receipt the server minted has a token derived from the stop id
(`services.server_token`), so the stop's author can be shown it again for as long as it lives,
without the token ever being kept anywhere; a token a device minted offline stays on that
device (its sent log) and is shown there.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app, url_for
from markupsafe import Markup
from sqlmodel import Session

from ..i18n import LOCALE_NAMES
from .qr import qr_payload, qr_svg
from .services import (
    ReceiptCredentials,
    ReceiptSubject,
    credentials_for,
    registered_server_token,
    typeable_lookup_url,
)

if TYPE_CHECKING:
    from ..auth.access import Actor
    from ..models import User

OFFICER_QR_SIZE = "240"  # CSS px: about 6 cm on a phone, easy for another phone's camera


@dataclass(frozen=True)
class Handover:
    """What the confirmation page shows: QR, fallback code, typeable address and card links."""

    credentials: ReceiptCredentials
    qr: Markup
    lookup_url: str
    card_links: tuple[tuple[str, str], ...]


def authors_handover(session: Session, stop: ReceiptSubject, viewer: Actor | User, *,
                     qr_label: str) -> Handover | None:
    """The receipt of `stop` for its author to show again, while it is live and server-minted;
    None for anyone else."""
    if getattr(stop, "created_by_id", None) != viewer.id:
        return None
    token = registered_server_token(session=session, stop=stop)
    return handover_for_token(token, qr_label=qr_label) if token else None


def handover_for_token(token: str, *, qr_label: str) -> Handover:
    """The hand-over view of a known, normalised token."""
    base_url = current_app.config["PUBLIC_BASE_URL"]
    credentials = credentials_for(token, base_url)
    links = tuple((code, url_for("receipts.card", credential=token, lang=code)) for code in LOCALE_NAMES)
    return Handover(credentials=credentials, qr=qr_svg(qr_payload(credentials.url), size=OFFICER_QR_SIZE,
                                                        label=qr_label),
                    lookup_url=typeable_lookup_url(base_url), card_links=links)
