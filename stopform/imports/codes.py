"""Codes in a file are matched as `import-areas` and the form match them: case does not matter.

Areas, units, legal bases and countries are stored in capitals (import-areas upper-cases area
codes, the admin pages unit codes); the catalogue's code lists in lower case. A cell is trimmed
and put in that case before it is looked up, so `roermond`, `Roermond` and `ROERMOND` are one area.
"""
from __future__ import annotations

UPPER_CASE = frozenset({"area", "unit", "legal_basis", "id_basis", "search_basis", "plate_country",
                        "driver_nationality"})
LOWER_CASE = frozenset({"reason", "outcome", "hit_source", "vehicle_type", "found_category", "receipt",
                        "perceived_origin"})


def normalise_code(column: str, text: str) -> str:
    """`text` as the code in `column` is stored; other columns' text unchanged."""
    if column in UPPER_CASE:
        return text.strip().upper()
    if column in LOWER_CASE:
        return text.strip().lower()
    return text
