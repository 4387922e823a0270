"""Messages and caveats a supervisor reads."""

from __future__ import annotations

import pytest

from stopform.reports.analysis import messages
from stopform.reports.analysis.catalogue import BURDEN_TESTS, REVIEW_TESTS, YIELD_TESTS
from stopform.reports.analysis.messages import (
    flag_caveat,
    flag_message,
    format_p,
    format_percent,
    format_ratio,
    group_label,
)
from stopform.reports.analysis.rows import make_row

from .helpers import block


def _row(**values) -> dict:
    base = {"rate": 0.1, "reference_rate": 0.04, "ratio": 2.5, "ci_low": 1.7, "ci_high": 3.6, "p_adjusted": 0.0006}
    return make_row(values.pop("group", "PL"), 400, 40, **(base | values))


def test_search_rate_message_reads_like_the_contract_example():
    assert flag_message(block("search_rate", []), _row()) == (
        "In the report month: Vehicles with Polish plates (PL) were searched 2.5 times as often as "
        "vehicles with Dutch plates (10% vs 4% of stops; 95% interval 1.7–3.6). "
        "This is unlikely to be chance (adjusted p = 0.0006). "
        "A flag is a prompt to review, not proof of bias."
    )


def test_caveats_are_specific_to_test_and_dimension():
    assert "Plate country is not ethnicity" in flag_caveat(block("search_rate", []), _row())
    assert "benchmark" in flag_caveat(block("stop_rate_vs_traffic", []), _row())
    assert "infra-marginality" in flag_caveat(block("hit_rate", []), _row())
    nationality = flag_caveat(block("search_rate", [], dimension="driver_nationality"), _row())
    assert "identity document" in nationality and "Plate country" not in nationality


def test_traffic_messages_use_rates_per_10000_passages():
    text = flag_message(block("stop_rate_vs_traffic", []), _row(rate=0.003, reference_rate=0.00125))
    assert "30.0 vs 12.5 stops per 10,000 passages" in text


def test_yield_message_says_less_often():
    text = flag_message(block("hit_rate", []), _row(rate=0.2, reference_rate=0.35, ratio=0.57, ci_low=0.4,
                                                    ci_high=0.8))
    assert text.startswith("In the report month: Searches of vehicles with Polish plates (PL) found what they were "
                           "for less often")
    assert "ratio 0.57, 95% interval 0.4–0.8" in text


def test_officer_message_names_the_officer_and_the_benchmark():
    row = _row(group="NL-41234", rate=0.42, reference_rate=0.2, ratio=2.1, local_fdr=0.0001, studied_group=None)
    text = flag_message(block("officer_benchmark", []), row)
    assert text.startswith("Officer NL-41234 stopped vehicles without Dutch plates (NL) in 42%")
    assert "under 0.001" in text and text.endswith("never a verdict on the officer.")


def test_veil_caveat_reports_the_placebo():
    row = _row(placebo_ratio=1.02, placebo_ci_low=0.9, placebo_ci_high=1.15)
    assert "ratio 1.02 (95% interval 0.9–1.15" in flag_caveat(block("veil_of_darkness", []), row)


@pytest.mark.parametrize(
    ("value", "text"), [(2.5, "2.5"), (1.25, "1.25"), (3.0, "3"), (12.34, "12"), (0.571, "0.57"), (None, "∞")]
)
def test_format_ratio(value, text):
    assert format_ratio(value) == text


@pytest.mark.parametrize(("value", "text"), [(0.1, "10%"), (0.04, "4%"), (0.0533, "5.3%"), (0.0029, "0.29%")])
def test_format_percent(value, text):
    assert format_percent(value) == text


@pytest.mark.parametrize(("value", "text"), [(0.0006, "= 0.0006"), (0.012, "= 0.01"), (0.0034, "= 0.003"),
                                             (0.00001, "< 0.0001")])
def test_format_p(value, text):
    assert format_p(value) == text


def test_group_labels():
    assert group_label("plate_country", "XX") == "vehicles whose plate country was not recorded (XX)"
    assert group_label("plate_country", "QQ") == "vehicles with plates from QQ"
    assert group_label("driver_nationality", "RO") == "drivers of Romanian nationality (RO)"
    assert group_label("perceived_origin", "x1", "reference") == "people recorded as perceived origin 'x1'"


def test_every_test_has_a_template_and_a_caveat():
    names = BURDEN_TESTS | YIELD_TESTS | REVIEW_TESTS
    assert names <= set(messages.TEMPLATES) and names <= set(messages.CAVEATS)
