"""Small cells stay small: no withheld cell can be recomputed from what a report publishes.

The attacker here knows everything the JSON (and so the CSV, the page and the PDF, which render
the same rows) publishes: every row's counts and figures, the month's stop total, and the fact
that the same stops are counted in several tests. The checks follow the ways a withheld count
could come back: read directly, rate x n, the ratio and the reference rate, the margin (a
block's n adding up to the published total), and the links between tests (a group's searches
are the search_rate events and the hit_rate n).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from stopform.demo.synthetic import count_tables, generate_stops, generate_traffic
from stopform.reports.analysis import DimensionInputs, ReportInputs, build_report
from stopform.reports.analysis.disclosure import COUNT_KEYS, FIGURE_KEYS, protect_block
from stopform.reports.analysis.rows import make_row
from stopform.reports.outputs import CSV_COLUMNS, csv_rows
from stopform.reports.presenter import DASH, table_row

from .helpers import block

# Tests whose n are the stops of the group, adding up (with the reference) to the month's total.
STOP_TESTS = ("search_rate", "extra_actions_rate", "no_further_action_rate", "hit_triggered_share", "force_rate")
LINKED = (("search_rate", "hit_rate"), ("hit_triggered_share", "hit_triggered_yield"))


@pytest.fixture(scope="module")
def small_report() -> dict:
    """A unit's month of 600 stops: many groups with a handful of stops, searches or hits."""
    stops = generate_stops(600, seed=33, month="2026-10", search_multipliers={"PL": 2.0})
    plate = count_tables(stops, "plate_country", traffic=generate_traffic(stops, seed=3))
    inputs = DimensionInputs(counts={k: v for k, v in plate.items() if k != "traffic"}, traffic=plate["traffic"])
    nationality = DimensionInputs(counts=count_tables(stops, "driver_nationality"))
    return build_report(ReportInputs(dt.date(2026, 10, 1), dt.date(2026, 10, 31), len(stops),
                                     {"plate_country": inputs, "driver_nationality": nationality}))


def _rows(report: dict):
    for test in report["tests"]:
        for row in test["rows"]:
            yield test, row


def test_the_fixture_has_small_cells_to_protect(small_report):
    withheld = [row for _, row in _rows(small_report) if row["suppressed"]]
    assert len(withheld) >= 10 and any(row["n"] is None for row in withheld)


def test_no_count_between_one_and_nine_is_published_anywhere(small_report):
    for _, row in _rows(small_report):
        for key in COUNT_KEYS:
            assert row.get(key) is None or row[key] == 0 or row[key] >= 10, (key, row)
    for flag in small_report["flags"]:
        assert not flag.get("figures_withheld") or flag["ratio"] is None


def test_withheld_rows_publish_no_figure_to_recompute_them_from(small_report):
    for _, row in _rows(small_report):
        if row["suppressed"]:
            assert all(row.get(key) is None for key in FIGURE_KEYS), row
            assert all(w["ratio_adjusted"] is None and w["p_value"] is None for w in row["windows"])
        elif row["rate"] is not None and row["n"]:
            # rate x n gives the events back: they are then published and not small.
            assert row["events"] == 0 or row["events"] >= 10


def test_a_block_never_hides_exactly_one_n_that_the_total_would_give_back(small_report):
    for test, row_list in ((t, t["rows"]) for t in small_report["tests"]):
        hidden = [row for row in row_list if row["n"] is None]
        assert len(hidden) != 1, (test["test"], test["dimension"])


def test_linked_counts_are_withheld_together(small_report):
    blocks = {(t["test"], t["dimension"]): {r["group"]: r for r in t["rows"]} for t in small_report["tests"]}
    for (first, second) in LINKED:
        for dimension in ("plate_country", "driver_nationality"):
            events_of = blocks.get((first, dimension), {})
            n_of = blocks.get((second, dimension), {})
            for group, row in events_of.items():
                if row["events"] is None and group in n_of and n_of[group]["window"] == row["window"]:
                    linked = n_of[group]["n"]
                    assert linked is None or not 1 <= linked <= 9


def test_complementary_suppression_hides_the_next_smallest_row():
    rows = [make_row("LT", 4, 0), make_row("PL", 40, 12, rate=0.3, ratio=2.0), make_row("DE", 400, 40, rate=0.1)]
    test = block("search_rate", rows)
    protect_block(test)
    assert [row["n"] for row in rows] == [None, None, 400]
    assert rows[1]["suppressed"] and rows[1]["ratio"] is None and rows[1]["events"] is None


def test_csv_and_page_cells_of_withheld_rows_are_empty(small_report):
    report = SimpleNamespace(tests=small_report["tests"])
    figures = [CSV_COLUMNS.index(c) for c in ("events", "rate", "reference_rate", "ratio", "ci_low", "ci_high",
                                             "ratio_adjusted", "p_value", "p_adjusted")]
    suppressed = CSV_COLUMNS.index("suppressed")
    lines = list(csv_rows(report))
    assert any(line[suppressed] == "true" for line in lines)
    for line in lines:
        if line[suppressed] == "true":
            assert all(line[i] == "" for i in figures), line
    for test, row in _rows(small_report):
        if row["suppressed"]:
            cells = table_row(test["test"], row)
            assert cells["events"] == DASH and cells["ratio"] == DASH and cells["ratio_adjusted"] == DASH
            assert cells["rate"] == DASH and cells["reference_rate"] == DASH
