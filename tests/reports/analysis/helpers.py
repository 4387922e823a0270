"""Small helpers shared by the analysis tests."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd


def block(test: str, rows: list[dict], dimension: str = "plate_country", reference: str = "NL") -> dict:
    """A §3 test block around ``rows``."""
    return {"test": test, "dimension": dimension, "reference_group": reference, "rows": rows}


def counts(rows: list[tuple], stratified: bool = False) -> pd.DataFrame:
    """A count frame from (group, n, events[, stratum]) tuples."""
    columns = ["group", "n", "events"] + (["stratum"] if stratified else [])
    return pd.DataFrame(rows, columns=columns)


def by_group(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Rows keyed by their group."""
    return {row["group"]: row for row in rows}


def strict_json(value: Any) -> str:
    """json.dumps that refuses NaN and infinity, as a browser's JSON.parse would."""
    return json.dumps(value, allow_nan=False)
