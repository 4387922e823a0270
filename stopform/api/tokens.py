"""API tokens: create (shown once), verify, revoke."""
from __future__ import annotations

import hashlib
import secrets

from sqlmodel import Session, select

from ..models import ApiToken, User, utcnow

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


def user_for_token(*, session: Session, raw: str) -> User | None:
    """The active user a live token belongs to, or None."""
    query = select(User).join(ApiToken, ApiToken.user_id == User.id) \
        .where(ApiToken.token_hash == _digest(raw), ApiToken.revoked_at.is_(None), User.active)
    return session.exec(query).first()


def revoke_token(*, session: Session, token_id: int) -> bool:
    """Revoke a token by id; False when there is no such live token."""
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.add(row)
    session.flush()
    return True
