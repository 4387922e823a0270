"""From a flag or a table row of the report to the stops behind it: the review list's filters.

Pure functions from the report's blocks, rows and flags to the review list's query-string
arguments (`stopform.review.filters`): the same period (the row's window of 1, 3 or 12 months),
the same group, officer, trigger and metric, every stop whether listed for review or not, and
reviewed ones too. The report's unit and area are added by `scope_args`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The stops each test counts as its events (burdens) or its base (outcome tests: the searches
# and hit-prompted stops whose yield is compared), as the review list's `metric`.
TEST_METRICS = {
    "search_rate": "searched",
    "hit_rate": "searched",
    "extra_actions_rate": "extra_action",
    "no_further_action_rate": "no_further_action",
    "hit_triggered_share": "hit_triggered",
    "hit_triggered_yield": "hit_triggered",
    "force_rate": "force",
    "repeat_vehicle": "repeat_vehicle",
    "system_hit_rate_vs_traffic": "hit_triggered",
}
# The officer benchmark's measures; its stop share counts every stop of the studied group.
MEASURE_METRICS = {"search_rate": "searched", "extra_actions_rate": "extra_action"}
# Tests that always cover 12 months, and the trigger they read.
TWELVE_MONTH_TESTS = ("veil_of_darkness", "officer_benchmark")
TEST_TRIGGERS = {"veil_of_darkness": "officer_initiated"}
GROUP_DIMENSIONS = ("plate_country", "driver_nationality", "perceived_origin")
EVERY_STOP = {"status": "all", "why": "all"}


def _test_args(item: Mapping[str, Any]) -> dict[str, str | int]:
    """Arguments of a test block or flag (they carry the same keys): metric, trigger, window."""
    test = item["test"]
    args: dict[str, str | int] = dict(EVERY_STOP)
    metric = MEASURE_METRICS.get(item.get("measure") or "") if test == "officer_benchmark" else TEST_METRICS.get(test)
    if metric:
        args["metric"] = metric
    trigger = item.get("trigger") or TEST_TRIGGERS.get(test)
    if trigger:
        args["trigger"] = trigger
    if test == "officer_benchmark" and item.get("studied_group"):
        args["plate_country"] = item["studied_group"]
    return args


def _months(test: str, window: int | None) -> int:
    return 12 if test in TWELVE_MONTH_TESTS else int(window or 1)


def _group_args(test: str, dimension: str, group: str) -> dict[str, str | int]:
    if test == "officer_benchmark":
        return {"officer": group}
    if dimension in GROUP_DIMENSIONS:
        return {dimension: group}
    return {}


def _with_window(args: dict[str, str | int], months: int) -> dict[str, str | int]:
    if months != 1:
        args["months"] = months
    return args


def row_args(block: Mapping[str, Any], row: Mapping[str, Any]) -> dict[str, str | int]:
    """The review list's arguments for the stops behind one row of a test block."""
    args = {**_test_args(block), **_group_args(block["test"], block["dimension"], str(row["group"]))}
    return _with_window(args, _months(block["test"], row.get("window")))


def flag_args(flag: Mapping[str, Any]) -> dict[str, str | int]:
    """The review list's arguments for the stops behind a flag."""
    args = {**_test_args(flag), **_group_args(flag["test"], flag["dimension"], str(flag["group"]))}
    return _with_window(args, _months(flag["test"], flag.get("window")))


def month_args() -> dict[str, str | int]:
    """Every stop of the month (a trend row: the month is the link's own)."""
    return dict(EVERY_STOP)


def one_month(args: Mapping[str, str | int]) -> dict[str, str | int]:
    """The same filters for one month only (a row of a flag's month-by-month table)."""
    return {name: value for name, value in args.items() if name != "months"}


def searched_args() -> dict[str, str | int]:
    """Every searched stop of the month (a row of the search-rate trend)."""
    return {**EVERY_STOP, "metric": "searched"}


def unit_args(unit: str, metric: str | None = None) -> dict[str, str | int]:
    """A unit's stops of the month (a compliance row), optionally only those with `metric`."""
    args: dict[str, str | int] = {**EVERY_STOP, "unit": unit}
    if metric:
        args["metric"] = metric
    return args


def basis_args(basis: str) -> dict[str, str | int]:
    """The month's stops under a legal basis with an action beyond it (a compliance row)."""
    return {**EVERY_STOP, "basis": basis, "metric": "extra_action"}


def scope_args(unit: str | None, area: str | None) -> dict[str, str]:
    """The report's own unit and area filters, carried over to the review list."""
    return {name: value for name, value in (("unit", unit), ("area", area)) if value}
