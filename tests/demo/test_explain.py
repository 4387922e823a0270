"""`demo-data` says why the report of the month shows fewer stops than were made."""
from __future__ import annotations

from datetime import UTC, datetime

from stopform.demo.explain import demo_breakdown


def _row(moment: datetime, unit: str) -> dict:
    return {"occurred_at": moment, "unit": unit}


def test_the_breakdown_names_other_months_and_units():
    rows = [_row(datetime(2026, 11, 10, 12, tzinfo=UTC), "LIMBURG-NOORD"),
            _row(datetime(2026, 11, 11, 12, tzinfo=UTC), "LIMBURG-ZUID"),
            _row(datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "LIMBURG-NOORD"),  # 1 November in Amsterdam
            _row(datetime(2026, 10, 20, 8, tzinfo=UTC), "LIMBURG-NOORD")]
    lines = demo_breakdown(rows, month="2026-11", timezone="Europe/Amsterdam", supervisor_unit="LIMBURG-NOORD")
    assert lines[0] == "Of the 4 stops made, 3 fall in 2026-11 (Dutch calendar days)."
    assert "1 in 2026-10" in lines[1]
    assert "LIMBURG-NOORD 2, LIMBURG-ZUID 1" in lines[2]
    assert "leads LIMBURG-NOORD and sees 2 of them" in lines[3]


def test_demo_data_prints_the_breakdown(runner):
    result = runner.invoke(args=["demo-data", "--stops", "30", "--seed", "3", "--no-receipts", "--month", "2025-02"])
    assert result.exit_code == 0, result.output
    assert "Of the 30 stops made, " in result.output and "Per unit in 2025-02:" in result.output
    assert "The demo supervisor leads LIMBURG-NOORD" in result.output
