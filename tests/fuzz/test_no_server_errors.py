"""Every input the penetration test answered with a 500 now gets a 4xx with a clear message,
and Hypothesis finds no input to the form or the API that gives a server error."""
import io
import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.serving import DechunkedInput

from stopform.api.tokens import create_token
from stopform.bodies import MAX_JSON_DEPTH, nesting_depth_exceeds
from tests.api.conftest import stop_body
from tests.stops.conftest import form_data

CONTROL = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9b"]
SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture()
def served(app):
    """Server errors answered as they would be in production, not raised into the test."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


@pytest.fixture()
def bearer(make_user, db_session):
    _, raw = create_token(session=db_session, user=make_user("officer"))
    db_session.commit()
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture()
def admin_client(served, client, auth, make_user):
    auth.login(make_user("admin").username)
    return client


def test_audit_paging_is_bounded(admin_client):
    assert admin_client.get("/audit/?page=99999999999999999999").status_code == 404
    assert admin_client.get("/audit/?page=-1").status_code == 404
    assert admin_client.get("/audit/?page=2").status_code == 200


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1999-12", "2100-01"])
@pytest.mark.parametrize("suffix", ["", ".pdf", ".csv", ".json"])
def test_report_months_outside_the_sane_range_are_not_found(admin_client, month, suffix):
    assert admin_client.get(f"/reports/{month}{suffix}").status_code == 404


def test_report_command_refuses_such_a_month(runner, tmp_path):
    result = runner.invoke(args=["export-stops", "--month", "9999-12", "--output", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "from 2000-01 to 2099-12" in result.output


@pytest.mark.parametrize("field", ["reason_text", "hit_reference", "authorisation_ref", "area", "reason",
                                   "receipt_not_offered_reason", "reference"])
@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x9b"])
def test_api_refuses_control_characters_naming_the_field(served, client, bearer, field, control):
    response = client.post("/api/v1/stops", json=stop_body(**{field: f"ab{control}c"}), headers=bearer)
    assert response.status_code == 422
    assert "control characters" in response.get_json()["errors"][field]


@pytest.mark.parametrize("field", ["reason_text", "plate", "area"])
def test_form_refuses_control_characters_naming_the_field(served, client, auth, make_user, field):
    auth.login(make_user("officer").username)
    response = client.post("/stops/new", data=form_data(**{field: "12\x00AB"}))
    assert response.status_code == 422
    assert f'href="#f-{field}"'.encode() in response.data


def test_ordinary_line_breaks_stay_allowed(served, client, bearer):
    response = client.post("/api/v1/stops", json=stop_body(reason_text="Red light.\r\nTwice.\tNoted."),
                           headers=bearer)
    assert response.status_code == 201


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deeply_nested_json_is_refused(served, client, bearer, opening):
    response = client.post("/api/v1/stops", data=opening * 100_000, headers={**bearer, "Content-Type":
                                                                              "application/json"})
    assert response.status_code in {413, 422}
    nested = '{"x":' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1)
    response = client.post("/api/v1/stops", data=nested, headers={**bearer, "Content-Type": "application/json"})
    assert response.status_code == 422 and "JSON object" in response.get_json()["errors"]["body"]


def test_nesting_scan_ignores_brackets_in_strings():
    assert not nesting_depth_exceeds(json.dumps({"reason_text": "[" * 500 + '\\"{' * 100}))
    assert nesting_depth_exceeds("[" * (MAX_JSON_DEPTH + 1))
    assert not nesting_depth_exceeds("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59-12:00",
                                    "1999-12-31T23:00:00+00:00"])
def test_api_dates_outside_the_sane_range_are_refused(served, client, bearer, moment):
    response = client.post("/api/v1/stops", json=stop_body(occurred_at=moment), headers=bearer)
    assert response.status_code == 422 and "2000 and 2099" in response.get_json()["errors"]["occurred_at"]


def test_form_date_in_year_one_is_refused(served, client, auth, make_user):
    auth.login(make_user("officer").username)
    response = client.post("/stops/new", data=form_data(occurred_at="0001-01-01T00:30"))
    assert response.status_code == 422 and b"2000" in response.data


@pytest.mark.parametrize("value", ["sNaN", "NaN", "-Infinity", "Infinity"])
def test_form_coordinates_must_be_finite(served, client, auth, make_user, value):
    auth.login(make_user("officer").username)
    response = client.post("/stops/new", data=form_data(latitude=value))
    assert response.status_code == 422 and b'href="#f-latitude"' in response.data


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity"])
def test_areas_csv_with_nan_is_refused_by_line(runner, tmp_path, value):
    path = tmp_path / "areas.csv"
    path.write_text(f"code,name,latitude,longitude\nX1,Test,{value},5.9\n")
    result = runner.invoke(args=["import-areas", str(path)])
    assert result.exit_code == 1 and "line 2, column latitude: not a number" in result.output


def test_import_with_a_nul_byte_names_the_cell(runner, tmp_path):
    from tests.imports.conftest import csv_row
    row = csv_row(reason_text="Red\x00light")
    path = tmp_path / "stops.csv"
    path.write_text(",".join(row) + "\n" + ",".join(row.values()) + "\n")
    result = runner.invoke(args=["import-stops", str(path)])
    assert result.exit_code == 1 and result.exception.__class__ is SystemExit
    assert "line 2, column reason_text:" in result.output and "control character" in result.output


def test_a_nul_byte_in_the_header_is_a_clear_error(runner, tmp_path):
    path = tmp_path / "stops.csv"
    path.write_bytes(b"stop_id,occ\x00urred_at\n1,2\n")
    result = runner.invoke(args=["import-stops", str(path)])
    assert result.exit_code == 1 and result.exception.__class__ is SystemExit
    assert "Traceback" not in result.output and "nothing imported" in result.output


class BrokenChunks(io.RawIOBase):
    """A body whose reading fails as gunicorn's chunked reader does on bad framing."""

    def __init__(self, error_name: str):
        self.error_name = error_name

    def readable(self):
        return True

    def readinto(self, buffer):
        from gunicorn.http import errors
        raise getattr(errors, self.error_name)(b"zz")


