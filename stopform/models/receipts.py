"""Receipts (hashed credentials of a stop's public receipt) and the citizen's anonymous feedback."""
from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from .base import UTCDateTime, new_uuid, utcnow

HASH_LENGTH = 64  # SHA-256, hex
SHORT = 32


class Receipt(SQLModel, table=True):
    """A receipt for one stop: only hashes of its token and fallback code are kept.

    Rows are made by the server (online form, demo data) or registered when a device that
    minted the token offline syncs the stop. A reissue revokes the old row and adds a new one.
    """

    __tablename__ = "receipts"
    id: int | None = Field(default=None, primary_key=True)
    stop_id: uuid.UUID = Field(foreign_key="stops.stop_id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=HASH_LENGTH, unique=True)
    code_hash: str = Field(max_length=HASH_LENGTH, unique=True)
    minted_by: str = Field(default="server", max_length=16)
    issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked: bool = False
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Whether feedback was given, never which: feedback rows carry no link back to this row.
    feedback_given: bool = False


class ReceiptFeedback(SQLModel, table=True):
    """One person's optional answers. Deliberately unlinkable to the stop: no receipt or stop id,
    no timestamp, a random primary key; only the month, unit and area of the stop."""

    __tablename__ = "receipt_feedback"
    id: uuid.UUID = Field(default_factory=new_uuid, primary_key=True)
    month: date = Field(index=True)
    unit: str = Field(max_length=64, index=True)
    area: str = Field(max_length=64)
    reason_explained: str | None = Field(default=None, max_length=SHORT)
    respect: int | None = None
    singled_out: str | None = Field(default=None, max_length=SHORT)
    background: str | None = Field(default=None, max_length=SHORT)
