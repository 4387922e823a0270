"""Issue, find and revoke receipts, and build the public (leak-free) view of a stop."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from flask import current_app
from sqlalchemy import ColumnElement, insert
from sqlmodel import Session, col, select

from ..core.batching import chunks
from ..core.crockford import decode_number, encode_number
from ..core.months import shift_months
from ..db import insert_skipping_conflicts
from ..models import Receipt, table_of, utcnow
from .codes import TOKEN_LENGTH, code_for_token, new_token, normalise_code, normalise_token, secret_hash

BULK_CHUNK = 2000


class ReceiptSubject(Protocol):
    """What a receipt needs of its stop: its id, and its time (the receipt expires with it)."""

    @property
    def stop_id(self) -> uuid.UUID: ...

    @property
    def occurred_at(self) -> datetime: ...


class ReceiptError(ValueError):
    """Client-minted credentials are malformed, or already belong to another stop."""


@dataclass(frozen=True)
class ReceiptCredentials:
    """What the officer hands over: the secret token (in the QR), the fallback code and the URL."""

    token: str
    code: str
    url: str


def receipt_url(base_url: str, credential: str) -> str:
    """The public receipt address for a token (or a bare fallback code)."""
    return f"{base_url.rstrip('/')}/r/{credential}"


def typeable_lookup_url(base_url: str) -> str:
    """The lookup form's address as a person would type it: no scheme, e.g. `bon.example.nl/r`."""
    return f"{base_url.rstrip('/')}/r".split("://", 1)[-1]


def credentials_for(token: str, base_url: str) -> ReceiptCredentials:
    """The full credentials belonging to a normalised token."""
    return ReceiptCredentials(token=token, code=code_for_token(token), url=receipt_url(base_url, token))


def _checked_token(token: str | None, code: str | None) -> tuple[str, str]:
    """A device's token (or a fresh one) and its code; the code, if sent, must be the token's."""
    canonical = normalise_token(token) if token is not None else new_token()
    if not canonical:
        raise ReceiptError("receipt_token must be 26 Crockford base32 symbols")
    expected = code_for_token(canonical)
    if code is not None and normalise_code(code) != expected.replace("-", ""):
        raise ReceiptError("receipt_code does not belong to receipt_token")
    return canonical, expected


def issue_receipt(*, session: Session, stop: ReceiptSubject, token: str | None = None, code: str | None = None,
                  base_url: str | None = None, retention_months: int | None = None,
                  minted_by: str | None = None) -> ReceiptCredentials:
    """Register a receipt for `stop`: a device-minted token (offline) or a fresh server-minted one.

    Idempotent for a replayed sync (same token, same stop). Raises ReceiptError for malformed
    values or a token registered for another stop. Only hashes are stored. `minted_by` says who
    made a token that is passed in (default: a device).
    """
    base_url = base_url or current_app.config["PUBLIC_BASE_URL"]
    canonical, row = receipt_row(stop, token=token, code=code, minted_by=minted_by, retention_months=retention_months)
    connection = session.connection()
    # Insert first and look only when that did nothing: a new stop's receipt needs one statement.
    if connection.execute(_insert_receipt(connection.dialect.name), row).first() is None:
        owner = connection.execute(select(Receipt.stop_id).where(Receipt.token_hash == row["token_hash"])).scalar()
        if owner != stop.stop_id:
            raise ReceiptError("receipt_token is already registered for another stop")
    return credentials_for(canonical, base_url)


def receipt_row(stop: ReceiptSubject, *, token: str | None = None, code: str | None = None,
                minted_by: str | None = None, retention_months: int | None = None) -> tuple[str, dict]:
    """The normalised token and the `receipts` row (hashes only) for `stop`; ReceiptError when a
    device's token or code is malformed. Without a token, a fresh one is minted."""
    months = current_app.config["RETENTION_MONTHS"] if retention_months is None else retention_months
    canonical, bare_code = _checked_token(token, code)
    return canonical, {"stop_id": stop.stop_id, "token_hash": secret_hash(canonical),
                       "code_hash": secret_hash(bare_code.replace("-", "")),
                       "minted_by": minted_by or ("server" if token is None else "device"), "issued_at": utcnow(),
                       "expires_at": shift_months(stop.occurred_at, months), "revoked": False, "revoked_at": None,
                       "feedback_given": False}


def _insert_receipt(dialect: str):
    table = table_of(Receipt)
    return insert_skipping_conflicts(table, dialect).returning(table.c.id)


