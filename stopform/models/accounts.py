"""Units, users, supervision links and areas."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Column, Numeric, true
from sqlmodel import Field, SQLModel

from .base import UTCDateTime, utcnow

ROLES = ("officer", "supervisor", "admin", "oversight")
CODE_MAX = 64


class Unit(SQLModel, table=True):
    """A police team; stops and officers belong to one."""

    __tablename__ = "units"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=CODE_MAX, unique=True, index=True)
    name: str = Field(max_length=200)
    # "police" or "kmar" (Koninklijke Marechaussee): some powers belong to one force only.
    force: str = Field(default="police", max_length=16)
    # Switched off: no longer offered for new stops or accounts; its stops stay in the reports.
    active: bool = Field(default=True, sa_column_kwargs={"server_default": true()})


class User(SQLModel, table=True):
    """An account. No personal names are needed: the service number identifies officers."""

    __tablename__ = "users"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=CODE_MAX, unique=True, index=True)
    service_number: str = Field(max_length=CODE_MAX, index=True)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=16)
    unit_id: int | None = Field(default=None, foreign_key="units.id", index=True)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_area: str | None = Field(default=None, max_length=CODE_MAX)
    # Raised by logout, a password, role or active change: older session cookies stop working.
    session_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class Supervision(SQLModel, table=True):
    """A further unit a supervisor oversees besides their own."""

    __tablename__ = "supervisions"
    user_id: int = Field(foreign_key="users.id", primary_key=True)
    unit_id: int = Field(foreign_key="units.id", primary_key=True)


class Area(SQLModel, table=True):
    """A municipality or control site, with a centre point for sunset times."""

    __tablename__ = "areas"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=CODE_MAX, unique=True, index=True)
    name: str = Field(max_length=200)
    latitude: Decimal = Field(sa_column=Column(Numeric(9, 6), nullable=False))
    longitude: Decimal = Field(sa_column=Column(Numeric(9, 6), nullable=False))
    active: bool = Field(default=True)
