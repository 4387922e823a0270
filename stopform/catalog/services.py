"""Load the catalogue into the database and read it back as a dated snapshot."""
from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from ..models import CatalogCode, LegalBasis, Unit
from . import data
from .articles import article_url


@dataclass(frozen=True)
class Basis:
    """A legal basis as it applied on one day."""

    code: str
    citation: str
    summary_en: str
    summary_nl: str
    permits: frozenset[str]
    stop_power: bool
    requires: frozenset[str] = frozenset()
    criminal_procedure: bool = False
    restricted_to: str | None = None
    voluntary: bool = False
    source: str = ""

    def summary(self, locale: str) -> str:
        """The plain-language summary in Dutch or English."""
        return self.summary_nl if locale == "nl" else self.summary_en

    def short(self, locale: str) -> str:
        """A few words for a list: the summary's lead-in before its colon, or its first sentence."""
        text = self.summary(locale)
        head, colon, _ = text.partition(":")
        if colon and len(head) <= 48:
            return head
        sentence = text.split(". ")[0].rstrip(".")
        return sentence if len(sentence) <= 60 else sentence[:57].rstrip() + "…"

    @property
    def article_url(self) -> str | None:
        """The official text of its article (catalog.articles), if it has one."""
        return article_url(self.code)


@dataclass(frozen=True)
class Catalog:
    """Every code valid on one day, for validation and for the pickers."""

    day: date
    bases: dict[str, Basis]
    codes: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def stop_bases(self) -> list[Basis]:
        """Bases an officer may pick as the power used to stop."""
        return [b for b in self.bases.values() if b.stop_power]

    def bases_permitting(self, action: str) -> list[Basis]:
        """Bases that allow `action` on their own."""
        return [b for b in self.bases.values() if action in b.permits]

    def permit_attributes(self) -> dict[str, str]:
        """`data-permits` HTML attributes per basis, read by the form's legality hint."""
        return {code: f'data-permits="{" ".join(sorted(b.permits))}"' for code, b in self.bases.items()}

    def suggestion_attributes(self) -> dict[str, str]:
        """HTML attributes per reason: `data-suggests`, the stop basis the form fills in for it, and
        `data-ticks`, the action it implies (data.SUGGESTED_BASES, data.SUGGESTED_TICKS)."""
        attributes = {reason: f'data-suggests="{code}"' for reason, code in data.SUGGESTED_BASES.items()
                      if code in self.bases and self.bases[code].stop_power}
        for reason, box in data.SUGGESTED_TICKS.items():
            attributes[reason] = f'{attributes.get(reason, "")} data-ticks="{box}"'.strip()
        return attributes

    def summaries(self, locale: str) -> dict[str, str]:
        """Plain-language summaries per basis."""
        return {code: b.summary(locale) for code, b in self.bases.items()}

    def label(self, kind: str, code: str, locale: str = "en") -> str:
        """The display label of a code, or the code itself when unknown."""
        labels = self.codes.get(kind, {}).get(code)
        if labels is None:
            return code
        return labels[1] if locale == "nl" else labels[0]

    def valid(self, kind: str, code: str) -> bool:
        """Whether `code` exists in the list `kind` on this day."""
        return code in self.codes.get(kind, {})


def sync_catalog(session: Session, start: date = data.CATALOG_START) -> int:
    """Insert catalogue entries that are missing and close superseded ones; idempotent.

    Returns how many rows were added. A shipped entry with a `valid_to` closes the stored row
    of the same code and start (version 1 rows get the start of version 2).
    """
    added = 0
    stored = {(b.code, b.valid_from): b for b in session.exec(select(LegalBasis))}
    for entry in data.LEGAL_BASES:
        valid_from = entry.get("valid_from", start)
        row = stored.get((entry["code"], valid_from))
        if row is not None:
            if entry.get("valid_to") and row.valid_to is None:
                row.valid_to = entry["valid_to"]
                session.add(row)
            continue
        session.add(_basis_row(entry, valid_from))
        added += 1
    added += _sync_codes(session, start)
    session.flush()
    forget_cached_catalogue()
    return added


