"""Receipts a phone minted for stops it could not send, registered when its export is imported.

The outbox's "Save unsent stops to a file" writes each stop's `receipt_token`: the token of the
receipt slot the phone showed the driver as a QR code. Importing the file registers that receipt,
so the driver's code opens once the stop is in, as it would have had the phone sent it. A token
counts only when the server issued it to the stop's officer (`receipts.services.issued_slot_token`):
a file cannot attach a made-up receipt to a stop.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from ..models import User
from ..receipts.services import ReceiptError, issue_receipt, issued_slot_token
from .problems import Problems

NOT_ISSUED = "not a receipt slot issued to this officer (officer_ref) by this server"


@dataclass(frozen=True)
class _Subject:
    stop_id: uuid.UUID
    occurred_at: datetime


class DeviceReceipts:
    """The receipt tokens of an import's rows: checked per row, registered once the rows are staged."""

    def __init__(self, session: Session):
        self._session = session
        self._officers: dict[str, int | None] = {}
        self._pending: dict[uuid.UUID, tuple[int, str, datetime]] = {}

    def accept(self, line: int, stop_id: uuid.UUID, record: dict, token: str, problems: Problems) -> bool:
        """Keep `token` for the row's stop when it was issued to the row's officer; a problem otherwise."""
        user_id = self._officer_id(record.get("officer_ref"))
        if user_id is None or not issued_slot_token(token, user_id):
            problems.add(line, "receipt_token", NOT_ISSUED)
            return False
        self._pending[stop_id] = (line, token, record["occurred_at"])
        return True

    def register(self, problems: Problems) -> int:
        """Register every kept receipt (idempotent for an import run twice); the count registered."""
        for stop_id, (line, token, occurred_at) in self._pending.items():
            try:
                issue_receipt(session=self._session, stop=_Subject(stop_id, occurred_at), token=token,
                              minted_by="device")
            except ReceiptError as error:
                problems.add(line, "receipt_token", str(error))
        return len(self._pending)

    def _officer_id(self, service_number: object) -> int | None:
        if not isinstance(service_number, str):
            return None
        if service_number not in self._officers:
            query = select(User.id).where(User.service_number == service_number)
            self._officers[service_number] = self._session.exec(query).first()
        return self._officers[service_number]