def server_token(stop_id: uuid.UUID) -> str:
    """The token the server mints for every stop that arrives without a device's own (the form,
    the API without a receipt slot): an HMAC of the stop id, so a replayed submission gets the
    same receipt and the author can be shown it again; only its hash is stored, like any other."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, b"receipt-token:" + stop_id.bytes, hashlib.sha256).digest()
    return encode_number(int.from_bytes(digest[:16], "big"), TOKEN_LENGTH)


SLOT_NONCE_BITS = 64


def slot_token(user_id: int, nonce: int | None = None) -> str:
    """A receipt token for a slot handed to user `user_id`'s device: 64 random bits and 64 bits
    of an HMAC over them and the user, so the server can later tell a token it issued to that
    user from one a device made up (`issued_slot_token`) without storing any."""
    nonce = secrets.randbits(SLOT_NONCE_BITS) if nonce is None else nonce
    return encode_number((nonce << SLOT_NONCE_BITS) | _slot_mac(user_id, nonce), TOKEN_LENGTH)


def issued_slot_token(token: str, user_id: int) -> bool:
    """Whether `token` (any case, I/L/O tolerated) is a slot token issued to user `user_id`."""
    canonical = normalise_token(token)
    if not canonical:
        return False
    number = decode_number(canonical)
    nonce, mac = number >> SLOT_NONCE_BITS, number & ((1 << SLOT_NONCE_BITS) - 1)
    return nonce < (1 << SLOT_NONCE_BITS) and hmac.compare_digest(
        mac.to_bytes(8, "big"), _slot_mac(user_id, nonce).to_bytes(8, "big"))


def _slot_mac(user_id: int, nonce: int) -> int:
    key = current_app.config["SECRET_KEY"].encode()
    message = b"receipt-slot:%d:%d" % (user_id, nonce)
    return int.from_bytes(hmac.new(key, message, hashlib.sha256).digest()[:8], "big")


def registered_server_token(*, session: Session, stop: ReceiptSubject) -> str | None:
    """The stop's server-minted token if that is its live receipt (not revoked, not expired), else None."""
    token = server_token(stop.stop_id)
    query = select(Receipt.id).where(Receipt.stop_id == stop.stop_id, Receipt.token_hash == secret_hash(token),
                                     col(Receipt.revoked).is_(False), Receipt.expires_at > utcnow())
    return token if session.exec(query).first() is not None else None


def reshowable_receipts(*, session: Session, stops: list[ReceiptSubject]) -> set[uuid.UUID]:
    """The ids of those `stops` whose live receipt the server minted, so their author can be shown
    it again (a device's own token is shown from that device's sent log)."""
    if not stops:
        return set()
    hashes = {secret_hash(server_token(stop.stop_id)): stop.stop_id for stop in stops}
    query = select(Receipt.token_hash).where(col(Receipt.stop_id).in_(list(hashes.values())),
                                             col(Receipt.token_hash).in_(list(hashes)),
                                             col(Receipt.revoked).is_(False), Receipt.expires_at > utcnow())
    return {hashes[digest] for digest in session.exec(query)}


def _credential_filter(credential: str) -> ColumnElement[bool] | None:
    token = normalise_token(credential)
    if token:
        return col(Receipt.token_hash) == secret_hash(token)
    code = normalise_code(credential)
    return col(Receipt.code_hash) == secret_hash(code) if code else None


def find_receipt(*, session: Session, credential: str, now: datetime | None = None) -> Receipt | None:
    """The live receipt for a token or fallback code; None when unknown, expired or revoked alike."""
    condition = _credential_filter(credential or "")
    if condition is None:
        return None
    query = select(Receipt).where(condition, col(Receipt.revoked).is_(False), Receipt.expires_at > (now or utcnow()))
    return session.exec(query).first()


def revoke_receipts(*, session: Session, stop_id: uuid.UUID) -> int:
    """Withdraw every live receipt of a stop (a supervisor's decision, or before a reissue)."""
    receipts = session.exec(select(Receipt).where(Receipt.stop_id == stop_id, col(Receipt.revoked).is_(False))).all()
    for receipt in receipts:
        receipt.revoked, receipt.revoked_at = True, utcnow()
        session.add(receipt)
    session.flush()
    return len(receipts)


def stops_without_receipt(*, session: Session, stop_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """Those of `stop_ids` that have no receipt yet."""
    wanted = set(stop_ids)
    have: set[uuid.UUID] = set()
    for chunk in chunks(list(wanted), BULK_CHUNK):
        have.update(session.exec(select(Receipt.stop_id).where(col(Receipt.stop_id).in_(chunk))))
    return wanted - have


def issue_receipts_bulk(*, session: Session, stops: Iterable[tuple[uuid.UUID, datetime]], base_url: str,
                        retention_months: int) -> list[tuple[uuid.UUID, ReceiptCredentials]]:
    """Server-minted receipts for many stops at once (demo data): Core INSERTs in chunks."""
    issued: list[tuple[uuid.UUID, ReceiptCredentials]] = []
    now = utcnow()
    for chunk in chunks(list(stops), BULK_CHUNK):
        rows = []
        for stop_id, occurred_at in chunk:
            credentials = credentials_for(new_token(), base_url)
            issued.append((stop_id, credentials))
            rows.append({"stop_id": stop_id, "token_hash": secret_hash(credentials.token),
                         "code_hash": secret_hash(credentials.code.replace("-", "")), "minted_by": "server",
                         "issued_at": now, "expires_at": shift_months(occurred_at, retention_months),
                         "revoked": False, "revoked_at": None, "feedback_given": False})
        session.execute(insert(Receipt), rows)
    session.flush()
    return issued
