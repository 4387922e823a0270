"""Shared model machinery: constraint naming, UTC timestamps, JSON columns."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, Table, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import SQLModel

# Named constraints from the first migration on, so SQLite batch mode can drop them later.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONType = JSON().with_variant(JSONB(), "postgresql")


def table_of(model: type[SQLModel]) -> Table:
    """The Core `Table` behind a `table=True` model, for Core inserts and column lists."""
    # SQLModel sets `__table__` on table models when the class is built but does not declare it
    # on `SQLModel`, so the checker cannot see it; this is the one place that reads it.
    table = model.__table__  # type: ignore[attr-defined]
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def new_uuid() -> uuid.UUID:
    """A random UUID (version 4)."""
    return uuid.uuid4()


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes in UTC and always returns them aware.

    SQLite keeps no offset, so values are normalised to UTC on the way in and UTC is
    re-attached on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; stopform stores aware UTC times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
