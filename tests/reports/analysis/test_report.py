"""build_report: the §3 JSON object from count tables and row-level frames."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from stopform.demo.synthetic import count_tables, generate_stops, generate_traffic
from stopform.reports.analysis import DimensionInputs, ReportInputs, build_report
from stopform.reports.analysis.officers import time_band
from stopform.reports.analysis.rows import ROW_KEYS
from stopform.reports.analysis.twilight import window_bounds, window_minutes

from .helpers import strict_json

FLAG_KEYS = {"test", "dimension", "group", "ratio", "ci_low", "ci_high", "p_adjusted", "message", "caveat",
             "ratio_crude", "window", "status"}


@pytest.fixture(scope="module")
def biased_month():
    """October 2026 with PL searched three times as often as everyone else."""
    return generate_stops(8_000, seed=21, month="2026-10", search_multipliers={"PL": 3.0})


def _inputs(stops, *, year=None, areas=None, traffic=True) -> ReportInputs:
    plate = count_tables(stops, "plate_country", traffic=generate_traffic(stops, seed=2) if traffic else None)
    dimensions = {
        "plate_country": DimensionInputs(
            counts={name: frame for name, frame in plate.items() if name != "traffic"},
            traffic=plate.get("traffic"),
            veil_stops=None if year is None else year[["occurred_at", "area", "plate_country", "triggered_by_hit"]],
            officer_stops=None if year is None else year[["officer_ref", "area", "occurred_at", "reason",
                                                          "plate_country"]],
        ),
        "driver_nationality": DimensionInputs(counts=count_tables(stops, "driver_nationality", strata=None)),
    }
    return ReportInputs(period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 10, 31), n_stops=len(stops),
                        dimensions=dimensions, unit="LIMBURG-NOORD", areas=areas)


def test_full_report_matches_the_contract(biased_month, year_of_stops, areas):
    report = build_report(_inputs(biased_month, year=year_of_stops, areas=areas))
    strict_json(report)
    assert set(report) == {"period", "scope", "n_stops", "tests", "flags"}
    assert report["period"] == {"start": "2026-10-01", "end": "2026-10-31"}
    assert report["scope"] == {"unit": "LIMBURG-NOORD", "area": None} and report["n_stops"] == 8_000
    names = [(t["dimension"], t["test"]) for t in report["tests"]]
    assert names[:3] == [("plate_country", "stop_rate_vs_traffic"), ("plate_country", "system_hit_rate_vs_traffic"),
                         ("plate_country", "search_rate")]
    assert ("plate_country", "veil_of_darkness") in names and ("plate_country", "officer_benchmark") in names
    assert ("driver_nationality", "search_rate") in names
    for test in report["tests"]:
        assert {"test", "dimension", "reference_group", "rows"} <= set(test)
        assert test["reference_group"] == "NL"
        for row in test["rows"]:
            assert set(ROW_KEYS) <= set(row) and row["group"] != "NL"
            # n is withheld (None) only as a small cell or its complementary partner.
            assert isinstance(row["n"], int) or (row["n"] is None and row["suppressed"])
            assert isinstance(row["flag"], bool)
    for flag in report["flags"]:
        assert FLAG_KEYS <= set(flag) <= FLAG_KEYS | {"measure", "studied_group", "figures_withheld"}


def test_planted_search_disparity_is_flagged_with_a_message(biased_month):
    report = build_report(_inputs(biased_month))
    flags = {(f["test"], f["dimension"], f["group"]): f for f in report["flags"]}
    flag = flags[("search_rate", "plate_country", "PL")]
    assert flag["message"].startswith("In the report month: Vehicles with Polish plates (PL) were searched ")
    assert flag["ratio"] > 2 and flag["ci_low"] > 1 and flag["p_adjusted"] < 0.001
    assert "Plate country is not ethnicity" in flag["caveat"]
    # Nobody else is searched more: no other search flag for plate country.
    assert [k for k in flags if k[0] == "search_rate" and k[1] == "plate_country"] == [
        ("search_rate", "plate_country", "PL")]


def test_reference_group_is_configurable(biased_month):
    report = build_report(_inputs(biased_month, traffic=False), reference_groups={"plate_country": "DE"})
    plate = [t for t in report["tests"] if t["dimension"] == "plate_country"]
    assert all(t["reference_group"] == "DE" for t in plate)
    assert all(row["group"] != "DE" for t in plate for row in t["rows"])
    nationality = [t for t in report["tests"] if t["dimension"] == "driver_nationality"]
    assert all(t["reference_group"] == "NL" for t in nationality)


def test_groups_without_reference_data_are_suppressed(biased_month):
    no_dutch = biased_month[biased_month["plate_country"] != "NL"]
    report = build_report(_inputs(no_dutch, traffic=False))
    rows = [row for t in report["tests"] if t["dimension"] == "plate_country" for row in t["rows"]]
    assert rows and all(row["suppressed"] and "reference group NL" in row["suppressed_reason"] for row in rows)
    assert not any(f["dimension"] == "plate_country" for f in report["flags"])


def test_plate_country_is_required_and_test_names_checked(biased_month):
    inputs = _inputs(biased_month, traffic=False)
    with pytest.raises(ValueError, match="plate_country"):
        build_report(ReportInputs(inputs.period_start, inputs.period_end, 1, {}))
    bad = {"plate_country": DimensionInputs(counts={"search_rates": inputs.dimensions["plate_country"].counts[
        "search_rate"]})}
    with pytest.raises(ValueError, match="search_rates"):
        build_report(ReportInputs(inputs.period_start, inputs.period_end, 1, bad))


def test_row_level_tests_from_counts_and_stops_near_dusk_match_the_rows(biased_month, year_of_stops, areas):
    """What the SQL layer hands over (officer counts, only the stops near dusk with the year's dates
    and groups) gives the same report as the 12 months of rows."""
    local = year_of_stops["occurred_at"].dt.tz_convert("Europe/Amsterdam")
    dates = (local.dt.date.min(), local.dt.date.max())
    minutes = window_minutes(window_bounds(areas, *dates)[1])
    clock = local.dt.hour * 60 + local.dt.minute
    near = [minutes[a][0] <= m <= minutes[a][1] for a, m in zip(year_of_stops["area"], clock, strict=True)]
    officers = year_of_stops.assign(time_band=time_band(year_of_stops["occurred_at"]),
                                    events=(year_of_stops["plate_country"] != "NL").astype(int))
    counts = officers.groupby(["officer_ref", "area", "time_band", "reason"], as_index=False) \
        .agg(n=("events", "size"), events=("events", "sum"))
    rows = _inputs(biased_month, year=year_of_stops, areas=areas)
    plate = rows.dimensions["plate_country"]
    counted = replace(plate, officer_stops=None, officer_counts=counts, veil_stops=plate.veil_stops[near],
                      veil_dates=dates, veil_groups=tuple(year_of_stops["plate_country"].unique()))
    assert sum(near) < len(year_of_stops)
    assert build_report(replace(rows, dimensions={**rows.dimensions, "plate_country": counted})) == build_report(rows)
