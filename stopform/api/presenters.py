"""JSON shapes of stored objects."""
from __future__ import annotations

from decimal import Decimal

from ..catalog.services import Catalog
from ..models import RECORD_FIELDS, Stop


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def stop_json(stop: Stop) -> dict:
    """A stored stop: every record field (the plate only as its pseudonym)."""
    body = {name: _plain(getattr(stop, name)) for name in RECORD_FIELDS}
    body.update(stop_id=str(stop.stop_id), reference=stop.reference, beyond_basis=stop.beyond_basis,
                amended=stop.amended, recorded_at=_plain(stop.recorded_at))
    return body


def catalog_json(catalog: Catalog) -> dict:
    """The catalogue valid on `catalog.day`."""
    return {
        "valid_on": catalog.day.isoformat(),
        "legal_bases": [{"code": b.code, "citation": b.citation, "permits": sorted(b.permits),
                         "stop_power": b.stop_power, "summary": {"en": b.summary_en, "nl": b.summary_nl}}
                        for b in catalog.bases.values()],
        "codes": {kind: [{"code": code, "label": {"en": en, "nl": nl}} for code, (en, nl) in codes.items()]
                  for kind, codes in catalog.codes.items()},
    }
