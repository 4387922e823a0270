"""Result rows: one dict per group, JSON-safe from the moment they are made.

Conventions shared by every test (the integrator relies on them):

* every number is a plain ``int`` or ``float``; NaN and ±inf never appear;
* ``None`` (JSON null) means "not estimable or unbounded": an interval
  ``(0.0, None)`` is ``(0, ∞)``, a ratio ``None`` with a zero reference count is ∞;
* ``p_adjusted`` and ``flag`` are filled in later by :mod:`.flags`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

# Keys of a §3 row, in the order they are emitted.
ROW_KEYS = (
    "group",
    "n",
    "events",
    "rate",
    "reference_rate",
    "ratio",
    "ci_low",
    "ci_high",
    "p_value",
    "p_adjusted",
    "flag",
    "suppressed",
)
# Estimates that a suppressed row must not carry.
ESTIMATE_KEYS = ("ratio", "ci_low", "ci_high", "p_value", "p_adjusted")


def clean_float(value: Any) -> float | None:
    """Return ``value`` as a plain float, or None when missing, NaN or infinite."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def make_row(group: str, n: int, events: int, **values: Any) -> dict[str, Any]:
    """Build a result row with every §3 key; extra keyword values are kept beside them."""
    row: dict[str, Any] = {
        "group": str(group),
        "n": int(n),
        "events": int(events),
        "rate": None,
        "reference_rate": None,
        "ratio": None,
        "ci_low": None,
        "ci_high": None,
        "p_value": None,
        "p_adjusted": None,
        "flag": False,
        "suppressed": False,
        "suppressed_reason": None,
    }
    for key, value in values.items():
        row[key] = json_safe(value)
    return row


def suppress(row: dict[str, Any], reason: str, extra_keys: tuple[str, ...] = ()) -> None:
    """Mark ``row`` suppressed in place: estimates become None, the reason is kept."""
    for key in ESTIMATE_KEYS + extra_keys:
        if key in row:
            row[key] = None
    row["flag"] = False
    row["suppressed"] = True
    row["suppressed_reason"] = reason


def json_safe(value: Any) -> Any:
    """Convert numpy scalars, NaN/inf and nested containers to plain JSON values."""
    kind = type(value)  # the plain types first: a report holds hundreds of thousands of them
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is np.float64:
        return clean_float(value)
    if kind is str or kind is bool or kind is int:
        return value
    if kind is dict:
        return {str(key): json_safe(item) for key, item in value.items()}
    if kind is list:
        return [json_safe(item) for item in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return clean_float(value)
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON-safe: {type(value).__name__}")
