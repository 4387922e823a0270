"""Assemble the monthly report: the JSON object of docs/reports.md ("JSON")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pandas as pd

from . import disclosure, messages, poisson, proportions
from .catalogue import (
    DEFAULT_REFERENCE,
    OFFICER_BENCHMARK,
    PROPORTION_TESTS,
    SEARCH_BREAKDOWN_TESTS,
    STOP_RATE_VS_TRAFFIC,
    SYSTEM_HIT_RATE_VS_TRAFFIC,
    VEIL_OF_DARKNESS,
    YIELD_TESTS,
)
from .flags import apply_flag_rule
from .officer_groups import officer_group_blocks
from .officers import officer_benchmark, officer_benchmark_counts
from .rows import json_safe
from .searches import search_blocks
from .veil import veil_of_darkness
from .windows import available_windows, month_label, previous_month, windowed_rows

Rows = list[dict[str, Any]]
# Values of the traffic frame's optional ``trigger`` column, in report order.
TRIGGERS = ("officer_initiated", "hit_triggered")
BLOCK_VARIANTS = ("trigger", "measure", "studied_group", "basis")
PROPORTION_FUNCTIONS: dict[str, Callable[..., Rows]] = {name: getattr(proportions, name) for name in PROPORTION_TESTS}
ALWAYS = "plate_country"
DIMENSION_ORDER = ("plate_country", "driver_nationality", "perceived_origin")


@dataclass(frozen=True)
class DimensionInputs:
    """Everything the report needs for one group column.

    * ``counts``: test name (one of PROPORTION_TESTS) -> frame with ``group``, ``n``,
      ``events`` and optionally ``stratum`` and ``month`` (``YYYY-MM``: up to 13 months
      ending with the report month, for the 3- and 12-month windows and the standing
      check, see :mod:`.windows`); a test without a frame is left out;
    * ``traffic``: ``group``, ``passages`` (may be fractional), ``stops``, optional
      ``hits``, ``stratum`` and ``month`` (plate_country only, from the traffic CSV);
      ``hits`` with any value adds ``system_hit_rate_vs_traffic``; with a ``trigger``
      column (``officer_initiated`` / ``hit_triggered``, the stops split by
      ``triggered_by_hit`` beside the same passages) stop_rate_vs_traffic has a block per
      trigger, marked ``trigger``;
    * ``veil_stops``: 12 months of rows (``occurred_at``, ``area``, ``group``,
      ``triggered_by_hit``) for veil_of_darkness (needs ``ReportInputs.areas``);
    * ``veil_dates``, ``veil_groups``: when ``veil_stops`` holds only the stops near
      dusk, the first and last date and the groups of all the 12 months' stops
      (see :func:`.veil.veil_of_darkness`);
    * ``officer_stops``: 12 months of rows (``officer_ref``, ``area``, ``reason``,
      ``group``, ``time_band`` or ``occurred_at``) for officer_benchmark;
      in both row-level frames the group column may instead carry the dimension's name;
    * ``officer_counts``: instead of ``officer_stops``, those stops counted per
      officer and cell (see :func:`.officers.officer_benchmark_counts`);
    * ``officer_studied_group``: the group officers are benchmarked on (None: every
      group but the reference, e.g. all non-Dutch plates);
    * ``officer_groups``: stops per officer x cell x group with searches and extra actions
      (see :mod:`.officer_groups`): the benchmark per group and measure; it replaces
      ``officer_counts`` / ``officer_stops`` when given;
    * ``searches``: 12 months of searches per ``group`` x ``area`` x ``basis`` (the search's
      legal basis, None when unrecorded) with the catalogue's ``voluntary`` flag: ``searches``
      and ``found``, for the descriptive breakdown of :mod:`.searches`.
    """

    counts: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    traffic: pd.DataFrame | None = None
    veil_stops: pd.DataFrame | None = None
    veil_dates: tuple[dt.date, dt.date] | None = None
    veil_groups: tuple[str, ...] | None = None
    officer_stops: pd.DataFrame | None = None
    officer_counts: pd.DataFrame | None = None
    officer_studied_group: str | None = None
    officer_groups: pd.DataFrame | None = None
    searches: pd.DataFrame | None = None


@dataclass(frozen=True)
class ReportInputs:
    """The month's inputs: period, scope, stop count and per-dimension inputs.

    ``dimensions`` must contain ``plate_country``; ``driver_nationality`` and
    ``perceived_origin`` only where recorded. ``areas`` (``code``, ``latitude``,
    ``longitude``) is needed when any dimension has ``veil_stops``.
    """

    period_start: dt.date
    period_end: dt.date
    n_stops: int
    dimensions: Mapping[str, DimensionInputs]
    unit: str | None = None
    area: str | None = None
    areas: pd.DataFrame | None = None


def _block(test: str, dimension: str, reference: str, rows: Rows, **extra: Any) -> dict[str, Any]:
    return {"test": test, "dimension": dimension, "reference_group": reference, "rows": rows, **extra}


def _traffic_blocks(dimension: str, traffic: pd.DataFrame | None, reference: str,
                    window: tuple[str, tuple[int, ...]]) -> list[dict[str, Any]]:
    if traffic is None:
        return []
    month, windows = window
    stops = lambda frame: poisson.stop_rate_vs_traffic(frame, reference=reference)  # noqa: E731
    if "trigger" in traffic.columns:  # hit-triggered and officer-initiated stops apart
        parts = [(t, traffic[traffic["trigger"] == t].drop(columns="trigger")) for t in TRIGGERS
                 if (traffic["trigger"] == t).any()]
        blocks = [_block(STOP_RATE_VS_TRAFFIC, dimension, reference, windowed_rows(stops, part, month, windows),
                         trigger=trigger) for trigger, part in parts]
        traffic = parts[0][1]  # the passages and system hits are the same in each part
    else:
        blocks = [_block(STOP_RATE_VS_TRAFFIC, dimension, reference, windowed_rows(stops, traffic, month, windows))]
    if "hits" in traffic.columns and traffic["hits"].notna().any():
        hits = lambda frame: poisson.system_hit_rate_vs_traffic(frame, reference=reference)  # noqa: E731
        rows = windowed_rows(hits, traffic, month, windows)
        blocks.append(_block(SYSTEM_HIT_RATE_VS_TRAFFIC, dimension, reference, rows))
    return blocks


def _with_group(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    # Row-level frames may name the group column after the dimension (as the SQL layer does).
    if "group" in frame.columns or dimension not in frame.columns:
        return frame
    return frame.rename(columns={dimension: "group"})


def _frames(inputs: DimensionInputs) -> list[pd.DataFrame]:
    return [*inputs.counts.values(), *([inputs.traffic] if inputs.traffic is not None else [])]


def by_area(frame: pd.DataFrame) -> pd.DataFrame:
    """The outcome tests compare within areas only, months pooled (Pierson et al. 2020):
    searches are few, and splitting them by time band and month leaves most strata with one
    group only."""
    area = frame["stratum"].astype(str).str.split("|", n=1).str[0]
    keys = ["group", "stratum", *(["month"] if "month" in frame.columns else [])]
    return frame.assign(stratum=area).groupby(keys, as_index=False, sort=True)[["n", "events"]].sum()


def rate_blocks(dimension: str, inputs: DimensionInputs, reference: str, month: str) -> list[dict[str, Any]]:
    """The rate tests (traffic and count tables) of one dimension, each row on its window."""
    unknown = set(inputs.counts) - set(PROPORTION_FUNCTIONS)
    if unknown:
        raise ValueError(f"unknown count tests: {', '.join(sorted(unknown))}")
    window = (month, available_windows(_frames(inputs), month))
    blocks = _traffic_blocks(dimension, inputs.traffic, reference, window)
    for test in PROPORTION_TESTS:
        if test in inputs.counts:
            function = PROPORTION_FUNCTIONS[test]
            frame, outcome = inputs.counts[test], test in YIELD_TESTS and "stratum" in inputs.counts[test].columns
            frame = by_area(frame) if outcome else frame
            rows = windowed_rows(partial(function, reference=reference), frame, *window, pooled=outcome)
            blocks.append(_block(test, dimension, reference, rows))
    for block in blocks:
        for row in block["rows"]:
            row["comparison_note"] = messages.comparison_note(row)
    return blocks


def dimension_blocks(
    dimension: str, inputs: DimensionInputs, reference: str, areas: pd.DataFrame | None, month: str
) -> list[dict[str, Any]]:
    """All test blocks for one dimension, in report order, before the flag rule."""
    blocks = rate_blocks(dimension, inputs, reference, month)
    if inputs.searches is not None:
        blocks += search_blocks(_with_group(inputs.searches, dimension), dimension=dimension, reference=reference)
    if inputs.veil_stops is not None:
        if areas is None:
            raise ValueError("veil_of_darkness needs ReportInputs.areas (code, latitude, longitude)")
        rows = veil_of_darkness(_with_group(inputs.veil_stops, dimension), areas, reference=reference,
                                dates=inputs.veil_dates, groups=inputs.veil_groups)
        blocks.append(_block(VEIL_OF_DARKNESS, dimension, reference, [dict(r, window=12) for r in rows]))
    return blocks + _officer_blocks(dimension, inputs, reference)


def _officer_blocks(dimension: str, inputs: DimensionInputs, reference: str) -> list[dict[str, Any]]:
    studied = inputs.officer_studied_group
    if inputs.officer_groups is not None:
        return [_block(OFFICER_BENCHMARK, dimension, reference, [dict(r, window=12) for r in b["rows"]],
                       studied_group=b["studied_group"], measure=b["measure"])
                for b in officer_group_blocks(inputs.officer_groups, reference=reference)]
    if inputs.officer_counts is not None:
        rows = officer_benchmark_counts(inputs.officer_counts, studied_group=studied)
    elif inputs.officer_stops is not None:
        stops = _with_group(inputs.officer_stops, dimension)
        rows = officer_benchmark(stops, reference=reference, studied_group=studied)
    else:
        return []
    return [_block(OFFICER_BENCHMARK, dimension, reference, rows, studied_group=studied)]


def _ordered(dimensions: Mapping[str, DimensionInputs]) -> list[str]:
    known = [d for d in DIMENSION_ORDER if d in dimensions]
    return known + sorted(set(dimensions) - set(DIMENSION_ORDER))


def _previous_flags(inputs: ReportInputs, references: dict[str, str], month: str) -> set[tuple]:
    """(test, dimension, group, window) flagged by the same rule on the windows ending a month
    earlier: such a flag this month is standing, not new."""
    before = previous_month(month)
    tests: list[dict[str, Any]] = []
    for dimension in _ordered(inputs.dimensions):
        frames = _frames(inputs.dimensions[dimension])
        if not any("month" in f.columns and (f["month"].astype(str) == before).any() for f in frames):
            continue
        reference = references.get(dimension, DEFAULT_REFERENCE)
        tests += rate_blocks(dimension, inputs.dimensions[dimension], reference, before)
    return {(*_key(f, f["group"]), f["window"]) for f in apply_flag_rule(tests)}


def _key(item: dict[str, Any], group: str) -> tuple:
    return item["test"], item["dimension"], *(item.get(k) for k in BLOCK_VARIANTS), group


def _protect(tests: list[dict[str, Any]], flags: list[dict[str, Any]]) -> None:
    rows = {_key(block, row["group"]): (block, row) for block in tests for row in block["rows"]} if flags else {}
    for block in tests:
        if block["test"] not in SEARCH_BREAKDOWN_TESTS:  # protected together when built (.search_cells)
            disclosure.protect_block(block)
    for flag in flags:
        block, row = rows[_key(flag, flag["group"])]
        disclosure.protect_flag(flag, row)
        if flag.get("figures_withheld"):
            flag["message"] = messages.withheld_message(block, row)


def build_report(inputs: ReportInputs, *, reference_groups: dict[str, str] | None = None) -> dict[str, Any]:
    """The report's JSON object (docs/reports.md, "JSON"), JSON-safe (no NaN or inf).

    ``reference_groups`` maps dimension -> reference group; ``NL`` otherwise. Rows on a
    window longer than the month, flagged by the same rule a month earlier, are ``standing``.
    Small cells are withheld last (:mod:`.disclosure`).
    """
    if ALWAYS not in inputs.dimensions:
        raise ValueError("the report always covers plate_country")
    references = reference_groups or {}
    month = month_label(inputs.period_start.year, inputs.period_start.month)
    tests: list[dict[str, Any]] = []
    for dimension in _ordered(inputs.dimensions):
        reference = references.get(dimension, DEFAULT_REFERENCE)
        tests += dimension_blocks(dimension, inputs.dimensions[dimension], reference, inputs.areas, month)
    flags = apply_flag_rule(tests)
    standing = _previous_flags(inputs, references, month) if flags else set()
    for flag in flags:
        key = (*_key(flag, flag["group"]), flag["window"])
        if flag["window"] > 1 and key in standing:
            flag["status"] = "standing"
    _protect(tests, flags)
    report = {
        "period": {"start": inputs.period_start.isoformat(), "end": inputs.period_end.isoformat()},
        "scope": {"unit": inputs.unit, "area": inputs.area},
        "n_stops": int(inputs.n_stops),
        "tests": tests,
        "flags": flags,
    }
    return json_safe(report)
