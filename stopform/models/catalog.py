"""The catalogue: legal bases, reasons, outcomes and hit sources, versioned by date."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from .base import JSONType

CODE_MAX = 32


class LegalBasis(SQLModel, table=True):
    """One legal power as valid from a date; renumbered articles get a new row."""

    __tablename__ = "legal_bases"
    __table_args__ = (UniqueConstraint("code", "valid_from", name="uq_legal_bases_code_valid_from"),)
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=CODE_MAX, index=True)
    valid_from: date
    valid_to: date | None = None
    citation: str = Field(max_length=300)
    summary_en: str = Field(max_length=1000)
    summary_nl: str = Field(max_length=1000)
    permits: list[str] = Field(default_factory=list, sa_column=Column(JSONType, nullable=False))
    stop_power: bool = Field(default=True)
    # Catalogue version 2: what a record using this basis must also show (record field names or
    # "arrest"), whether it is a power of criminal procedure, which force alone may use it, whether
    # it rests on consent only, and the statute text the entry was checked against.
    requires: list[str] = Field(default_factory=list, sa_column=Column(JSONType, nullable=False))
    criminal_procedure: bool = Field(default=False)
    restricted_to: str | None = Field(default=None, max_length=16)
    voluntary: bool = Field(default=False)
    source: str = Field(default="", max_length=600)

    def valid_on(self, day: date) -> bool:
        """Whether this version applies on `day`."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class CatalogCode(SQLModel, table=True):
    """A code of one of the smaller lists (reason, outcome, hit source, ...)."""

    __tablename__ = "catalog_codes"
    __table_args__ = (UniqueConstraint("kind", "code", "valid_from",
                                       name="uq_catalog_codes_kind_code_valid_from"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=CODE_MAX, index=True)
    code: str = Field(max_length=CODE_MAX)
    valid_from: date
    valid_to: date | None = None
    label_en: str = Field(max_length=200)
    label_nl: str = Field(max_length=200)
    position: int = 0
