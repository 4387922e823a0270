"""Turn the synthetic generator's frame into rows the database takes."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import Boolean

from ..models import Stop, table_of, utcnow
from .synthetic import generate_stops

STOP_COLUMNS = tuple(table_of(Stop).columns.keys())
# The generator leaves a flag empty where it does not apply (e.g. consent when nobody was searched).
FLAG_COLUMNS = tuple(c.name for c in table_of(Stop).columns if isinstance(c.type, Boolean) and not c.nullable)


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
    for name in FLAG_COLUMNS:
        if name in row and row[name] is None:
            row[name] = False
    return row


def _plain(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def issue_demo_receipts(session, rows: list[dict], *, base_url: str, retention_months: int,
                        now: datetime | None = None) -> list[tuple[str, object]]:
    """Server-minted receipts for the rows' stops that have none yet, in row order.

    Returns (reference, credentials) for those whose receipt is still valid now, so a newcomer
    can open the citizen's view at once (a month older than the retention period has none).
    """
    from ..core.months import shift_months
    from ..receipts.services import issue_receipts_bulk, stops_without_receipt
    now = now or utcnow()
    missing = stops_without_receipt(session=session, stop_ids=[row["stop_id"] for row in rows])
    todo = [row for row in rows if row["stop_id"] in missing]
    issued = dict(issue_receipts_bulk(session=session, stops=[(row["stop_id"], row["occurred_at"]) for row in todo],
                                      base_url=base_url, retention_months=retention_months))
    return [(row["reference"], issued[row["stop_id"]]) for row in todo
            if shift_months(row["occurred_at"], retention_months) > now]
