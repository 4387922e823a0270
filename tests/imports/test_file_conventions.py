"""Imports take files as people make them: codes in any case, problems worded for a file,
encoding errors at their true line and character, semicolon-separated files named as such."""
import csv

import pytest

from tests.imports.conftest import csv_row


def _import(runner, command, path):
    return runner.invoke(args=[command, str(path)])


def traffic_row(**overrides) -> dict:
    row = {"period_start": "2025-03-01", "period_end": "2025-03-31", "area": "VENLO", "plate_country": "NL",
           "passages": "1200", "hits": "4"}
    return {**row, **overrides}


def test_stop_codes_match_whatever_their_case(runner, write_csv):
    row = csv_row(area="roermond", unit="limburg-noord", legal_basis="wvw160-1", reason="Traffic_Violation",
                  vehicle_type="CAR", outcome="Fine", receipt="QR_SHOWN", plate_country="nl")
    result = _import(runner, "import-stops", write_csv([row]))
    assert result.exit_code == 0, result.output
    assert "1 stops imported" in result.output


def test_traffic_codes_match_whatever_their_case(runner, write_csv):
    result = _import(runner, "import-traffic", write_csv([traffic_row(area="venlo", plate_country="de")],
                                                        name="traffic.csv"))
    assert result.exit_code == 0, result.output
    assert "1 counts added" in result.output


def test_problems_are_worded_for_a_file_not_a_form(runner, write_csv):
    rows = [csv_row(area="ATLANTIS"), csv_row(legal_basis="WVW999"), csv_row(reason="whim"),
            csv_row(unit="NOWHERE")]
    output = _import(runner, "import-stops", write_csv(rows)).output
    assert "select one from the list" not in output.lower()
    assert "line 2, column area: unknown area code: import the areas first with import-areas" in output
    assert "line 3, column legal_basis: not a legal basis in the catalogue valid on the stop's date" in output
    assert "line 4, column reason: not a code of this column" in output


def _with_bad_byte(path, line: int, before: bytes, after: bytes):
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1].replace(before, after, 1)
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("line", [2, 57, 5000])
def test_a_windows_1252_byte_is_reported_at_its_true_line_and_character(runner, write_csv, line):
    rows = [csv_row(stop_id=f"00000000-0000-4000-8000-{n:012d}") for n in range(line)]
    path = write_csv(rows)
    _with_bad_byte(path, line, b"Drove through", b"Drove thr\xf6ugh")  # ö in Windows-1252
    output = _import(runner, "import-stops", path).output
    header = next(csv.reader(path.read_text(encoding="latin-1").splitlines()))
    character = path.read_bytes().split(b"\n")[line - 1].index(b"\xf6") + 1
    assert (f"line {line}, column reason_text: byte 0xF6 at character {character} is not UTF-8" in output), output
    assert "reason_text" in header


def test_a_bad_byte_in_a_traffic_file_is_reported_at_its_line(runner, write_csv):
    path = write_csv([traffic_row(period_start=f"2025-03-{day:02d}") for day in range(1, 29)], name="t.csv")
    _with_bad_byte(path, 20, b"VENLO", b"V\xe9NLO")
    output = _import(runner, "import-traffic", path).output
    assert "line 20, column area: byte 0xE9 at character 24 is not UTF-8" in output


@pytest.mark.parametrize("command", ["import-stops", "import-traffic"])
def test_a_semicolon_separated_file_gets_one_clear_line(runner, tmp_path, command):
    path = tmp_path / "excel.csv"
    row = csv_row() if command == "import-stops" else traffic_row()
    path.write_text(";".join(row) + "\n" + ";".join(row.values()) + "\n", encoding="utf-8")
    result = _import(runner, command, path)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("line ")]
    assert lines == ["line 1, column *: the columns are separated by semicolons (Excel's default in Dutch): "
                     "save the file as CSV UTF-8 (comma delimited), or replace the semicolons with commas"]
