"""Why a supervisor sees fewer demo stops than the demo made: the lines `demo-data` prints.

A report counts one Dutch calendar month of the reader's units. Demo stops whose time had not
come yet are moved back a month (none lies in the future), and the demo areas belong to two
units while the demo supervisor leads one; so the report of the month shows fewer stops than
were made, and these lines say how many land where.
"""
from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo


def demo_breakdown(rows: list[dict], *, month: str, timezone: str, supervisor_unit: str) -> list[str]:
    """Plain lines: the rows per Dutch calendar month and, within `month`, per unit."""
    zone = ZoneInfo(timezone)
    months = Counter(row["occurred_at"].astimezone(zone).strftime("%Y-%m") for row in rows)
    in_month = [row for row in rows if row["occurred_at"].astimezone(zone).strftime("%Y-%m") == month]
    units = Counter(row["unit"] for row in in_month)
    lines = [f"Of the {len(rows)} stops made, {len(in_month)} fall in {month} (Dutch calendar days)."]
    others = ", ".join(f"{count} in {other}" for other, count in sorted(months.items()) if other != month)
    if others:
        lines.append(f"  Elsewhere: {others} (days that had not come yet are moved back; local dates at the "
                     f"month's edges).")
    lines.append(f"  Per unit in {month}: " + ", ".join(f"{unit} {count}" for unit, count in sorted(units.items())))
    lines.append(f"  The demo supervisor leads {supervisor_unit} and sees {units.get(supervisor_unit, 0)} of them "
                 f"in the report of {month}; admin and oversight see every unit.")
    return lines
