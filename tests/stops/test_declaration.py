"""The record's limits are declared once, on `StopFields`; every reader agrees with it."""
import pytest

from stopform.api.schemas import StopIn
from stopform.models import RECORD_FIELDS, field_limits
from stopform.stops.forms import StopForm
from stopform.stops.rules import within_limits

RANGED = [name for name in RECORD_FIELDS if field_limits(name).maximum is not None]
LENGTHS = [name for name in RECORD_FIELDS if field_limits(name).max_length is not None]


def test_the_declaration_has_the_limits_the_record_needs():
    assert {"duration_minutes", "occupants", "passenger_ids_demanded", "persons_searched",
            "latitude", "longitude"} <= set(RANGED)
    assert (field_limits("duration_minutes").minimum, field_limits("duration_minutes").maximum) == (0, 1440)
    assert (field_limits("occupants").minimum, field_limits("occupants").maximum) == (1, 60)
    assert field_limits("reason_text").max_length == 280


@pytest.mark.parametrize("name", RANGED)
def test_the_api_schema_takes_each_range_from_the_declaration(name):
    schema = StopIn.model_json_schema()["properties"][name]
    bounds = schema.get("anyOf", [schema])[0]
    limits = field_limits(name)
    assert (bounds["minimum"], bounds["maximum"]) == (limits.minimum, limits.maximum)


def test_the_api_schema_takes_each_length_from_the_declaration():
    properties = StopIn.model_json_schema()["properties"]
    lengths = {name: properties[name].get("anyOf", [properties[name]])[0].get("maxLength")
               for name in LENGTHS if name in properties}
    checked = {name for name, length in lengths.items() if length is not None}
    assert {"reason_text", "hit_reference", "authorisation_ref", "receipt_not_offered_reason", "area", "unit",
            "legal_basis", "reason"} <= checked
    assert all(lengths[name] == field_limits(name).max_length for name in checked)


@pytest.mark.parametrize("name", RANGED)
def test_the_form_writes_each_range_into_the_page(app, name):
    with app.test_request_context():
        html = str(StopForm(meta={"csrf": False})[name]())
    limits = field_limits(name)
    assert f'min="{limits.minimum}"' in html and f'max="{limits.maximum}"' in html


@pytest.mark.parametrize("name", ["reason_text", "hit_reference", "authorisation_ref", "receipt_not_offered_reason"])
def test_the_form_writes_each_length_into_the_page(app, name):
    with app.test_request_context():
        html = str(StopForm(meta={"csrf": False})[name]())
    assert f'maxlength="{field_limits(name).max_length}"' in html


@pytest.mark.parametrize("name", ["duration_minutes", "occupants"])
def test_the_shared_rules_check_each_range_at_its_edges(name):
    limits = field_limits(name)
    assert within_limits(name, limits.minimum) and within_limits(name, limits.maximum)
    assert not within_limits(name, limits.minimum - 1) and not within_limits(name, limits.maximum + 1)
    assert not within_limits(name, None)
