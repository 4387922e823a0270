"""Admin services for credentials: API tokens and receipts."""
from __future__ import annotations

from sqlmodel import Session, select

from ..api.tokens import create_token
from ..audit.actions import RECEIPT_REVOKED
from ..audit.services import record_event
from ..models import Stop, User
from ..receipts.services import revoke_receipts
from ..stops.codes import normalise_reference


class NoSuchRecord(LookupError):
    """The user or stop named in an admin form does not exist (or is inactive)."""


def create_token_for(*, session: Session, username: str, label: str, days: int, actor: User) -> tuple[int, str]:
    """A new token for the active user `username`: its id and the raw token, shown once."""
    user = session.exec(select(User).where(User.username == username.strip())).first()
    if user is None or not user.active:
        raise NoSuchRecord(username)
    row, raw = create_token(session=session, user=user, label=label.strip(), days=days, actor=actor, via="admin")
    if row.id is None:  # create_token flushed the row, which gave it its id
        raise RuntimeError("the new token has no id")
    return row.id, raw


def revoke_receipt_of(*, session: Session, reference: str, actor: User) -> int:
    """Revoke every live receipt of the stop with `reference`; how many were revoked."""
    canonical = normalise_reference(reference)
    stop_id = session.exec(select(Stop.stop_id).where(Stop.reference == canonical)).first() if canonical else None
    if stop_id is None:
        raise NoSuchRecord(reference)
    revoked = revoke_receipts(session=session, stop_id=stop_id)
    record_event(session, RECEIPT_REVOKED, actor=actor, target_type="stop", target_id=stop_id,
                 details={"receipts": revoked, "via": "admin"})
    return revoked
