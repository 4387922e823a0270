"""API tokens: create (shown once), verify, revoke."""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import bindparam
from sqlmodel import Session, select

from ..auth.access import Actor
from ..models import ApiToken, Unit, User, utcnow

TOKEN_PREFIX = "sfk_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, session: Session, user: User, label: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the raw token (never stored)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=_digest(raw), label=label)
    session.add(row)
    session.flush()
    return row, raw


# Built once: the query runs on every API request.
_CALLER_QUERY = (select(User.id, User.username, User.role, User.service_number, User.unit_id, Unit.code,
                        User.last_area)
                 .select_from(ApiToken).join(User, ApiToken.user_id == User.id)
                 .outerjoin(Unit, Unit.id == User.unit_id)
                 .where(ApiToken.token_hash == bindparam("token_hash"), ApiToken.revoked_at.is_(None), User.active))


def caller_for_token(*, session: Session, raw: str) -> Actor | None:
    """The active user a live token belongs to, with their unit's code, or None."""
    row = session.connection().execute(_CALLER_QUERY, {"token_hash": _digest(raw)}).first()
    if row is None:
        return None
    return Actor(row[0], row[1], row[2], row[3], row[4], row[5] or "", row[6])


def revoke_token(*, session: Session, token_id: int) -> bool:
    """Revoke a token by id; False when there is no such live token."""
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.add(row)
    session.flush()
    return True
