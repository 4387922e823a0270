"""import-stops: validation messages, all-or-nothing, idempotency, historical records, the guard."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select

from stopform.models import Stop
from stopform.stops.codes import plate_pseudonym
from tests.conftest import TEST_PSEUDONYM_KEY

from .conftest import csv_row


def _count(db_session) -> int:
    return db_session.execute(select(func.count()).select_from(Stop)).scalar_one()


def _import(runner, path):
    return runner.invoke(args=["import-stops", str(path)])


def test_valid_historical_rows_are_stored(runner, db_session, write_csv):
    ids = [str(uuid.uuid4()) for _ in range(3)]
    result = _import(runner, write_csv([csv_row(stop_id=i) for i in ids]))
    assert result.exit_code == 0, result.output
    assert "3 stops imported" in result.output
    stop = db_session.get(Stop, uuid.UUID(ids[0]))
    assert stop.source == "import" and stop.created_by_id is None
    assert stop.officer_ref == "NL-1234" and stop.unit == "LIMBURG-NOORD"
    assert str(stop.latitude) == "51.194"
    assert stop.local_date.isoformat() == "2024-03-10" and stop.local_hour == 10
    assert len(stop.reference) == 12 and stop.reference[4] == "-"


def test_each_bad_row_is_listed_and_nothing_is_stored(runner, db_session, write_csv):
    rows = [csv_row(stop_id=str(uuid.uuid4())) for _ in range(3)]
    rows.insert(1, csv_row(occupants="many"))
    rows.append(csv_row(area="ATLANTIS", force_used="yes"))
    result = _import(runner, write_csv(rows))
    assert result.exit_code != 0
    assert "nothing imported: 3 problems" in result.output
    assert "line 3, column occupants: not a whole number" in result.output
    assert "line 6, column force_used: use true or false" in result.output
    assert "line 6, column area:" in result.output
    assert _count(db_session) == 0


def test_every_kind_of_cell_problem_names_line_and_column(runner, write_csv):
    rows = [
        csv_row(stop_id="not-a-uuid"),
        csv_row(reference="??"),
        csv_row(occurred_at="10 March 2024"),
        csv_row(occurred_at="2024-03-10T10:15:00"),
        csv_row(duration_minutes="-3"),
        csv_row(latitude="95"),
        csv_row(reason_text="x" * 281),
        csv_row(officer_ref=""),
        csv_row(vehicle_pseudonym=""),
        csv_row(legal_basis="ARTICLE-99"),
        csv_row(plate_country="Netherlands"),
        csv_row(receipt="not_offered"),
    ]
    output = _import(runner, write_csv(rows)).output
    expected = [
        "line 2, column stop_id: not a UUID",
        "line 3, column reference: not a stop reference",
        "line 4, column occurred_at: not an ISO 8601 date and time",
        "line 5, column occurred_at: needs a UTC offset",
        "line 6, column duration_minutes: must be 0 or more",
        "line 7, column latitude: outside -90 to 90",
        "line 8, column reason_text: longer than 280 characters",
        "line 9, column officer_ref: missing",
        "line 10, column vehicle_pseudonym: missing",
        "line 11, column legal_basis:",
        "line 12, column plate_country: longer than 2 characters",
        "line 13, column receipt_not_offered_reason:",
    ]
    for message in expected:
        assert message in output, message


def test_header_problems_are_on_line_1(runner, write_csv):
    row = csv_row()
    row["ocurred_at"] = row.pop("occurred_at")
    result = _import(runner, write_csv([row]))
    assert result.exit_code != 0
    assert "line 1, column ocurred_at: unknown column" in result.output
    assert "line 1, column occurred_at: missing from the header" in result.output


def test_short_row_and_non_utf8_are_refused(runner, tmp_path, write_csv):
    path = write_csv([csv_row()])
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("only,three,cells\n")
    assert "line 3, column *: has 3 cells, the header has" in _import(runner, path).output
    latin = tmp_path / "latin.csv"
    latin.write_bytes(path.read_bytes().replace(b"Drove", b"Re\xe9d"))
    assert "not UTF-8" in _import(runner, latin).output


def test_problem_list_is_capped(runner, write_csv):
    result = _import(runner, write_csv([csv_row(occupants="x") for _ in range(130)]))
    assert "nothing imported: 130 problems" in result.output
    assert "line 101, column occupants" in result.output
    assert "line 102, column occupants" not in result.output
    assert "... and 30 more problems" in result.output


def test_importing_the_same_file_twice_stores_nothing_new(runner, db_session, write_csv):
    path = write_csv([csv_row(stop_id=str(uuid.uuid4())), csv_row(), csv_row(occurred_at="2024-03-11T09:00:00+01:00")])
    assert "3 stops imported" in _import(runner, path).output
    again = _import(runner, path)
    assert again.exit_code == 0
    assert "Nothing new: all 3 rows were stored before." in again.output
    assert _count(db_session) == 3


def test_rows_without_stop_id_get_a_deterministic_id(runner, db_session, write_csv):
    _import(runner, write_csv([csv_row()]))
    first = db_session.execute(select(Stop.stop_id)).scalar_one()
    assert first.version == 5
    repeated = _import(runner, write_csv([csv_row(), csv_row()], name="twice.csv"))
    assert "Nothing new" in repeated.output
    assert db_session.execute(select(Stop.stop_id)).scalar_one() == first


def test_reused_stop_id_with_other_content_is_refused(runner, db_session, write_csv):
    stop_id = str(uuid.uuid4())
    _import(runner, write_csv([csv_row(stop_id=stop_id)]))
    result = _import(runner, write_csv([csv_row(stop_id=stop_id, outcome="warning")], name="changed.csv"))
    assert result.exit_code != 0
    assert "line 2, column stop_id: already stored with different content (outcome differs)" in result.output
    inside = _import(runner, write_csv([csv_row(stop_id=(other := str(uuid.uuid4()))),
                                        csv_row(stop_id=other, area="VENLO")], name="inside.csv"))
    assert "line 3, column stop_id: also on line 2 with different content" in inside.output


def test_plate_is_pseudonymised_never_stored(runner, db_session, write_csv):
    result = _import(runner, write_csv([csv_row(vehicle_pseudonym="", plate="12-ABC-3")]))
    assert result.exit_code == 0, result.output
    stop = db_session.execute(select(Stop)).scalar_one()
    assert stop.vehicle_pseudonym == plate_pseudonym("12ABC3", TEST_PSEUDONYM_KEY)
    assert "12-ABC-3" not in str(stop.model_dump())
    wrong = _import(runner, write_csv([csv_row(plate="99-XYZ-9")], name="both.csv"))
    assert "column vehicle_pseudonym: does not belong to the plate given" in wrong.output


def test_given_reference_is_kept_and_must_be_unique(runner, db_session, write_csv):
    path = write_csv([csv_row(stop_id=str(uuid.uuid4()), reference="7kq4 m2xd 9p")])
    assert _import(runner, path).exit_code == 0
    assert db_session.execute(select(Stop.reference)).scalar_one() == "7KQ4-M2XD-9P"
    clash = _import(runner, write_csv([csv_row(stop_id=str(uuid.uuid4()), reference="7KQ4-M2XD-9P")], name="c.csv"))
    assert "line 2, column reference: already used by another stop" in clash.output


def test_legality_guard_applies_and_beyond_basis_is_computed(runner, db_session, write_csv):
    refused = _import(runner, write_csv([csv_row(vehicle_searched="true")]))
    assert "line 2, column search_basis:" in refused.output
    lawful = csv_row(stop_id=str(uuid.uuid4()), vehicle_searched="true", search_basis="CONSENT",
                     consent_refusal_explained="true")
    plain = csv_row(stop_id=str(uuid.uuid4()))
    assert _import(runner, write_csv([lawful, plain], name="ok.csv")).exit_code == 0
    assert db_session.get(Stop, uuid.UUID(lawful["stop_id"])).beyond_basis is True
    assert db_session.get(Stop, uuid.UUID(plain["stop_id"])).beyond_basis is False


def test_codes_are_checked_against_the_catalogue_of_the_rows_day(runner, write_csv):
    before_catalogue = _import(runner, write_csv([csv_row(occurred_at="2019-06-01T12:00:00+02:00")]))
    assert "line 2, column legal_basis:" in before_catalogue.output
    future = _import(runner, write_csv([csv_row(occurred_at="2999-01-01T12:00:00+01:00")], name="f.csv"))
    assert "line 2, column occurred_at:" in future.output


def test_optional_columns_may_be_left_out(runner, db_session, write_csv):
    required = ["occurred_at", "area", "officer_ref", "unit", "legal_basis", "reason", "reason_text",
                "vehicle_type", "plate_country", "vehicle_pseudonym", "outcome", "receipt"]
    row = {name: value for name, value in csv_row().items() if name in required}
    result = _import(runner, write_csv([row]))
    assert result.exit_code == 0, result.output
    stop = db_session.execute(select(Stop)).scalar_one()
    assert (stop.occupants, stop.force_used, stop.found_category) == (1, False, "none")


def test_empty_file_with_header_imports_nothing(runner, write_csv):
    result = _import(runner, write_csv([]))
    assert result.exit_code == 0
    assert "no rows" in result.output


def test_a_drawn_reference_already_in_use_is_drawn_again(runner, db_session, write_csv, monkeypatch):
    path = write_csv([csv_row(stop_id=str(uuid.uuid4()), reference="7KQ4-M2XD-9P")])
    assert _import(runner, path).exit_code == 0
    draws = iter(["7KQ4-M2XD-9P", "AAAA-BBBB-CC"])
    monkeypatch.setattr("stopform.imports.batches.new_reference", lambda: next(draws))
    result = _import(runner, write_csv([csv_row(stop_id=str(uuid.uuid4()))], name="drawn.csv"))
    assert result.exit_code == 0, result.output
    references = set(db_session.execute(select(Stop.reference)).scalars())
    assert references == {"7KQ4-M2XD-9P", "AAAA-BBBB-CC"}
