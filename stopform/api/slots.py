"""Receipt slots: credentials and QR codes handed to the officer's device in advance, so a
receipt can be given at the roadside with no connection.

Nothing is stored when slots are handed out: a slot becomes a receipt only when a stop arrives
carrying its token and reference, and uniqueness is enforced then (see docs/receipts.md). Each
token is signed for the officer it was handed to (`receipts.services.slot_token`), so a device
cannot bring a token of its own choosing.
"""
from __future__ import annotations

from flask import current_app

from ..receipts.codes import code_for_token
from ..receipts.qr import qr_payload, qr_svg
from ..receipts.services import receipt_url, slot_token
from ..stops.codes import new_reference

MAX_SLOTS = 20


def receipt_slots(count: int, *, user_id: int, qr_label: str) -> list[dict]:
    """`count` fresh slots for user `user_id`'s device (token, fallback code, reference, URL and
    the QR as SVG markup)."""
    base_url = current_app.config["PUBLIC_BASE_URL"]
    slots = []
    for _ in range(max(1, min(count, MAX_SLOTS))):
        token = slot_token(user_id)
        url = receipt_url(base_url, token)
        slots.append({"receipt_token": token, "receipt_code": code_for_token(token), "reference": new_reference(),
                      "receipt_url": url, "qr_svg": str(qr_svg(qr_payload(url), size="240", label=qr_label))})
    return slots
