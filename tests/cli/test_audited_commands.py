"""Exports and imports leave an audit entry (no record content, only counts and the file's name)."""
from sqlmodel import select

from stopform.audit.services import verify_chain
from stopform.models import AuditEntry
from tests.imports.conftest import csv_row, write_csv  # noqa: F401  (fixture)


def last(db_session, action: str) -> AuditEntry:
    query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq.desc())
    return db_session.exec(query).first()


def test_export_is_audited(runner, db_session, tmp_path):
    out = tmp_path / "march.csv"
    result = runner.invoke(args=["export-stops", "--month", "2024-03", "--output", str(out)])
    assert result.exit_code == 0, result.output
    entry = last(db_session, "stops_exported")
    assert entry.target_id == "2024-03" and entry.details["file"] == "march.csv" and entry.details["kind"] == "records"
    runner.invoke(args=["export-stops", "--month", "2024-03", "--open-data", "--output", str(out)])
    assert last(db_session, "stops_exported").details["kind"] == "open_data"


def test_stop_import_and_a_refused_import_are_audited(runner, db_session, write_csv):  # noqa: F811
    good = write_csv([csv_row()], name="good.csv")
    assert runner.invoke(args=["import-stops", str(good)]).exit_code == 0
    entry = last(db_session, "stops_imported")
    assert entry.target_id == "good.csv" and entry.details["inserted"] == 1
    bad = write_csv([csv_row(duration_minutes="many")], name="bad.csv")
    assert runner.invoke(args=["import-stops", str(bad)]).exit_code != 0
    refused = last(db_session, "import_refused")
    assert refused.target_id == "bad.csv" and refused.details == {"kind": "stops", "problems": 1, "via": "cli"}
    assert verify_chain(db_session)[1] is None


def test_traffic_and_area_imports_are_audited(runner, db_session, write_csv):  # noqa: F811
    traffic = write_csv([{"period_start": "2025-03-01", "period_end": "2025-03-31", "area": "VENLO",
                          "plate_country": "NL", "passages": "100", "hits": "1"}], name="traffic.csv")
    assert runner.invoke(args=["import-traffic", str(traffic)]).exit_code == 0
    assert last(db_session, "traffic_imported").details["added"] == 1
    areas = write_csv([{"code": "TESTAREA", "name": "Test", "latitude": "51.1", "longitude": "5.9"}], name="areas.csv")
    assert runner.invoke(args=["import-areas", str(areas)]).exit_code == 0
    assert last(db_session, "areas_imported").details["added"] == 1
