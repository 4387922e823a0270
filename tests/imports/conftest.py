"""Helpers for import tests: valid CSV rows as strings and a file writer."""
from __future__ import annotations

import csv

import pytest

from stopform.imports.records import STOP_COLUMNS

HISTORICAL = "2024-03-10T10:15:00+01:00"


def csv_row(**overrides) -> dict[str, str]:
    """A valid stop CSV row (a traffic check two years ago), cells as text."""
    row = {
        "stop_id": "", "reference": "", "occurred_at": HISTORICAL, "duration_minutes": "8", "area": "ROERMOND",
        "latitude": "51.19449", "longitude": "5.98712", "officer_ref": "NL-1234", "unit": "LIMBURG-NOORD",
        "legal_basis": "WVW160-1", "reason": "traffic_violation", "reason_text": "Drove through a red light.",
        "triggered_by_hit": "false", "hit_source": "", "hit_reference": "", "vehicle_type": "car",
        "plate_country": "NL", "vehicle_pseudonym": "a" * 64, "occupants": "2", "driver_nationality": "",
        "perceived_origin": "", "documents_checked": "true", "driver_id_demanded": "false",
        "passenger_ids_demanded": "0", "id_basis": "", "vehicle_searched": "false", "persons_searched": "0",
        "search_basis": "", "consent_refusal_explained": "false", "authorisation_ref": "", "force_used": "false",
        "search_found": "false", "found_category": "none", "offence_found": "true", "outcome": "fine",
        "outcome_linked_to_reason": "true", "receipt": "qr_shown", "receipt_not_offered_reason": "",
    }
    row.update(overrides)
    return row


@pytest.fixture()
def write_csv(tmp_path):
    """write_csv(rows, columns=None, name="stops.csv") -> path of a UTF-8 CSV with a header row."""
    def write(rows: list[dict], columns: list[str] | None = None, name: str = "stops.csv"):
        columns = columns or (list(rows[0]) if rows else list(STOP_COLUMNS))
        path = tmp_path / name
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return path
    return write
