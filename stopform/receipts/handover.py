"""Handing the receipt to the officer's confirmation page.

Only hashes are stored, so the raw token exists once: when it is issued. The officer's page
gets it through the officer's session cookie (the last few stops, keyed by stop id), which lets
the confirmation page be reloaded at the roadside without a second request to mint anything.
The cookie is signed, not encrypted, so it never holds the token itself: it holds the token
encrypted and authenticated with a key derived from `SECRET_KEY` (Fernet: AES-128-CBC with
HMAC-SHA256), bound to its stop and readable for `RECEIPT_HANDOVER_SECONDS` only.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app, session, url_for
from markupsafe import Markup

from ..i18n import LOCALE_NAMES
from .codes import normalise_token
from .qr import qr_payload, qr_svg
from .services import ReceiptCredentials, credentials_for, typeable_lookup_url

SESSION_KEY = "receipt_handover"
LEGACY_SESSION_KEY = "receipt_tokens"  # plain tokens, as cookies issued before held them
KEEP = 5
OFFICER_QR_SIZE = "240"  # CSS px: about 6 cm on a phone, easy for another phone's camera


@dataclass(frozen=True)
class Handover:
    """What the confirmation page shows: QR, fallback code, typeable address and card links."""

    credentials: ReceiptCredentials
    qr: Markup
    lookup_url: str
    card_links: tuple[tuple[str, str], ...]


def _sealer() -> Fernet:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    key = hmac.new(secret, b"stopform receipt hand-over", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _now() -> int:
    return int(time.time())


def seal(stop_id: uuid.UUID, token: str) -> str:
    """The token encrypted and bound to its stop, stamped with the current time."""
    return _sealer().encrypt_at_time(f"{stop_id}:{token}".encode(), _now()).decode()


def unseal(stop_id: uuid.UUID, sealed: str) -> str | None:
    """The token if `sealed` is this stop's and still fresh, else None."""
    try:
        plain = _sealer().decrypt_at_time(sealed.encode(), current_app.config["RECEIPT_HANDOVER_SECONDS"], _now())
    except (InvalidToken, ValueError):
        return None
    sealed_stop, _, token = plain.decode().partition(":")
    return token if sealed_stop == str(stop_id) else None


def remember(stop_id: uuid.UUID, credentials: ReceiptCredentials) -> None:
    """Keep the sealed token of a just-issued receipt for the officer's confirmation page."""
    session.pop(LEGACY_SESSION_KEY, None)
    kept = {key: value for key, value in session.get(SESSION_KEY, {}).items() if key != str(stop_id)}
    kept[str(stop_id)] = seal(stop_id, credentials.token)
    session[SESSION_KEY] = dict(list(kept.items())[-KEEP:])


def handover(stop_id: uuid.UUID, *, qr_label: str) -> Handover | None:
    """The receipt to show for `stop_id`, or None when this session did not issue it (or long ago)."""
    sealed = session.get(SESSION_KEY, {}).get(str(stop_id))
    token = normalise_token(unseal(stop_id, sealed) or "") if isinstance(sealed, str) else None
    return handover_for_token(token, qr_label=qr_label) if token else None


def handover_for_token(token: str, *, qr_label: str) -> Handover:
    """The hand-over view of a known, normalised token."""
    base_url = current_app.config["PUBLIC_BASE_URL"]
    credentials = credentials_for(token, base_url)
    links = tuple((code, url_for("receipts.card", credential=token, lang=code)) for code in LOCALE_NAMES)
    return Handover(credentials=credentials, qr=qr_svg(qr_payload(credentials.url), size=OFFICER_QR_SIZE,
                                                        label=qr_label),
                    lookup_url=typeable_lookup_url(base_url), card_links=links)
