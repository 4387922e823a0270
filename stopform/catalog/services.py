"""Load the catalogue into the database and read it back as a dated snapshot."""
from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from ..models import CatalogCode, LegalBasis, Stop, Unit
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


# What a catalogue row says in words (updated in place when the shipped wording improves) and
# what it decides in law (changed in place only while no stop record falls in its version).
DESCRIPTIVE_FIELDS = ("citation", "summary_en", "summary_nl", "source")
LEGAL_FIELDS = ("permits", "stop_power", "requires", "criminal_procedure", "restricted_to", "voluntary")


class CatalogConflict(Exception):
    """The shipped catalogue changes the legal content of a version that stop records already use."""


@dataclass(frozen=True)
class CatalogSync:
    """What a sync did: rows added, and the rows (code and start) whose content was rewritten."""

    added: int
    updated: tuple[str, ...] = ()


def sync_catalog(session: Session, start: date = data.CATALOG_START) -> CatalogSync:
    """Bring the stored catalogue in line with the shipped one; idempotent.

    Adds missing rows, closes superseded ones (a shipped `valid_to`), and rewrites the wording
    (citation, summaries, source; the labels of code lists) of existing rows. Legal content
    (permits, requires, ...) of an existing row changes only while no stop falls in that
    version's days; otherwise CatalogConflict: a record must keep the rules it was judged by,
    so such a change needs a new version with its own `valid_from`.
    """
    added, updated = 0, []
    stored = {(b.code, b.valid_from): b for b in session.exec(select(LegalBasis))}
    for entry in data.LEGAL_BASES:
        shipped = _basis_row(entry, entry.get("valid_from", start))
        row = stored.get((shipped.code, shipped.valid_from))
        if row is None:
            session.add(shipped)
            added += 1
        elif _update_basis(session, row, shipped):
            updated.append(f"{row.code} {row.valid_from.isoformat()}")
    code_added, code_updated = _sync_codes(session, start)
    session.flush()
    forget_cached_catalogue()
    return CatalogSync(added=added + code_added, updated=tuple(updated + code_updated))


def _basis_row(entry: dict, valid_from: date) -> LegalBasis:
    return LegalBasis(code=entry["code"], valid_from=valid_from, valid_to=entry.get("valid_to"),
                      citation=entry["citation"], summary_en=entry["en"], summary_nl=entry["nl"],
                      permits=list(entry["permits"]), stop_power=entry.get("stop_power", True),
                      requires=list(entry.get("requires", [])),
                      criminal_procedure=entry.get("criminal_procedure", False),
                      restricted_to=entry.get("restricted_to"), voluntary=entry.get("voluntary", False),
                      source=entry.get("source", ""))


def _update_basis(session: Session, row: LegalBasis, shipped: LegalBasis) -> bool:
    """Rewrite `row` to the shipped content; whether anything but `valid_to` changed."""
    if shipped.valid_to and row.valid_to is None:
        row.valid_to = shipped.valid_to
        session.add(row)
    legal = [name for name in LEGAL_FIELDS if _comparable(getattr(row, name)) != _comparable(getattr(shipped, name))]
    if legal and _version_in_use(session, row):
        raise CatalogConflict(
            f"catalogue entry {row.code} (from {row.valid_from.isoformat()}) would change {', '.join(legal)}, "
            "but stop records of that version exist: ship the change as a new version with its own valid_from")
    changed = legal + [name for name in DESCRIPTIVE_FIELDS if getattr(row, name) != getattr(shipped, name)]
    for name in changed:
        setattr(row, name, getattr(shipped, name))
    if changed:
        session.add(row)
    return bool(changed)


def _comparable(value):
    # permits and requires are sets in meaning; their order in the shipped list is no change.
    return sorted(value) if isinstance(value, list) else value


def _version_in_use(session: Session, row: LegalBasis) -> bool:
    """Whether any stop falls on a day this row's version applied (so a record was judged by it)."""
    query = select(Stop.stop_id).where(Stop.local_date >= row.valid_from)
    if row.valid_to is not None:
        query = query.where(Stop.local_date < row.valid_to)
    return session.exec(query.limit(1)).first() is not None


def _sync_codes(session: Session, start: date) -> tuple[int, list[str]]:
    added, updated = 0, []
    stored = {(c.kind, c.code, c.valid_from): c for c in session.exec(select(CatalogCode))}
    lists = [(kind, rows, start, None) for kind, rows in data.CODE_LISTS.items()] + data.VERSIONED_CODE_LISTS
    for kind, rows, valid_from, valid_to in lists:
        for position, (code, label_en, label_nl) in enumerate(rows):
            row = stored.get((kind, code, valid_from))
            if row is None:
                session.add(CatalogCode(kind=kind, code=code, valid_from=valid_from, valid_to=valid_to,
                                        label_en=label_en, label_nl=label_nl, position=position))
                added += 1
                continue
            if valid_to and row.valid_to is None:
                row.valid_to = valid_to
            if (row.label_en, row.label_nl, row.position) != (label_en, label_nl, position):
                row.label_en, row.label_nl, row.position = label_en, label_nl, position
                updated.append(f"{kind}:{code} {valid_from.isoformat()}")
            session.add(row)
    return added, updated


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