@pytest.mark.parametrize("stream", [lambda: DechunkedInput(io.BytesIO(b"zz\r\nabc\r\n0\r\n\r\n")),
                                    lambda: DechunkedInput(io.BytesIO(b"3\r\nabcdef")),
                                    lambda: io.BufferedReader(BrokenChunks("InvalidChunkSize")),
                                    lambda: io.BufferedReader(BrokenChunks("NoMoreData"))],
                         ids=["bad size (dev server)", "no terminator (dev server)", "gunicorn bad size",
                              "gunicorn body cut short"])
@pytest.mark.parametrize(("path", "content_type"), [("/api/v1/stops", "application/json"),
                                                    ("/stops/new", "application/x-www-form-urlencoded")])
def test_malformed_chunked_framing_gets_400(served, client, auth, make_user, bearer, stream, path, content_type):
    auth.login(make_user("officer").username)
    response = client.post(path, headers={**bearer, "Content-Type": content_type, "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input": stream(), "wsgi.input_terminated": True})
    assert response.status_code == 400


TEXT = st.one_of(st.text(max_size=120), st.sampled_from(CONTROL), st.sampled_from(
    ["", "NaN", "sNaN", "-0", "1e309", "99999999999999999999", "0001-01-01T00:00", "9999-12-31T23:59",
     "0001-01-01T00:00:00+00:00", "\u202e", "ROERMOND", "WVW160-1", "[]", "{}"]))
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                           max_leaves=8)


@given(overrides=st.dictionaries(st.sampled_from(list(form_data())), TEXT, max_size=8))
@SETTINGS
def test_the_form_never_answers_with_a_server_error(served, client, auth, make_user, overrides):
    auth.login(make_user("officer").username)
    response = client.post("/stops/new", data={**form_data(), **overrides})
    assert response.status_code < 500, response.status_code


@given(overrides=st.dictionaries(st.sampled_from(list(stop_body()) + ["reference", "unit", "latitude",
                                                                      "receipt_token", "hit_source"]),
                                 JSON_VALUES, max_size=6))
@SETTINGS
def test_the_api_never_answers_with_a_server_error(served, client, bearer, overrides):
    body = {**stop_body(stop_id=str(uuid.uuid4())), **overrides}
    response = client.post("/api/v1/stops", json=body, headers=bearer)
    assert response.status_code < 500, (response.status_code, body)


@pytest.mark.parametrize("stop_id", ["not-a-uuid", "\x00", "0" * 33])
def test_a_damaged_form_identifier_is_refused(served, client, auth, make_user, stop_id):
    auth.login(make_user("officer").username)
    response = client.post("/stops/new", data=form_data(stop_id=stop_id))
    assert response.status_code == 422
