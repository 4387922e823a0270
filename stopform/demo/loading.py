"""Turn the synthetic generator's frame into rows the database takes."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pandas as pd

from ..models import Stop, utcnow
from .synthetic import generate_stops

STOP_COLUMNS = tuple(Stop.__table__.columns.keys())


def demo_rows(count: int, *, seed: int, month: str, areas: list[dict], now: datetime | None = None) -> list[dict]:
    """`count` synthetic stops of `month` as insertable dicts; none lies in the future."""
    now = now or utcnow()
    frame = generate_stops(count, seed=seed, month=month, areas=areas)
    future = frame["occurred_at"] > now
    # The current month's later days have not happened yet: fold them back into the past.
    if future.any():
        frame.loc[future, "occurred_at"] = frame.loc[future, "occurred_at"] - pd.Timedelta(days=31)
    frame = frame[frame["occurred_at"] <= now]
    return [_row(record) for record in frame.to_dict("records")]


def _row(record: dict) -> dict:
    row = {name: _plain(record.get(name)) for name in STOP_COLUMNS if name in record}
    row["stop_id"] = uuid.UUID(str(record["stop_id"]))
    row["occurred_at"] = pd.Timestamp(record["occurred_at"]).to_pydatetime()
    row.setdefault("source", "demo")
    row["source"] = "demo"
    row.setdefault("beyond_basis", False)
    row.setdefault("amended", False)
    row["recorded_at"] = row["occurred_at"] + timedelta(minutes=int(row.get("duration_minutes") or 0))
    row["latitude"] = row["longitude"] = None
    return row


def _plain(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
