"""Legal holds: a stop under a pending complaint or case is left alone by the purge.

Set and lifted by supervisors (for the units they see) and admins, each time recorded in the
audit log. The audit entry keeps no free text of the record or of the hold's reason: only a
SHA-256 hash of the reason, so a later check can match it to the case file.
"""
from __future__ import annotations

import hashlib
import uuid

from sqlmodel import Session

from ..audit.services import record_event
from ..models import Stop, User
from ..review.services import unit_scope

HOLD_ROLES = ("supervisor", "admin")


class HoldError(PermissionError):
    """The user may not set or lift a hold on this stop."""


def set_legal_hold(*, session: Session, user: User, stop_id: uuid.UUID, held: bool, reason: str) -> Stop:
    """Put a stop under a legal hold (`held`) or lift it; audited as `legal_hold_set` / `legal_hold_lifted`."""
    stop = session.get(Stop, stop_id)
    if stop is None or user.role not in HOLD_ROLES:
        raise HoldError("only supervisors and admins may set or lift a legal hold")
    units = unit_scope(session, user)
    if units is not None and stop.unit not in units:
        raise HoldError("this stop belongs to a unit you do not supervise")
    if not reason.strip():
        raise ValueError("a legal hold needs its reason (the complaint or case)")
    stop.legal_hold = held
    session.add(stop)
    session.flush()
    record_event(session, "legal_hold_set" if held else "legal_hold_lifted", actor=user, target_type="stop",
                 target_id=stop.stop_id, details={"reason_sha256": hashlib.sha256(reason.strip().encode()).hexdigest()})
    return stop