def _basis_row(entry: dict, valid_from: date) -> LegalBasis:
    return LegalBasis(code=entry["code"], valid_from=valid_from, valid_to=entry.get("valid_to"),
                      citation=entry["citation"], summary_en=entry["en"], summary_nl=entry["nl"],
                      permits=list(entry["permits"]), stop_power=entry.get("stop_power", True),
                      requires=list(entry.get("requires", [])),
                      criminal_procedure=entry.get("criminal_procedure", False),
                      restricted_to=entry.get("restricted_to"), voluntary=entry.get("voluntary", False),
                      source=entry.get("source", ""))


def _sync_codes(session: Session, start: date) -> int:
    added = 0
    stored = {(c.kind, c.code, c.valid_from): c for c in session.exec(select(CatalogCode))}
    lists = [(kind, rows, start, None) for kind, rows in data.CODE_LISTS.items()] + data.VERSIONED_CODE_LISTS
    for kind, rows, valid_from, valid_to in lists:
        for position, (code, label_en, label_nl) in enumerate(rows):
            row = stored.get((kind, code, valid_from))
            if row is not None:
                if valid_to and row.valid_to is None:
                    row.valid_to = valid_to
                    session.add(row)
                continue
            session.add(CatalogCode(kind=kind, code=code, valid_from=valid_from, valid_to=valid_to,
                                    label_en=label_en, label_nl=label_nl, position=position))
            added += 1
    return added


def kmar_unit_codes(session: Session) -> frozenset[str]:
    """Codes of the units of the Koninklijke Marechaussee (powers such as MTV are theirs alone)."""
    return frozenset(session.exec(select(Unit.code).where(Unit.force == "kmar")))


def load_catalog(session: Session, day: date) -> Catalog:
    """The catalogue as it applied on `day` (built once per day while the rows are cached)."""
    bases_rows, code_rows, built = _catalogue_rows(session)
    if day not in built:
        built[day] = _build_catalog(bases_rows, code_rows, day)
    return built[day]


def _build_catalog(bases_rows: list, code_rows: list, day: date) -> Catalog:
    bases = {}
    for row in bases_rows:
        if row.valid_on(day):
            bases[row.code] = Basis(row.code, row.citation, row.summary_en, row.summary_nl,
                                    frozenset(row.permits), row.stop_power, frozenset(row.requires or ()),
                                    row.criminal_procedure, row.restricted_to, row.voluntary, row.source)
    codes: dict[str, dict[str, tuple[str, str]]] = {}
    for row in code_rows:
        if row.valid_from <= day and (row.valid_to is None or day < row.valid_to):
            codes.setdefault(row.kind, {})[row.code] = (row.label_en, row.label_nl)
    return Catalog(day=day, bases=bases, codes=codes)


# The catalogue changes only when `flask db upgrade` syncs it (new rows carry their own dates), so
# each process keeps the rows per database for a while instead of reading them on every stop.
CACHE_SECONDS = 300.0
_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# The rows of both lists, and the catalogues built from them by day.
CatalogueRows = tuple[list[LegalBasis], list[CatalogCode], dict[date, Catalog]]


def _catalogue_rows(session: Session) -> CatalogueRows:
    engine = session.get_bind().engine
    cached = _cache.get(engine)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    bases = [_detached(row) for row in session.exec(select(LegalBasis).order_by(col(LegalBasis.id)))]
    codes = [_detached(row) for row in session.exec(select(CatalogCode).order_by(col(CatalogCode.kind),
                                                                                  col(CatalogCode.position)))]
    entry: CatalogueRows = (bases, codes, {})
    _cache[engine] = (time.monotonic(), entry)
    return entry


def _detached(row):
    # A plain copy: cached rows outlive the session that read them.
    return type(row).model_validate(row.model_dump())


def forget_cached_catalogue() -> None:
    """Read the catalogue from the database again on next use (after syncing it)."""
    _cache.clear()
