"""Schemathesis against the OpenAPI document: no generated input gives a 500 or a response
outside the spec (status codes, content types and bodies all as documented).

Driven through Hypothesis directly: schemathesis' own pytest plugin does not load under pytest 9.
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from stopform.api.tokens import create_token

EXAMPLES = 40


@pytest.fixture()
def bearer(make_user, db_session):
    _, raw = create_token(session=db_session, user=make_user("officer"))
    db_session.commit()
    # Schemathesis' WSGI transport hands the body over as sent, without undoing a Content-Encoding.
    return {"Authorization": f"Bearer {raw}", "Accept-Encoding": "identity"}


def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_is_covered(app):
    labels = {op.label for op in operations(app)}
    assert {"POST /stops", "GET /stops", "GET /stops/{stop_id}", "GET /areas", "GET /catalog",
            "POST /receipt-slots"} <= labels


@pytest.mark.parametrize("label", ["POST /stops", "GET /stops", "GET /stops/{stop_id}", "GET /areas",
                                   "GET /catalog", "POST /receipt-slots"])
def test_api_conforms_to_its_openapi_document(app, bearer, label):
    operation = next(op for op in operations(app) if op.label == label)

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        # Schema-valid bodies may still be refused with a documented 422: codes must exist in the
        # catalogue valid that day and areas in the database, which no static schema can say.
        case.call_and_validate(headers=bearer, excluded_checks=[positive_data_acceptance])

    check()
