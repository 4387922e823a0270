"""No CSV the app writes holds a cell a spreadsheet would run as a formula; an export imported
again gives back the text as typed."""
import csv
from types import SimpleNamespace

import pytest

from stopform.reports.outputs import report_csv
from stopform.spreadsheet import neutralise, restore

ATTACKS = ["=HYPERLINK(\"http://evil.example\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "'=1+1", "''-x"]


@pytest.mark.parametrize("cell", ATTACKS)
def test_formula_cells_are_neutralised_and_restored(cell):
    safe = neutralise(cell)
    assert safe.startswith("'") and restore(safe) == cell


@pytest.mark.parametrize("cell", ["-5.25", "+3", "-1e-05", "ROERMOND", "plain text", "", "'quoted"])
def test_numbers_and_ordinary_text_are_left_alone(cell):
    assert neutralise(cell) == cell and restore(cell) == cell


def test_report_csv_neutralises_cells():
    report = SimpleNamespace(tests=[{"test": "=cmd()", "dimension": "area", "reference_group": "NL",
                                     "rows": [{"group": "@SUM(A1)", "n": 5, "ratio": -0.5}]}])
    rows = list(csv.reader(report_csv(report).splitlines()))
    assert rows[1][0] == "'=cmd()" and rows[1][3] == "'@SUM(A1)"
    assert "-0.5" in rows[1]


def test_export_stops_neutralises_and_reimport_restores(runner, db_session, make_user, make_stop, tmp_path):
    from datetime import datetime, timedelta

    from sqlmodel import select

    from stopform.models import Stop, utcnow
    officer = make_user("officer")
    moment = utcnow() - timedelta(hours=2)
    typed = "=HYPERLINK(\"http://evil.example\",\"x\")"
    stop = make_stop(officer, reason_text=typed, occurred_at=moment)
    out = tmp_path / "export.csv"
    month = datetime.fromisoformat(stop.local_date.isoformat()).strftime("%Y-%m")
    assert runner.invoke(args=["export-stops", "--month", month, "--output", str(out)]).exit_code == 0
    with open(out, newline="", encoding="utf-8") as handle:
        exported = [row for row in csv.DictReader(handle) if row["stop_id"] == str(stop.stop_id)]
    assert exported[0]["reason_text"] == "'" + typed
    db_session.delete(stop)
    db_session.commit()
    result = runner.invoke(args=["import-stops", str(out)])
    assert result.exit_code == 0, result.output
    assert db_session.exec(select(Stop.reason_text).where(Stop.stop_id == stop.stop_id)).one() == typed
