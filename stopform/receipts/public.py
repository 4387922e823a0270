"""The public view of a stop: an allow-list of fields, so nothing else can reach a public page.

Templates for the receipt page and the card get a `PublicReceipt`, never the `Stop`: names,
the plate and its pseudonym, the reason text, coordinates, other occupants, perceived origin
and alert references are simply not in it. The reason written for the person, the suspected
offence (criminal-procedure powers only) and the law an inspector enforces are.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from ..catalog.services import Catalog, load_catalog
from ..models import Area, Receipt, Stop, Unit, User
from .rights import BASIS_RIGHTS
from .services import find_receipt

NO_SERVICE_NUMBER = "—"


@dataclass(frozen=True)
class PublicReceipt:
    """Everything a receipt page or card may show about one stop."""

    reference: str
    local_start: datetime
    area: str
    unit: str
    officer: str
    basis: str
    citations: dict[str, str]
    reason: str
    triggered_by_hit: bool
    hit_source: str | None
    actions: tuple[tuple[str, str], ...]
    outcome: str
    order_reference: str | None
    bases: tuple[str, ...]
    expires_at: datetime
    feedback_given: bool
    reason_for_person: str | None = None
    suspected_offence: str | None = None
    supervised_law: str | None = None
    suspect: bool = False  # a power of criminal procedure was used: the suspect's rights apply

    @property
    def hour_range(self) -> str:
        """The hour of the stop, e.g. '14:00–15:00' (the receipt shows no minutes)."""
        hour = self.local_start.hour
        return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"


def actions_taken(stop: Stop, catalog: Catalog | None = None) -> tuple[tuple[str, str], ...]:
    """(action, legal basis used) for each thing the officer did beyond stopping and talking.

    Force names the catalogue's basis for force, when the stop's day has one.
    """
    id_basis = stop.id_basis or stop.legal_basis
    search_basis = stop.search_basis or stop.legal_basis
    force_bases = catalog.bases_permitting("force") if catalog is not None else []
    done = [("documents", stop.legal_basis, stop.documents_checked),
            ("driver_id", id_basis, stop.driver_id_demanded),
            ("passenger_id", id_basis, stop.passenger_ids_demanded > 0),
            ("vehicle_search", search_basis, stop.vehicle_searched),
            ("person_search", search_basis, stop.persons_searched > 0),
            ("force", force_bases[0].code if force_bases else "", stop.force_used)]
    return tuple((action, basis) for action, basis, happened in done if happened)


def bases_used(stop: Stop, actions: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The stop's own basis, then every other basis an action relied on, each once."""
    ordered = [stop.legal_basis] + [basis for _, basis in actions if basis]
    return tuple(code for code in dict.fromkeys(ordered) if code in BASIS_RIGHTS)


def public_receipt(*, session: Session, receipt: Receipt, timezone: str) -> PublicReceipt:
    """The allow-listed view of the receipt's stop, with times in `timezone`."""
    stop = session.get(Stop, receipt.stop_id)
    if stop is None:  # a receipt's stop is removed with it (retention), never before it
        raise LookupError(f"receipt {receipt.id} has no stop")
    local_start = stop.occurred_at.astimezone(ZoneInfo(timezone))
    catalog = load_catalog(session, local_start.date())
    actions = actions_taken(stop, catalog)
    bases = bases_used(stop, actions)
    used = [catalog.bases[code] for code in bases if code in catalog.bases]
    suspect = any(basis.criminal_procedure for basis in used)
    ordered = any("authorisation_ref" in basis.requires for basis in used)
    return PublicReceipt(
        reference=stop.reference, local_start=local_start, area=_area_name(session, stop.area),
        unit=_unit_name(session, stop.unit), officer=_service_number(session, stop), basis=stop.legal_basis,
        citations={code: catalog.bases[code].citation for code in bases if code in catalog.bases},
        reason=stop.reason, triggered_by_hit=stop.triggered_by_hit,
        hit_source=stop.hit_source if stop.triggered_by_hit else None, actions=actions,
        outcome=stop.outcome, order_reference=stop.authorisation_ref if ordered else None,
        bases=bases, expires_at=receipt.expires_at, feedback_given=receipt.feedback_given,
        reason_for_person=stop.reason_for_person or None,
        suspected_offence=stop.suspected_offence if suspect else None,
        supervised_law=stop.supervised_law if any("supervised_law" in b.requires for b in used) else None,
        suspect=suspect)


def _service_number(session: Session, stop: Stop) -> str:
    """The officer's service number; a dash where the stop holds only the author's username (accounts
    made without a service number got their username as one, and a login name is no public data)."""
    username = session.exec(select(User.username).where(User.id == stop.created_by_id)).first() \
        if stop.created_by_id else None
    if not stop.officer_ref or (username and stop.officer_ref.strip().upper() == username.strip().upper()):
        return NO_SERVICE_NUMBER
    return stop.officer_ref


def _area_name(session: Session, code: str) -> str:
    return session.exec(select(Area.name).where(Area.code == code)).first() or code


def _unit_name(session: Session, code: str) -> str:
    return session.exec(select(Unit.name).where(Unit.code == code)).first() or code


def open_receipt(*, session: Session, credential: str, timezone: str) -> PublicReceipt | None:
    """The public view for a live token or fallback code; None when unknown, expired or revoked."""
    receipt = find_receipt(session=session, credential=credential)
    return None if receipt is None else public_receipt(session=session, receipt=receipt, timezone=timezone)
