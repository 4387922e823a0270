"""API tokens: create (shown once), verify, revoke."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlmodel import Session, select

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


@dataclass(frozen=True)
class Caller:
    """Who calls the API: what its services need of the user, read in one query with the token.

    Read-only on purpose; services that change the account take the `User` row instead.
    """

    id: int
    username: str
    role: str
    service_number: str
    unit_id: int | None
    unit_code: str | None  # None: not read yet (a browser session); '' for a user without a unit
    last_area: str | None

    @classmethod
    def of_user(cls, user: User) -> Caller:
        """The caller behind a signed-in browser session."""
        return cls(user.id, user.username, user.role, user.service_number, user.unit_id, None, user.last_area)


# Built once: the query runs on every API request.
_CALLER_QUERY = (select(User.id, User.username, User.role, User.service_number, User.unit_id, Unit.code,
                        User.last_area)
                 .select_from(ApiToken).join(User, ApiToken.user_id == User.id)
                 .outerjoin(Unit, Unit.id == User.unit_id)
                 .where(ApiToken.token_hash == bindparam("token_hash"), ApiToken.revoked_at.is_(None), User.active))


def caller_for_token(*, session: Session, raw: str) -> Caller | None:
    """The active user a live token belongs to, with their unit's code, or None."""
    row = session.connection().execute(_CALLER_QUERY, {"token_hash": _digest(raw)}).first()
    if row is None:
        return None
    return Caller(row[0], row[1], row[2], row[3], row[4], row[5] or "", row[6])


def revoke_token(*, session: Session, token_id: int) -> bool:
    """Revoke a token by id; False when there is no such live token."""
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.add(row)
    session.flush()
    return True
