"""Disparity analysis for the supervisor report: pure functions, DataFrames in, rows out.

No database and no Flask: the app counts in SQL and hands over small count
tables (and row-level frames for veil_of_darkness and officer_benchmark).
"""

from .catalogue import (
    BURDEN_TESTS,
    DEFAULT_REFERENCE,
    PROPORTION_TESTS,
    REVIEW_TESTS,
    YIELD_TESTS,
)
from .counts import count_tables
from .flags import apply_flag_rule
from .officers import officer_benchmark, officer_benchmark_counts
from .poisson import stop_rate_vs_traffic, system_hit_rate_vs_traffic
from .proportions import (
    extra_actions_rate,
    force_rate,
    hit_rate,
    hit_triggered_share,
    hit_triggered_yield,
    no_further_action_rate,
    proportion_test,
    repeat_vehicle,
    search_rate,
)
from .report import DimensionInputs, ReportInputs, build_report
from .veil import veil_of_darkness

__all__ = [
    "BURDEN_TESTS",
    "DEFAULT_REFERENCE",
    "PROPORTION_TESTS",
    "REVIEW_TESTS",
    "YIELD_TESTS",
    "DimensionInputs",
    "ReportInputs",
    "apply_flag_rule",
    "build_report",
    "count_tables",
    "extra_actions_rate",
    "force_rate",
    "hit_rate",
    "hit_triggered_share",
    "hit_triggered_yield",
    "no_further_action_rate",
    "officer_benchmark",
    "officer_benchmark_counts",
    "proportion_test",
    "repeat_vehicle",
    "search_rate",
    "stop_rate_vs_traffic",
    "system_hit_rate_vs_traffic",
    "veil_of_darkness",
]
