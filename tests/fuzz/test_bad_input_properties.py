"""Property-based tests: no input to the stop form or the rules gives a 500 or an exception;
oversized bodies and malformed encodings get a clear 4xx."""
from datetime import UTC

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stopform.models import StopFields, utcnow
from stopform.stops.rules import RuleContext, validate_record
from tests.stops.conftest import form_data

FIELDS = list(form_data())
SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
text_values = st.one_of(st.text(max_size=300), st.sampled_from(["", "y", "-1", "99999999999999999999", "NaN",
                                                                  "2026-13-45T99:99", "WVW160-1", "CONSENT",
                                                                  "\u202e\u0000", "ROERMOND", "NL"]))


@given(overrides=st.dictionaries(st.sampled_from(FIELDS), text_values, max_size=8))
@SETTINGS
def test_form_never_fails_on_any_input(client_with_officer, overrides):
    data = {**form_data(action="check"), **overrides}
    response = client_with_officer.post("/stops/new", data=data)
    assert response.status_code in {200, 302, 409, 422}, response.status_code


CODES = ["WVW160-1", "POLW8-ID", "SV96B", "WWM-VRG", "CONSENT", "traffic_violation", "system_hit", "car",
         "fine", "none", "not_offered", "qr_shown", "drugs", "sensing_risk_model", "NL", "XX", "ROERMOND", ""]


def typed_value(name: str):
    """A strategy of values of the field's type, as the form and API parsers hand them over."""
    annotation = str(StopFields.model_fields[name].annotation)
    if "bool" in annotation:
        return st.booleans()
    if "int" in annotation:
        return st.integers(-1000, 1000)
    if "datetime" in annotation:
        return st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.replace(microsecond=0))
    if "Decimal" in annotation:
        return st.none() | st.decimals(-200, 200, places=6)
    return st.none() | st.sampled_from(CODES) | st.text(max_size=300)


RECORDS = st.fixed_dictionaries({name: typed_value(name) for name in StopFields.model_fields})


@given(record=RECORDS)
@SETTINGS
def test_rules_return_messages_and_never_raise(catalog, record):
    context = RuleContext(catalog=catalog, areas=frozenset({"ROERMOND"}), now=utcnow())
    errors = validate_record(dict(record), context)
    assert all(name in StopFields.model_fields or name == "plate" for name in errors)
    assert all(isinstance(message, str) and message for message in errors.values())


def test_oversized_body_gets_413(client_with_officer):
    response = client_with_officer.post("/stops/new", data={"reason_text": "x" * 400_000})
    assert response.status_code == 413


def test_oversized_json_gets_413(client_with_officer):
    response = client_with_officer.post("/api/v1/stops", data=b"{" + b" " * 400_000 + b"}",
                                        headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_malformed_utf8_form_is_refused_cleanly(client_with_officer):
    response = client_with_officer.post("/stops/new", data=b"plate=%FF%FE&reason_text=\xff\xfe",
                                        content_type="application/x-www-form-urlencoded")
    assert 400 <= response.status_code < 500


def test_malformed_json_gets_422(app, client, make_user, db_session):
    from stopform.api.tokens import create_token
    _, raw = create_token(session=db_session, user=make_user("officer"))
    db_session.commit()
    for body in (b"\xff\xfe{", b"{not json", b'"just a string"'):
        response = client.post("/api/v1/stops", data=body, headers={"Content-Type": "application/json",
                                                                       "Authorization": f"Bearer {raw}"})
        assert response.status_code == 422
