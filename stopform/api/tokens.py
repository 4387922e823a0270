"""API tokens: create (shown once), verify, revoke."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy
from sqlalchemy import bindparam, or_, update
from sqlmodel import Session, col, select

from ..audit.actions import TOKEN_CREATED, TOKEN_REVOKED
from ..audit.services import Actor as AuditActor
from ..audit.services import record_event
from ..auth.access import Actor
from ..models import ApiToken, Unit, User, table_of, utcnow

TOKEN_PREFIX = "sfk_"
DEFAULT_LIFETIME_DAYS = 180
MAX_LIFETIME_DAYS = 730
# `last_used_at` is written at most this often per token: one UPDATE per request would queue
# every stop a device sends behind a write to the same row.
LAST_USED_RESOLUTION = timedelta(minutes=10)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, session: Session, user: User, label: str = "", days: int = DEFAULT_LIFETIME_DAYS,
                 actor: AuditActor | None = None, via: str = "cli") -> tuple[ApiToken, str]:
    """A new token for `user`, valid for `days`; returns the row and the raw token (never stored)."""
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        raise ValueError(f"a token lives 1 to {MAX_LIFETIME_DAYS} days")
    if user.id is None:  # a token belongs to a stored user, whose row has its id
        raise ValueError("a token needs a stored user")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=days)
    row = ApiToken(user_id=user.id, token_hash=_digest(raw), label=label, expires_at=expires_at)
    session.add(row)
    session.flush()
    record_event(session, TOKEN_CREATED, actor=actor, target_type="api_token", target_id=row.id,
                 details={"user": user.username, "expires_at": expires_at.isoformat(), "via": via})
    return row, raw


# Built once: the query runs on every API request. SQLAlchemy's own `select`: nine columns.
_CALLER_QUERY = (sqlalchemy.select(col(User.id), col(User.username), col(User.role), col(User.service_number),
                                   col(User.unit_id), col(Unit.code), col(User.last_area), col(ApiToken.id),
                                   col(ApiToken.last_used_at))
                 .select_from(ApiToken).join(User, col(ApiToken.user_id) == col(User.id))
                 .outerjoin(Unit, col(Unit.id) == col(User.unit_id))
                 .where(col(ApiToken.token_hash) == bindparam("token_hash"), col(ApiToken.revoked_at).is_(None),
                        col(User.active),
                        or_(col(ApiToken.expires_at).is_(None), col(ApiToken.expires_at) > bindparam("now"))))
_TOKENS = table_of(ApiToken)


def caller_for_token(*, session: Session, raw: str) -> Actor | None:
    """The active user a live, unexpired token belongs to, with their unit's code, or None.
    Notes the token's use (to `LAST_USED_RESOLUTION`)."""
    now = utcnow()
    connection = session.connection()
    row = connection.execute(_CALLER_QUERY, {"token_hash": _digest(raw), "now": now}).first()
    if row is None:
        return None
    user_id, username, role, service_number, unit_id, unit_code, last_area, token_id, last_used_at = row
    if user_id is None:  # the inner join matched a stored user, whose id is its primary key
        return None
    if _stale(last_used_at, now):
        connection.execute(update(_TOKENS).where(_TOKENS.c.id == token_id).values(last_used_at=now))
    return Actor(user_id, username, role, service_number, unit_id, unit_code or "", last_area)


def _stale(last_used_at: datetime | None, now: datetime) -> bool:
    if last_used_at is None:
        return True
    if last_used_at.tzinfo is None:  # SQLite through Core: the type adds no zone on raw rows
        last_used_at = last_used_at.replace(tzinfo=now.tzinfo)
    return now - last_used_at >= LAST_USED_RESOLUTION


def revoke_token(*, session: Session, token_id: int, actor: AuditActor | None = None,
                 via: str = "cli") -> bool:
    """Revoke a token by id; False when there is no such live token."""
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.add(row)
    session.flush()
    record_event(session, TOKEN_REVOKED, actor=actor, target_type="api_token", target_id=token_id,
                 details={"via": via})
    return True


def list_tokens(*, session: Session) -> list[tuple[ApiToken, str]]:
    """Every token with its user's name, newest first (for the admin page)."""
    query = (select(ApiToken, User.username).join(User, col(ApiToken.user_id) == col(User.id))
             .order_by(col(ApiToken.id).desc()))
    return [(token, username) for token, username in session.exec(query)]
