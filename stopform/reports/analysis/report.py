"""Assemble the monthly report: the JSON object of stop-record.md §3."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import poisson, proportions
from .catalogue import (
    DEFAULT_REFERENCE,
    OFFICER_BENCHMARK,
    PROPORTION_TESTS,
    STOP_RATE_VS_TRAFFIC,
    SYSTEM_HIT_RATE_VS_TRAFFIC,
    VEIL_OF_DARKNESS,
)
from .flags import apply_flag_rule
from .officers import officer_benchmark, officer_benchmark_counts
from .rows import json_safe
from .veil import veil_of_darkness

Rows = list[dict[str, Any]]
PROPORTION_FUNCTIONS: dict[str, Callable[..., Rows]] = {name: getattr(proportions, name) for name in PROPORTION_TESTS}
ALWAYS = "plate_country"
DIMENSION_ORDER = ("plate_country", "driver_nationality", "perceived_origin")


@dataclass(frozen=True)
class DimensionInputs:
    """Everything the report needs for one group column.

    * ``counts``: test name (one of PROPORTION_TESTS) -> frame with ``group``, ``n``,
      ``events`` and optionally ``stratum``; a test without a frame is left out;
    * ``traffic``: ``group``, ``passages`` (may be fractional), ``stops``, optional
      ``hits`` and ``stratum`` (plate_country only, from the traffic CSV); ``hits``
      with any value adds ``system_hit_rate_vs_traffic``;
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
      group but the reference, e.g. all non-Dutch plates).
    """

    counts: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    traffic: pd.DataFrame | None = None
    veil_stops: pd.DataFrame | None = None
    veil_dates: tuple[dt.date, dt.date] | None = None
    veil_groups: tuple[str, ...] | None = None
    officer_stops: pd.DataFrame | None = None
    officer_counts: pd.DataFrame | None = None
    officer_studied_group: str | None = None


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


def _traffic_blocks(dimension: str, traffic: pd.DataFrame | None, reference: str) -> list[dict[str, Any]]:
    if traffic is None:
        return []
    blocks = [_block(STOP_RATE_VS_TRAFFIC, dimension, reference,
                     poisson.stop_rate_vs_traffic(traffic, reference=reference))]
    if "hits" in traffic.columns and traffic["hits"].notna().any():
        rows = poisson.system_hit_rate_vs_traffic(traffic, reference=reference)
        blocks.append(_block(SYSTEM_HIT_RATE_VS_TRAFFIC, dimension, reference, rows))
    return blocks


def _with_group(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    # Row-level frames may name the group column after the dimension (as the SQL layer does).
    if "group" in frame.columns or dimension not in frame.columns:
        return frame
    return frame.rename(columns={dimension: "group"})


def dimension_blocks(
    dimension: str, inputs: DimensionInputs, reference: str, areas: pd.DataFrame | None
) -> list[dict[str, Any]]:
    """All test blocks for one dimension, in report order, before the flag rule."""
    unknown = set(inputs.counts) - set(PROPORTION_FUNCTIONS)
    if unknown:
        raise ValueError(f"unknown count tests: {', '.join(sorted(unknown))}")
    blocks = _traffic_blocks(dimension, inputs.traffic, reference)
    for test in PROPORTION_TESTS:
        if test in inputs.counts:
            rows = PROPORTION_FUNCTIONS[test](inputs.counts[test], reference=reference)
            blocks.append(_block(test, dimension, reference, rows))
    if inputs.veil_stops is not None:
        if areas is None:
            raise ValueError("veil_of_darkness needs ReportInputs.areas (code, latitude, longitude)")
        rows = veil_of_darkness(_with_group(inputs.veil_stops, dimension), areas, reference=reference,
                                dates=inputs.veil_dates, groups=inputs.veil_groups)
        blocks.append(_block(VEIL_OF_DARKNESS, dimension, reference, rows))
    return blocks + _officer_blocks(dimension, inputs, reference)


def _officer_blocks(dimension: str, inputs: DimensionInputs, reference: str) -> list[dict[str, Any]]:
    studied = inputs.officer_studied_group
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


def build_report(inputs: ReportInputs, *, reference_groups: dict[str, str] | None = None) -> dict[str, Any]:
    """The report's JSON object (stop-record.md §3), JSON-safe (no NaN or inf).

    ``reference_groups`` maps dimension -> reference group; ``NL`` otherwise.
    """
    if ALWAYS not in inputs.dimensions:
        raise ValueError("the report always covers plate_country")
    references = reference_groups or {}
    tests: list[dict[str, Any]] = []
    for dimension in _ordered(inputs.dimensions):
        reference = references.get(dimension, DEFAULT_REFERENCE)
        tests += dimension_blocks(dimension, inputs.dimensions[dimension], reference, inputs.areas)
    flags = apply_flag_rule(tests)
    report = {
        "period": {"start": inputs.period_start.isoformat(), "end": inputs.period_end.isoformat()},
        "scope": {"unit": inputs.unit, "area": inputs.area},
        "n_stops": int(inputs.n_stops),
        "tests": tests,
        "flags": flags,
    }
    return json_safe(report)
