"""The import refuses the Sensing record and accepts its lawful variant (stops.grounds)."""
import uuid
from datetime import timedelta

from stopform.models import Stop, utcnow
from tests.stops.test_guard_sensing import LAWFUL, SENSING

from .conftest import csv_row


def _cells(record: dict) -> dict:
    return {k: ("true" if v is True else "false" if v is False else "" if v is None else str(v))
            for k, v in record.items()}


def test_import_refuses_the_sensing_record(runner, db_session, write_csv):
    recent = (utcnow() - timedelta(days=1)).isoformat()
    refused = runner.invoke(args=["import-stops", str(write_csv([csv_row(occurred_at=recent, **_cells(SENSING))]))])
    assert "column legal_basis:" in refused.output and "column documents_checked:" in refused.output
    lawful = csv_row(occurred_at=recent, stop_id=str(uuid.uuid4()), **_cells(LAWFUL["criminal procedure"]))
    accepted = runner.invoke(args=["import-stops", str(write_csv([lawful], name="ok.csv"))])
    assert accepted.exit_code == 0, accepted.output
    assert db_session.get(Stop, uuid.UUID(lawful["stop_id"])).caution_given is True


def test_each_rule_refuses_the_row_in_the_import(runner, write_csv):
    from tests.api.test_api_sensing import RULES
    recent = (utcnow() - timedelta(days=1)).isoformat()
    rows = [csv_row(occurred_at=recent, stop_id=str(uuid.uuid4()), **_cells(overrides))
            for overrides, _ in RULES.values()]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    result = runner.invoke(args=["import-stops", str(write_csv(rows, columns=columns, name="rules.csv"))])
    assert result.exit_code != 0
    for line, (_, field) in enumerate(RULES.values(), start=2):
        assert f"line {line}, column {field}:" in result.output, (line, field)
